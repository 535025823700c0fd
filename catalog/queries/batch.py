"""Many category-to-recipient flows checked at once: a gate engineers put in CI."""

from __future__ import annotations

from collections.abc import Iterable

from catalog.errors import Ambiguous, NotFound
from catalog.model.results import FlowChecked, FlowsChecked
from catalog.queries.engine import QueryEngine
from catalog.queries.flows import CHECK

MAX_FLOWS = 1000


def check_flows(engine: QueryEngine, flows: Iterable[tuple[str, str]]) -> FlowsChecked:
    """Each flow's verdict (named, general or none); a name that is not found, or fits several
    entries, is that flow's error, not the batch's."""
    checked: list[FlowChecked] = []
    for category, recipient in flows:
        try:
            answer = engine.ask(CHECK, category=category, recipient=recipient)
        except (NotFound, Ambiguous) as exc:
            checked.append(
                FlowChecked(category=category, recipient=recipient, verdict=None, error=exc.message)
            )
            continue
        checked.append(
            FlowChecked(
                category=category, recipient=recipient, verdict=answer.verdict, answer=answer
            )
        )
    return FlowsChecked(
        flows=checked,
        named=sum(1 for f in checked if f.verdict == "named"),
        general=sum(1 for f in checked if f.verdict == "general"),
        none=sum(1 for f in checked if f.verdict == "none"),
        unknown=sum(1 for f in checked if f.verdict is None),
    )


def passes(result: FlowsChecked, *, strict: bool = False) -> bool:
    """A gate: no flow the policy does not cover (nor, with `strict`, one only a general
    statement covers), and no flow naming what the inventory does not hold."""
    return not (result.none or result.unknown or (strict and result.general))
