"""Pieces: the parts of answers that depend on one node and its neighbours alone.

A recipient's summary and a disclosure (but for the categories a question matched) recur in
answer after answer, so each is made once per graph and kept on it (Graph.pieces): on first
use, or all at once before a server's first request (`prepare`), so that no answer is faster or
slower for coming first. A sync writes them to Neo4j beside each disclosure (`stored_pieces`),
so that a question asked there reads them rather than walking every disclosure's neighbours;
both stores answer from the same pieces. Pieces are shared between answers: whoever puts one
in an answer copies what it changes. Plain data only: nothing here imports pydantic.
"""

from __future__ import annotations

from typing import Any

from catalog.graph.view import GraphView
from catalog.model.answer_data import (
    KEPT,
    CitationData,
    DisclosureData,
    RecipientSummaryData,
    RefData,
    empty_values,
)
from catalog.model.kinds import Label, Rel
from catalog.model.taxonomy import RECIPIENT_ROLE_LABELS, RecipientRole


def plain_cites(raw: list[dict[str, str]] | None) -> list[CitationData]:
    """Citations as plain data, in Citation's field order (a store may hold them either way)."""
    return [{"section": c["section"], "quote": c["quote"]} for c in raw or ()]


def role_label(view: GraphView, rid: str) -> str:
    """The recipient's role in words: "Service provider / processor", "Third party", ..."""
    return RECIPIENT_ROLE_LABELS[RecipientRole(view.node(rid)["role"])]


def _kept(view: GraphView, kind: str) -> dict[str, Any]:
    pieces = view.g.pieces
    found = pieces.get(kind)
    if found is None:
        found = pieces[kind] = {}
    return found


def recipient_summary_data(view: GraphView, rid: str) -> RecipientSummaryData:
    """A recipient as plain data (shared: copy to change)."""
    kept: dict[str, RecipientSummaryData] = _kept(view, "recipient")
    found = kept.get(rid)
    if found is None:
        n = view.node(rid)
        found = kept[rid] = {
            "id": rid,
            "name": view.name(rid),
            "role": n["role"],
            "role_label": role_label(view, rid),
            "functions": [f["text"] for f in n.get("functions", [])],
            "dpv": n.get("dpv"),
            "description": n.get("description"),
        }
    return found


def disclosure_piece(view: GraphView, did: str) -> DisclosureData:
    """A disclosure but for its categories, kept; neighbour lists come in answer order from the
    graph, and the references are the graph's own (Graph.refs)."""
    g = view.g
    refs = g.refs
    n = g.nodes[did]
    found = g.into(did, Rel.DISCLOSES)
    activity = found[0] if found else None
    recipient = next(iter(g.out(did, Rel.TO)), None)
    unknown: RefData = {"id": "", "name": "(unknown)"}
    piece: DisclosureData = {
        "id": did,
        "name": n.get("name", did),
        "activity": refs[activity] if activity else None,
        "general": bool(n.get("general", False)),
        "recipient": refs[recipient] if recipient else unknown,
        "categories": None,  # the question's: see disclosure_data
        "purposes": [refs[x] for x in g.out(did, Rel.FOR_PURPOSE)],
        "contexts": [refs[x] for x in (g.out(activity, Rel.COLLECTS_VIA) if activity else ())],
        "sale": bool(n.get("sale", False)),
        "share": bool(n.get("share", False)),
        "sale_sources": plain_cites(n.get("sale_sources")),
        "share_sources": plain_cites(n.get("share_sources")),
        "sale_inferred": n.get("sale_inferred"),
        "share_inferred": n.get("share_inferred"),
        "inferred": n.get("inferred"),
        "sources": plain_cites(n.get("sources")),
    }
    _kept(view, "disclosure")[did] = piece
    return piece


def prepare(view: GraphView) -> None:
    """Every piece of the graph made now, before anyone waits for an answer (a server's start)."""
    for rid in view.of_label(Label.Recipient):
        recipient_summary_data(view, rid)
    kept = _kept(view, "disclosure")
    for did in view.of_label(Label.Disclosure):
        if did not in kept:
            disclosure_piece(view, did)


# A piece as a sync stores it leaves out its id (the entry names it) and every field holding
# its type's empty value (answer_data.empty_values): a question reads a stored disclosure per
# disclosure of the category, and these would travel in every one.
_STORED_FIELDS: dict[str, dict[str, Any]] = {
    "disclosure": empty_values(DisclosureData),
    "recipient": empty_values(RecipientSummaryData),
}
# The kinds of piece stored_pieces writes.
STORED_KINDS = tuple(_STORED_FIELDS)


def stored_pieces(view: GraphView) -> dict[str, dict[str, Any]]:
    """What a sync writes beside each disclosure, for a store to read a disclosure's part of an
    answer from one property rather than walking its neighbours: the categories it is `of`
    (and, in `inferred`, the OF relationships' `inferred` where set), and the `pieces` an
    answer naming it reads as [kind, id, piece], its own first and then its recipient's (a
    recipient's change rewrites its disclosures), each without what `unstored` restores."""
    prepare(view)
    g = view.g
    recipients = g.pieces["recipient"]
    out: dict[str, dict[str, Any]] = {}
    for did, piece in g.pieces["disclosure"].items():
        entries: list[list[Any]] = [["disclosure", did, _stored("disclosure", piece)]]
        rid = piece["recipient"]["id"]
        if rid:
            entries.append(["recipient", rid, _stored("recipient", recipients[rid])])
        of = g.out(did, Rel.OF)
        stored: dict[str, Any] = {"of": list(of), "pieces": entries}
        inferred = {c: e["inferred"] for c, e in of.items() if e.get("inferred") is not None}
        if inferred:
            stored["inferred"] = inferred
        out[did] = stored
    return out


def _stored(kind: str, piece: dict[str, Any]) -> dict[str, Any]:
    fields = _STORED_FIELDS[kind]
    if list(piece) != list(fields):  # caught by the sync's tests, never by a reader
        raise ValueError(f"a {kind} piece's fields are not its shape's (answer_data.py)")
    return {k: v for k, v in piece.items() if k != "id" and (fields[k] is KEPT or v != fields[k])}


def unstored(stored: dict[str, Any]) -> tuple[list[tuple[str, Any]], list[list[Any]]]:
    """A disclosure as stored_pieces wrote it: its categories as (category, the OF
    relationship's `inferred`), and its [kind, id, piece] entries with every field restored."""
    inferred = stored.get("inferred") or {}
    entries = []
    for kind, pid, kept in stored["pieces"]:
        piece = {}
        for k, default in _STORED_FIELDS[kind].items():
            if k in kept:
                piece[k] = kept[k]
            else:
                piece[k] = pid if k == "id" else ([] if type(default) is list else default)
        entries.append([kind, pid, piece])
    return [(c, inferred.get(c)) for c in stored["of"]], entries


_PURPOSE, _CONTEXT, _ACTIVITY, _RECIPIENT = (
    str(x)
    for x in (Label.Purpose, Label.CollectionPoint, Label.ProcessingActivity, Label.Recipient)
)


def named_in(kind: str, piece: dict[str, Any]) -> list[tuple[dict[str, str], str]]:
    """The nodes a piece names, with their kinds: a store that reads a piece rather than its
    node's neighbours puts these in the view by name, as answers sort and name them."""
    if kind != "disclosure":
        return []
    found = [(ref, _PURPOSE) for ref in piece["purposes"]]
    found += [(ref, _CONTEXT) for ref in piece["contexts"]]
    if piece["activity"] is not None:
        found.append((piece["activity"], _ACTIVITY))
    if piece["recipient"]["id"]:
        found.append((piece["recipient"], _RECIPIENT))
    return found
