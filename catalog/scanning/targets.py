"""Many databases in one run: `datamap scan --targets FILE --jobs N`.

FILE lists one database a line, as a URL or as an id and a URL:

    # the shop's databases
    sqlite:///exports/shop.db
    crm      postgresql://reader:${CRM_PASSWORD}@db.internal/crm
    billing  mysql+pymysql://reader@billing.internal/billing

Blank lines and lines starting with `#` are skipped. A line whose first word is a URL (it holds
`://`, or starts `sqlite:`) is all URL, spaces included; otherwise the first word is the
target's id and the rest of the line its URL. `${NAME}` is replaced by the environment variable
NAME, so that passwords stay out of the file (its value goes in as it is: percent-encode what a
URL cannot hold); an unset variable is that target's error. Ids are unique; with `--write`
every target needs one, and it names the system the target's fields are written to.

Each target is scanned on its own engine, `jobs` at a time (threads: a scan mostly waits on its
database); a target that fails is reported with its error and the others go on.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from catalog.errors import BadRequest, DatamapError
from catalog.model.results import ScanReport
from catalog.scanning.database import DEFAULT_SAMPLE, public_url, scan_database

_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_USER_INFO = re.compile(r"(://)[^@/]*@")
_MAX_FILE = 1_000_000  # bytes: a list of databases, not a dump


@dataclass(frozen=True)
class Target:
    line: int
    id: str | None
    url: str = field(repr=False)  # as expanded: may hold a password, never shown
    shown: str  # the URL without credentials, as a report may print it
    problem: str | None = None  # what is wrong with the line itself (an unset variable)
    secrets: tuple[str, ...] = field(default=(), repr=False)  # values to keep out of messages

    @property
    def label(self) -> str:
        return f"{self.id} ({self.shown})" if self.id else self.shown

    def scrub(self, text: str) -> str:
        """A message without the values the environment put into the URL."""
        return scrub(text, self.secrets)


@dataclass
class TargetResult:
    target: Target
    report: ScanReport | None = None
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # what the caller adds (changes written)

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.target.id,
            "url": self.target.shown,
            "ok": self.ok,
            "error": self.error,
            "report": self.report.to_json() if self.report is not None else None,
            **self.extra,
        }


def read_targets(path: Path, environ: dict[str, str] | None = None) -> list[Target]:
    """The targets a file lists. A file that cannot be read, lists nothing, or names an id twice
    is an error (BadRequest); a line's own problem stays with its target."""
    env = os.environ if environ is None else environ
    if not path.is_file():
        raise BadRequest(f"no targets file {path}")
    try:
        if path.stat().st_size > _MAX_FILE:
            raise BadRequest(f"{path} is larger than {_MAX_FILE} bytes: not a list of databases")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise BadRequest(f"{path} is not UTF-8 text") from None
    except OSError as exc:
        raise BadRequest(f"cannot read {path}: {exc.strerror or exc}") from None
    targets: list[Target] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        first, _, rest = line.replace("\t", " ").partition(" ")
        if "://" in first or first.startswith("sqlite:"):
            target_id, url_text = None, line
        else:
            target_id, url_text = first, rest.strip()
            if not url_text:
                raise BadRequest(f"{path}:{number}: {first!r} has no database URL after it")
            if target_id in seen:
                raise BadRequest(
                    f"{path}:{number}: the id {target_id!r} is on line {seen[target_id]} already"
                )
            seen[target_id] = number
        targets.append(_target(number, target_id, url_text, env))
    if not targets:
        raise BadRequest(f"{path} lists no database (one URL, or an id and a URL, a line)")
    return targets


def expand(text: str, env: Mapping[str, str]) -> tuple[str, tuple[str, ...], list[str]]:
    """`${NAME}` replaced by the environment's value: the text, the values put in (secrets to
    keep out of messages, longest first so that one holding another is scrubbed whole), and the
    names not set (left as written)."""
    names = [m.group(1) for m in _VARIABLE.finditer(text)]
    secrets = tuple(sorted({env[n] for n in names if env.get(n)}, key=len, reverse=True))
    expanded = _VARIABLE.sub(lambda m: env.get(m.group(1), m.group(0)), text)
    return expanded, secrets, [n for n in names if n not in env]


def scrub(text: str, secrets: Iterable[str]) -> str:
    """`text` with each secret written as ***."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


def _target(number: int, target_id: str | None, text: str, env: Any) -> Target:
    expanded, secrets, missing = expand(text, env)
    try:
        shown = public_url(make_url(expanded))
    except (ArgumentError, ValueError):
        # as written, but without a variable's value or what stands before an "@"
        shown = _USER_INFO.sub(r"\1***@", _VARIABLE.sub("***", text))
    problem = (
        f"line {number}: {', '.join('${' + m + '}' for m in missing)} not set" if missing else None
    )
    return Target(number, target_id, expanded, shown, problem, secrets)


def scan_targets(
    targets: list[Target],
    *,
    jobs: int = 1,
    sample: int = DEFAULT_SAMPLE,
    schemas: list[str] | None = None,
    tables: list[str] | None = None,
    scan: Callable[..., ScanReport] = scan_database,
) -> list[TargetResult]:
    """Every target scanned, `jobs` at a time, in the file's order; each result holds its
    report or its error (one line, no password)."""
    if jobs < 1:
        raise BadRequest("--jobs must be 1 or more")

    def one(target: Target) -> TargetResult:
        if target.problem is not None:
            return TargetResult(target, error=target.problem)
        try:
            report = scan(target.url, sample=sample, schemas=schemas, tables=tables)
        except DatamapError as exc:
            return TargetResult(target, error=target.scrub(_one_line(exc.message)))
        except Exception as exc:  # one database's surprise is not the others' end
            reason = _one_line(f"{type(exc).__name__}: {exc}")
            return TargetResult(target, error=target.scrub(f"unexpected {reason}"))
        return TargetResult(target, report=report)

    # Warnings filters are process-wide: set once here, not by each scan's thread.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if jobs == 1 or len(targets) == 1:
            return [one(t) for t in targets]
        with ThreadPoolExecutor(max_workers=min(jobs, len(targets))) as pool:
            return list(pool.map(one, targets))


def _one_line(text: str) -> str:
    lines = [s for s in str(text).strip().splitlines() if s.strip()]
    return lines[0].strip() if lines else "failed"
