"""A policy as plain text: read from a text, Markdown or HTML file, page furniture stripped.

The text written here is the text every drafted quote is taken from (it is saved beside the
drafted inventory as its policy), so its shape is the loader's: headings are paragraphs of their
own, list items and table rows are `•` points inside one paragraph (so that a short item is
never read as a heading), and everything else is prose. An item of a list inside another is
indented two spaces a level (the loader folds the spaces; the extractor reads them as the
item's depth, so that "we use your information to:" leads its own sub-items and no further). A
plain-text policy is kept as it is.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from catalog.errors import BadRequest
from catalog.loading.policy import is_heading

# A policy is a few thousand words; 1 MiB of text is about 150,000 words, 15 times the longest
# notices there are. A bigger file is not a notice, and reading it would only cost time.
MAX_POLICY_BYTES = 1024 * 1024
BULLET = "•"
INDENT = "  "  # a level of a list inside a list, before its bullet
# Notices nest lists three or four deep; a hostile page nests thousands (`<ul>` a hundred
# thousand times), which indented as written would make every item a line of spaces.
MAX_DEPTH = 8


def item_line(text: str, depth: int = 0) -> str:
    return f"{INDENT * min(depth, MAX_DEPTH)}{BULLET} {text}"


@dataclass(frozen=True)
class Document:
    text: str  # the policy as the drafted inventory keeps it
    format: str  # "text", "markdown" or "html"
    title: str | None


# The commonest words of English prose. In the notices of bench/policies they are 28-40% of
# the words; in a French notice 0.2% ("a", "on" and "in" are words there too). A policy below
# this share is not read as English, and the drafter's words, verbs and learned readings are.
_ENGLISH = frozenset(
    "the of and to a in we you your our is for that with or may this are be as by on it from "
    "not will can have any".split()
)
ENGLISH_AT_LEAST = 0.15
_WORD = re.compile(r"[^\W\d_]+")


def english_share(text: str, sample: int = 20_000) -> float:
    """The share of the text's words (its first `sample`) that are English's commonest."""
    words = _WORD.findall(text[: sample * 12].lower())[:sample]
    return sum(w in _ENGLISH for w in words) / len(words) if words else 0.0


def language_warning(text: str) -> str | None:
    """What to tell the reader of a draft of a text that does not read as English."""
    share = english_share(text)
    if share >= ENGLISH_AT_LEAST:
        return None
    return (
        f"the policy does not read as English ({share:.1%} of its words are English's commonest, "
        f"against {ENGLISH_AT_LEAST:.0%} or more in an English notice): the drafter reads English "
        "only, so expect few or no facts; label this notice by hand or draft an English version"
    )


class NotAPolicy(BadRequest):
    """The file cannot be a policy's text (empty, binary, a PDF, too large)."""


def read_policy(path: Path, max_bytes: int = MAX_POLICY_BYTES) -> Document:
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except IsADirectoryError:
        raise NotAPolicy(f"{path} is a folder; give the policy's file") from None
    except OSError as exc:
        raise NotAPolicy(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise NotAPolicy(
            f"{path} is over {max_bytes // (1024 * 1024)} MiB: a privacy policy is far smaller; "
            "give the policy's own text"
        )
    return read_bytes(data, path.name)


def read_bytes(data: bytes, name: str = "policy") -> Document:
    if data.startswith(b"%PDF"):
        raise NotAPolicy(
            f"{name} is a PDF: save the policy as text or HTML first (e.g. `pdftotext -layout`)"
        )
    if b"\x00" in data[:8192]:
        raise NotAPolicy(f"{name} is a binary file, not a policy's text")
    text = _decode(data, name)
    if not text.strip():
        raise NotAPolicy(f"{name} is empty: there is no policy text to draft from")
    kind = _format(text, name)
    if kind == "html":
        doc = _from_html(text)
    elif kind == "markdown":
        doc = _from_markdown(text)
    else:
        doc = Document(_tidy(text), "text", _first_line(text))
    if len(re.findall(r"[A-Za-z]{2,}", doc.text)) < 20:
        raise NotAPolicy(f"{name} holds too few words to be a privacy policy")
    return doc


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for codec in ("utf-8", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8",):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    # Windows-1252 is what a policy saved from a word processor is when it is not UTF-8.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise NotAPolicy(f"{name} is not text in UTF-8 or Windows-1252") from None


def _format(text: str, name: str) -> str:
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lower.endswith((".md", ".markdown")):
        return "markdown"
    head = text[:4000].lower()
    if "<html" in head or "<!doctype html" in head or re.search(r"<(p|div|h[1-6]|body)\b", head):
        return "html"
    if re.search(r"(?m)^(#{1,6} \S|.+\n(=+|-{3,})\s*$)", text[:20000]):
        return "markdown"
    return "text"


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())[:200]
    return None


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


# -- Markdown --------------------------------------------------------------------------------

_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
# (an escaped marker, `\*`, is a character of the text: it neither opens nor closes emphasis)
_MD_EMPHASIS = re.compile(r"(?<!\\)(\*\*|__)(?=\S)(.+?)(?<=[^\s\\])\1")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# "*   *   item": nested markers, one item; "●", "○", "▪" as a document exported from a word
# processor marks its items; "\- item", a dash the converter escaped, as a page writes a list
# in lines of text
_MD_ITEM = re.compile(r"^\s*(?:(?:\\?[-*+]|[·•●○◦▪■‣⁃►➢]|\d{1,3}[.)])\s+)+(.*)$")
# A heading that only dates the notice or lists its sections: no title
_NO_TITLE = re.compile(
    r"\W*(?:(?:last\s+)?(?:updated|revised|modified|effective)\b|(?:table\s+of\s+)?contents\W*$)",
    re.I,
)
# A section's number and a short title ended by a full stop: "1. PERSONAL INFORMATION WE
# COLLECT.", "B) Your Rights."
_NUMBERED_TITLE = re.compile(
    r"(?:\d{1,2}(?:\.\d{1,2})*|[A-Z]|[IVX]{1,4})[.)]\s+(?:\S+\s+){0,11}\S+\."
)
_MD_BOLD_LINE = re.compile(r"(\*\*|__)(?=\S)([^*_\n]+?)(?<=\S)\1\s*")
_MD_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_SOFT_EMPHASIS = re.compile(r"(?<![\w*_\\])([*_])(?=\S)([^*_\n]+?)(?<=[^\s\\])\1(?![\w*_])")


def _inline(line: str) -> str:
    line = _MD_IMAGE.sub("", line)  # an icon's alt text ("Badge Check") is not the policy's
    line = _MD_LINK.sub(lambda m: m.group(1), line)
    line = _MD_EMPHASIS.sub(lambda m: m.group(2), line)
    line = _MD_SOFT_EMPHASIS.sub(lambda m: m.group(2), line)
    line = _MD_ESCAPE.sub(lambda m: m.group(1), line)
    line = re.sub(r"\s*<br\s*/?>\s*", " ", line, flags=re.I)  # a line break in a table cell
    line = re.sub(r"<[^>\n]{1,200}>", "", line)  # inline HTML tags
    return html.unescape(line).replace("`", "")


def _from_markdown(text: str) -> Document:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[tuple[str, list[str]]] = []  # ("heading"|"para"|"list", lines)
    title: str | None = None
    levels: list[int] = []  # the indents of the lists open at the current item
    gap = True

    def add(kind: str, line: str) -> None:
        if kind in ("list", "para") and blocks and blocks[-1][0] == kind and not gap:
            blocks[-1][1].append(line)
        else:
            blocks.append((kind, [line]))

    def open_heading(name: str) -> None:
        nonlocal title, gap
        blocks.append(("heading", [name]))
        levels.clear()
        if not _NO_TITLE.match(name):  # ("Last Updated: August 14, 2025", "Table of Contents")
            title = title or name
        gap = True

    row_last = False  # the last line read was a table's row
    i = 0
    while i < len(lines):
        raw = lines[i]
        line = raw.strip()
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if not line or (_MD_RULE.match(line) and not (nxt and set(nxt) <= {"="})):
            gap = True
            i += 1
            continue
        heading = _MD_HEADING.match(line)
        underlined = nxt and (set(nxt) <= {"="} or set(nxt) <= {"-"}) and len(nxt) >= 3
        far = 0  # lines between a heading and its underline
        if not blocks and not nxt and not underlined and i + 2 < len(lines):
            # the first line of a page converted from HTML, its underline a line further on
            # ("Toyota Privacy Notice", a blank line, "-----"): the title
            after = lines[i + 2].strip()
            if len(line.split()) <= 10 and len(after) >= 3 and set(after) <= {"=", "-"}:
                underlined, far = True, 1
        if heading is None and underlined and line[0] != "|":
            # (a heading inside a numbered list, "1.  **COOKIES**" over an indented rule, as
            # notices converted from HTML nest their sections: the heading without its number)
            numbered = _MD_ITEM.match(line)
            open_heading(_inline(numbered.group(1) if numbered is not None else line).strip("*_ "))
            i += 2 + far
            continue
        bold = _MD_BOLD_LINE.fullmatch(line)
        if heading is None and bold is not None and len(bold.group(2)) <= 120:
            # a line in bold alone is how many notices mark their headings
            heading = bold
        if heading is not None:
            name = _inline(heading.group(2))
            if heading is bold and _NUMBERED_TITLE.fullmatch(name):
                # "**1. PERSONAL INFORMATION WE COLLECT.**": a numbered title in bold, its full
                # stop no end of a sentence (a heading ends in none)
                name = name[:-1].rstrip()
            open_heading(name)
            i += 1
            continue
        if line.startswith("|"):
            # A header row is kept: it states nothing, but says what each column of the rows
            # is (the extractor reads it as the table's header and no further).
            if not _MD_TABLE_RULE.match(line):
                cells = [_inline(c.strip()) for c in line.strip("|").split("|")]
                row = " | ".join(c for c in cells if c)
                if row:
                    add("list", f"{BULLET} {row}")
                    gap = False
                    row_last = True
            i += 1
            continue
        after_row, row_last = row_last, False
        # the depth of the open item an indented line is inside (-1: none)
        owner = sum(x < _indent(raw) for x in levels) - 1
        item = _MD_ITEM.match(raw)
        if item is not None:
            add("list", item_line(_inline(item.group(1)), _depth(levels, _indent(raw))))
            gap = False
        elif (
            raw.startswith(("    ", "\t"))
            and blocks
            and blocks[-1][0] == "list"
            # (a table row continues on no line of its own: after a table indented under no
            # item, an indented paragraph is a paragraph)
            and (not after_row or owner >= 0)
        ):
            if (gap or after_row) and owner >= 0 and (after_row or owner < len(levels) - 1):
                # a paragraph of an item above the last, after the list inside it (or after a
                # table inside it): that list has ended, and the paragraph is the item's again
                # (written as one beside it)
                del levels[owner + 1 :]
                blocks[-1][1].append(item_line(_inline(line), owner))
                gap = False
            else:
                blocks[-1][1][-1] += " " + _inline(line)  # an item's continued line
        else:
            line = _inline(line.lstrip("> "))
            if blocks and blocks[-1][0] == "list" and not gap:
                blocks[-1][1][-1] += " " + line
            else:
                add("para", line)
                levels.clear()
                gap = False
        i += 1
    return Document(_layout(blocks), "markdown", title)


def _indent(raw: str) -> int:
    return len(raw.expandtabs(4)) - len(raw.expandtabs(4).lstrip())


def _depth(levels: list[int], indent: int) -> int:
    """How deep an item indented `indent` columns is in the lists open (`levels`, updated): two
    columns more than the item above opens a list inside it (Markdown asks for the marker's
    width, two at the least), two less closes it; a column either way is the same list."""
    while levels and indent + 1 < levels[-1]:
        levels.pop()
    if not levels or indent >= levels[-1] + 2:
        levels.append(indent)
    return len(levels) - 1


# How a sentence that leads into a list ends: a colon, or "may include, but are not limited
# to;", "such as", "the following" without one.
_LEADS_IN = re.compile(
    r"(?::|(?:includ\w*|such as|following|limited to|as follows|are|is)\s*[;,]?)\s*$", re.I
)


# A section's number and a few words of title: "3.3 Visitor", "2.1 Information You Provide" (not
# a date, "1 May 2025", nor a count, "12 months")
_SECTION_LABEL = re.compile(
    r"\d{1,2}(?:\.\d{1,2})*\.?\s+(?-i:[A-Z])(?!\w*\s+\d{4}\b)[^\d]{1,80}", re.I
)


def _layout(blocks: list[tuple[str, list[str]]]) -> str:
    """Blocks as the loader reads them: a heading alone; a list joined to the sentence that
    leads into it when that leads in (`_LEADS_IN`); a short unpunctuated line never alone."""
    # (each block's lines, joined once at the end: a loose list of thousands of items
    # grows its block item by item)
    out: list[list[str]] = []
    last = ""
    for kind, lines in blocks:
        body = "\n".join(x for x in lines if x.strip())
        if not body.strip():
            continue
        if kind == "heading":
            out.append([" ".join(body.split())])
            last = kind
            continue
        # A list stays with the sentence leading into it, and a loose list (items apart) is
        # still one list. (After anything but a list, the block before is one body.)
        if (
            kind == "list"
            and out
            and (last == "list" or (_LEADS_IN.search(out[-1][0]) and not _is_heading(out[-1][0])))
        ):
            out[-1].append(body)
            last = kind
            continue
        last = kind
        if kind == "para" and _is_heading(body):
            line = " ".join(body.split())
            if _SECTION_LABEL.fullmatch(line):
                # a numbered line alone ("3.3 Visitor", "3.1.3 Legitimate interests") is the
                # notice's own section heading, written without Markdown: it opens a section
                # and is no item of data
                out.append([line])
                last = "heading"
                continue
            # Prose that reads as a heading to the loader ("Effective: 1 May 2025") stays
            # in the paragraph after it, so it does not open a section of its own.
            body = f"{BULLET} {body}"
        out.append([body])
    return "\n\n".join("\n".join(b) for b in out).strip() + "\n"


def _is_heading(paragraph: str) -> bool:
    # the loader's own rule, on the paragraph as the loader will see it (whitespace folded)
    return is_heading(" ".join(paragraph.split()))


# -- HTML ------------------------------------------------------------------------------------

_SKIP = {
    "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form",
    "button", "select", "iframe", "head", "menu", "dialog",
}  # fmt: skip
_BLOCK = {
    "p", "div", "section", "article", "main", "blockquote", "br", "ul", "ol", "dl", "table",
    "tbody", "thead", "address", "figure", "pre", "body", "html",
}  # fmt: skip
_LISTS = {"ul", "ol", "dl"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "col", "base"}


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, list[str]]] = []
        self.buf: list[str] = []
        self.kind = "para"
        self.skip = 0
        self.cells: list[str] | None = None
        self.title: str | None = None
        self.in_title = False
        self.furniture_role = 0
        self.lists = 0  # the lists (ul, ol, dl) open: an item's depth is one less

    def flush(self) -> None:
        text = " ".join("".join(self.buf).split())
        self.buf = []
        if not text:
            return
        if self.kind == "heading":
            self.blocks.append(("heading", [text]))
        elif self.kind == "item":
            line = item_line(text, max(0, self.lists - 1))
            if self.blocks and self.blocks[-1][0] == "list":
                self.blocks[-1][1].append(line)
            else:
                self.blocks.append(("list", [line]))
        else:
            self.blocks.append(("para", [text]))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        role = dict(attrs).get("role") or ""
        hidden = dict(attrs).get("aria-hidden") == "true"
        if self.skip or tag in _SKIP or role in {"navigation", "banner", "contentinfo"} or hidden:
            if tag not in _VOID:
                self.skip += 1
            return
        if re.fullmatch(r"h[1-6]", tag):
            self.flush()
            self.kind = "heading"
        elif tag in ("li", "dt", "dd"):
            self.flush()
            self.kind = "item"
        elif tag == "tr":
            self.flush()
            self.cells = []
        elif tag in ("td", "th") and self.cells is not None:
            self.buf = []
        elif tag in _BLOCK:
            self.flush()
            if tag in _LISTS:
                self.lists += 1
            if tag not in ("br",):
                self.kind = "para"

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if self.skip:
            if tag not in _VOID:
                self.skip -= 1
            return
        if re.fullmatch(r"h[1-6]", tag) or tag in ("li", "dt", "dd"):
            self.flush()
            self.kind = "para"
        elif tag in ("td", "th") and self.cells is not None:
            self.cells.append(" ".join("".join(self.buf).split()))
            self.buf = []
        elif tag == "tr" and self.cells is not None:
            row = " | ".join(c for c in self.cells if c)  # a header row too: see _from_markdown
            self.cells = None
            if row:
                self.buf = [row]
                self.kind = "item"
                self.flush()
                self.kind = "para"
        elif tag in _BLOCK:
            self.flush()
            if tag in _LISTS:
                self.lists = max(0, self.lists - 1)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title = (self.title or "") + data
            return
        if not self.skip:
            self.buf.append(data)


def _from_html(text: str) -> Document:
    parser = _Html()
    parser.feed(text)
    parser.close()
    parser.flush()
    title = " ".join(parser.title.split()) if parser.title else None
    headings = [b[1][0] for b in parser.blocks if b[0] == "heading"]
    return Document(_layout(parser.blocks), "html", title or (headings[0] if headings else None))
