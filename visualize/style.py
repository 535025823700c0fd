"""How diagrams look: one shape and colour per kind of node, one style per kind of flow, and the
legend that explains them. Sales, shares and cross-border flows are drawn to stand out."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from html import escape
from typing import Any

import graphviz
from graphviz import quoting

from catalog.model.kinds import Label

FONT = "Helvetica"
WRAP = 26


# -- what reaches Graphviz as text, and what as markup --------------------------------------------
#
# Graphviz reads a string written `<...>` as an HTML-like label (which can hold a live link) and
# a backslash as an escape (`\N`, `\l`): inventory text must reach it as neither. Every string a
# Diagram writes to its DOT source passes through `_dot` below, so plain text is the default and
# a new diagram cannot forget to escape; only the two marker types, which the project builds
# itself from its own constants or from text already escaped, pass as they are.


class HtmlLabel(str):
    """An HTML-like label the project wrote itself (the legend), inventory text in none of it:
    the one kind of string Graphviz may read as markup."""

    __slots__ = ()


class EscString(str):
    """A label in Graphviz's escString form, with line ends of its own (`\\l`); any inventory
    text in it went through `esc` first."""

    __slots__ = ()


def esc(text: str) -> str:
    """Inventory text with its backslashes doubled, to sit inside an EscString."""
    return text.replace("\\", "\\\\")


def _dot(value: Any) -> Any:
    if not isinstance(value, str) or isinstance(value, HtmlLabel):
        return value
    if isinstance(value, EscString):
        return graphviz.nohtml(value)
    return graphviz.escape(value)


def _quote(identifier: str) -> str:
    return quoting.quote(_dot(identifier))


def _mapping(values: Any) -> Any:
    if values is None:
        return None
    if hasattr(values, "items"):
        return {_dot(k): _dot(v) for k, v in values.items()}
    return [(_dot(k), _dot(v)) for k, v in values]


def _a_list(label: str | None = None, kwargs: Any = None, attributes: Any = None) -> str:
    return quoting.a_list(_dot(label), kwargs=_mapping(kwargs), attributes=_mapping(attributes))


def _attr_list(label: str | None = None, kwargs: Any = None, attributes: Any = None) -> str:
    return quoting.attr_list(_dot(label), kwargs=_mapping(kwargs), attributes=_mapping(attributes))


def _comment(line: str) -> str:
    # a comment ends at a line end: one in the text would start DOT statements of its own
    return "// " + " ".join(line.splitlines()) + "\n"


class Diagram(graphviz.Digraph):
    """A Digraph whose every name, label, tooltip and other attribute reaches Graphviz as plain
    text, unless it is an HtmlLabel or an EscString. Its subgraphs are Diagrams too."""

    _quote = staticmethod(_quote)
    # no ports: a ':' in a name is text, never a node's port
    _quote_edge = staticmethod(_quote)
    _a_list = staticmethod(_a_list)
    _attr_list = staticmethod(_attr_list)
    _comment = staticmethod(_comment)


@dataclass(frozen=True)
class NodeStyle:
    shape: str
    fill: str
    border: str
    label: str  # what the legend calls it


NODE_STYLES: dict[str, NodeStyle] = {
    Label.CollectionPoint: NodeStyle("box", "#e8f1fb", "#2f6fb0", "Collection point"),
    Label.DataCategory: NodeStyle("box", "#fdf3d8", "#b08a2f", "Data category"),
    "DataItem": NodeStyle("note", "#fffaf0", "#b08a2f", "Data item (policy's words)"),
    "SensitiveCategory": NodeStyle("box", "#fbe3e3", "#b02f2f", "Sensitive data"),
    Label.ProcessingActivity: NodeStyle("box", "#eeeeee", "#555555", "Processing activity"),
    Label.Purpose: NodeStyle("ellipse", "#eef7ea", "#4c8a3a", "Purpose"),
    Label.Recipient: NodeStyle("box", "#f1ebf8", "#6a4c9c", "Recipient"),
    "GeneralRecipient": NodeStyle(
        "box", "#f7f4fb", "#9c8ab8", "Recipient (general statement only)"
    ),
    Label.Region: NodeStyle("box", "#e3f6f7", "#23838a", "Region or country"),
    Label.TransferMechanism: NodeStyle("hexagon", "#ffffff", "#23838a", "Transfer mechanism"),
    Label.Choice: NodeStyle("box", "#e9f7ef", "#2f8a55", "Opt-out or choice"),
    Label.DataSubject: NodeStyle("box", "#ffffff", "#2f6fb0", "Data subject"),
    Label.LegalBasis: NodeStyle("note", "#ffffff", "#555555", "Legal basis"),
    Label.RetentionRule: NodeStyle("note", "#fafafa", "#888888", "Retention rule"),
    Label.Source: NodeStyle("box", "#ffffff", "#2f6fb0", "Source of the data"),
    "Note": NodeStyle("note", "#ffffff", "#888888", "Statement"),
    Label.System: NodeStyle("cylinder", "#eceff1", "#37474f", "System (scanned or declared)"),
}


@dataclass(frozen=True)
class EdgeStyle:
    color: str
    style: str
    penwidth: str
    label: str


EDGE_STYLES: dict[str, EdgeStyle] = {
    "flow": EdgeStyle("#666666", "solid", "1.0", "collected, used or disclosed"),
    "general": EdgeStyle(
        "#aaaaaa", "dashed", "1.0", "general statement (personal information at large)"
    ),
    "sale": EdgeStyle("#c62828", "solid", "3.0", "sold (CCPA)"),
    "share": EdgeStyle("#8e24aa", "solid", "3.0", "shared for cross-context advertising (CCPA)"),
    "transfer": EdgeStyle("#00838f", "bold", "2.5", "cross-border transfer"),
    "derogation": EdgeStyle("#ef6c00", "bold", "2.5", "transfer on a derogation (GDPR Art. 49)"),
    "optout": EdgeStyle("#2e7d32", "dotted", "1.5", "opt-out or choice that applies"),
    "inferred": EdgeStyle("#666666", "dotted", "1.0", "datamap's reading (inferred)"),
    "system": EdgeStyle(
        "#37474f", "dashed", "2.0", "held in or sent by a system (scan or declaration, not policy)"
    ),
}


def wrap(text: str, width: int = WRAP) -> str:
    """Wrap each line of the text, keeping the line breaks it already has."""
    lines = [
        textwrap.wrap(line, width=width, break_long_words=False) or [""]
        for line in text.split("\n")
    ]
    return "\n".join(part for line in lines for part in line) or text


def node_attrs(
    kind: str, label: str, *, tooltip: str | None = None, width: int = WRAP
) -> dict[str, str]:
    s = NODE_STYLES[kind]
    return {
        "label": wrap(label, width),
        "shape": s.shape,
        "style": "filled,rounded" if s.shape == "box" else "filled",
        "fillcolor": s.fill,
        "color": s.border,
        "fontname": FONT,
        "fontsize": "10",
        "tooltip": tooltip or label,
    }


def edge_attrs(kind: str, label: str | None = None, tooltip: str | None = None) -> dict[str, str]:
    s = EDGE_STYLES[kind]
    attrs = {
        "color": s.color,
        "style": s.style,
        "penwidth": s.penwidth,
        "fontname": FONT,
        "fontsize": "9",
        "fontcolor": s.color,
    }
    if label:
        attrs["label"] = wrap(label, 22)
    if tooltip:
        attrs["tooltip"] = tooltip
    return attrs


def legend_label(nodes: list[str], edges: list[str]) -> HtmlLabel:
    """An HTML-like table: each kind of node in its colours, each kind of flow in its colour."""
    rows = ['<TR><TD COLSPAN="2"><B>Legend</B></TD></TR>']
    for kind in nodes:
        n = NODE_STYLES[kind]
        rows.append(
            f'<TR><TD BGCOLOR="{n.fill}" BORDER="1" COLOR="{n.border}" WIDTH="28"> </TD>'
            f'<TD ALIGN="LEFT">{escape(n.label)}</TD></TR>'
        )
    for kind in edges:
        e = EDGE_STYLES[kind]
        line = {"dashed": "- - - -", "dotted": "· · · · ·"}.get(e.style, "━━━━")
        weight = "<B>" if float(e.penwidth) >= 2 else ""
        end = "</B>" if weight else ""
        rows.append(
            f'<TR><TD><FONT COLOR="{e.color}">{weight}{line}{end}</FONT></TD>'
            f'<TD ALIGN="LEFT">{escape(e.label)}</TD></TR>'
        )
    return HtmlLabel(
        "<"
        + '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2">'
        + "".join(rows)
        + "</TABLE>>"
    )
