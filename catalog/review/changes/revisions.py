"""Each side of a diff: an inventory folder, or the inventory folder as it was at a git revision.

A revision is read with `git archive` into a temporary folder, so the working tree is never
touched. Revisions are checked as names (`--end-of-options`, a strict pattern) before git sees
them: the API passes user input here.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from catalog.errors import BadRequest, DatamapError

# A commit id, branch or tag name, then any `~N` / `^N` steps back: nothing that git would
# read as an option, a range (`..`), a reflog entry (`HEAD@{0}`) or a search (`HEAD^{/word}`).
# Dots and slashes only between name characters (no `..`, `//` or trailing dot).
_NAME = r"[A-Za-z0-9][A-Za-z0-9_+-]*(?:[./][A-Za-z0-9_+-]+)*"
REVISION_PATTERN = rf"^{_NAME}(?:[~^][0-9]{{0,4}})*$"
_REVISION = re.compile(REVISION_PATTERN)
MAX_REVISION = 200
GIT_TIMEOUT = 30


class RevisionNotFound(DatamapError):
    exit_code = 2
    http_status = 404


@dataclass(frozen=True)
class Side:
    label: str
    root: Path
    revision: str | None = None
    commit: str | None = None
    shown_as: str | None = None  # how to name the root in messages, e.g. "HEAD~1:inventory"

    @property
    def folder(self) -> str | None:
        return None if self.revision else str(self.root)


def check_revision(revision: str) -> str:
    if len(revision) > MAX_REVISION or not _REVISION.match(revision):
        raise BadRequest(
            f"{revision!r} is not a git revision name (a branch, tag, commit or e.g. HEAD~1)"
        )
    return revision


@contextmanager
def open_side(spec: str, inventory: Path, *, allow_folders: bool = True) -> Iterator[Side]:
    """The inventory `spec` names: a folder (when allowed), else a revision of the repository
    that holds `inventory`, read at the same path inside it."""
    if allow_folders and Path(spec).is_dir():
        yield Side(label=spec, root=Path(spec))
        return
    revision = check_revision(spec)
    repo, relative = _repository(inventory)
    commit = resolve(repo, revision)
    with tempfile.TemporaryDirectory(prefix="datamap-rev-") as tmp:
        root = Path(tmp) / "tree"
        _extract(repo, commit, relative, root)
        folder = root / relative
        if not folder.is_dir() or not any(folder.iterdir()):
            raise RevisionNotFound(f"revision {revision} ({commit[:12]}) has no {relative}/ folder")
        yield Side(
            label=revision,
            root=folder,
            revision=revision,
            commit=commit,
            shown_as=f"{revision}:{relative.as_posix()}",
        )


def _git(repo: Path, *args: str, binary: bool = False) -> subprocess.CompletedProcess:
    git = shutil.which("git")
    if git is None:
        raise DatamapError("git is needed to read a revision, and it is not installed")
    return subprocess.run(
        [git, "-C", str(repo), *args],
        capture_output=True,
        text=not binary,
        timeout=GIT_TIMEOUT,
        check=False,
    )


def _repository(inventory: Path) -> tuple[Path, Path]:
    folder = inventory.resolve()
    done = _git(folder, "rev-parse", "--show-toplevel") if folder.is_dir() else None
    if done is None or done.returncode != 0:
        raise RevisionNotFound(
            f"the inventory {inventory} is not in a git repository, so revisions cannot be read; "
            "give folders instead"
        )
    repo = Path(done.stdout.strip())
    return repo, folder.relative_to(repo.resolve())


def resolve(repo: Path, revision: str) -> str:
    done = _git(
        repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
    )
    if done.returncode != 0:
        raise RevisionNotFound(f"no folder or git revision {revision!r}")
    return done.stdout.strip()


def commit_of(inventory: Path, revision: str) -> str:
    """The commit a revision names, for cache keys (BadRequest or RevisionNotFound otherwise)."""
    repo, _ = _repository(inventory)
    return resolve(repo, check_revision(revision))


def _extract(repo: Path, commit: str, relative: Path, target: Path) -> None:
    done = _git(repo, "archive", "--format=tar", commit, "--", str(relative), binary=True)
    if done.returncode != 0:
        raise RevisionNotFound(f"revision {commit[:12]} has no {relative}/ folder")
    target.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as tar:
        tar.extractall(target, filter="data")
