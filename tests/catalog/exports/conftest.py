"""The regulator pack, exported once per test session the way a user exports it: with
`datamap export pack -o pack.zip`, then unzipped, so that one build checks the command, the zip
and every file in it."""

from __future__ import annotations

import io
import zipfile
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from catalog.cli import run


@dataclass(frozen=True)
class ExportedPack:
    code: int
    err: str
    zip: Path
    folder: Path  # the zip's content


@pytest.fixture(scope="session")
def exported_pack(tmp_path_factory: pytest.TempPathFactory) -> ExportedPack:
    out = tmp_path_factory.mktemp("pack")
    target = out / "pack.zip"
    err = io.StringIO()
    with redirect_stderr(err), redirect_stdout(io.StringIO()):
        code = run(["export", "pack", "-o", str(target)])
    assert code == 0, err.getvalue()
    with zipfile.ZipFile(target) as zf:
        zf.extractall(out / "unzipped")
    return ExportedPack(code, err.getvalue(), target, out / "unzipped" / "pack")


@pytest.fixture(scope="session")
def pack(exported_pack: ExportedPack) -> Path:
    return exported_pack.folder
