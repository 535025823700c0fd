"""`datamap dev-server`: a local Bolt server for development and tests.

Neo4j itself is not installable on these machines; ArcadeDB is, from PyPI (`arcadedb-embedded`
bundles a JRE, the server and its Bolt plugin) and answers the official driver as "Neo4j/5.26.0
compatible". The server listens on loopback only, keeps its data (and its Java logs) under
`--data`, creates the database on first start, prints the connection settings, then `ready`.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog.errors import DatamapError

BOLT_PLUGIN = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"
HOST = "127.0.0.1"
LOG_PROPERTIES = """\
handlers = java.util.logging.FileHandler
.level = INFO
io.undertow.level = WARNING
org.xnio.level = WARNING
java.util.logging.FileHandler.pattern = {pattern}
java.util.logging.FileHandler.limit = 10000000
java.util.logging.FileHandler.count = 2
java.util.logging.FileHandler.formatter = java.util.logging.SimpleFormatter
"""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def stop_process(process: subprocess.Popen[Any], timeout: float) -> None:
    """Ask a child process to stop (SIGTERM); kill it if it has not within `timeout` seconds."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=30)


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        return s.connect_ex((HOST, port)) == 0


def serve(
    *,
    port: int,
    data: Path,
    database: str,
    user: str,
    password: str,
    http_port: int | None = None,
    heap: str = "2g",
    say: Callable[[str], None] = print,
    stop: threading.Event | None = None,
) -> None:
    """Run the server until SIGINT/SIGTERM (or `stop` is set)."""
    if user != "root":
        raise DatamapError("the ArcadeDB dev server's user is 'root'")
    if len(password) < 8:
        raise DatamapError("the dev server's password must have at least 8 characters")
    if port_in_use(port):
        raise DatamapError(f"port {port} on {HOST} is already in use; choose another with --port")
    try:  # the optional `devserver` extra, with its JRE: only this command needs it
        from arcadedb_embedded.server import ArcadeDBServer
    except ImportError:
        raise DatamapError(
            "the dev server needs the arcadedb-embedded package: pip install -e '.[devserver]'"
        ) from None
    data = data.resolve()
    data.mkdir(parents=True, exist_ok=True)
    logging = data / "java-logging.properties"
    logging.write_text(LOG_PROPERTIES.format(pattern=(data / "arcadedb.%g.log").as_posix()))
    # The JVM starts on first use and reads its options from here, once per process.
    os.environ["ARCADEDB_JVM_ARGS"] = f"-Djava.util.logging.config.file={logging} -Xmx{heap}"
    http_port = http_port or free_port()
    server = ArcadeDBServer(
        root_path=str(data / "server"),
        root_password=password,
        config={
            "host": HOST,
            "http_port": http_port,
            "server_plugins": BOLT_PLUGIN,
            "bolt_port": port,
        },
    )
    stop = stop or threading.Event()
    previous = {
        sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        server.start()
        ensure_database(http_port, password, database)
        say(f"DATAMAP_NEO4J_URI=bolt://{HOST}:{port}")
        say(f"DATAMAP_NEO4J_USER={user}")
        say(f"DATAMAP_NEO4J_PASSWORD={password}")
        say(f"DATAMAP_NEO4J_DATABASE={database}")
        say(f"# ArcadeDB HTTP API on http://{HOST}:{http_port}, data and logs in {data}")
        say("ready")
        stop.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        server.stop()
        say("stopped")


def ensure_database(http_port: int, password: str, database: str) -> None:
    """Create the database over ArcadeDB's HTTP API unless it exists."""
    existing = _http(http_port, password, "GET", "/api/v1/databases")
    if database in (existing.get("result") or []):
        return
    _http(http_port, password, "POST", "/api/v1/server", {"command": f"create database {database}"})


def _http(
    port: int, password: str, method: str, path: str, body: dict[str, Any] | None = None
) -> dict[str, Any]:
    auth = base64.b64encode(f"root:{password}".encode()).decode()
    request = urllib.request.Request(
        f"http://{HOST}:{port}{path}",
        data=json.dumps(body).encode() if body is not None else None,
        method=method,
        headers={"Authorization": f"Basic {auth}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode(errors="replace")[:300]
        raise DatamapError(f"ArcadeDB refused {method} {path}: {exc.code} {detail}") from None


# -- running one in the background (tests, benchmarks) -------------------------------------------


@dataclass
class Spawned:
    """A `datamap dev-server` started in its own process, and the settings it printed."""

    process: subprocess.Popen[str]
    data: Path
    settings: dict[str, str] = field(default_factory=dict)
    output: list[str] = field(default_factory=list)

    @property
    def uri(self) -> str:
        return self.settings["DATAMAP_NEO4J_URI"]

    @property
    def http_port(self) -> int | None:
        found = re.search(r"HTTP API on http://[\d.]+:(\d+)", "\n".join(self.output))
        return int(found.group(1)) if found else None

    def kill(self) -> None:
        """Stop at once, as a crash would (SIGKILL: no clean shutdown)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)

    def stop(self) -> None:
        stop_process(self.process, timeout=60)


def spawn(
    data: Path, port: int | None = None, *, heap: str = "1g", timeout: float = 180.0
) -> Spawned:
    """Start `datamap dev-server` in a new process and wait for it to say `ready`; a server
    that does not start raises DatamapError with the end of its output."""
    port = port or free_port()
    data.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "catalog", "dev-server", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--data", str(data), "--heap", heap],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=data,
    )
    server = Spawned(process=process, data=data)
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            server.output.append(line.rstrip())
            lines.put(line.rstrip())
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        try:
            line = lines.get(timeout=max(remaining, 0.1))
        except queue.Empty:
            line = ""
        if line == "ready":
            return server
        if line is None or remaining <= 0:
            server.kill()
            raise DatamapError(
                "datamap dev-server did not start:\n" + "\n".join(server.output[-40:])
            )
        if line and line.startswith("DATAMAP_NEO4J_") and "=" in line:
            key, value = line.split("=", 1)
            server.settings[key] = value
