"""Compliance findings and the change log between inventory revisions."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from api.deps import (
    DeclaredOnly,
    EngineDep,
    Read,
    Rendered,
    SettingsDep,
    answer,
    as_json,
    revalidate,
)
from api.problems import ERROR_RESPONSES, ApiProblem
from api.security import RecordsScope
from catalog.exports.formats import negotiate
from catalog.review.changes import InventoryDiff, diff_inventories
from catalog.review.changes.report import diff_markdown
from catalog.review.changes.revisions import MAX_REVISION, REVISION_PATTERN, commit_of
from catalog.review.compliance import RULES_FILE, Findings, rules
from catalog.review.compliance import findings as judge
from catalog.review.compliance.report import markdown

router = APIRouter(route_class=DeclaredOnly, tags=["review"], responses=ERROR_RESPONSES)

MARKDOWN: dict[str, dict[str, Any]] = {"text/markdown": {}}
DIFFS_AT_ONCE = 2  # diffs computed at the same time; main.py makes the gate
DIFF_RETRY_AFTER = 2


@router.get(
    "/findings",
    response_model=Findings,
    summary="Where the record and the notice fall short of GDPR, CCPA and PIPL",
    description="Runs the rule catalogue over the graph. Each finding has its rule, severity, "
    "legal reference, the facts involved, the policy sentences it rests on and a remedy; `rules` "
    "gives every rule's outcome. `Accept: text/markdown` gives the report as Markdown.",
    responses={200: {"content": MARKDOWN}},
)
async def findings(
    request: Request,
    response: Response,
    engine: EngineDep,
    settings: SettingsDep,
    _: RecordsScope,
    regime: Annotated[
        str | None,
        Query(max_length=40, description="gdpr, ccpa, pipl or coppa; all rules if omitted"),
    ] = None,
    as_of: Annotated[
        str | None,
        Query(
            max_length=10,
            description="Judge the notice as at this date, YYYY-MM-DD (default: today)",
            examples=["2026-11-24"],
            json_schema_extra={"format": "date"},
        ),
    ] = None,
) -> Response:
    path = settings.rules or RULES_FILE
    catalogue = rules(path)
    try:
        day = dt.date.fromisoformat(as_of) if as_of is not None else dt.date.today()
    except ValueError:
        raise ApiProblem(422, f"as_of: {as_of!r} is not a date") from None
    store = engine.store
    graph = store.fingerprint() if store.immutable else await run_in_threadpool(store.fingerprint)
    # The answer changes with the graph, the rule catalogue and (for the notice's age) the day.
    etag = revalidate(
        request, response, f"{graph}|{path}:{len(catalogue)}:{path.stat().st_mtime_ns}|{day}"
    )
    wants_markdown = _wants_markdown(request)

    def render(result: Findings) -> Rendered:
        if wants_markdown:
            disposition = {"Content-Disposition": 'inline; filename="findings.md"'}
            return markdown(result).encode(), "text/markdown; charset=utf-8", disposition
        return as_json(result)

    read = Read(request, engine, etag, scope="records")
    return await answer(read, lambda: judge(engine, regime, day, path), render)


@router.get(
    "/diff",
    response_model=InventoryDiff,
    summary="What changed in the inventory between two git revisions",
    description="`from` and `to` are git revisions (branch, tag, commit, `HEAD~1`) of the repository "
    "holding the served inventory; without `to`, the inventory as it is on disk. Material changes "
    "(a new sale or share, third country, sensitive category, or recipient of sensitive data) are "
    "listed first. `Accept: text/markdown` gives the change log as Markdown. Folders cannot be "
    "named over HTTP.",
    responses={200: {"content": MARKDOWN}},
)
async def diff(
    request: Request,
    response: Response,
    settings: SettingsDep,
    _: RecordsScope,
    from_: Annotated[
        str,
        Query(
            alias="from",
            max_length=MAX_REVISION,
            pattern=REVISION_PATTERN,
            description="A git revision: branch, tag, commit or e.g. HEAD~1",
            examples=["HEAD~1"],
        ),
    ],
    to: Annotated[
        str | None,
        Query(
            # (as long as `from` may be: a longer name is refused, so the schema says so)
            max_length=MAX_REVISION,
            pattern=REVISION_PATTERN,
            description="A git revision; default: the inventory on disk",
        ),
    ] = None,
) -> Response:
    inventory = settings.inventory

    def version() -> str:
        # Revisions resolve to commits, so a moving name (HEAD) changes the tag when it moves.
        new = commit_of(inventory, to) if to else _folder_version(inventory)
        return f"{commit_of(inventory, from_)}|{new}"

    etag = revalidate(request, response, await run_in_threadpool(version))
    gate: threading.BoundedSemaphore = request.app.state.diffs_at_once

    def compute() -> InventoryDiff:
        # git archive and two graph builds: a few at once, the others asked to come back.
        if not gate.acquire(blocking=False):
            raise ApiProblem(
                503,
                "other inventory diffs are being computed; try again shortly",
                {"Retry-After": str(DIFF_RETRY_AFTER)},
            )
        try:
            return diff_inventories(
                from_, to, inventory, allow_folders=False, max_file_bytes=settings.max_file_bytes
            )
        finally:
            gate.release()

    def render(report: InventoryDiff) -> Rendered:
        if _wants_markdown(request):
            disposition = {"Content-Disposition": 'inline; filename="changes.md"'}
            return diff_markdown(report).encode(), "text/markdown; charset=utf-8", disposition
        return as_json(report)

    # Kept like every answer, under an ETag made of the commits both revisions resolve to.
    read = Read(request, request.app.state.engine, etag, scope="records")
    return await answer(read, compute, render)


def _wants_markdown(request: Request) -> bool:
    offered = ["application/json", "text/markdown"]
    return negotiate(request.headers.get("accept"), offered) == "text/markdown"


def _folder_version(root: Path) -> str:
    """Changes whenever a file of the folder does (names, sizes, modification times)."""
    stamps = sorted(
        (p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in root.iterdir() if p.is_file()
    )
    return repr(stamps)
