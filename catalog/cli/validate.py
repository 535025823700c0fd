"""`datamap validate`: the inventory checked in full, or its citations against a revised policy."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from catalog.cli.state import JsonFlag, State, state_of
from catalog.errors import BadRequest
from catalog.model.problems import InventoryInvalid


def validate(
    ctx: typer.Context,
    as_json: JsonFlag = False,
    policy: Annotated[
        Path | None,
        typer.Option(
            "--policy",
            help="A revised policy text: list every fact whose quote it no longer holds "
            "(exit 1 if any).",
        ),
    ] = None,
) -> None:
    """Check the inventory: schema, references, duplicate ids, and every quote verbatim."""
    # The loader and its models are imported by the commands that load in full.
    from catalog.loading.validation import check_inventory, entry_citations

    state = state_of(ctx)
    root = state.settings.inventory
    if policy is not None:
        _drift(state, policy, as_json)
        return
    inventory, problems = check_inventory(root, max_file_bytes=state.settings.max_file_bytes)
    if as_json:
        state.json(
            {
                "valid": not problems,
                "inventory": str(root),
                "entries": len(inventory.entries) if inventory else 0,
                "problems": [p.as_dict() for p in problems],
            }
        )
    if problems:
        raise InventoryInvalid(problems)
    if not as_json and inventory is not None:
        cited = [c for entry in inventory.entries.values() for _, c in entry_citations(entry)]
        # "distinct policy sentences" as the pack and its provenance appendix count them
        sentences = len({(c.section, c.quote) for c in cited})
        state.out.print(
            f"{root}: valid. {len(inventory.entries)} entries; {len(cited)} quotes of "
            f"{sentences} distinct policy sentences, every one verbatim in "
            f"{inventory.meta.title} (last updated "
            f"{inventory.meta.last_updated or 'not stated'})."
        )


def _drift(state: State, policy: Path, as_json: bool) -> None:
    # The drift check, only for --policy.
    from catalog.review.changes import drift
    from catalog.review.changes.report import drift_terminal

    if not policy.is_file():
        raise BadRequest(f"no policy text at {policy}")
    from catalog.loading.validation import load_inventory

    inventory = load_inventory(
        state.settings.inventory, max_file_bytes=state.settings.max_file_bytes
    )
    report = drift(inventory, policy)
    state.emit(report, as_json, drift_terminal)
    if report.entries_to_review:
        raise typer.Exit(1)
