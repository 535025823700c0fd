"""Graphviz data-flow diagrams, drawn left to right from the catalogue graph.

Each builder reads a GraphView (the whole graph, from either store) and reuses the query answers
(lineage, what a recipient receives, what is sold, transfers), so a diagram shows exactly what
the corresponding answer says. Node ids in the DOT source are the graph's ids.
"""

from __future__ import annotations

import html
import re
import shutil
import textwrap
from collections import defaultdict

import graphviz

from catalog import queries
from catalog.errors import BadRequest, DatamapError
from catalog.graph.view import GraphView
from catalog.model.kinds import Label, Rel
from catalog.queries.datamap import data_map as map_data
from catalog.queries.engine import QueryEngine
from catalog.queries.where_held import system_flows
from visualize.style import FONT, Diagram, EscString, edge_attrs, esc, legend_label, node_attrs

FORMATS = ("svg", "png", "pdf", "dot")
KINDS = ("map", "overview", "category", "recipient", "transfers", "sold")
ROOT = "personal-information"


def _graph(name: str, title: str) -> graphviz.Digraph:
    # a Diagram: every label and tooltip in it, and in its subgraphs, reaches Graphviz as text
    g = Diagram(name)
    g.attr(
        rankdir="LR",
        label=title,
        labelloc="t",
        labeljust="l",
        fontname=FONT,
        fontsize="16",
        nodesep="0.18",
        ranksep="1.1",
        newrank="true",
        splines="spline",
        pad="0.3",
    )
    g.attr("node", fontname=FONT)
    g.attr("edge", fontname=FONT, arrowsize="0.7")
    return g


def _lane_attrs(label: str, color: str, style: str = "rounded") -> dict[str, str]:
    """A lane of the map: a labelled cluster, its title small and to the left."""
    return {
        "label": label,
        "style": style,
        "color": color,
        "fontname": FONT,
        "fontsize": "11",
        "labeljust": "l",
    }


def _title(view: GraphView, subject: str) -> str:
    meta = view.meta
    policy = meta.get("policy_title", "privacy policy")
    return f"{subject}\n{policy}, last updated {meta.get('policy_last_updated', '?')}"


def _legend(g: graphviz.Digraph, nodes: list[str], edges: list[str]) -> None:
    with g.subgraph(name="cluster_legend") as legend:
        legend.attr(label="", style="rounded", color="#cccccc")
        legend.node(
            "legend",
            label=legend_label(nodes, edges),
            shape="plaintext",
            fontname=FONT,
            fontsize="9",
        )


def _category_node(
    view: GraphView, cid: str, *, general_root: bool = False
) -> tuple[str, dict[str, str]]:
    n = view.node(cid)
    if general_root:
        return Label.DataCategory, node_attrs(
            Label.DataCategory, f"{view.name(cid)} (all categories)"
        )
    kind = (
        "SensitiveCategory"
        if n.get("sensitive")
        else ("DataItem" if n.get("kind") == "item" else Label.DataCategory)
    )
    letters = ", ".join(n.get("ccpa", []))
    label = view.name(cid) + (f"\nCCPA {letters}" if letters else "")
    return kind, node_attrs(kind, label, tooltip=f"{view.name(cid)} [{cid}]")


def normalized(view: GraphView, cid: str) -> str:
    """The normalized category an item belongs to (the node itself if it is one)."""
    current = cid
    while view.node(current).get("kind") == "item":
        parents = view.out(current, Rel.PART_OF)
        if not parents:
            break
        current = parents[0]
    return current


def _recipient_kind(view: GraphView, rid: str) -> str:
    dids = view.into(rid, Rel.TO)
    return (
        "GeneralRecipient"
        if dids and all(view.node(d).get("general") for d in dids)
        else Label.Recipient
    )


# -- the whole data map -------------------------------------------------------------------------------


def data_map(view: GraphView) -> graphviz.Digraph:
    """The whole data map, one lane per processing activity, left to right: where the data is
    collected, which categories, for which purposes, and who receives it; then the policy's
    general sharing, and the countries personal information is transferred to."""
    g = _graph(
        "datamap",
        _title(view, "Data map: where personal data is collected, why, and where it goes"),
    )
    g.attr(ranksep="0.9")
    anchors = []
    for aid in sorted(
        view.of_label(Label.ProcessingActivity), key=lambda a: view.node(a).get("seq", 0)
    ):
        _activity_lane(g, view, aid)
        anchors.append(f"{aid}|data")
    if _general_lane(g, view):
        anchors.append("general|data")
    if _transfer_lane(g, view):
        anchors.append("transfer|anchor")
    # Each lane is its own component, which dot would place in any order. An invisible spine
    # outside the lanes, one node per lane in one rank, chained in order and tied to its lane,
    # makes the lanes read in the inventory's order from the top.
    with g.subgraph() as spine:
        spine.attr(rank="same")
        for n in range(len(anchors)):
            spine.node(f"spine|{n}", label="", shape="point", style="invis", width="0")
        for n in range(len(anchors) - 1):
            spine.edge(f"spine|{n}", f"spine|{n + 1}", style="invis")
    for n, anchor in enumerate(anchors):
        g.edge(f"spine|{n}", anchor, style="invis")
    _legend(
        g,
        [
            Label.CollectionPoint,
            Label.DataCategory,
            "SensitiveCategory",
            Label.Purpose,
            Label.Recipient,
            "GeneralRecipient",
            Label.Region,
            Label.TransferMechanism,
        ],
        ["flow", "general", "inferred", "sale", "share", "transfer", "derogation"],
    )
    return g


def overview(view: GraphView) -> graphviz.Digraph:
    """The whole map on one printable page (A3 landscape): collection points, data categories,
    recipients and countries, one node each (lanes merged), edges counted where several
    statements join the same two; the recipients only general statements reach are one node.
    Purposes and the details of each category are left to the per-category diagrams."""
    m = map_data(view)
    g = _graph("overview", _title(view, "Data map at a glance"))
    g.attr(size="16.5,11.7", ratio="compress", ranksep="1.6", nodesep="0.12")
    general_only = {n.id for n in m.nodes if n.lane == "recipient" and not n.named}
    lanes = {
        "point": "Collected in",
        "category": "Data",
        "system": "Held in",
        "recipient": "Disclosed to",
        "region": "Transferred to",
    }
    kinds = {
        "point": Label.CollectionPoint,
        "category": Label.DataCategory,
        "system": Label.System,
        "recipient": Label.Recipient,
        "region": Label.Region,
    }
    for lane, title in lanes.items():
        members = [n for n in m.nodes if n.lane == lane and n.id not in general_only]
        if not members and not (lane == "recipient" and general_only):
            continue
        with g.subgraph(name=f"cluster_{lane}") as c:
            c.attr(**_lane_attrs(title, "#cccccc"))
            for n in members:
                kind = "SensitiveCategory" if n.sensitive else kinds[lane]
                c.node(n.id, **node_attrs(kind, n.name))
            if lane == "recipient" and general_only:
                names = sorted(view.name(r) for r in general_only)
                c.node(
                    "general-only",
                    **node_attrs(
                        "GeneralRecipient",
                        f"{len(general_only)} more recipients, only through statements about "
                        "personal information in general",
                        tooltip="; ".join(names),
                    ),
                )
    counts: dict[tuple[str, str, str], int] = {}
    for e in m.edges:
        if e.kind == "purpose":
            continue
        src = "general-only" if e.source in general_only else e.source
        dst = "general-only" if e.target in general_only else e.target
        style = {
            "sold": "sale",
            "shared": "share",
            "transfer": "transfer",
            "held": "system",
            "flows": "system",
        }.get(e.kind, "general" if e.general else "inferred" if e.inferred else "flow")
        counts[(src, dst, style)] = counts.get((src, dst, style), 0) + 1
    for (src, dst, style), count in sorted(counts.items()):
        label = str(count) if count > 1 else None
        g.edge(
            src,
            dst,
            **edge_attrs(
                style,
                label,
                f"{view.name(src) if view.has(src) else src} → {view.name(dst) if view.has(dst) else dst}",
            ),
        )
    _legend(
        g,
        [
            Label.CollectionPoint,
            Label.DataCategory,
            "SensitiveCategory",
            Label.Recipient,
            "GeneralRecipient",
            Label.Region,
        ],
        ["flow", "general", "inferred", "sale", "share", "transfer"],
    )
    return g


def _lines(items: list[str], width: int = 44) -> EscString:
    """A left-aligned list label: one entry per line, long entries wrapped and indented."""
    out = []
    for item in items:
        wrapped = textwrap.wrap(item, width=width, break_long_words=False) or [item]
        out.append("\\l  ".join(esc(part) for part in wrapped))
    return EscString("\\l".join(out) + "\\l")


def _categories_label(view: GraphView, cats: list[str]) -> tuple[str, bool]:
    entries, sensitive = [], False
    for cid in view.sort(cats):
        n = view.node(cid)
        letters = ", ".join(n.get("ccpa", []))
        flag = "; sensitive" if n.get("sensitive") else ""
        sensitive |= bool(n.get("sensitive"))
        entries.append(f"{view.name(cid)}" + (f" ({letters}{flag})" if letters or flag else ""))
    return _lines(entries), sensitive


def _activity_lane(g: graphviz.Digraph, view: GraphView, aid: str) -> None:
    cats = sorted({normalized(view, c) for c in view.out(aid, Rel.PROCESSES)})
    purposes = [view.name(p) for p in view.out(aid, Rel.FOR_PURPOSE)]
    with g.subgraph(name=f"cluster_{aid}") as lane:
        lane.attr(**_lane_attrs(view.name(aid), "#999999"))
        data = f"{aid}|data"
        label, sensitive = _categories_label(view, cats)
        kind = "SensitiveCategory" if sensitive else Label.DataCategory
        lane.node(data, **{**node_attrs(kind, ""), "label": label, "tooltip": "Data categories"})
        points = view.out(aid, Rel.COLLECTS_VIA)
        for cp in points:
            lane.node(f"{aid}|{cp}", **node_attrs(Label.CollectionPoint, view.name(cp), width=30))
            lane.edge(f"{aid}|{cp}", data, **edge_attrs("flow"))
        if not points:
            lane.node(
                f"{aid}|held",
                **node_attrs(Label.CollectionPoint, "Data held from other activities", width=30),
            )
            lane.edge(f"{aid}|held", data, **edge_attrs("general"))
        why = f"{aid}|why"
        lane.node(
            why,
            **{
                **node_attrs(Label.Purpose, ""),
                "shape": "box",
                "style": "filled,rounded",
                "label": _lines(purposes, 40),
            },
        )
        lane.edge(data, why, **edge_attrs("flow"))
        for did in view.out(aid, Rel.DISCLOSES):
            d = view.node(did)
            rid = view.out(did, Rel.TO)[0]
            node = f"{aid}|{rid}"
            lane.node(node, **node_attrs(Label.Recipient, view.name(rid), width=30))
            kind = (
                "sale"
                if d.get("sale")
                else "share"
                if d.get("share")
                else "inferred"
                if d.get("inferred")
                else "flow"
            )
            flags = [word for key, word in (("sale", "sold"), ("share", "shared")) if d.get(key)]
            edge_label = " and ".join(flags) or None
            lane.edge(why, node, **edge_attrs(kind, edge_label, view.name(did)))


def _general_lane(g: graphviz.Digraph, view: GraphView) -> bool:
    general = [d for d in view.of_label(Label.Disclosure) if view.node(d).get("general")]
    if not general:
        return False
    with g.subgraph(name="cluster_general") as lane:
        lane.attr(
            **_lane_attrs(
                "General sharing: what the policy says it discloses for personal information in general",
                "#9c8ab8",
                style="rounded,dashed",
            )
        )
        cats = sorted({c for d in general for c in view.out(d, Rel.OF)})
        label, _ = _categories_label(view, cats)
        lane.node("general|data", **{**node_attrs(Label.DataCategory, ""), "label": label})
        by_purpose: dict[str, list[str]] = defaultdict(list)
        for did in general:
            why = (
                "; ".join(view.name(p) for p in view.out(did, Rel.FOR_PURPOSE))
                or "Purpose not stated"
            )
            by_purpose[why].append(did)
        for n, (why, dids) in enumerate(sorted(by_purpose.items())):
            hub = f"general|why|{n}"
            lane.node(
                hub,
                **{
                    **node_attrs(Label.Purpose, why, width=40),
                    "shape": "box",
                    "style": "filled,rounded",
                },
            )
            lane.edge("general|data", hub, **edge_attrs("general"))
            for did in dids:
                rid = view.out(did, Rel.TO)[0]
                lane.node(
                    f"general|{rid}", **node_attrs("GeneralRecipient", view.name(rid), width=30)
                )
                lane.edge(hub, f"general|{rid}", **edge_attrs("general", None, view.name(did)))
    return True


def _transfer_lane(g: graphviz.Digraph, view: GraphView) -> bool:
    transfers = view.of_label(Label.Transfer)
    if not transfers:
        return False
    with g.subgraph(name="cluster_transfers") as lane:
        lane.attr(**_lane_attrs("Where personal information goes abroad", "#23838a"))
        for tid in transfers:
            src, dst = view.out(tid, Rel.FROM)[0], view.out(tid, Rel.TO)[0]
            data = ", ".join(view.name(c) for c in view.out(tid, Rel.MOVES))
            lane.node(f"transfer|{src}", **node_attrs(Label.Region, f"{view.name(src)}"))
            lane.node(f"transfer|{dst}", **node_attrs(Label.Region, view.name(dst)))
            mechanisms = view.out(tid, Rel.UNDER_MECHANISM)
            derogation = any(view.node(m).get("kind") == "derogation" for m in mechanisms)
            mech = f"transfer|{tid}"
            text = "\n".join(
                f"{view.name(m)} ({view.node(m).get('legal_reference') or view.node(m)['kind']})"
                for m in mechanisms
            )
            lane.node(
                mech,
                **node_attrs(
                    Label.TransferMechanism,
                    text or "no mechanism stated",
                    tooltip=view.name(tid),
                    width=36,
                ),
            )
            kind = "derogation" if derogation else "transfer"
            lane.edge(f"transfer|{src}", mech, **edge_attrs(kind, data, view.name(tid)))
            lane.edge(mech, f"transfer|{dst}", **edge_attrs(kind))
        lane.node("transfer|anchor", label="", shape="point", style="invis", width="0")
    return True


# -- one category ------------------------------------------------------------------------------------


def category(view: GraphView, cid: str) -> graphviz.Digraph:
    """The lineage of one category: who it is collected from and where, which activities use it
    for which purposes on which legal bases, who receives it, and where it is transferred."""
    lin = queries.lineage(view, cid, depth=2)
    g = _graph(f"category-{cid}", _title(view, f"Lineage of {lin.category.name}"))
    kinds = {n.id: n.type for n in lin.nodes}
    general = {n.id for n in lin.nodes if n.general}
    drawn: set[str] = set()

    def node(nid: str) -> str:
        if nid in drawn:
            return nid
        drawn.add(nid)
        kind = kinds.get(nid, Label.DataCategory)
        if nid == ROOT or (kind == Label.DataCategory and nid in {w.id for w in lin.within}):
            g.node(
                nid,
                **node_attrs(
                    Label.DataCategory, f"{view.name(nid)} (statements about it in general)"
                ),
            )
        elif kind == Label.DataCategory:
            g.node(nid, **_category_node(view, nid)[1])
        elif kind == Label.Recipient:
            g.node(
                nid,
                **node_attrs(
                    "GeneralRecipient" if nid in general else Label.Recipient, view.name(nid)
                ),
            )
        else:
            g.node(nid, **node_attrs(kind, view.name(nid)))
        return nid

    # the category, around the items grouped beneath it, and the broader categories it belongs to
    if lin.covers:
        g.attr(compound="true")
        with g.subgraph(name=f"cluster_{cid}") as box:
            box.attr(
                label=f"{lin.category.name} (category)",
                style="rounded",
                color="#b08a2f",
                fontname=FONT,
            )
            for item in lin.covers:
                box.node(item.id, **_category_node(view, item.id)[1])
                drawn.add(item.id)
    anchor = lin.covers[0].id if lin.covers else node(cid)
    held: dict[str, list[str]] = {}  # system -> the fields holding the category
    general_recipients: dict[str, set[str]] = {}  # broader category -> its general recipients
    for broader in lin.within:
        extra = {"ltail": f"cluster_{cid}"} if lin.covers else {}
        g.edge(anchor, node(broader.id), **edge_attrs("general", "part of"), **extra)
    for edge in lin.edges:
        src, dst, rel = edge.source, edge.target, edge.type
        kind = "inferred" if edge.inferred else "general" if edge.general else "flow"
        if rel == Rel.COLLECTS:
            g.edge(node(src), node(dst), **edge_attrs(kind, "collects"))
        elif rel in (Rel.COLLECTS_FROM, Rel.FROM_SOURCE):
            g.edge(node(dst), node(src), **edge_attrs(kind))
        elif rel == Rel.PROCESSES:
            g.edge(node(dst), node(src), **edge_attrs(kind, "used in"))
        elif rel in (Rel.FOR_PURPOSE, Rel.HAS_LEGAL_BASIS, Rel.RETAINED_UNDER):
            g.edge(node(src), node(dst), **edge_attrs(kind))
        elif rel == Rel.APPLIES_TO and kinds.get(src) == Label.RetentionRule:
            g.edge(node(dst), node(src), **edge_attrs("general", "kept"))
        elif rel == Rel.OF:
            d = view.node(src)
            if d.get("general") and not (d.get("sale") or d.get("share")):
                # folded below into one node: the recipients that matter stay readable
                general_recipients.setdefault(dst, set()).update(view.out(src, Rel.TO))
                continue
            for rid in view.out(src, Rel.TO):
                flow = (
                    "sale"
                    if d.get("sale")
                    else "share"
                    if d.get("share")
                    else "general"
                    if d.get("general")
                    else "inferred"
                    if d.get("inferred")
                    else "flow"
                )
                g.edge(
                    node(dst),
                    node(rid),
                    **edge_attrs(flow, "sold" if flow == "sale" else None, view.name(src)),
                )
        elif rel == Rel.HOLDS:
            held.setdefault(view.out(src, Rel.IN)[0], []).append(src)
        elif rel == Rel.MOVES:
            target = view.out(src, Rel.TO)[0]
            mechanisms = view.out(src, Rel.UNDER_MECHANISM)
            derogation = any(view.node(m).get("kind") == "derogation" for m in mechanisms)
            label = ", ".join(
                view.node(m).get("legal_reference") or view.name(m) for m in mechanisms
            )
            g.node(target, **node_attrs(Label.Region, view.name(target)))
            drawn.add(target)
            g.edge(
                node(dst),
                target,
                **edge_attrs("derogation" if derogation else "transfer", label, view.name(src)),
            )
    # Recipients only general statements reach: one node per broader category, its members in
    # the tooltip, unless a named route already drew them.
    for via, rids in sorted(general_recipients.items()):
        rest = sorted(rids - drawn, key=lambda r: view.name(r).casefold())
        if not rest:
            continue
        folded = f"general-recipients|{via}"
        g.node(
            folded,
            **node_attrs(
                "GeneralRecipient",
                f"{len(rest)} recipients through general statements about {view.name(via).lower()}",
                tooltip="; ".join(view.name(r) for r in rest),
            ),
        )
        g.edge(node(via), folded, **edge_attrs("general"))
    # The systems side, one edge per system with its fields in the tooltip: where the data
    # actually lives, beside what the policy says.
    for sid, fields in sorted(held.items()):
        names = sorted(view.node(f)["name"] for f in fields)
        g.edge(
            anchor,
            node(sid),
            **edge_attrs("system", f"held in {len(names)} field(s)", "; ".join(names)),
        )
    family = [cid, *(c.id for c in lin.covers)]
    for system_flow in system_flows(view, family, set(held)):
        g.edge(
            node(system_flow.source.id),
            node(system_flow.target.id),
            **edge_attrs("system", "sends", "; ".join(c.name for c in system_flow.categories)),
        )
    systems = [Label.System] if held else []
    _legend(
        g,
        [
            *systems,
            Label.DataSubject,
            Label.CollectionPoint,
            Label.DataCategory,
            "DataItem",
            "SensitiveCategory",
            Label.ProcessingActivity,
            Label.Purpose,
            Label.LegalBasis,
            Label.RetentionRule,
            Label.Recipient,
            "GeneralRecipient",
            Label.Region,
        ],
        ["flow", "general", "inferred", "sale", "share", "transfer", "derogation"]
        + (["system"] if systems else []),
    )
    return g


# -- one recipient -----------------------------------------------------------------------------------


def recipient(view: GraphView, rid: str) -> graphviz.Digraph:
    """What one recipient receives, from which activity, and why."""
    answer = queries.recipient_categories(view, rid)
    g = _graph(f"recipient-{rid}", _title(view, f"What {answer.recipient.name} receives, and why"))
    g.node(
        rid,
        **node_attrs(
            _recipient_kind(view, rid),
            f"{answer.recipient.name}\n({answer.recipient.role_label})",
            width=30,
        ),
    )
    for d in answer.disclosures:
        hub = d.activity.id if d.activity else f"general-{d.id}"
        if d.activity:
            g.node(hub, **node_attrs(Label.ProcessingActivity, d.activity.name))
        else:
            g.node(hub, **node_attrs("Note", "General statement about personal information"))
        kind = "sale" if d.sale else "share" if d.share else "general" if d.general else "flow"
        why = "; ".join(p.name for p in d.purposes)
        g.edge(hub, rid, **edge_attrs(kind, why or None, d.name))
        for c in d.categories:
            if c.id == ROOT:
                g.node(c.id, **node_attrs(Label.DataCategory, "Personal information in general"))
            else:
                g.node(c.id, **_category_node(view, c.id)[1])
            g.edge(c.id, hub, **edge_attrs("general" if d.general else "flow"))
    _legend(
        g,
        [
            Label.DataCategory,
            "DataItem",
            Label.ProcessingActivity,
            Label.Recipient,
            "GeneralRecipient",
        ],
        ["flow", "general", "sale", "share"],
    )
    return g


# -- transfers --------------------------------------------------------------------------------------


def transfers(view: GraphView) -> graphviz.Digraph:
    answer = queries.transfers(view)
    g = _graph("transfers", _title(view, "Cross-border transfers and their mechanisms"))
    regimes: dict[str, list] = defaultdict(list)
    for t in answer.transfers:
        regimes[t.regime.id].append(t)
    for regime_id, items in sorted(regimes.items()):
        with g.subgraph(name=f"cluster_{regime_id}") as c:
            c.attr(label=f"{items[0].regime.name}", style="rounded", color="#23838a", fontname=FONT)
            for t in items:
                c.node(t.from_region.id, **node_attrs(Label.Region, t.from_region.name))
    for t in answer.transfers:
        g.node(t.to_region.id, **node_attrs(Label.Region, t.to_region.name))
        mid = f"mechanism-{t.id}"
        derogation = any(m.kind == "derogation" for m in t.mechanisms)
        label = (
            "\n".join(f"{m.name} ({m.legal_reference or m.kind})" for m in t.mechanisms)
            or "no mechanism stated"
        )
        g.node(mid, **node_attrs(Label.TransferMechanism, label, tooltip=t.name, width=34))
        data = ", ".join(c.name for c in t.categories)
        kind = "derogation" if derogation else "transfer"
        g.edge(t.from_region.id, mid, **edge_attrs(kind, data, t.name))
        g.edge(mid, t.to_region.id, **edge_attrs(kind))
    _legend(g, [Label.Region, Label.TransferMechanism], ["transfer", "derogation"])
    return g


# -- what is sold -----------------------------------------------------------------------------------


def sold(view: GraphView) -> graphviz.Digraph:
    answer = queries.what_is_sold(view)
    g = _graph("sold", _title(view, "What is sold or shared (CCPA), to whom, and how to opt out"))
    for c in answer.categories:
        g.node(c.id, **_category_node(view, c.id)[1])
    for d in answer.disclosures:
        for c in d.categories:
            if d.sale:
                g.edge(c.id, d.recipient.id, **edge_attrs("sale", "sold", d.name))
            if d.share:
                g.edge(
                    c.id,
                    d.recipient.id,
                    **edge_attrs(
                        "share", "shared (inferred)" if d.share_inferred else "shared", d.name
                    ),
                )
    for r in answer.recipients:
        g.node(r.id, **node_attrs(Label.Recipient, r.name, width=30))
    for p in answer.purposes:
        g.node(p.id, **node_attrs(Label.Purpose, p.name))
        for r in answer.recipients:
            g.edge(r.id, p.id, **edge_attrs("flow", "why"))
    for o in answer.opt_outs:
        label = o.name if o.honoured or "not honoured" in o.name else f"{o.name} (not honoured)"
        g.node(o.id, **node_attrs(Label.Choice, label, tooltip=o.method))
        for r in answer.recipients:
            g.edge(o.id, r.id, **edge_attrs("optout", "opt out" if o.honoured else "ignored"))
    for m in answer.minors:
        g.node(
            f"minors-{m.regime.id}",
            **node_attrs("Note", f"{m.regime.name}: {m.statement}", width=36),
        )
    _legend(
        g,
        [Label.DataCategory, "DataItem", Label.Recipient, Label.Purpose, Label.Choice, "Note"],
        ["sale", "share", "optout"],
    )
    return g


def build(engine: QueryEngine, kind: str, entry: str | None = None) -> graphviz.Digraph:
    """The diagram of one kind; a category or recipient diagram names its entry (id or name)."""
    if kind not in KINDS:
        raise BadRequest(f"unknown diagram {kind!r}; choose one of {', '.join(KINDS)}")
    if kind in ("category", "recipient") and not entry:
        raise BadRequest(f"a {kind} diagram needs the {kind}'s id or name")
    view = engine.snapshot()
    if kind == "category":
        return category(view, engine.category_id(entry or ""))
    if kind == "recipient":
        return recipient(view, engine.resolve(entry or "", (Label.Recipient,)))
    return {"map": data_map, "overview": overview, "transfers": transfers, "sold": sold}[kind](view)


# -- rendering ---------------------------------------------------------------------------------------


def render(graph: graphviz.Digraph, fmt: str) -> bytes:
    """The diagram in `fmt` (svg, png, pdf, or dot for the source)."""
    if fmt not in FORMATS:
        raise DatamapError(f"unknown diagram format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "dot":
        return graph.source.encode()
    if shutil.which("dot") is None:
        raise DatamapError(
            "Graphviz's `dot` is not installed: apt-get install graphviz (make setup does it)"
        )
    data = graph.pipe(format=fmt)
    return safe_svg(data.decode("utf-8")).encode("utf-8") if fmt == "svg" else data


# An href attribute (plain, xlink: or any other prefix), in either quote style.
_HREF = re.compile(r"""\s(?:[\w.-]+:)?href\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_SCRIPT_SCHEMES = ("javascript:", "data:", "vbscript:")


def safe_svg(svg: str) -> str:
    """The SVG with every link to a javascript:, data: or vbscript: URL dropped (the element
    stays, no longer a link). Diagrams carry no such link, since every label reaches Graphviz as
    text: this holds even if one ever did, on every SVG the project writes or inlines."""

    def keep(m: re.Match[str]) -> str:
        value = html.unescape(m.group(1) if m.group(1) is not None else m.group(2))
        # a browser ignores whitespace and control characters inside a scheme
        scheme = "".join(ch for ch in value if ch > " ").lower()
        return "" if scheme.startswith(_SCRIPT_SCHEMES) else m.group(0)

    return _HREF.sub(keep, svg)
