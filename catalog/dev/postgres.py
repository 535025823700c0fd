"""A throwaway PostgreSQL server from Debian's `postgresql` package, for the tests and the
benchmarks: `initdb` and `pg_ctl` on a free port in a temporary folder, removed afterwards.

PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user (the
package creates it); otherwise as the current user. Nothing listens beyond 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    pass


def find_bin() -> Path:
    """The newest installed server's bin folder (Debian installs them side by side)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: p.parts[-3])
    on_path = shutil.which("initdb")
    if found:
        return found[-1].parent
    if on_path:
        return Path(on_path).parent
    raise PostgresUnavailable(
        "PostgreSQL is not installed (initdb not found): apt-get install -y postgresql"
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Postgres:
    folder: Path
    port: int
    bin: Path
    as_user: str | None

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def database_url(self, name: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = list(args)
        if self.as_user:
            cmd = ["runuser", "-u", self.as_user, "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, check=check, timeout=120)

    def create_database(self, name: str) -> str:
        self._run(
            str(self.bin / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            name,
        )
        return self.database_url(name)

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._run(
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.folder / "data"),
                "-m",
                "immediate",
                "stop",
                check=False,
            )
        shutil.rmtree(self.folder, ignore_errors=True)


def start_postgres(timeout: float = 60.0) -> Postgres:
    """A running server with a `postgres` superuser that trusts connections from 127.0.0.1."""
    bin_dir = find_bin()
    as_user = "postgres" if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="datamap-pg-"))
    if as_user:
        shutil.chown(folder, user=as_user)
    pg = Postgres(folder, _free_port(), bin_dir, as_user)
    data = folder / "data"
    try:
        pg._run(
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        )
        options = f"-p {pg.port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        pg._run(
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(folder / "log"),
            "-w",
            "-t",
            str(int(timeout)),
            "start",
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        log = (
            (folder / "log").read_text(errors="replace")[-2000:]
            if (folder / "log").exists()
            else ""
        )
        detail = getattr(exc, "stderr", "") or str(exc)
        pg.stop()
        raise PostgresUnavailable(f"PostgreSQL did not start: {detail}\n{log}") from None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", pg.port), 1):
            return pg
        time.sleep(0.1)
    pg.stop()
    raise PostgresUnavailable("PostgreSQL started but does not accept connections")
