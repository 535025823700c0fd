"""Read a policy's sentences into facts: what is collected, who receives it, what is sold or
shared, for which purposes, transferred where under which safeguard, kept how long, and the
rights, choices and words on children.

Rules, not a model: a sentence is read with the sentence that leads into it (the words before a
list: "We may collect the following categories of information:") and its section heading, for
verbs (collect, use, disclose, sell, share, transfer, retain) with negation and hedging, and for
the phrases of `lexicon`. Every fact keeps the sentence it rests on, verbatim, and its section.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from catalog.drafting import lexicon as lx
from catalog.drafting.learned import kind_of, states_data
from catalog.drafting.reading import INDENT
from catalog.loading.policy import Policy
from catalog.model.schema import URL_PATTERN
from catalog.model.text import normalize, singular

MAX_QUOTE = 600


@dataclass
class Unit:
    """A sentence or a list item, with what leads into it."""

    index: int
    start: int
    end: int
    text: str
    section: str
    paragraph: int
    bullet: bool
    lead: str = ""  # the sentence before a list, for its items
    heading: str = ""
    parent: int = -1  # for an item of a list inside an item: the unit leading into it
    outer: str = ""  # and that unit's own lead, which says what the lists are when it does not
    follows: bool = False  # a list item's second sentence or a later one

    @property
    def scope(self) -> tuple[int, int]:
        """The lists a list of data is read with: its paragraph's, or those inside the same
        item (a sub-list of cookies is not what a list of recipients elsewhere receives)."""
        return (self.paragraph, self.parent)


@dataclass
class Mention:
    """One fact read from one sentence."""

    kind: str
    unit: Unit
    quote: str
    confidence: float
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def section(self) -> str:
        return self.unit.section


@dataclass
class Reading:
    policy: Policy
    units: list[Unit]
    mentions: list[Mention]
    title: str | None
    last_updated: tuple[str, str, str] | None  # (ISO date, quote, section)


# -- units ------------------------------------------------------------------------------------


def units_of(policy: Policy) -> list[Unit]:
    paragraphs = _paragraph_spans(policy)
    sections = sorted(
        (s for s in policy.sections.values() if s.parent is None), key=lambda s: s.start
    )
    out: list[Unit] = []
    items, depths = _item_lines(policy)
    # The items that lead into a list inside their own ("we use your information to:"), each
    # with its depth: they lead the deeper items after them, until the list is back at theirs.
    opened: list[tuple[int, Unit]] = []
    # A table of contents repeats the headings as a list: those items state nothing.
    headings = {_bare(s.name) for s in sections}
    for s in sections:
        lead = ""
        last_para = -1
        for a, b in _bounded(policy, _by_paragraph(paragraphs, policy.sentences(s.start, s.end))):
            a, b = _trim(policy.text, a, b)
            if b - a < 2 or _bare(policy.text[a:b]) in headings:
                continue
            para = _paragraph_at(paragraphs, a)
            if para != last_para:
                lead, last_para = "", para
                opened.clear()
            before = policy.text[max(0, a - 3) : a]
            bullet = "•" in before
            line = bisect.bisect_right(items, a) - 1
            if (
                line >= 0
                and out
                and out[-1].bullet
                and out[-1].paragraph == para
                and items[line] <= out[-1].start < a
                and " | " in policy.text[items[line] : _next(items, line, len(policy.text))]
            ):
                # "• Identifiers (...) • Internet activity ... | • Advertising networks": the
                # markers of a list inside a table's cells, or a cell's "name; e-mail address;
                # ..." the sentences are cut at; the row stays one statement
                last = out[-1]
                out[-1] = replace(last, end=b, text=policy.text[last.start : b])
                continue
            item_lead, parent, outer = "", -1, ""
            on_item = (
                not bullet
                and out
                and out[-1].bullet
                and out[-1].paragraph == para
                and line >= 0
                and items[line] <= out[-1].start
            )
            sublead = _is_sublead(policy.text[a:b])
            # a short sentence ending an item's line in a colon, before a list inside the
            # item ("**Cookies.** We collect the following through them:"), leads that list
            opens = bool(
                on_item and sublead and line + 1 < len(depths) and depths[line + 1] > depths[line]
            )
            follows = bool(on_item and not sublead)
            if follows:
                # the second sentence of a list item's line: still that item
                bullet, item_lead, parent, outer = True, out[-1].lead, out[-1].parent, out[-1].outer
            depth = depths[line] if bullet and line >= 0 and items[line] <= a else 0
            if bullet and not item_lead:
                while opened and opened[-1][0] >= depth:
                    opened.pop()
                if opened:
                    above = opened[-1][1]
                    item_lead, parent, outer = above.text, above.index, above.lead
            cut = _inline_heading(policy.text, a, b) if bullet and not item_lead else None
            pieces = [(a, cut, True), (cut, b, False)] if cut else [(a, b, bullet)]
            for x, y, is_bullet in pieces:
                x, y = _trim(policy.text, x, y)
                text = policy.text[x:y]
                unit = Unit(
                    len(out),
                    x,
                    y,
                    text,
                    s.path,
                    para,
                    is_bullet,
                    (item_lead or lead) if is_bullet else "",
                    s.name,
                    parent if is_bullet else -1,
                    outer if is_bullet else "",
                    follows and x == a,
                )
                out.append(unit)
                if opens:
                    opened.append((depths[line], unit))
                elif not is_bullet or _is_sublead(text):
                    # (a short item ending in a colon, "Third Parties:", leads the next ones)
                    lead = text
                elif text.rstrip().endswith(":"):
                    opened.append((depth, unit))
    return out


_TITLE_WORD = re.compile(r"[A-Z][\w'’-]*,?|(?:of|to|for|with|and|or|on|in|a|an|the|via|by|at)\b,?")
_OPENS = re.compile(
    r"When|How|Who|What|Why|Where|Which|Categories|Consequences|Purposes|Recipients|Sources|"
    r"Third|Types|Your|Our|Information|Data|Personal|Retention|Rights|Choices"
)
_SUBHEADING = re.compile(
    r"\b(?:Collect\w*|Use\w*|Shar\w*|Disclos\w*|Consequences|Categories|Purposes?|Recipients?|"
    r"Retention|Rights?|When|How|Who|What|Why|Sources?)\b"
)


def _inline_heading(text: str, a: int, b: int) -> int | None:
    """Where a list item runs into the title of the next list ("General location information
    How We May Use The Data Collected"): the offset of that title, or None."""
    words = list(re.finditer(r"\S+", text[a:b]))
    run: list[re.Match[str]] = []
    for m in reversed(words):
        if not _TITLE_WORD.fullmatch(m.group()):
            break
        run.append(m)
    run.reverse()
    # The title starts at a word that opens one ("When", "How", "Categories"), not at the
    # capitalised name that ends the item before it ("... your Wishlist").
    starts = [i for i, m in enumerate(run) if _OPENS.fullmatch(m.group().rstrip(","))]
    if not starts:
        return None
    run = run[starts[0] :]
    start = run[0].start()
    if start == 0 or sum(m.group()[0].isupper() for m in run) < 3:
        return None
    title = text[a + start : b]
    if _SUBHEADING.search(title) is None:
        return None
    return a + start


def _is_title(text: str) -> bool:
    """A heading run into the text ("Who We May Share Your Data With"): mostly capitalised."""
    words = text.split()
    if not 2 <= len(words) <= 16 or text.rstrip().endswith((".", "?", "!")):
        return False
    return sum(w[0].isupper() for w in words) >= 0.6 * len(words)


# No sentence of a notice is this long; text that is (a run-on dump, a hostile file) is read in
# pieces of this size, cut at spaces, so that the work on each stays small.
MAX_UNIT = 4000
MAX_NAMED = 24


def _by_paragraph(starts: list[int], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A sentence ends where its paragraph does, stop or no stop (a table's last row, a
    heading-like line): the loader's splitter only knows stops."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        i = bisect.bisect_right(starts, a)
        while i < len(starts) and starts[i] < b:
            out.append((a, starts[i] - 1))
            a = starts[i]
            i += 1
        out.append((a, b))
    return out


def _bounded(policy: Policy, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in spans:
        while b - a > MAX_UNIT:
            cut = policy.text.rfind(" ", a + MAX_UNIT // 2, a + MAX_UNIT)
            cut = cut if cut > a else a + MAX_UNIT
            out.append((a, cut))
            a = cut + 1
        out.append((a, b))
    return out


def _regions(text: str, pos: int = 0) -> list[tuple[str, str, str]]:
    """The regions (id, name, type) the text names from `pos` on."""
    return [(rid, name, typ) for p, rid, name, typ in lx.REGIONS if p.search(text, pos)]


def _unmarked(name: str) -> str:
    """A name without ® and ™: marks, not part of what people type."""
    return name.replace("®", "").replace("™", "")


def _role_of(name: str) -> str:
    for pattern, role in lx.RECIPIENT_HEADS:
        if pattern.search(name):
            return role
    return "service_provider"  # a company named as one the notice uses


def _bare(text: str) -> str:
    """A heading without its numbering, case or punctuation, to know it when repeated."""
    text = re.sub(r"^\s*(?:\(?[0-9ivx]{1,4}[.)]?|[a-z][.)])\s+", "", text.strip(), flags=re.I)
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " •;,":
        a += 1
    while b > a and text[b - 1] in " •;,":
        b -= 1
    return a, b


def _is_sublead(text: str) -> bool:
    return len(text) < 40 and text.rstrip().endswith(":")


def _paragraph_spans(policy: Policy) -> list[int]:
    starts: list[int] = []
    offset = 0
    for para in re.split(r"\n\s*\n", policy.raw):
        p = normalize(para)
        if not p:
            continue
        starts.append(offset)
        offset += len(p) + 1
    return starts


def _next(starts: list[int], i: int, end: int) -> int:
    return starts[i + 1] if i + 1 < len(starts) else end


def _item_lines(policy: Policy) -> tuple[list[int], list[int]]:
    """Where each list item's line starts (offsets in the policy's text), in paragraphs whose
    items are lines of their own ("• ..." at a line's start, as Markdown and HTML lists are
    written): a sentence after an item's first, on the same line, is still that item. And each
    item's depth: a list inside another is indented two spaces a level before its bullet."""
    starts: list[int] = []
    depths: list[int] = []
    offset = 0
    for para in re.split(r"\n\s*\n", policy.raw):
        if not normalize(para):
            continue
        raws = [line for line in para.split("\n") if normalize(line)]
        lines = [normalize(line) for line in raws]
        bulleted = sum(line.startswith("•") for line in lines) >= 1 and len(lines) > 1
        for raw, line in zip(raws, lines, strict=True):
            if bulleted and line.startswith("•"):
                starts.append(offset)
                depths.append((len(raw) - len(raw.lstrip(" "))) // len(INDENT))
            offset += len(line) + 1
    return starts, depths


def _paragraph_at(starts: list[int], pos: int) -> int:
    lo, hi = 0, len(starts)
    while lo + 1 < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= pos:
            lo = mid
        else:
            hi = mid
    return lo


# -- modes ------------------------------------------------------------------------------------

_LEAD_MODES: list[tuple[str, re.Pattern[str]]] = [
    (
        "rights",
        re.compile(
            r"right to know|you have the right|rights? (?:to|of) (?:request|access)|"
            r"request (?:that we|to know|access)|entitled to (?:request|know)",
            re.I,
        ),
    ),
    ("sale", re.compile(r"(?<![\w-])(?:sold|sell|sells|selling)(?![\w-])", re.I)),
    ("use", re.compile(r"(?<![\w-])(?:use|uses|used|purposes?)(?![\w-])", re.I)),
    (
        "share",
        re.compile(
            r"(?<![\w-])(?:share|shares|shared|disclose|discloses|disclosed|"
            # "Your personal data may be communicated according to the purposes pursued:"
            r"(?:be|is|are) (?:communicated|transmitted|passed on)|"
            r"recipients?|third parties|with whom|who we)(?![\w-])",
            re.I,
        ),
    ),
    (
        "collect",
        re.compile(
            r"(?<![\w-])(?:collect|collects|collected|gather|obtain|receive|"
            r"categories of (?:\w+ )?(?:personal )?(?:data|information)|types of "
            r"(?:personal )?(?:data|information)|information we|data we|"
            r"information (?:you|that you) provide|we may collect|"
            # "you might supply us with such information as:", "you give us"
            r"(?:provide|supply|give|send)s? us(?: with)?|you (?:\w+ ){0,2}(?:supply|give) us)"
            r"(?![\w-])",
            re.I,
        ),
    ),
]
_HEADING_MODES: list[tuple[str, re.Pattern[str]]] = [
    (
        "share",
        re.compile(
            r"shar|disclos|recipient|third part|who (?:we|do)|with whom|service "
            r"providers|transfer of (?:your )?(?:personal )?(?:data|information) "
            r"to third",
            re.I,
        ),
    ),
    (
        "collect",
        re.compile(
            r"collect|information we|data we|(?:data|information) categor|(?:data|information) (?:that )?(?:are |is |we )?"
            r"process|what (?:personal )?(?:data|"
            # ("Other categories of recipients" lists who receives, not what is collected)
            r"information)|(?:categories|types) of(?! (?:recipients|third[- ]part|parties|"
            r"companies|partners|service providers))|(?:data|information) (?:that )?you "
            r"(?:provide|give|submit)|provided by you|automatically|from (?:other|third)",
            re.I,
        ),
    ),
    ("use", re.compile(r"(?<![\w-])use|purpose|why we|how we process|legal bas", re.I)),
    ("rights", re.compile(r"rights?|choices|access(?:ing)? and|request", re.I)),
    ("retention", re.compile(r"retention|retain|how long|storage|keep", re.I)),
    (
        "transfer",
        re.compile(r"transfer|international|cross-border|where we (?:store|process)", re.I),
    ),
    ("children", re.compile(r"child|minor|age", re.I)),
]


_WE_VERB = re.compile(
    r"(?<![\w-])we(?: (?:may|might|will|can|could|also|only|generally|typically|do|have|"
    r"sometimes|currently|otherwise|automatically|routinely))* (collect\w*|gather\w*|obtain\w*|"
    r"receiv\w*|use[sd]?|process\w*|shar\w*|disclos\w*|sell\w*|sold|transfer\w*|provid\w*|"
    r"see|record\w*|track\w*|log|logs|store[sd]?|retain\w*|keep|keeps|access\w*)",
    re.IGNORECASE,
)
_VERB_MODES: list[tuple[str, tuple[str, ...]]] = [
    (
        "collect",
        (
            "collect",
            "gather",
            "obtain",
            "receiv",
            "see",
            "record",
            "track",
            "log",
            "stor",
            "retain",
            "keep",
            "access",
        ),
    ),
    ("use", ("use", "process")),
    ("share", ("shar", "disclos", "transfer", "provid")),
    ("sale", ("sell", "sold")),
]


# A sentence or lead-in that enumerates what its heading is about.
_ENUMERATES = re.compile(
    r"\b(?:includ(?:e|es|ing)(?: for example| among other things)?|such as|for example|e\.g\.)"
    r"(?:\s*:|\s)"
    r"|^\W*examples?\s*:",  # a line of examples under its heading ("Examples: Account name, ...")
    re.I,
)
# Advice to the reader is no disclosure of ours: "we encourage you to disclose your practices",
# "you must provide other users the option ..." (what a user shares through the service is).
_YOU_DISCLOSE = re.compile(
    r"\b(?:encourage|advise|ask|remind) you to\s+$|\byou (?:must|should)\s+(?:\w+\s+){0,4}$"
    r"|\b(?:that|which) you (?:(?:may|can|might|choose|decide|elect|opt|want|wish|to|also)\s+){0,3}$"
    # "we encourage you to ask questions before disclosing personal information to them"
    r"|\b(?:encourage|advise|ask|remind) you to\b[^.;]{0,60}\b(?:before|when|if)\s+$",
    re.I,
)
# Between two items of one list (an item no pattern knows between them: ", subcontractors,").
_BETWEEN_ITEMS = re.compile(
    r"\s*(?:,\s*(?:[\w-]+\s+){0,2}[\w-]+(?=,))*(?:,|,?\s*(?:and|or|and/or))?\s*"
)


def _giving_us(text: str, recips: list[Span]) -> list[Span]:
    """The recipients who give us data: "partners, ad networks and analytics providers, who may
    provide us with information about you" (the whole list before the verb), sources all."""
    out: list[Span] = []
    giving = False
    for before, r in zip([None, *recips[:-1]][::-1], recips[::-1], strict=True):
        giving = giving or _GIVES_US.match(text, r.end) is not None
        if giving:
            out.append(r)
        if before is None or not _BETWEEN_ITEMS.fullmatch(text, before.end, r.start):
            giving = False
    return out


_EXCEPT = re.compile(
    r"\b(?:other than|except(?: for)?|excluding|apart from|but not)\s+(?:(?:your|the|any)\s+)?$",
    re.I,
)
_QUESTIONS_ABOUT = re.compile(
    r"\b(?:questions?|comments?|concerns?|queries|enquir(?:y|ies)|inquir(?:y|ies))\b(?:\s+or\s+"
    r"\w+)?\s+(?:about|regarding|concerning|relating to|on)\b"
    # "To learn about the rights you may have regarding the international transfer of your
    # data, please consult ...": where to read about transfers, not a statement of one (a
    # sentence that opens so: one that ends with "To learn more about the DPF, visit ..." run
    # on after "to the U.S." still states its transfer)
    r"|^\W*(?:in order )?to learn (?:more )?about\b"
    r"|^\W*for more (?:information|details) (?:about|on|regarding)\b",
    re.I,
)
_ADEQUACY = re.compile(r"\badequa(?:cy|te)\b", re.I)
_DECIDES_ADEQUACY = re.compile(r"\b(?:commission|government|secretary of state)\b", re.I)
# Those the company names as itself: "Acme and its subsidiaries and affiliates (collectively,
# "Acme" or "we")" are who collects, not who receives.
_NAMED_AS_WE = re.compile(
    r"[^.;()]{0,40}?\((?:together|collectively)\b[^)]{0,100}?\b(?:we|us|our)\b", re.I
)
# A recipient doing something with the data ("Third parties may receive information", "they
# may access your data"), or engaged by us to ("we rely on third party service providers",
# "We allow advertisers to use Cookies", "we may instruct the debt collection company").
# Words that stand for the recipients the sentence before names, as a sentence's subject.
_ANAPHOR = re.compile(
    r"(?:They|(?:These|Such|Those) (?:third[- ]part(?:y|ies) )?(?:companies|partners|providers|"
    r"third parties|parties|service providers|vendors|processors|sub-?processors|entities|"
    r"organi[sz]ations|recipients))\b"
)
_RECIPIENT_ACTS = re.compile(
    r"\s+(?:(?:also|then|only|directly)\s+)?(?:receives?|possess(?:es)?)\b"
    # "They have access to the personal information they need": holding it
    r"|\s+(?:(?:also|then|only|may|might|will|can|could)\s+)*(?:have|has|get|gain|be given|"
    r"are given|is given) access\b"
    # "Our provider uses IP addresses to ...": a present verb of holding with data as object
    r"|\s+(?:(?:also|then|only|directly)\s+)?(?:use|uses|process(?:es)?|store|stores|collect|"
    r"collects|access(?:es)?|obtain|obtains)\s+(?=(?:your|the|users?[’']?|personal|such|this|"
    r"that|information|data|IP)\b)"
    r"|\s+(?:(?:also|then|only|directly)\s+)?(?:may|might|will|can|could)\s+(?:(?:also|then|"
    r"only|directly)\s+)?(?:receive|access|view|see|possess|process|store|use|collect|retain|"
    r"hold)\b(?!\s+(?:to|for)\b)"
    # "Google may set additional cookies", "third parties place cookies on your device": what
    # reads the device
    r"|\s+(?:(?:also|then|only|directly|may|might|will|can|could)\s+)*(?:set|sets|place|places|"
    r"drop|drops|read|reads|serve|serves)\s+(?:[\w-]+\s+){0,3}?(?:cookies|pixels|web beacons|"
    r"tracking technologies)\b",
    re.I,
)
# "Our payment service providers include Stripe, Braintree and PayPal", "Key service providers
# we use include ...": the companies named are the recipients, each holding what it serves
_NAMED_AS = re.compile(
    r"\s+(?:(?:that |which )?we (?:use|work with|engage|rely on|have engaged) )?"
    r"(?:include|includes|are|comprise)\b:?(?=\s+(?:\[)?[A-Z])"
)
# Companies in brackets straight after a recipient: "subcontractors and service providers
# (Floa, PayLead, Treezor)", "account information service providers (examples: Budget
# Insight, Tink)", "Analytics services (e.g., Mixpanel, Hotjar)"
_EXAMPLES_COLON = re.compile(r"(?<![\w-])[Ee]xamples?\s*:")
_BRACKETED = re.compile(
    r"\s*\((?:[Ff]or )?(?:[Ee]xamples?\s*:\s*|e\.g\.,?\s*|such as\s+|including\s+)?(?=[A-Z])"
)
_ENGAGE_VERB = (
    r"(?:(?:may|will|also|can|might|sometimes|often|then|only)\s+)*(?:uses?|engages?|rel(?:y|ies) on|works? with|partners? "
    r"with|instructs?|retains?|hires?|allows?|permits?|enables?|commissions?)\s+(?:the\s+|our\s+|"
    r"certain\s+|selected\s+|some\s+|an?\s+|other\s+)?(?:[\w-]+\s+){0,3}$"
)
_ENGAGES = re.compile(r"\b(?:we|us)\s+" + _ENGAGE_VERB, re.I)
# "we and our third-party advertising partners ... may use cookies to collect": they collect
# beside us, so what is collected reaches them
_WE_AND = re.compile(r"\b(?:we|us) and (?:our |certain |some |selected )?(?:[\w-]+ ){0,2}$", re.I)
_TO_COLLECT = re.compile(r"\bto (?:collect|gather|track|record|obtain|receive)\b", re.I)
_DECLARES_COLUMNS = re.compile(
    r"(?:format|columns?|as follows)\W*\s*([^:|]{1,60}(?:\|[^:|]{1,60}){1,8}?):?\s*$", re.I
)
_PUBLICLY = re.compile(r"\bpublicly\b|\bpublish", re.I)
# ("content they have publicly posted": what users do, said of their rights, not ours)
_PUBLIC_EXPOSURE = re.compile(
    r"\b(?:disclosed|displayed|made|shared|published|shown|visible|available|accessible|"
    r"viewable|searchable)\s+(?:\w+\s+)?publicly\b|\bpublicly\s+(?:displayed|available|visible|"
    # ("publicly available segments", "from publicly available sources": an adjective)
    r"accessible|viewable|searchable|shown|disclosed)\b(?=\s*(?:[.,;:)]|$|\s(?:on|to|in|at|"
    r"through|via|online|and|or|by|for|when|if|as)\b))|\b(?:available|visible|viewable|"
    r"accessible|open)\s+to\s+(?:the public|anyone|everyone|non-members|the world)\b|"
    r"\bpublished on the (?:internet|web)\b|"
    # "We disclose your Personal Data publicly when you post ..." (not "publicly available
    # information": an adjective)
    r"\b(?:disclos|display|publish|show)\w*\s+(?:[\w’'-]+\s+){1,5}publicly\b(?!\s+available)|"
    # "can be read, collected, and used by anyone", "anyone may view this information"
    r"\b(?:read|seen|viewed|accessed|used|collected|copied|available|visible)\b[\w ,]{0,40}\bby "
    r"anyone\b|\banyone (?:may|can|could|will be able to) (?:view|see|read|access)\b|"
    # "recorded on a public blockchain", "added to your public profile"
    r"\b(?:on|to|in) (?:a|the|your) public(?:[- ]facing)? (?:blockchain|ledger|profile)\b",
    re.I,
)
# What we take from what is public, read just before it: "use the information made", "collect data
# that is"
_FROM_PUBLIC = re.compile(
    r"\b(?:use|uses|collect|collects|obtain|obtains|receive|receives|gather|gathers|access|"
    r"combine|combines)\s+(?:the\s+|any\s+|such\s+|certain\s+|other\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:information|data|content)\s+(?:(?:that|which)\s+(?:is|are|was|were|has been|have been)\s+|"
    r"you\s+(?:have\s+)?)?(?:made\s+)?$",
    re.I,
)
# What is public, said of the data itself: "Your username is public", "is always public",
# "public by default", "made public", "if you make your profile public", "publicly attributed",
# "seen and used by everyone" (not "a public authority", "public or private", "some parts of
# the services are public and ...": what is public there is not said to be data)
_PUBLIC_STATE = re.compile(
    r"\b(?:(?:is|be|becomes?|remains?)\s+(?:always\s+|also\s+)?|(?:made|make|makes|making)\s+"
    r"(?:[\w’'-]+\s+){1,3}?)public\b(?=\s*(?:[.,;)]|$|\s(?:by default|in perpetuity|at the time|"
    r"on|to|when|if)\b|\sand (?:can|may|will|therefore)\b))|"
    r"\bpublicly (?:attributed|posted|shared)\b|\bseen publicly\b|"
    r"\b(?:seen|viewed|used|visible|available)\b[\w ,]{0,40}\bby everyone\b|"
    r"\bvisible for anyone\b",
    re.I,
)
# What a user posts is theirs: "Information that you post is public", "your contributions will
# be publicly attributed"
_WHAT_YOU_POST = re.compile(
    r"\b(?:information|content|anything|whatever) (?:that |which )?you (?:post|share|submit|"
    r"contribute|add|upload|publish)|\byour (?:contributions?|posts?|content|profile)\b",
    re.I,
)
_NOT_PERSONAL = re.compile(
    r"\b(?:in the aggregate|aggregated?|de-?identified|anonymi[sz]ed|anonymous|non-identifiable|"
    r"non-personal|pseudonymi[sz]ed and aggregated)\b",
    re.I,
)
_LIMIT_OUR = re.compile(
    r"\b(?:limit|restrict|prevent|stop)\b[^.;]{0,25}\b(?:ability to|from)\b", re.I
)
# "we" as the subject of the verb that follows ("we will disclose, as allowed by law, ...").
_WE_BEFORE = re.compile(r"\bwe(?:\s+\w+){0,3},?\s+$", re.I)


def _said_by_us(text: str, verb: re.Match[str]) -> bool:
    """Whether "we" is the subject of the verb (`_WE_BEFORE`)."""
    return _WE_BEFORE.search(text, max(0, verb.start() - 40), verb.start()) is not None


# "the use of cookies", "our use of", "to control the use": the noun, or a choice about it
_USE_AS_NOUN = re.compile(r"\b(?:the|our|their|its|of|limit|restrict|control|manage)\s+$", re.I)


def uses_trackers(text: str) -> re.Match[str] | None:
    """A statement that tracking technologies are used on the reader's device (`USES_TRACKERS`),
    by us or by anyone, not a choice about them, a pointer or a negation."""
    for m in lx.USES_TRACKERS.finditer(text):
        if (
            _USE_AS_NOUN.search(text, max(0, m.start() - 12), m.start())
            or _YOU_BEFORE.search(text, max(0, m.start() - 25), m.start())
            or negated_before(text, m.start(), 30)
        ):
            continue
        return m
    return None


def _said_by_you(text: str, verb: re.Match[str]) -> bool:
    """Whether the verb is the reader's, or advice to the reader (`_YOU_DISCLOSE`)."""
    return _YOU_DISCLOSE.search(text, max(0, verb.start() - 100), verb.start()) is not None


# What is shared "with us" comes from the one sharing it: a source, not a recipient.
# (the first "with" or "to" after the verb: "share ... with affiliates under common control
# with us" shares with the affiliates)
_TO_US = re.compile(r"(?:(?!\b(?:with|to)\s)[^.;]){0,80}?\b(?:back )?(?:with|to) us\b", re.I)
_US = re.compile(r"\b(?:with|to) us\b", re.I)


def _to_us(text: str, verb: re.Match[str]) -> bool:
    """Whether the data the verb moves comes to us ("shared with us by the survey partner":
    the verb's own words may say so)."""
    return bool(_TO_US.match(text, verb.end()) or _US.search(verb.group()))


_SUBORDINATE = re.compile(r"\b(?:how|what|which|that|as|whom|why)\s+$", re.I)


_ANNOUNCED = re.compile(
    r"\b(?:following|these|below|as follows)\s+(?:\w+\s+){0,3}?(purposes?|reasons?|uses?|third "
    r"parties|recipients|partners|(?:service )?providers|categories of (?:third parties|recipients))"
    r"\W*$"
    # "Some of our main long-term service providers are:", "Our processors include:"
    r"|\b(third parties|recipients|partners|(?:service )?providers|(?:sub-?)?processors|vendors|"
    r"suppliers)\s+(?:are|include|includes|comprise)\s*:?\W*$",
    re.I,
)


# A lead that announces kinds of data: its items are data whatever it does with them ("Lyft
# may disclose the following categories of your personal information to ...:").
_DATA_ANNOUNCED = re.compile(
    r"\b(?:the following|these|below)\s+(?:(?:categories|types|kinds|pieces|items)\s+of\s+)?"
    r"(?:your\s+)?(?:personal\s+)?(?:information|data)\b(?!\s+with\b)",
    re.I,
)


# A lead that is only a name for data, with no one doing anything in it ("Examples of
# information used:", "Personal data processed:"): its items are data, whatever the participle.
_DATA_LEAD = re.compile(
    r"^\W*(?:(?:some )?examples? of |(?:categories|types|kinds) of )?(?:the )?(?:your )?"
    r"(?:personal )?(?:information|data)(?: (?:used|processed|collected|concerned|involved))?"
    r"\W*$",
    re.I,
)


def lead_mode(lead: str) -> str | None:
    """What the items after a lead-in are: the first of its verbs, read in its last clause."""
    if not lead:
        return None
    clause = re.split(r"[.;]\s", lead)[-1][-220:]
    if _DATA_LEAD.match(clause):
        return "collect"
    mode = _lead_mode(clause)
    if mode in ("share", "collect") and _DATA_ANNOUNCED.search(clause):
        if lx.SELL.search(clause) and not lx.NEGATION.search(clause):
            return "sale"  # "we have shared or sold the following data:": the kinds sold
        if mode == "share":
            return "collect"  # kinds of data it discloses: data, not recipients
    return mode


def _lead_mode(clause: str) -> str | None:
    (_, rights), *others = _LEAD_MODES
    if rights.search(clause):
        return "rights"
    # "... collect and process your personal data for the following purposes:": the noun the
    # list is announced as says what its items are
    announced = _ANNOUNCED.search(clause)
    if announced is not None:
        noun = (announced.group(1) or announced.group(2)).lower()
        if noun.startswith(("purpose", "reason", "use")):
            return "use"
        return "share"
    # The verb whose subject is "we" says what the list is ("When you use our services, we
    # may collect the following:" is a list of data, not of uses).
    # ("how we collect data", "which we use": a verb of a clause inside it, not the lead's own)
    we = next(
        (m for m in _WE_VERB.finditer(clause) if not _SUBORDINATE.search(clause, 0, m.start())),
        None,
    )
    if we is not None:
        verb = we.group(1).lower()
        for mode, stems in _VERB_MODES:
            if verb.startswith(stems):
                return mode
    # else the verb written first (the first of the modes, where two start together)
    hits = [(m.start(), mode) for mode, p in others if (m := p.search(clause)) is not None]
    return min(hits, key=lambda hit: hit[0])[1] if hits else None


def heading_modes(heading: str) -> set[str]:
    return {mode for mode, p in _HEADING_MODES if p.search(heading)}


# How deep a heading's numbering puts it: "3." one, "3.1" two, "3.1.2" three; a letter ("A)",
# "b.") below any number. A heading without a number has no depth: the numbering is the only
# outline a flat text keeps.
_NUMBERED = re.compile(r"\s*(\d{1,3}(?:\.\d{1,3})*)\.?\s+\S")
_LETTERED = re.compile(r"\s*(?:\(?[A-Za-z]\)|[A-Za-z]\.)\s+\S")
_LETTER_DEPTH = 10


def heading_depth(heading: str) -> int | None:
    numbered = _NUMBERED.match(heading)
    if numbered is not None:
        return numbered.group(1).count(".") + 1
    return _LETTER_DEPTH if _LETTERED.match(heading) else None


def outline_modes(headings: Sequence[str]) -> list[set[str]]:
    """Each heading's modes, in order: its own, or, where it says nothing of what its section
    does, those of the heading its numbering puts it under ("3. How We Use Your Data" for "3.1.
    To Provide our Services" and for "A) Based on our contract with you" after it)."""
    out: list[set[str]] = []
    above: list[tuple[int, set[str]]] = []  # the open outline: depth and modes
    for heading in headings:
        own = heading_modes(heading)
        depth = heading_depth(heading)
        if depth is None:
            out.append(own)
            continue
        while above and above[-1][0] >= depth:
            above.pop()
        modes = own or (set(above[-1][1]) if above else set())
        above.append((depth, modes))
        out.append(modes)
    return out


# -- spans ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    key: str  # fideslang key or role
    learned: bool = False  # the key is the learned item reading's (`learned.kind_of`)


# Words of data that also name the means data travels by, and the prepositions that say so.
_MEANS = frozenset(
    "device devices mobile device browser browsers computer email e-mail mail phone telephone "
    "text sms chat".split()
)
# A telephone that is the handset or the call ("your mobile phone", "phone calls"), not a number
_A_HANDSET = re.compile(r"\b(?:mobile|cell|cellular|smart)\s*$", re.I)
_PHONE_THING = re.compile(
    r"\s+(?:calls?|conversations?|masts?|devices?|lines?|or computer)\b", re.I
)
# A name that is a thing's ("the model name", "domain names"), not a person's
_THING_BEFORE_NAME = re.compile(
    r"\b(?:model|file|device|domain|product|business|company|brand|host|network|app|carrier's|"
    r"DDNS|computer|server|project|team|event)\s+$",
    re.I,
)
# E-mail as the channel ("an email campaign", "by sending an email"), not an address
_EMAIL_CHANNEL = re.compile(
    r"\s+(?:campaigns?|communications?|notices?|messages?|marketing|correspondence|newsletters?|"
    r"accounts?|systems?|activity|updates?|alerts?|notifications?|protection)\b",
    re.I,
)
_YOUR_HASHED = re.compile(r"\byour (?:hashed|encrypted|pseudonymi[sz]ed) $", re.I)
_AN_EMAIL = re.compile(r"\b(?:an|by|via|company)\s+$", re.I)
# A profile or settings named as where something is shown or chosen ("displayed on your
# profile", "via your privacy settings"), not as data
_PLACES = frozenset("profile profiles settings".split())
_IN_PLACE = re.compile(
    r"\b(?:in|on|onto|into|via|through|under|within|depending on|according to|seeing|see)\s+"
    r"(?:your|the|their|his|her|its|our|a)\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
# Websites where ads are shown ("ads on other third-party websites"), and who is protected
# ("to protect Couchsurfing, our users or the public from harm"): named, but receiving nothing
_ON_A_SITE = re.compile(r"\b(?:on|across)\s+(?:other\s+|such\s+|these\s+|those\s+|the\s+)?$", re.I)
_SITES = re.compile(r"\b(?:websites?|sites|services|platforms|apps|applications|properties)$", re.I)
_PROTECTED = re.compile(
    r"\bprotect(?:s|ing)?\b(?:(?!\b(?:we|us|to|for|with|by|disclos\w*|shar\w*|provid\w*|"
    r"transfer\w*|sell\w*|giv\w*)\b)[^.;:])*$",
    re.I,
)


def _not_receiving(text: str, r: Span) -> bool:
    """Whether a recipient named is only where ads are shown or who is protected (unless the
    sentence shares with it: "share certain information on third party services")."""
    return bool(
        _ON_A_SITE.search(text, max(0, r.start - 12), r.start)
        and _SITES.search(r.text)
        and not _SHARE_OR_DISCLOSE.search(text, max(0, r.start - 60), r.start)
    ) or bool(_PROTECTED.search(text, max(0, r.start - 80), r.start))


_BY_MEANS = re.compile(
    r"\b(?:from|on|onto|by|through|via|using|over)\s+(?:(?:your|a|the|their|our|any|each|"
    r"this|that|an|its|mobile|end-user|own)\s+){0,3}$",
    re.I,
)


_NOT_YOUR_INTEREST = re.compile(
    r"\b(?:legitimate|vital|public|legal|business|commercial|overriding|best)\s+(?:and\s+\w+\s+)?$",
    re.I,
)


def data_spans(text: str, weak_ok: bool) -> list[Span]:
    found: list[Span] = []
    for pattern, key in lx.DATA_TERMS:
        for m in pattern.finditer(text):
            found.append(Span(m.start(), m.end(), m.group(), key))
    found.sort(key=lambda s: (s.start, -(s.end - s.start)))
    out: list[Span] = []
    taken_until = -1
    owned_until = -1  # where the last item owned by someone ends
    for s in found:
        if s.start < taken_until:
            continue
        word = s.text.lower()
        weak = _weak(s.text)
        # "your rating", "the Rider's rating": someone's, so the person's data; and so is the
        # rest of the list it begins ("your photos, ratings and reviews")
        owned = (
            text[max(0, s.start - 5) : s.start].lower() == "your "
            # "your hashed email", "your encrypted email address"
            or _YOUR_HASHED.search(text, max(0, s.start - 22), s.start) is not None
            or text[max(0, s.start - 3) : s.start] in ("'s ", "’s ")
            or (owned_until >= 0 and _LIST_GAP.fullmatch(text, owned_until, s.start) is not None)
        )
        if weak and ((not weak_ok and not owned) or _used_as_verb(text, s)):
            continue
        if weak and _POSSESSOR.search(text, max(0, s.start - 12), s.start):
            continue  # "the location of your device": the device holds the data, it is not it
        if text[s.end : s.end + 2] in ("'s", "’s"):
            continue  # "your device's location": the device holds the data, it is not it
        if word in _MEANS and _BY_MEANS.search(text, max(0, s.start - 40), s.start):
            continue  # "from your mobile device", "by email", "via phone": how, not what
        if word == "phone" and (
            _A_HANDSET.search(text, max(0, s.start - 12), s.start)
            or _PHONE_THING.match(text, s.end)
        ):
            continue  # "your mobile phone", "phone calls": the handset or the call, no number
        if s.key == "user.name" and (
            _THING_BEFORE_NAME.search(text, max(0, s.start - 20), s.start)
            or text[s.end : s.end + 5].lower() == " page"
        ):
            continue  # "the model name", "file names", "domain names": a thing's name
        if word in ("email", "e-mail") and (
            _EMAIL_CHANNEL.match(text, s.end)
            or _AN_EMAIL.search(text, max(0, s.start - 12), s.start)
        ):
            continue  # "an email campaign", "by sending an email": the channel, not an address
        if weak and word in _PLACES and _IN_PLACE.search(text, max(0, s.start - 40), s.start):
            continue  # "displayed on your profile", "via your privacy settings": where, not what
        if word in ("interest", "interests") and (
            _NOT_YOUR_INTEREST.search(text, max(0, s.start - 40), s.start)
            or re.match(r"\s+to\s+(?:you|them|users|customers|our)\b", text[s.end :], re.I)
        ):
            continue  # "legitimate interests", "vital interests", "of interest to you": a basis
        if s.key.startswith("user.location") and _PLACES_BEFORE.search(
            text, max(0, s.start - 20), s.start
        ):
            continue  # "our retail locations": the company's places, not yours
        out.append(s)
        taken_until = s.end
        owned_until = s.end if owned else -1
    return out + _shared_head(text, out)


def _by_head(item: str) -> tuple[str | None, bool]:
    """The kind the learned item reading sees in the item's words (`learned.kind_of`) when it
    is sure of one, else the fideslang key its last word says (`lx.HEAD_NOUNS`), if any; and
    whether the key is the learned reading's."""
    words = re.findall(r"[A-Za-z]+", item)
    if not words:
        return None, False
    learned = kind_of(item)
    if learned is not None:
        return learned, True
    return lx.HEAD_NOUNS.get(words[-1].lower()), False


def _learned(kind: bool, statement: bool = False) -> dict[str, list[str]]:
    """What a fact owes to the learned readings rather than to a rule, said to the reviewer."""
    said = []
    if statement:
        said.append("statement: no rule read the sentence; its words, as labelled notices use them")
    if kind:
        said.append(
            "kind: no vocabulary term names the item; its words, as labelled notices use them"
        )
    return {"learned": said} if said else {}


_ITEM_GAP = re.compile(r"\s*(?:\([^()]{0,30}\))?\s*,\s*(?:and\s+|or\s+)?(?:your\s+|the\s+)?")


def _as_a_sentence(u: Unit) -> bool:
    """Whether a unit names companies as a sentence does: not a list item, or a long one."""
    return not u.bullet or len(u.text.split()) > 12


def _of_the_data(text: str, r: Span, data: list[Span], data_ends: list[int]) -> bool:
    """Whether a recipient named is a word of the data ("your government issued ID"; while
    "social media platforms" are more than the social media data they start with) or an item of
    a list of data ("IP address, Internet Service Provider (ISP) and browser information")."""
    return any(d.start <= r.start and r.end <= d.end for d in data) or _among_data(
        text, data_ends, r.start
    )


def _among_data(text: str, data_ends: list[int], at: int) -> bool:
    """Whether what starts at `at` follows an item of data in a list ("IP address, Internet
    Service Provider (ISP), browser type"): an item of data itself (`data_ends` sorted)."""
    k = bisect.bisect_right(data_ends, at) - 1
    return k >= 0 and _ITEM_GAP.fullmatch(text, data_ends[k], at) is not None


# A list of the kinds of work done for the company ("operational support in areas including
# payment card, compliance, marketing and analytics"): services, not data.
_SERVICE_RUN = re.compile(
    r"\b(?:areas|services|functions|activities|operations|tasks|fields)\s+(?:\w+\s+){0,2}?"
    r"(?:such as|including|like|e\.g\.)[^.;]*",
    re.I,
)
# A company that gives us data ("The banks you use ... will provide us with your name",
# "Third-Party Services may provide SPE certain Personal Data"): a source, whatever verb follows.
# (not "providers that provide us with IT support": a service; not "if you give us")
_GIVES_US = re.compile(
    r",?\s+(?:(?!if\b|when\b|unless\b|where\b)[\w’'-]+\s+){0,8}?(?:will\s+|may\s+|can\s+|also\s+)*"
    r"(?:provide|provides|give|gives|send|sends|pass|passes|disclose|discloses|share|shares)\s+"
    r"(?:to\s+)?(?:us|(?-i:(?!(?:Personal|Your|The|This|That|Such|Certain|Any|Some|All|"
    r"Information|Data)\b)[A-Z][A-Za-z0-9&.-]+))(?:\s+with)?\s+(?:your|the|certain|some|such|"
    r"any|more|additional|information|"
    r"data|personal|details|basic|anonymi[sz]ed|aggregated|de-identified)\b",
    re.I,
)


# One item of a list: a few words, and none that makes it a clause or a kind of company.
_ITEM = re.compile(r"[A-Za-z][\w'’-]*(?:[ /][\w'’-]+){0,4}")
_NOT_ITEM = re.compile(
    r"^(?:you|that|which)\b|"  # a clause ("you may ..."); "the pages you view" is an item
    # a clause's lead before its comma ("Depending on your location, we ...", "After completion
    # of a survey, you ...", "if you, as a Respondent, contact us", "As another example, ...")
    # (not "whether you open emails", "like the features you access", "as well as your ...")
    r"^(?:as(?!\s+well\s+as)|after|before|during|upon|once|while|depending|according|unlike|"
    r"following|since|until|although|though|in|on|at|by|with|without|additionally|however|"
    r"moreover|furthermore|likewise|similarly|finally|generally)\s|\bexamples?\b|"
    # what is done to data, not data ("the ways we collect, use, transfer, store ...")
    r"^(?:collect|use|transfer|store|share|disclose|process|secure|protect|sell|retain|delete|"
    r"correct|receive|obtain|provide|personali[sz]e|improve)\b|"
    r"\b(?:we|us|our|they|it|is|are|was|were|be|been|will|may|can|could|would|should|must|"
    r"who|when|where|if|because|etc|others|similar|such|more|any|all|"
    r"services?|purposes?|products?|companies|partners?|providers?|third|parties|"
    r"affiliates|subsidiaries|vendors|advertisers|agencies)\b",
    re.I,
)
_RUN_START = re.compile(
    r"(?:such as|including|include|includes|e\.g\.,?|for example,?|like|namely|:)\s*", re.I
)
_RUN_END = re.compile(r"[;()]|\.(?:\s|$)|\b(?:to|that|which|when|where|for|from|so|in order)\b")


def _unknown_items(text: str, spans: list[Span], start: int) -> list[Span]:
    """Items of a list of data the vocabulary does not name but whose words or head noun say a
    kind (`_by_head`), in the comma-separated run a known item of the sentence belongs to."""
    out: list[Span] = []
    taken = sorted((sp.start, sp.end) for sp in spans)
    run_starts = [m.end() for m in _RUN_START.finditer(text)]
    runs: set[tuple[int, int]] = set()
    # (each run read once, and each item looked up in sorted spans: a hostile run of thousands
    # of items costs their number, not its square)
    for a, b in [(sp.start, sp.end) for sp in spans]:
        if a < start or len(out) >= MAX_NAMED:
            continue
        before = bisect.bisect_right(run_starts, a) - 1
        left = max(start, run_starts[before] if before >= 0 else start)
        stop = _RUN_END.search(text, b)
        right = stop.start() if stop is not None else len(text)
        if (left, right) in runs:
            continue
        runs.add((left, right))
        for part in re.finditer(r"[^,]+", text[left:right]):
            for item in re.split(r"\s+(?:and|or|and/or)\s+", part.group()):
                name = item.strip(" .:")
                name = re.sub(r"^(?:your|the|their|any|certain)\s+", "", name, flags=re.I)
                if len(name) < 3 or _ITEM.fullmatch(name) is None or _NOT_ITEM.search(name):
                    continue
                key, learned = _by_head(name)
                if key is None:
                    continue
                i = text.find(name, left + part.start())
                j = i + len(name)
                if i < 0 or _overlaps(taken, i, j):
                    continue
                out.append(Span(i, j, name, key, learned))
                bisect.insort(taken, (i, j))
                if len(out) >= MAX_NAMED:
                    break
    return out


def _with_unknown_items(
    text: str, spans: list[Span], start: int, besides: list[Span] | None = None
) -> list[Span]:
    """`spans` with the unknown items of their lists (`_unknown_items`), in the order of the
    text, leaving out any over the spans `besides` (the recipients a sentence names)."""
    more = [
        s
        for s in _unknown_items(text, spans, start)
        if not any(b.start < s.end and s.start < b.end for b in besides or [])
    ]
    return sorted(spans + more, key=lambda sp: sp.start)


# A recipient described by what it does: "payment providers that process your credit card
# information", "partners who ...".
_DESCRIBES = re.compile(r"\s*,?\s*(?:that|who|which)\s", re.I)
_NEXT_DESCRIBED = re.compile(
    r"[;:]|,\s+(?:and\s+|or\s+)?(?:[\w-]+\s+){1,4}?(?:that|who|which)\s", re.I
)


def _descriptions(text: str, recips: list[Span]) -> list[tuple[int, int, tuple[Span, ...]]]:
    """Where recipients named in a list are described by what they do ("service providers that
    help us fight spam, payment providers that process your credit card information"), and by
    whom: the one named before it, with those it is coordinated with or an example of
    ("advertising and analytics services that analyse ...", "service providers, including
    providers of analytics services that ..."); from there to the next one described, or to the
    clause's end; and where one no rule named is described (no one: ", and analytics providers
    that measure your page views"). Only where a sentence names several: the data in one's
    description is what that one handles, not what all receive."""
    if len(recips) < 2:
        return []
    ordered = sorted(recips, key=lambda r: r.start)
    out: list[tuple[int, int, tuple[Span, ...]]] = []
    group: list[Span] = []
    for r, after in zip(ordered, [*ordered[1:], None], strict=True):
        if group and not _WITH_THE_ONE_BEFORE.fullmatch(text, group[-1].end, r.start):
            group = []
        group.append(r)
        if _DESCRIBES.match(text, r.end) is None:
            continue
        end = after.start if after is not None else len(text)
        nxt = _NEXT_DESCRIBED.search(text, r.end + 1, end)
        if nxt is None:
            out.append((r.end, end, tuple(group)))
            continue
        out.append((r.end, nxt.start(), tuple(group)))
        if nxt.group() not in (";", ":"):
            # a description of its own, of someone no rule named
            more = _NEXT_DESCRIBED.search(text, nxt.end(), end)
            out.append((nxt.start(), more.start() if more else end, ()))
    return out


# Between two recipients of one group: coordinated ("advertising and analytics services"), or
# the second an example of the first ("service providers, including providers of ...")
_WITH_THE_ONE_BEFORE = re.compile(
    r"[\s,]*(?:(?:and|or|and/or)\s+)?|[^.;:]{0,40}?\b(?:including|such as|e\.g\.|for example|"
    r"like|namely)\b[^.;:]{0,20}",
    re.I,
)


def _described_by(
    described: list[tuple[int, int, tuple[Span, ...]]], s: Span
) -> tuple[Span, ...] | None:
    """Those in whose description (`_descriptions`) a span of data lies (none named: `()`), or
    None where it lies in no description."""
    for a, b, owners in described:
        if a <= s.start and s.end <= b:
            return owners
    return None


def _each_of(text: str, start: int, end: int) -> list[Span]:
    """Each of the people a coordinated phrase names ("Meeting hosts, participants, and
    invitees"), as a recipient of its own over its words."""
    out = []
    at = start
    for sep in [*_COORDINATION.finditer(text, start, end), None]:
        stop = sep.start() if sep is not None else end
        if stop > at:
            out.append(Span(at, stop, text[at:stop], "third_party"))
        if sep is not None:
            at = sep.end()
    return out


_COORDINATION = re.compile(r",?\s+(?:and|or)\s+|,\s*")


def _overlaps(spans: list[tuple[int, int]], i: int, j: int) -> bool:
    """Whether [i, j) overlaps one of the sorted, non-nested spans."""
    k = bisect.bisect_left(spans, (j, j))
    return any(x < j and i < y for x, y in spans[max(0, k - 3) : k])


_DESCRIBED = re.compile(r",?\s+(?:that|which|who)\s|\s*[:(–—]")
# A list item's label: "**Customer support services** that help us", "Hosting providers:".
_BULLET_LABEL = re.compile(
    r"\*\*([A-Z][^*\n]{2,60}?)[.:]?\*\*"
    r"|([A-Z][\w'&/-]*(?: [\w'&/-]+){0,5}?)(?::|\s[–—-]\s|,?\s+(?=(?:that|which|who)\s))"
)
# What a label naming who receives data ends in: "Customer support services", "Payment
# processors" (not "Links", "Third party integrations", "Protection of our rights").
_WHO_HEADS = frozenset(
    "service provider company partner vendor processor subprocessor platform network agency "
    "authority advisor adviser affiliate subsidiary entity institution bank carrier firm "
    "organisation organization business contractor consultant supplier merchant seller "
    "reseller distributor broker bureau insurer auditor lawyer accountant government court "
    "regulator police recipient party".split()
)
_LIST_GAP = re.compile(r"\s*(?:,|,?\s*(?:and|or|and/or))\s*")


def _head_word(name: str) -> str:
    return singular(name.split()[-1].lower()) if name.split() else ""


def _who_label(text: str, recips: list[Span]) -> Span | None:
    """A list item's label when it names a kind of recipient ("Payment processors:", "**Legal
    and Regulatory Authorities**") that its sentence does not name again by the same head
    ("Affiliates: ... with our corporate affiliates" names them once), as a recipient; None
    for another label ("Links:")."""
    label = _BULLET_LABEL.match(text)
    if label is None:
        return None
    group = 1 if label.group(1) else 2
    name = label.group(group).strip()
    head = _head_word(name)
    if not name or head not in _WHO_HEADS:
        return None
    start = label.start(group)
    end = start + len(name)
    if any(r.start >= end and _head_word(r.text) == head for r in recips):
        return None
    return Span(start, end, name, _role_of(name))


_COORDINATED = re.compile(
    r"((?:[A-Za-z-]+,\s+)+(?:(?:and|or)\s+)?[A-Za-z-]+|[A-Za-z-]+\s+(?:and|or)\s+[A-Za-z-]+)"
    r"\s+(data|information|details)\b"
)


def _shared_head(text: str, found: list[Span]) -> list[Span]:
    """Items that share one head noun: "identity, contact, financial and usage data" names
    four kinds of data, though "data" is written once."""
    out: list[Span] = []
    for m in _COORDINATED.finditer(text):
        head = m.group(2)
        for w in re.finditer(r"[A-Za-z-]+", m.group(1)):
            if w.group().lower() in ("and", "or"):
                continue
            start = m.start(1) + w.start()
            if any(f.start <= start < f.end for f in found):
                continue
            phrase = f"{w.group()} {head}"
            for pattern, key in lx.DATA_TERMS:
                if pattern.fullmatch(phrase):
                    out.append(Span(start, start + len(w.group()), w.group(), key))
                    break
    return out


def _weak(word: str) -> bool:
    w = word.lower()
    return w in lx.WEAK_TERMS or f"{w}s" in lx.WEAK_TERMS or f"{w}es" in lx.WEAK_TERMS


_VERB_BEFORE = re.compile(
    r"(?:\bto|please|can|may|will|you|we|must|should|make|makes|made|making|place|placed|"
    r"complete|completed)\s+(?:any\s+|a\s+|your\s+)?$",
    re.I,
)
_YOU_BEFORE = re.compile(r"\byou(?:\s+\w+){0,2}\s+$", re.I)
# A list item that is a clause, not the name of a piece of data ("Request erasure of ...",
# "You may not be able to ..."): never an item of data on its own.
_CLAUSE = re.compile(
    r"^(?:request|access|opt|delete|correct|obtain|withdraw|object|restrict|to|you|we|if|when)\b"
    r"|\b(?:will|may|can|cannot|must|should|is|are|be)\b",
    re.I,
)
# An item of a list of data that is a sentence about what the reader may do ("You have control
# over the information ...", "If you do not allow these cookies, ...", "Depending on your
# location, you may ..."): not an item of data.
_SENTENCE_ITEM = re.compile(r"(?:You|If|Depending|Please|Most|Some)\b(?![^,.]*:)")
_OBJECT_AFTER = re.compile(r"^\s+(?:the|your|our|a|an|this|these|any|it|them|us)\b", re.I)


def _used_as_verb(text: str, s: Span) -> bool:
    """ "please review the section", "to post a review": a weak word used as a verb."""
    return bool(
        _VERB_BEFORE.search(text, max(0, s.start - 40), s.start)
        and _OBJECT_AFTER.match(text[s.end : s.end + 12])
    ) or bool(_VERB_BEFORE.search(text, max(0, s.start - 16), s.start))


_POSSESSOR = re.compile(r"\bof (?:your|the|a|an|their) $", re.I)
_PLACES_BEFORE = re.compile(
    r"\b(?:our|retail|store|business|office|company|its|their|participating)\s+$", re.I
)
_LABEL = re.compile(r"^[^.:;–-]{2,70}?\s+[–-]\s+|^[^.:;]{2,50}:\s+")
_EXAMPLES_AFTER = re.compile(
    r"\s*(?:,|\(|–|-|:)?\s*(?:such as|including|e\.g\.|for example|for instance|like)\b", re.I
)


def _items_not_kinds(text: str, spans: list[Span]) -> list[Span]:
    """The spans but the kinds their examples are of: "Identifiers, such as real name, email"
    names a name and an e-mail address, not identifiers."""
    return [
        s for s in spans if not (_EXAMPLES_AFTER.match(text, s.end) and spans[-1].start > s.end)
    ]


_ABOUT_COLLECTION = re.compile(
    r"^(?:for more information|to learn more|see |please see|learn more)|"
    r"(?:disable|prevent|stop|limit|refuse|decline|opt out of|turn(?:ing)? off)\b[^.]{0,40}"
    r"(?:collect|collection)",
    re.I,
)


_DURATION = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|ten|twelve)\s+(?:days?|weeks?|months?|years?)\b",
    re.I,
)
# A verb of ours on data, then what it is for: "to" and a verb, "in order to", "so that",
# "for ... purposes" (not "to" and whom: "share it to our partners" names a recipient)
_WE_DO_IT_TO = re.compile(
    r"\b(?:we|us)\b(?: \w+){0,2}? (?:use|process|store|collect|analy[sz]e|record|monitor|share|"
    r"disclose|combine|access|review)\b"
    # (not the means: "use the terms", "use standard contract clauses", "use cookies to collect")
    r"(?! (?:the |these |such )?(?:terms?|words?|clauses|safeguards|mechanisms|measures)\b)"
    r"[^.;:]{0,120}?\b(?:in order to|so that|for (?:the )?purposes? of|"
    r"for (?!the (?:following )?purposes)[\w-]+(?: [\w-]+)? purposes(?! (?:described|set|"
    r"outlined|listed|below|above|for|stated|mentioned|explained|consistent))|to (?!(?:the|you|us|"
    r"our|third|other|any|a|an|your|them|their|its|his|her|this|these|those|such|certain|some|all|"
    r"each|service|law|authorities|partners|affiliates|companies|providers|collect|gather|obtain|"
    r"record|receive|do|permit|allow)\b)[a-z]+\b)",
    re.I,
)
# A list's number or letter alone ("7.", "(b)", "iv)"), once the sentence after it is cut off
_ENUMERATOR = re.compile(r"\W*(?:\d{1,3}|[ivxlc]{1,6}|[a-z])[.)]?\W*", re.I)
_CANNOT = re.compile(r"\b(?:not able|unable|cannot|can ?not|can't|can’t)\b", re.I)
# A header cell naming how long data is kept, and what a cell under it says when it says so
_KEPT_CELL = re.compile(
    r"\b(?:how long|retention|retained|retain|storage (?:period|time|duration)|kept|"
    r"(?:period|duration) of (?:storage|retention))\b",
    re.I,
)
_KEPT_SAID = re.compile(
    r"\b(?:as long as|until|for the (?:duration|period|time)|during|while|(?:deleted|erased|"
    r"anonymi[sz]ed) (?:after|when|once|within)|retain|kept|stored)\b",
    re.I,
)
_NO_CELL = re.compile(r"\|\s*(?:no|none|not collected|n/a)\s*\.?\s*(?:\||$)", re.I)
# A transfer abroad said without naming where ("you consent to the international transfer of
# your Personal Data"): stated, to a place the text leaves unnamed.
_UNNAMED_ABROAD = re.compile(
    r"\binternational(?:ly)? transfer|\btransferred internationally\b|\bcross[- ]border transfer",
    re.I,
)
_CROSSING = re.compile(
    r"\btransfer|\boutside\b|\babroad\b|other countr|another countr|\binternational|"
    r"cross[- ]border|where you (?:are|live|reside)|your (?:country|jurisdiction|state)|"
    r"\bleav(?:e|es|ing)\b|\bfrom (?:the )?(?:EEA|EU|UK|European|United Kingdom|Switzerland)",
    re.I,
)
# Laws whose section speaks to people elsewhere: data "hosted in the United States" in a section
# for people in the EEA or the PRC leaves where they are.
_CROSSING_LAWS = frozenset({"gdpr", "uk-gdpr", "pipl", "lgpd", "pipeda"})
_CATEGORIES_OF = re.compile(r"\bcategor(?:y|ies) of\s+$", re.I)
# A safeguard the company itself relies on, or data handled under it ("we rely on", "we use",
# "complies with", "adheres to", "participates in", "certified", "on the basis of", "under",
# "such as"), not a safeguard only named ("the European Commission adopted ...")
_RELIED_ON = re.compile(
    r"\b(?:rel(?:y|ies|ied|ying) (?:\w+ )?on|use[sd]?|using|implement\w*|put in place|"
    r"entered into|enter into|sign\w*|compl(?:y|ies|ied)|adhere\w*|participat\w+|certif\w+|"
    r"self-certif\w+|(?:on the basis|by means) of|under|pursuant to|subject to|protected by|"
    r"safeguard\w*|such as|including|e\.g\.)\b",
    re.I,
)
_TRANSFER_ONLY = frozenset(
    {"standard-contractual-clauses", "binding-corporate-rules", "adequacy-decision"}
)
# data moved or received across the safeguard ("transfers to a third party", "personal data it
# receives under the DPF")
_MOVES = re.compile(r"\btransfer\w*|\breceiv\w+ (?:[\w-]+ ){0,3}under\b", re.I)
# A framework's recourse: complaints, disputes, arbitration, the panel of authorities
_RECOURSE = re.compile(
    r"\b(?:complaints?|disputes?|arbitration|panel|investigatory|enforcement powers|amend)\b", re.I
)
# "To learn more about the Data Privacy Framework, visit ...": where to read, not what is done
_READ_MORE = re.compile(
    r"\b(?:learn|read|find out|more information|further information|details)\b[^.]{0,40}\b"
    r"(?:about|on|regarding|visit|see|at)\b|\b(?:ask|request|obtain) (?:for )?a copy\b",
    re.I,
)
_BACK_REFERENCE = re.compile(r"\b(?:this|these|such|the above|that) (?:transfers?|sharing)\b", re.I)
_CORPORATE = re.compile(
    r"merger|acquisition|bankruptcy|reorgani[sz]ation|insolvency|receivership|divestiture|"
    r"(?:sale|transfer) of (?:all|some|part|substantially)|assets|business transfers?|"
    r"\bmerg(?:e|es|ed|ing)\b|reorgani[sz]e|"
    # "we might sell or buy other businesses", "if we sell our company": a business is sold
    r"\b(?:buy|sell|sold|acquire)\w* (?:or (?:buy|sell|acquire|transfer)\w* )?(?:(?:our|other|a|the|its|"
    r"any|all|some|part of) )*(?:business(?:es)?|compan(?:y|ies)|stores?|divisions?|subsidiar\w+)",
    re.I,
)
# A sentence about a merger or insolvency: what is "sold" in it is the business, data with it.
_CORPORATE_EVENT = re.compile(
    r"\b(?:merger|acquisition|bankruptcy|reorgani[sz]ation|insolvency|receivership|divestiture)s?\b",
    re.I,
)
# A corporate event that data goes with, and the verbs that say it goes: "in the event of a
# merger ..., personal data may be transferred", "customer information will be one of the
# transferred assets", "that company will possess the information".
_DEAL = re.compile(
    r"\b(?:merg(?:er|ers|e|es|ed|ing)|acquisitions?|acquired|acquires|bankruptcy|reorgani[sz]ations?|"
    r"insolvency|receivership|divestitures?|restructurings?|business (?:transfers?|transactions?|"
    r"deals?|combinations?)|corporate transactions?|change (?:of|in) (?:corporate )?(?:control|"
    r"ownership)|(?:sale|transfer) of (?:(?:all|some|part|substantially|any|a portion) )?(?:or "
    r"(?:substantially )?(?:all|part) )?(?:of )?(?:our|its|the) (?:\w+ )?(?:business|assets|company|"
    r"stock|shares))",
    re.I,
)
_MOVED_WITH_DEAL = re.compile(
    r"\btransferr(?:ed|ing)\b|\btransfer(?:s)? (?!of\b)|\bpossess\b|\bassets?\b(?= (?:transferred|"
    r"sold|acquired))|\btransferred (?:business )?assets\b|\bpass(?:ed)? (?:on )?to\b",
    re.I,
)


# An item of a list of when data is shared that says when: "In the event of ...", "If we ...",
# "For the purposes of a Merger or Acquisition"
_WHEN_ITEM = re.compile(
    r"\s*(?:in|if|when|where|for|with|during|upon|as part of|to|should|in case)\b", re.I
)


def _business_transfer(
    text: str, disclose_verb: re.Match[str] | None, shared: bool = False
) -> re.Match[str] | None:
    """The corporate event a sentence says our data goes with (a merger, an acquisition, a sale
    of the business); None where it says none. An item of a list of when data is shared
    (`shared`) says so by its lead: "We may share personal information: ... • In the event of a
    merger, sale, change in control, or reorganization of our business"."""
    deal = _DEAL.search(text)
    if deal is None or _ABOUT_A_RIGHT.search(text):
        return None
    if shared and _WHEN_ITEM.match(text):
        return deal  # (not an item titled by the event: "Business Reorganization.")
    moved = disclose_verb or _MOVED_WITH_DEAL.search(text)
    if moved is None or negated_before(text, moved.start(), 40):
        return None
    if not re.search(r"\b(?:information|data)\b", text, re.I):
        return None  # ("we may sell or transfer our business": no data said to go with it)
    return deal


def _deal_party(deal: re.Match[str]) -> str:
    """The recipient a corporate event implies, named by the event."""
    word = deal.group(0).lower()
    if word.startswith("acquire"):
        return "acquirer"
    if word.startswith("merg"):
        word = "merger"
    if word.endswith("s"):
        return f"parties to {word}"
    return f"parties to {'an' if word[0] in 'aeiou' else 'a'} {word}"


_YOU_SHARE = re.compile(
    r"\b(?:you|users?|members?)\s+(?:to|can|may|might|could|choose to|decide to|want to)\s+$",
    re.I,
)
_SHARE_OR_DISCLOSE = re.compile(r"\b(?:shar(?:e|es|ed|ing)|disclos(?:e|es|ed|ing))\b", re.I)
# Whom a share denied is denied to: anyone outside the company
_WITH_OTHERS = re.compile(
    r"\b(?:with|to) (?:any |other |outside |unaffiliated |these |those |such )*(?:third[- ]part(?:y|ies)|"
    r"anyone|anybody|others|advertisers|ad (?:companies|networks)|data brokers|marketers|"
    r"(?:other|outside) (?:companies|organi[sz]ations|businesses|parties))\b",
    re.I,
)
# Exceptions to a denial, which make it a disclosure ("except as described", "unless one of the
# following exceptions applies"); a condition does not ("not shared with third parties unless
# you consent", "unless required by law": still a denial).
_SAVE_FOR = re.compile(
    r"\b(?:except|other than|apart from|save as|but only|unless (?:otherwise|as|(?:[\w-]+ ){0,5}?"
    r"(?:following|exceptions?|below|above|described|stated|set out|listed|explained|noted|"
    r"indicated|specified|disclosed)))\b",
    re.I,
)
# What is shared is no one's: "aggregate statistics", "de-identified information".
_NO_ONES = re.compile(r"\b(?:aggregated?|anonymi[sz]ed|de-?identified|non-personal)\b", re.I)
_ABOUT_A_RIGHT = re.compile(
    r"right to|you (?:may|can)(?: also)? (?:have the right|request|ask|opt[- ]out|exercise)|"
    r"opt[- ]out|"
    # "California Civil Code 1798.83 permits you to request ...", "residents are entitled to",
    # "Request the transfer of your personal data to you or to a third party" (a list of rights)
    r"\b(?:permits?|entitles?|allows?) (?:you|customers|residents|consumers|users) to request\b|"
    r"\b(?:you|residents|customers|consumers|users) (?:are|may be) entitled to\b|"
    r"^request (?:the|that|a|access|deletion|correction|a copy)\b",
    re.I,
)
_WE_SELL = re.compile(
    r"(?<!whom )(?<!which )(?<!that )\bwe (?:may |might |do |have |also )*"
    r"(?:sell|sold|share|shared|disclose)|"
    r"(?:may|might|could|can|would) be (?:deemed|considered)",
    re.I,
)


_SOURCE_BEFORE = re.compile(
    r"(?:(?:from|by|through|via|about)\s+(?:our\s+|the\s+|other\s+)?|"
    # the second of two sources: "through third parties and third party websites"
    r"(?:from|through|via)\s+(?:our\s+|the\s+|other\s+)?(?:(?!you\b|with\b|to\b|in\b|on\b|"
    r"for\b|us\b)[\w-]+\s+){1,3}?(?:and|or)\s+(?:from\s+|through\s+)?(?:our\s+|the\s+|other\s+)?|"
    r"\bacts?\s+as\s+(?:a|an|the|our)\s+|\bis\s+(?:a|an|the)\s+)$",
    re.I,
)


# "seen by", "accessed by", "set by": the one after `by` receives the data rather than gives it.
_SEEN_BY = re.compile(
    r"\b(?:seen|viewed|viewable|accessed|accessible|read|used|visible|displayed|shown|"
    r"collected|processed|received|shared|disclosed|stored|retained|set|placed)\s+by\s+"
    r"(?:our\s+|the\s+|other\s+|your\s+)?(?:[\w-]+\s+){0,3}?(?:(?:and|or)\s+(?:by\s+)?"
    r"(?:our\s+|the\s+|other\s+|your\s+)?)?$",
    re.I,
)
# The one who holds or reads the data: "may be collected by our analytics providers", "cookies
# set by third parties such as ...", "stored by Apple Inc." (not "used by" or "hosted by": a
# tool or a page is as often what they use or host)
_HELD_BY = (
    r"\b(?:collected|processed|stored|retained|held|accessed|read|set|placed|dropped|gathered|"
    r"obtained|tracked|logged|recorded|received|viewed|seen)\s+(?:directly\s+|also\s+)?by\s+"
)
_HELD_BY_RECIPIENT = re.compile(
    _HELD_BY + r"(?:(?:our|the|their|certain|some|selected|these|such|trusted|other|any)\s+)?$",
    re.I,
)
_HELD_BY_COMPANY = re.compile(_HELD_BY + r"(?=[A-Z])")


_NOT_A_RECIPIENT = re.compile(
    r"authori[sz]ed agents?|(?:your|their|his|her) (?:authori[sz]ed )?agents?|attorneys? general|"
    # items of data named like companies: "user agent, Quora cookie ID", "your mobile carrier"
    r"user[- ]agents?|(?:your|device|mobile|wireless) (?:mobile |network )?carrier\b(?!s)",
    re.I,
)


_CO_CONTROLLER = re.compile(
    r"\b(?:corporation|inc\.?|ltd\.?|llc|plc|gmbh|company|group)\s*,?\s+(?:and|&)\s+its\s+"
    r"(?:respective\s+)?(?:subsidiaries|affiliates)(?:\s*,?\s*(?:and\s+)?(?:subsidiaries|affiliates))?",
    re.I,
)
_WHOSE = re.compile(
    r"\b(?:practices|policies|notices|statements|terms|rights|property|safety|interests)\s+of\s+"
    r"(?:these|those|any|such|the|our)?\s*$"
    # "the rights, property or safety of Miro, its users, or third parties": the last of a list
    # of whose rights
    r"|\b(?:rights|property|safety|security|interests)\s+of\s+[^.;:()]{0,80}?(?:,|\bor|\band)\s+"
    r"(?:(?:its|our|the|other|their|any)\s+)?$",
    re.I,
)


# Companies in apposition after a recipient: ", OpenAI and Anthropic" (then a stop or a verb).
_APPOSITION = re.compile(
    r",\s+((?:[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3})(?:,?\s+(?:and/or|and|or)\s+"
    r"[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3})?)(?=\s*(?:[.,;:)]|$))"
)


_FUNCTION_WORDS = frozenset(
    "with to by for of from and or our your their its these those such any all some "
    "via through including include includes also only as in on at into among between like namely use "
    "uses used engage hire retain employ".split()
)


# "providers of hosting, security and support": the run after "of", cut at a clause (read by
# splitting, not by one pattern: nested repetition would backtrack without end on hostile text)
_PROVIDERS_OF = re.compile(r"\b(providers?|vendors?|suppliers?) of ([^;:.()\n]{1,200})")
_HELP_WITH = re.compile(
    r"\b(?:assists?|helps?|supports?)\s+(?:us\s+)?(?:with|in)\s+(?:various\s+|many\s+)?"
    r"(?:tasks|things|services|activities|functions)?\s*,?\s*(?:like|such as|including)\s+"
    r"([^;:.()\n]{1,200})",
    re.I,
)
# Who a sentence says helps: recipients, or a pronoun standing for the ones just named.
_HELPERS = re.compile(
    r"\b(?:they|these|those|third part(?:y|ies)|providers?|vendors?|partners?|companies|"
    r"processors?|contractors?)\b",
    re.I,
)
# "third parties who perform functions on our behalf, such as hosting our site, sending e-mail
# and analysing data", "providers to support or provide services for us, such as food
# delivery, hosting ...": what they do for us, each a provider of its own (a verb of serving
# after the ones who help, then its examples)
_SERVING = (  # the verbs of doing something for someone
    r"provid(?:e|es|ed|ing)|perform(?:s|ed|ing)?|support(?:s|ed|ing)?|assist(?:s|ed|ing)?|"
    r"help(?:s|ed|ing)?|carr(?:y|ies|ied|ying)|handl(?:e|es|ed|ing)"
)
_SERVES = re.compile(
    r"\b(?:" + _SERVING + r"|deliver(?:s|ed|ing)?|operat(?:e|es|ed|ing))\s+(?:[\w-]+,?\s+){0,8}?"
    # (lower case: "to provide our Services, ..." is what we do, not what they do for us)
    r"(?-i:services?|functions?|tasks?|operations|activities|purposes)\b"
    # (no clause of its own before the examples: "services to help us deliver ads relevant to
    # your area (for example, at the city level)" gives examples of the area)
    r"(?:(?!\bto\s+(?!us\b)(?-i:[a-z]))[^.;:()]){0,80}?(?:,\s*)?(?:\(\s*)?"
    r"(?:such as|including|like|e\.g\.|for example|(?:which|that) (?:may )?include)"
    r"(?:,? but not limited to)?[,:]?\s+",
    re.I,
)
_PROVIDE_US_WITH = re.compile(
    r"\b(?:that|who|which)\s+(?:may\s+)?(?:provide|provides|supply|supplies|offer|offers)\s+us\s+"
    r"with\s+(?:services\s+(?:such as|including|like)\s+)?",
    re.I,
)
# "Examples include fulfilling orders, ...", after a sentence saying whom we employ to perform
# functions on our behalf (no examples in it)
_EXAMPLES_INCLUDE = re.compile(r"(?:Examples|These)\s+(?:may\s+)?(?:include|are)\s*:?\s+")
_SERVES_ALONE = re.compile(
    r"\b(?:" + _SERVING + r")\s+(?:[\w-]+\s+){0,6}?"
    r"(?:services?|functions?|tasks?|operations|activities)\s+(?:on (?:our|its|their) behalf|for "
    r"(?:us|the company))",
    re.I,
)
_FUNCTION_CUT = re.compile(
    r"\s*(?:\(|\bwho\b|\bthat\b|\bwhich\b|\bin order\b|\bon (?:our|its) behalf\b|\betc\b)",
    re.I,
)
_FUNCTION_OPEN = re.compile(r"^(?:(?:and|or|also|the|our|your|various|certain|some)\s+)+", re.I)
_PROVIDING = re.compile(
    r"^(?:providing|performing|offering|conducting|carrying out)\s+(?=\S)", re.I
)
_NO_FUNCTION = re.compile(
    r"^(?:others?|similar|related|more|many|all|any|but|etc|and so on|as)\b", re.I
)
# What they give us is data, not a function: "provide us with information about you" (not
# "analyzing data": what is done to data is a function); no one's data is `_NO_ONES`'
_DATA_GIVEN = re.compile(r"\b(?:your|you)\b|^(?!\w+ing\b).*\b(?:information|data|details)$", re.I)
_RUN_STOP = re.compile(r"\s(?:who|that|which|to|for|in|on|with|such|including|as)\b")
_PROVIDED_SEPARATOR = re.compile(r",\s*(?:and |or )?|\s+(?:and|or)\s+")


# A name inside a postal address: the street or building after it, or a block, suite or floor
# before it.
_IN_AN_ADDRESS = re.compile(
    r"\W{0,3}(?:[A-Z][\w'-]* ){0,2}(?:Road|Rd|Street|St|Avenue|Ave|Lane|Square|Place|Boulevard|"
    r"Blvd|Drive|Way|Quay|Floor|Suite|Building|House)\b\.?"
)
_IN_AN_ADDRESS_BEFORE = re.compile(
    r"\b(?:Block|Suite|Floor|Unit|Building|No\.)\s+\w{1,4},?\s*$|\b\d{1,5},?\s+$"
)


def _run_items(m: re.Match[str], group: int) -> list[tuple[int, str]]:
    """The items of the run a match's group holds ("hosting, security and customer support"),
    cut at a clause, split at commas and "and"/"or", with where each starts in the text: a few
    words each, `MAX_NAMED` at most."""
    run = m.group(group)
    stop = _RUN_STOP.search(run)
    run = run[: stop.start()] if stop is not None else run
    items = []
    at = 0
    for sep in [*_PROVIDED_SEPARATOR.finditer(run), None]:
        raw = run[at : sep.start() if sep is not None else len(run)]
        piece = raw.strip()
        if piece and len(piece.split()) <= 3:
            items.append((m.start(group) + at + raw.index(piece), piece))
        at = sep.end() if sep is not None else at
    return items[:MAX_NAMED]


_DETERMINERS = frozenset("the our your its their a an".split())
_JOINED_KINDS = re.compile(
    r"((?!\w+ing\b)[\w-]+(?: [\w-]+)?) (?:and|or) ([\w-]+(?: [\w-]+)? (?:services|providers))"
)
_FUNCTIONS_END = re.compile(r"[()]|\.(?:\s|$)|\n")


def _functions_stop(text: str, at: int) -> int:
    """Where a run of functions from `at` ends: the sentence's end, or a bracket that closes
    one opened before the run ("(such as hosting, analytics)"); a bracket opened inside it
    says more of one item ("providing search results (including paid listings), processing
    payments") and the run goes on after it."""
    depth = 0
    for m in _FUNCTIONS_END.finditer(text, at):
        if m.group() == "(":
            depth += 1
        elif m.group() != ")" or depth == 0:
            return m.start()
        else:
            depth -= 1
    return len(text)


def _unbracketed(run: str) -> str:
    """The run with what its brackets hold blanked (commas inside them split no item), each
    character kept in its place."""
    return re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), run)


def function_items(text: str, at: int) -> list[Span]:
    """A provider of each function a run from `at` names ("hosting or operating our site,
    sending emails, and carrying out data analysis"): cut at the sentence's end or a bracket,
    split at commas and semicolons, each a few words, `MAX_NAMED` at most."""
    stop = _functions_stop(text, at)
    out: list[Span] = []
    for piece in re.finditer(r"[^,;]+", _unbracketed(text[at:stop])):
        raw = piece.group()
        cut = _FUNCTION_CUT.search(raw)
        words = raw[: cut.start()] if cut is not None else raw
        lead = _FUNCTION_OPEN.match(words.strip())
        item = words.strip()[lead.end() if lead is not None else 0 :].strip()
        if (
            not item
            or _NO_FUNCTION.match(item)
            or _DATA_GIVEN.search(item)
            or _NO_ONES.search(item)
            or not 1 <= len(item.split()) <= 7
        ):
            continue
        a = at + piece.start() + words.index(item)
        # "customer support and analytics services": two kinds of provider, the second named
        # by its head (a provider of the first is not one of the second)
        parts = [(a, item)]
        joined = _JOINED_KINDS.fullmatch(item)
        if joined is not None:
            parts = [(a + joined.start(g), joined.group(g)) for g in (1, 2)]
        for b, part in parts:
            what = " ".join(_PROVIDING.sub("", part).split())  # (a bracket blanked: one space)
            ws = what.lower().split()
            if ws == ["services"] or ws == ["service"]:
                continue
            if len(ws) > 1 and ws[0].endswith("ing"):
                # "sending emails", "fulfilling orders for products or services"
                name = f"providers for {what}"
            elif ws[-1] == "services" and not _DETERMINERS & set(ws):
                name = what  # "cloud storage services" are named so
            else:
                name = f"{what} providers"  # "hosting", "fraud prevention", "customer support"
            out.append(Span(b, b + len(part), name, "service_provider"))
        if len(out) >= MAX_NAMED:
            break
    return out[:MAX_NAMED]


# "We share your data with other airlines": whoever a sentence of ours shares data with is a
# recipient, named or not in the lexicon, when named as a kind of people or organisation (a
# plural noun, a few words at most), not a pronoun, a purpose or a manner
_WE_SHARE_WITH = re.compile(
    r"\b(?i:we|us)\b(?: \w+){0,3}? (?:shar(?:e|es|ed)|disclos(?:e|es|ed)|provid(?:e|es|ed)|"
    r"sen(?:d|ds|t)|pass(?:es|ed)?|forward(?:s|ed)?|transfer(?:s|red)?|sell|sold|mak(?:e|es) "
    r"(?:[\w-]+ ){0,6}available)\b[^.;:()]{0,80}? (?:with (?:the |our |some |any )?|to (?:the |our )|"
    r"to (?=[A-Z]|(?:certain|other|select|trusted|relevant|participating) ))"
    r"((?:[A-Za-z][\w-]* ){0,3}?[A-Za-z][\w-]*[a-rt-z]s)\b"
)
_NOT_WHO = re.compile(
    r"\b(?:purposes|circumstances|laws|requests|obligations|rights|terms|policies|services|"
    r"products|features|settings|cases|situations|limitations|conditions|instructions|standards|"
    r"requirements|measures|contracts|agreements|regulations|others|ourselves|yourselves|"
    r"themselves|this|extent|needs|interests|questions|enquiries|inquiries|us|details|"
    r"communications|results|offers|ads|advertisements|updates|newsletters|emails|messages|"
    r"notifications|countries|jurisdictions|regions|states|processes|systems|servers|"
    r"devices|technologies|tools|records|documents|means|reasons|ways|levels|amounts|"
    r"data|information|its|his|hers|theirs|ours|yours|as|is|was|has|does|thus|always|"
    r"sometimes|times|statistics|insights|reports|analytics|metrics|categories|types|kinds|"
    r"apps|applications|websites|sites|pages|investigations|activities|transactions)$",
    re.I,
)

# (nor a pronoun or determiner leading it: "with you", "to those", "with such partners")
_NOT_WHO_FIRST = re.compile(
    r"(?:you|your|them|those|these|such|all|each|whom|following|information|data|help)\b", re.I
)


def _with_shared_with(text: str, recips: list[Span]) -> list[Span]:
    """The recipients a sentence names, with whom it says we share data though the lexicon
    knows no such kind ("other airlines", "bands", "event hosts")."""
    out = list(recips)
    for m in _WE_SHARE_WITH.finditer(text):
        a, b = m.span(1)
        if any(r.start < b and a < r.end for r in recips):
            continue
        if _NOT_WHO.search(m.group(1)) or not re.search(r"[a-z]{3}(?<![su])s$", m.group(1)):
            continue
        if _NOT_WHO_FIRST.match(m.group(1)):
            continue
        out.append(Span(a, b, m.group(1), "third_party"))
    return sorted(out, key=lambda s: s.start)


# Whom the person directs data to: "others at your direction or with your consent", "third
# parties you authorize", "Parties You Authorize, Access or Authenticate"
_AT_YOUR_DIRECTION = re.compile(
    r"\b(?:other (?:parties|recipients|users|people|companies|third parties|services)|others|"
    r"third(?:-| )part(?:y|ies)(?: services?)?|parties|anyone|users|people|companies|services|"
    r"recipients)(?:\s+(?:that|who|whom))?\s+(?:you\s+(?:authori[sz]e|direct|choose|designate|"
    r"select|approve|connect)(?:,?\s+(?:access|or|and|authenticate)\b)*|(?:at|upon)\s+your\s+"
    r"(?:direction|request|instruction)|with\s+your\s+(?:consent|permission|authori[sz]ation))"
    r"(?:,?\s+or\s+(?:at|upon|with)\s+your\s+(?:direction|request|consent|permission))?",
    re.I,
)


def recipient_spans(text: str) -> list[Span]:
    found: list[Span] = []
    for pattern, role in lx.RECIPIENT_HEADS:
        for m in pattern.finditer(text):
            left = _extend_left(text, m.start())
            window = max(0, left - 60)
            if _SOURCE_BEFORE.search(text, window, left) and not _SEEN_BY.search(
                text, window, left
            ):
                continue  # "information we receive from our partners" names a source
            start, head = m.start(), m.group()
            first, _, rest = head.partition(" ")
            if rest and first.lower() in _FUNCTION_WORDS:
                # "with service providers": the pattern's free modifier took a function word
                start, head = start + len(first) + 1, rest
            found.append(Span(start, m.end(), head, role))
    for m in _HELP_WITH.finditer(text):
        # "These third parties assist us with various tasks, including data hosting, analytics
        # and customer care": a provider of each task
        if _HELPERS.search(text, max(0, m.start() - 60), m.start()):
            for a, item in _run_items(m, 1):
                found.append(Span(a, a + len(item), f"{item} providers", "service_provider"))
    # "third parties who perform functions on our behalf, such as hosting, ...", "service
    # providers that provide us with IT support, hosting, ...": a provider of each function,
    # where those who help are named before it ("to provide you with our Services, such as
    # ...": what we do)
    for pattern, window in ((_SERVES, 100), (_PROVIDE_US_WITH, 40)):
        for m in pattern.finditer(text):
            if not _HELPERS.search(text, max(0, m.start() - window), m.start()):
                continue
            before = list(found)
            for done in function_items(text, m.end()):
                if not any(f.start < done.end and done.start < f.end for f in before):
                    found.append(done)  # ("such as payment processors": named already)
    for m in _AT_YOUR_DIRECTION.finditer(text):
        # "others at your direction or with your consent", "Parties You Authorize": whoever
        # the person sends it to
        found.append(Span(m.start(), m.end(), m.group().strip(), "third_party"))
    for m in _PROVIDERS_OF.finditer(text):
        # "providers of hosting, security and customer support platforms": a provider of each
        items = _run_items(m, 2)
        if not items:
            continue
        found = [f for f in found if not (f.start <= m.start(1) < f.end)]
        kind = m.group(1).rstrip("s")
        for a, item in items:
            found.append(Span(a, a + len(item), f"{item} {kind}s", "service_provider"))
    found.sort(key=lambda s: (s.start, -(s.end - s.start)))
    heads: list[Span] = []
    until = -1
    for s in found:
        if s.start >= until:
            heads.append(s)
            until = s.end
    out: list[Span] = []
    inside_examples = 0  # where the brackets of examples after the last recipient close
    appositive: list[Span] = []  # companies naming the recipient before them
    for h in heads:
        start = _extend_left(text, h.start)
        name = text[start : h.end].strip(" ,")
        if h.text != text[h.start : h.end]:  # a name made from the text ("hosting providers")
            start, name = h.start, h.text
        if (
            h.key == "third_party"
            and re.search(r"\bto\s+$", text[max(0, start - 4) : start])
            and re.fullmatch(r"sponsor|partner", name, re.I)
        ):
            continue  # "to sponsor sweepstakes": a verb
        if inside_examples and start < inside_examples:
            continue  # "professional advisors (insurers, auditors, lawyers)": examples of one
        if _NOT_A_RECIPIENT.search(text, max(0, start - 12), min(len(text), h.end + 10)):
            continue  # "your authorized agent", "the Attorney General": who acts for or over you
        if _CO_CONTROLLER.search(text, max(0, start - 45), min(len(text), h.end + 20)):
            continue  # "Starbucks Corporation and its subsidiaries ... collect": who "we" are
        if _WHOSE.search(text, max(0, start - 120), start):
            continue  # "the privacy practices of these partners": whose practices, not a recipient
        if _IN_AN_ADDRESS.match(text, h.end) or _IN_AN_ADDRESS_BEFORE.search(
            text, max(0, start - 12), start
        ):
            continue  # "Block D, Iveagh Court, Harcourt Road": a postal address, not a court
        if _SOURCE_LIST.search(text, max(0, start - 160), start):
            continue  # "we receive information from third parties (including partners, ...)"
        named = _APPOSITION.match(text, h.end)
        if named is not None:
            # "our service provider, OpenAI" / "our service providers, OpenAI and Anthropic":
            # the companies named are who the recipient is
            found = []
            for c in re.finditer(r"[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3}", named.group(1)):
                company = c.group().rstrip(".")
                if _not_a_company(company) or any(
                    p.fullmatch(company) for p, _ in lx.RECIPIENT_HEADS
                ):
                    found = []
                    break  # "service providers, Advertisers and Partners": kinds, not names
                a = named.start(1) + c.start()
                found.append(Span(a, a + len(company), company, h.key))
            if found:
                out.extend(found)
                appositive.extend(found)
                continue
        out.append(Span(start, h.end, name, h.key))
        if h.text == text[h.start : h.end]:  # (not a name made from the text)
            out.extend(_sharing_the_head(text, start, name, h.key))
        opened = _EXAMPLES.match(text, h.end)
        if opened is not None:
            close = text.find(")", opened.end())
            inside_examples = close if close > 0 else 0
        elif not inside_examples or start >= inside_examples:
            inside_examples = 0
    return _with_coordinated(text, out, appositive)


# What kinds of work name a kind of recipient, written before its head noun and shared by a list
# of them: "marketing/advertising, analytics, and other business partners", "analytics and
# measurement partners" (each a recipient of its own).
_KIND_OF_WORK = (
    r"(?:advertising|marketing|analytics|business|strategic|promotional|commercial|technology|"
    r"technical|IT|cloud|hosting|payments?|shipping|delivery|fulfil?lment|e-?mail|security|fraud|"
    r"logistics|storage|software|telecommunications?|research|measurement|attribution|"
    r"social media|financial|insurance|legal|professional|support|retail|travel|content|"
    r"communications?|messaging|infrastructure|identity|verification|customer (?:service|support)|"
    r"sales|media|publishing|operational|processing)"
)
_KINDS_OF_WORK = rf"{_KIND_OF_WORK}(?:/{_KIND_OF_WORK})*"
_SHARED_HEAD_LIST = re.compile(
    rf"(?<![\w/-])((?:{_KINDS_OF_WORK},\s+)*{_KINDS_OF_WORK}),?\s+(?:and|or|and/or)\s+(?:other\s+)?$",
    re.I,
)
_KINDS_ONLY = re.compile(rf"{_KINDS_OF_WORK}(?:\s+{_KINDS_OF_WORK})*", re.I)
_KIND_GAP = re.compile(r",\s*")


def _sharing_the_head(text: str, start: int, name: str, role: str) -> list[Span]:
    """The recipients a list of kinds of work before `name` makes of its head noun: before
    "measurement partners", "analytics and " is "analytics partners" too."""
    words = name.split()
    if len(words) < 2 or not _KINDS_ONLY.fullmatch(" ".join(words[:-1])):
        return []  # ("national security, law enforcement": the law's, no kind of work)
    m = _SHARED_HEAD_LIST.search(text, max(0, start - 160), start)
    if m is None:
        return []
    head = words[-1]
    out: list[Span] = []
    pos = m.start(1)
    for item in _KIND_GAP.split(m.group(1)):
        a = text.find(item, pos)
        pos = a + len(item)
        named = f"{item} {head}"
        kind = next((r for pat, r in lx.RECIPIENT_HEADS if pat.fullmatch(named)), role)
        out.append(Span(a, pos, named, kind))
    return out


# Who a list beside a recipient names too, by its last word: "with law enforcement, government
# authorities, and private parties", "lawyers, auditors, bankers and insurers", "other Members,
# businesses, governments and agencies" (the kinds no pattern of recipients knows alone).
_CO_HEADS = _WHO_HEADS | frozenset(
    "member user visitor customer people person individual banker government engine operator "
    "owner administrator developer publisher advertiser sponsor creator transferee network "
    "website site platform system organisation charity counsel litigant airline handler "
    "venture parent collaborator participant host dealer employer institution recruiter "
    "official body agent service consortium consortia centre center public principal intermediary "
    "subcontractor originator profession".split()
)
# Heads too vague to name who alone ("other businesses or services", "users, members"), and
# verbs an item of a list may open with ("to sell or provide services").
_CO_VAGUE = frozenset(
    "service business member user customer partner company system site website platform people "
    "person individual network host parent body".split()
)
_CO_VERBS = frozenset(
    "provide offer help support sell buy use operate run visit perform deliver process".split()
)
_CO_WORD = r"(?!(?i:with|to|and|or|the|other|our|your|their|its|any|all|such|as|for|of|in|on|" + (
    r"by|from|if|when|where|who|that|which|we|you|us|may|will|also|including|include|e\.g)\b)"
    r"[A-Za-z][\w'’&-]*"
)
_CO_ITEM = rf"(?:(?:the|other|certain|relevant|any|their|related|similar|various)\s+)?((?:{_CO_WORD}\s+){{0,3}}{_CO_WORD})"
_CO_GAP = r"(?:\s*,\s*(?:and\s+|or\s+|and/or\s+)?|\s+(?:and|or|and/or)\s+)"
_CO_RIGHT = re.compile(rf"{_CO_GAP}{_CO_ITEM}(?:\s*\([^()]{{1,40}}\))?(?![\w'’&-])")
_CO_LEFT = re.compile(rf"(?<![\w'’&-]){_CO_ITEM}{_CO_GAP}$")


def _co_recipient(text: str, m: re.Match[str], beside: str) -> Span | None:
    """The item `m` of a list beside a recipient whose role is `beside`, if it names who."""
    name = m.group(1)
    last = name.split()[-1]
    words = name.lower().split()
    if (
        singular(words[-1]) not in _CO_HEADS
        or last == "Services"  # the company's Services are no one's
        or (len(words) == 1 and singular(words[0]) in _CO_VAGUE)
        or words[0] in _CO_VERBS
    ):
        return None
    # (the kind of the one beside it, unless that is an authority's or an acquirer's: "law
    # enforcement, government authorities, and private parties")
    role = next(
        (r for p, r in lx.RECIPIENT_HEADS if p.search(name)),
        "third_party" if beside in ("public_authority", "acquirer") else beside,
    )
    return Span(m.start(1), m.end(1), name, role)


def _co_next(text: str, pos: int, right: bool) -> re.Match[str] | None:
    """The item of a list just after `pos`, or just before it."""
    if right:
        return _CO_RIGHT.match(text, pos)
    return _CO_LEFT.search(text, max(0, pos - 120), pos)


def _with_coordinated(text: str, found: list[Span], appositive: list[Span]) -> list[Span]:
    """`found` with the recipients listed beside them (`_CO_HEADS`); not beside companies in
    apposition ("our service providers, OpenAI and Anthropic": the providers are they)."""
    out = list(found)
    for s in found:
        if s in appositive:
            continue
        for right in (True, False):  # the items after it, then those before it
            pos = s.end if right else s.start
            while len(out) < MAX_NAMED and (m := _co_next(text, pos, right)) is not None:
                over = [f.end for f in out if f.start < m.end(1) and m.start(1) < f.end]
                if over and right:
                    pos = max(over)  # a recipient found already: the list goes on after it
                    continue
                co = None if over else _co_recipient(text, m, s.key)
                if co is None:
                    break
                out.append(co)
                pos = m.end() if right else m.start()
    return sorted(out, key=lambda sp: sp.start)


# What a table's header cell names: the column of the recipient, of the data it receives, of
# the purpose, of a transfer's safeguard and of where the data goes.
_COLUMNS: list[tuple[str, re.Pattern[str]]] = [
    (  # before data: "Category of Third Parties to Whom Information is Disclosed" is recipients
        "recipient",
        re.compile(
            r"\b(?:party|parties|recipients?|vendors?|processors?|sub-?processors?|providers?|"
            r"compan(?:y|ies)|partners?|suppliers?|names?|(?:to|with) whom?|disclosed to|"
            # "Who do we share personal data with?", "Who receives it?": a cell that asks
            r"shared with|who\b[^|?]{0,40}\b(?:shar|disclos|transfer|sen[dt]|provid|giv)\w*\b"
            r"[^|?]{0,40}\b(?:with|to)|who\s+(?:\w+\s+)?receives?)\b",
            re.I,
        ),
    ),
    ("data", re.compile(r"\b(?:data|information|categor(?:y|ies))\b", re.I)),
    ("sale", re.compile(r"\b(?:sold|sells?|sales?|shared)\b", re.I)),
    (
        "purpose",
        re.compile(r"\b(?:purposes?|uses?|why|reasons?|function|activity|description)\b", re.I),
    ),
    ("transfer", re.compile(r"\b(?:transfers?|mechanisms?|safeguards?)\b", re.I)),
    ("location", re.compile(r"\b(?:locations?|countr(?:y|ies)|regions?|where|hosting)\b", re.I)),
]


# A table cell's leading label: "Identifiers. A real name, ...", "Geolocation data: ..." (not
# a list: "email address, phone number. Support may disclose ..." is two sentences of data)
_CELL_LABEL = re.compile(r"[^.:;,|]{2,120}?[.:](?=\s+\S)")


# A cell's own title, a heading written in it before what it says ("##### Other members<br><br>To
# connect you with other members": the break is a space once read, so the title ends where a
# sentence starts)
_CELL_TITLE = re.compile(
    r"#{1,6}\s+(\S.{0,80}?)\s+(?=(?:To|We|Our|When|Where|If|This|These|In|For|As|Any|Each)\s+[a-z])"
)


# A table of what providers do: its header's service column ("Service Description", "Function",
# "Type of service"), its data column ("Data Provided"), after a sentence saying providers (or
# vendors, or third parties) help, perform or deliver functions or services
_SERVICE_CELL = re.compile(
    r"(?:(?:the )?(?:services?|functions?)(?: (?:descriptions?|types?|provided|performed))?|"
    r"(?:types?|kinds?|categor(?:y|ies)) of (?:services?|functions?))",
    re.I,
)
_DATA_CELL = re.compile(r"\b(?:data|information)\b", re.I)
_PROVIDERS_DO = re.compile(
    r"\b(?:providers?|vendors?|processors?|third part(?:y|ies)|companies|contractors)\b[^.]{0,80}"
    r"\b(?:help|perform|deliver|provide|carry out|support|assist)\w*\b[^.]{0,60}"
    r"\b(?:functions?|services?|tasks?)\b",
    re.I,
)


# A header cell that asks what its column says ("When we share information, with who, and why")
_ASKING_CELL = re.compile(r"(?:when|what|who|whom|why|how|where)\b", re.I)


_BUYERS = re.compile(r"\b(?:whom|parties|recipients|partners|third part(?:y|ies))\b", re.I)


_PURPOSE_HEADER = re.compile(
    r"(?:(?:the |our )?purposes?(?: of (?:the )?processing)?|processing (?:purposes?|activit(?:y|ies))|"
    r"why we (?:use|process|collect)[\w ]*|how we use[\w ]*|uses? of (?:your )?(?:personal )?"
    r"(?:data|information))\b",
    re.I,
)


_PURPOSE_CELL = re.compile(r"\b(?:purposes?|why)\b", re.I)


def _cell_texts(row: str) -> list[str]:
    """What each cell of a table's row ("a | b | c") says, without its spaces and bold marks."""
    return [c.strip(" *") for c in row.split(" | ")]


def _cells(row: str) -> list[tuple[int, int]]:
    """Where each cell of a table's row ("a | b | c") lies in it, its spaces trimmed."""
    cells: list[tuple[int, int]] = []
    at = 0
    for written in row.split(" | "):
        cells.append(_trim(row, at, at + len(written)))
        at += len(written) + 3
    return cells


def _a_header(row: str) -> bool:
    """Whether a table's row reads as a header: short cells, all in capitals or naming what a
    table of recipients' or of purposes' columns name."""
    cells = _cell_texts(row)
    if len(cells) < 2 or any(len(c.split()) > 6 or not c for c in cells):
        return False
    if any(re.search(r"[a-z]{2}\.$", c) for c in cells):
        # a cell that ends a sentence is a value, not a column's name: "Purpose | First-party
        # analytics tracking." is a row of a table of one cookie, read down
        return False
    if all(c == c.upper() and re.search(r"[A-Z]", c) for c in cells):
        return True
    return table_columns(row) is not None or bool(_PURPOSE_HEADER.fullmatch(cells[0]))


def table_columns(row: str, need_data: bool = True) -> dict[str, int] | None:
    """The columns a table's first row names, when it is a header of a table of recipients
    (short cells, one naming recipients and, unless `need_data` is false, one the data they
    receive); None otherwise."""
    cells = _cell_texts(row)
    if len(cells) < 2 or any(
        len(c.split()) > 24 or re.search(r"\d" if _ASKING_CELL.match(c) else r"[\d,;]", c)
        for c in cells
    ):
        # (a comma in a cell that asks, "When we share information, with who, and why", is no
        # list of data)
        return None
    columns: dict[str, int] = {}
    for i, c in enumerate(cells):
        if _BUYERS.search(c) and re.search(r"\b(?:sold|sells?|sales?|shared|sharing)\b", c, re.I):
            # "Categories of parties with whom we have shared or to whom we have sold Personal
            # Information for Behavioral Advertising": the cells name who buys or advertises
            columns["buyers"] = i
            columns["buyers_sale"] = int(bool(re.search(r"\b(?:sold|sells?|sales?)\b", c, re.I)))
            columns["buyers_share"] = int(bool(re.search(r"\bshar(?:ed|ing)\b", c, re.I)))
            continue
        for kind, pattern in _COLUMNS:
            if kind not in columns and pattern.search(c):
                # "Personal data disclosed" is data; "Party name" the recipient; a column is one
                columns[kind] = i
                break
    if "recipient" not in columns or (need_data and "data" not in columns):
        return None
    return columns


# A title that names the company before what the notice is: "ASUS Privacy Policy", "The BBC
# Privacy and Cookies Policy", "Amazon.com Privacy Notice", "Stack Exchange, Inc. Privacy
# Policy", "Zillow Group Website Privacy Notice"
_TITLE_NAME = re.compile(
    r"\s*(?:[Tt]he\s+)?([A-Z][\w&'’-]*)(?:\.(?:com|tv|org|net|io|co))?(?:\s+[A-Z][\w&'’.-]*)*?"
    r",?\s+(?i:privacy|data protection|cookies?|personal (?:data|information)|website|online|"
    r"global|u\.?s\.? privacy)\b"
)
# First words of a title that say what the notice covers, not whose it is ("Global Privacy
# Policy", "Website Privacy Notice", "EEA+ Privacy Policy")
_GENERIC_TITLE = frozenset(
    """Global General Website Online State Our Your Customer Consumer Mobile Web App Internet
    Applicant Candidate Employee Supplemental Additional Privacy Data Cookie Cookies Canadian
    Eea Uk Us Eu Swiss Japan This These Notice Policy Statement Personal Information""".split()
)


def _title_brand(title: str | None, units: list[Unit]) -> str | None:
    """The company's name as its notice's title writes it, in the case its text writes it
    most ("STARBUCKS PRIVACY NOTICE": Starbucks)."""
    m = _TITLE_NAME.match(title or "")
    if m is None:
        return None
    word = m.group(1)
    if word.capitalize() in _GENERIC_TITLE or len(word) < 2:
        return None
    seen: dict[str, int] = {}
    for u in units:
        for w in re.findall(rf"(?<![\w.])({re.escape(word)})(?![\w-])", u.text, re.I):
            seen[w] = seen.get(w, 0) + 1
    return max(seen, key=seen.__getitem__) if seen else None


# A name the notice may be the company's: a capitalised word (Starbucks, SurveyMonkey,
# OkCupid) or a short one in capitals (ASUS, XING, VR)
_NAME_WORD = re.compile(
    r"(?<![\w.])([A-Z][a-z]{2,}(?:[A-Z][a-z]+)*|[A-Z][a-z]?(?:[A-Z][a-z]+)+|[A-Z]{2,5})(?:®|™)?(?!\w)"
)
# The names in the notice's e-mail addresses, its own ("privacy@xing.com", "privacy@fox.com");
# its links are as often to others' sites
_ADDRESS_NAMES = re.compile(r"[\w.+-]@([\w-]+(?:\.[\w-]+)*\.[a-z]{2,})")


def _company_names(units: list[Unit], title: str | None = None) -> list[str]:
    """The names the company calls itself by, which are never its recipients, the one it goes
    by first: the one its title names ("ASUS Privacy Policy"); the capitalised word a notice
    repeats most (Starbucks, Stefere, SurveyMonkey, GitLab); and the one its e-mail addresses
    name, where the word repeated most is a term it defines ("Company", "Consumer") or its
    maker's name ("Bertheussen IT" beside privacy@wordfeud.com)."""
    names: list[str] = []
    if (named := _title_brand(title, units)) is not None:
        names.append(named)
    counts: dict[str, int] = {}
    addresses: set[str] = set()
    for u in units:
        for w in _NAME_WORD.findall(u.text):
            if w.isupper() and (
                w.capitalize() in lx.NOT_COMPANIES or w.lower() in lx.NOT_A_MODIFIER
            ):
                continue  # ("YOUR", "DATA" in a heading written in capitals)
            if w not in lx.NOT_COMPANIES and w.lower() not in lx.NOT_A_MODIFIER:
                counts[w] = counts.get(w, 0) + 1
        for m in _ADDRESS_NAMES.finditer(u.text):
            addresses.update(re.split(r"[.-]", m.group(1).lower()))

    def in_address(w: str) -> bool:
        low = w.lower()
        return any(low == a or (len(low) >= 3 and low in a) for a in addresses)

    ranked = [w for w, c in sorted(counts.items(), key=lambda kv: -kv[1]) if c >= 5]
    repeated = ranked[:1]
    if repeated and not in_address(repeated[0]):
        # the company goes by the name its addresses give before the word it repeats most
        repeated = [w for w in ranked if in_address(w)][:1] + repeated
    names += [w for w in repeated if w not in names]
    return names


_EXAMPLES = re.compile(r"\s*\((?:(?:such as|e\.g\.,?|i\.e\.,?|including|for example,?)\s)?")
_SOURCE_LIST = re.compile(
    r"\b(?:from|by)\s+[^.()]{0,60}\((?:including|such as|e\.g\.,?)?[^)]*$", re.I
)


_WORD_BEFORE = re.compile(r"([\w.&'-]+)(,?)\s*$")


def _extend_left(text: str, start: int, limit: int = 4) -> int:
    """A recipient's name takes the words before its head noun that describe it ("site
    optimization service providers"), stopping at an article, a pronoun or a verb."""
    pos = start
    for _ in range(limit):
        m = _WORD_BEFORE.search(text, max(0, pos - 80), pos)
        if m is None:
            break
        word = m.group(1)
        if word.lower() in lx.NOT_A_MODIFIER or m.group(2) or word.endswith("."):
            break
        if word[0].isdigit() or word.endswith("'s") or word.endswith("’s"):
            break
        pos = m.start(1)
    return pos


_WE_USE = re.compile(
    r"\b(?i:we) (?:may |also |currently )*(?:use|engage|work with|rely on|partner with)\s+"
    r"(?:(?i:the|a third[- ]party (?:service|tool|provider|vendor)s?,?)\s+)?"
    # "we use ad serving technology from Google, Facebook and X", "analytics services provided
    # by Adobe": the makers of what is used
    r"(?:(?i:[\w-]+\s+){0,4}?(?i:technolog(?:y|ies)|services?|tools?|software|solutions?)\s+"
    r"(?i:(?:provided|offered|supplied|operated)\s+)?(?i:from|by)\s+)?"
    r"[‘'\"“]?((?:[A-Z][\w.®™&'/-]*(?: [A-Z][\w.®™&'/-]*){0,3}(?:,? and |, | or )?){1,12})[’'\"”]?"
    r"(?:,?\s+(?:network|platform|service|services|tool|tools|software))?"
    r"(?:,? (?:and|or) others?(?: [a-z][\w-]*){0,2})?"  # ("Adobe, Google, and others")
    # (what for, or the clause's next use: "we use SparkPost and for text services we use ...")
    r"(?:,?\s+(?:(?:and|but)\s+)?(?:to|for|as)\b|\s*[.;]?\s*$"
    # "we use Google Analytics, an analytics tool that ...": a name, then what it is
    r"|,\s+(?i:an?|the|our)\s+(?:[\w-]+\s+){0,3}?"
    r"(?i:tool|service|provider|platform|software|solution|product|company)s?\b)",
)


_DEFINED_DATA = re.compile(r"\b(?:Information|Data|Details|Content|Cookies?|Technolog(?:y|ies))$")


# A company's legal form, which names it a company wherever it is written ("Spotify AB", "Braze,
# Ltd.", "Google Cloud EMEA Limited", "Plausible Insights OÜ")
_LEGAL_FORM = re.compile(
    r"(?:,?\s(?:AB|Ltd\.?|Limited|Inc\.?|LLC|L\.L\.C\.|GmbH|SAS|SARL|S\.A\.?|SA|B\.V\.?|BV|"
    r"N\.V\.?|NV|AG|plc|PLC|Corp\.?|Corporation|Oy|OÜ|AS|ASA|A/S|ApS|SE|S\.r\.l\.|Srl|S\.p\.A\.|"
    r"SpA|Pty\.? Ltd\.?|KG|Co\.))"
)
_GROUP_OF_COMPANIES = re.compile(
    r"\b(?:group|compan(?:y|ies)|affiliates?|subsidiar(?:y|ies)|entit(?:y|ies)|family|"
    r"corporate|holdings?)\b",
    re.I,
)
_CELL_COMPANY = re.compile(
    # (a word of it may open in lower case where a capital follows: "eID", "iZettle")
    r"[A-Z][\w&.'/-]*(?: (?:[A-Z0-9][\w&.'/-]*|[a-z]{1,3}[A-Z][\w&.'/-]*|of|&|for|i|de|la)){0,5}?"
    + _LEGAL_FORM.pattern
    + r"(?![\w/])"
)
# "in the role of (Kivra's) personal data processor", "acting as a controller": a role
_IN_THE_ROLE = re.compile(
    r"\b(?:in the (?:role|capacity) of|acting as|acts? as|as)\s+(?:(?:an?|the|our|its|their|"
    r"[\w.-]+['’]s)\s+)?(?:independent\s+|joint\s+|personal\s+)*(?:data\s+)?$",
    re.I,
)


def _cell_companies(text: str, a: int, b: int) -> list[Span]:
    """The companies a table's cell names: each written with its legal form ("Spotify AB"), or
    opening the cell or a sentence of it ("Sender who sends e-mails to you ..."); what they do
    is said after each ("which provides ..."). Their role is the one the text gives after the
    name (a controller is a third party), or the service provider's."""
    out: list[Span] = []
    for m in _CELL_COMPANY.finditer(text, a, b):
        name = m.group().strip(" ,")
        if _not_a_company(name):
            continue
        out.append(Span(m.start(), m.start() + len(name), name, _cell_role(text, m.end(), b)))
    opening = lx.COMPANY.match(text, a, b)
    if opening is not None and not any(c.start == a for c in out):
        name = opening.group().strip(" ,.")
        if (
            not _not_a_company(name)
            and name.lower() not in lx.NOT_A_MODIFIER
            and re.match(r"\s*,?\s*(?:which|who|that)\b", text[opening.end() : b])
        ):
            out.insert(0, Span(a, a + len(name), name, _cell_role(text, opening.end(), b)))
    return out[:MAX_NAMED]


def _cell_role(text: str, at: int, end: int) -> str:
    """The role the text after a company's name gives it, up to the next sentence: a controller
    is a third party, anything else one that serves the company."""
    said = re.split(r"\.\s", text[at:end], maxsplit=1)[0]
    return "third_party" if re.search(r"\bcontroller\b", said, re.I) else "service_provider"


def _not_a_company(name: str) -> bool:
    """A capitalised run that names no company: empty, or a word notices capitalise ("We",
    "Personal Data", "California") as the whole or its first word."""
    return not name or name in lx.NOT_COMPANIES or name.split()[0] in lx.NOT_COMPANIES


def companies_used(text: str) -> list[Span]:
    """Companies a sentence says are used to do something for the company ("We use Stripe,
    Chargify and Aria to process payments"): service providers."""
    out: list[Span] = []
    for m in _WE_USE.finditer(text):
        for part in re.finditer(r"[^,]+", m.group(1)):
            for name_m in re.finditer(
                r"(?:^|\band |\bor )?([A-Z][^,]*?)(?= and | or |$)", part.group().strip()
            ):
                name = name_m.group(1).strip(" ,.'’\"”")
                if _not_a_company(name):
                    continue
                if _DEFINED_DATA.search(name):
                    continue  # "We use Analytics Information to ...": a defined kind of data
                start = text.find(name, m.start(1))
                out.append(Span(start, start + len(name), name, "service_provider"))
    return out


# A verb of sharing and the company it goes to: "the AI features may share limited data with
# Microsoft", "we disclose your order to DHL Express".
_SHARED_WITH = re.compile(
    r"\b(?:shar(?:e|es|ed|ing)|disclos(?:e|es|ed|ing)|provid(?:e|es|ed|ing)|sen[dt]s?|sending|"
    r"transfer(?:s|red|ring)?|pass(?:es|ed)?)\b[^.;:()]{0,80}?\b(?:with|to)\s+(?=[A-Z])"
)


def companies_shared_with(text: str) -> list[Span]:
    """Companies a verb of sharing names as whom the data goes to."""
    out: list[Span] = []
    for m in _SHARED_WITH.finditer(text):
        c = lx.COMPANY.match(text, m.end())
        if c is None or _YOU_BEFORE.search(text, max(0, m.start() - 25), m.start()):
            continue  # ("no obligation for you to provide your data to Hetzner": the company)
        name = c.group().strip(" ,.")
        if _not_a_company(name):
            continue
        if any(p.fullmatch(name) for p, _ in lx.RECIPIENT_HEADS) or _DEFINED_DATA.search(name):
            continue
        out.append(Span(c.start(), c.start() + len(name), name, _role_of(name)))
    return out


# Where a company named as a clause's subject stands: the sentence's start, after a comma or
# a bracket, or after a conjunction ("For example, Permutive ...", "and Meta may access ...")
_SUBJECT_BEFORE = re.compile(
    r"(?:^|[,;:(]\s*|\b(?:and|or|that|which|when|where|while|if|but)\s+)$", re.I
)
# People, not companies, though capitalised at a sentence's start ("Users may see ...")
_PEOPLE_WORDS = frozenset(
    """users members customers consumers clients visitors children parents guardians employees
    staff people individuals recipients friends followers players participants others everyone
    anyone someone they he she""".split()
)
# Capitalised words at a clause's start that name no company ("May access ...", "Legal
# access ...")
_NOT_ACTORS = frozenset("may can will might could must should legal applicable".split())


def companies_acting(text: str) -> list[Span]:
    """Companies a sentence says hold or read the data themselves: the subject of a verb of
    holding ("Veriff will retain your selfie", "Google may set additional cookies") or the one
    it is done by ("stored by Apple Inc. in the United States", "cookies set by Google")."""
    found: list[re.Match[str]] = [
        c
        for c in lx.COMPANY.finditer(text)
        if _RECIPIENT_ACTS.match(text, c.end()) is not None
        and _SUBJECT_BEFORE.search(text, max(0, c.start() - 12), c.start()) is not None
    ]
    for m in _HELD_BY_COMPANY.finditer(text):
        c = lx.COMPANY.match(text, m.end())
        if c is not None:
            found.append(c)
    out: list[Span] = []
    for c in sorted(found, key=lambda c: c.start()):
        name = re.sub(r"(?:,|\s)+(?:and|or|&|of|for|de|la)$", "", c.group().strip(" ,."))
        name = name.strip(" ,.")
        first = re.split(r"[’'\s]", name)[0]  # ("We'll", "Bertheussen IT's")
        if _not_a_company(first) or len(name) < 2 or name.lower() in _PEOPLE_WORDS:
            continue
        if first.lower() in _NOT_ACTORS:
            continue
        if any(p.fullmatch(name) for p, _ in lx.RECIPIENT_HEADS) or _DEFINED_DATA.search(name):
            continue
        if any(o.start == c.start() for o in out):
            continue
        out.append(Span(c.start(), c.start() + len(name), name, _role_of(name)))
    return out


def companies_after_lead(text: str, taken: list[Span], bracketed: bool = False) -> list[Span]:
    """Companies a sentence names as examples ("such as Stripe, Adyen and PayPal") or as whom
    data is shared with ("share limited data with Microsoft"); with `bracketed`, only those in
    brackets after a recipient or after "examples:" (what a short list item names surely)."""
    out: list[Span] = [
        c
        for c in (
            ()
            if bracketed
            else (*companies_used(text), *companies_shared_with(text), *companies_acting(text))
        )
        if not any(t.start <= c.start < t.end for t in taken)
    ]
    # (the two never match at one place: one opens with a bracket, the other with a word)
    right_after = (_BRACKETED,) if bracketed else (_NAMED_AS, _BRACKETED)
    named_as = [m for t in taken for p in right_after if (m := p.match(text, t.end)) is not None]
    listed = () if bracketed else lx.NAMED_LIST_LEAD.finditer(text)
    leads = [*listed, *_EXAMPLES_COLON.finditer(text), *named_as]
    for lead in sorted(leads, key=lambda m: m.start()):
        # Only examples of a kind of recipient ("payment processors such as ..."): a list after
        # "such as" is as often one of technologies or of data.
        before = [t for t in taken if 0 <= lead.start() - t.end <= 60]
        if not before or re.match(r"\s*(?:your|their|his|her)\b", text[lead.end() :], re.I):
            continue  # ("..., including your photos, ratings, Collections": data, not companies)
        tail_end = len(text)
        # (the end of the examples: not the stop of "Inc." or "Ltd." inside a company's name)
        close = re.search(
            r"(?<!\bInc)(?<!\bLtd)(?<!\bCorp)(?<!\bCo)(?<!\bLLC)(?<!\bS\.A)(?<!\bB\.V)[.;)]\s"
            r"|\)$|\.$",
            text[lead.end() :],
        )
        if close is not None:
            tail_end = lead.end() + close.start()
        if "(" in lead.group() and ")" in text[lead.end() : tail_end]:
            # (the brackets' names alone, to the bracket that closes the lead's: "(e.g., Stripe
            # (USA), Adyen (the Netherlands))")
            tail_end = _closing_bracket(text, lead.end())
        for m in lx.COMPANY.finditer(text, lead.end(), tail_end):
            name = re.sub(r"(?:,|\s)+(?:and|or|&|of|for|de|la)$", "", m.group().strip(" ,."))
            name = name.strip(" ,.")
            if _not_a_company(name):
                continue
            if len(name) < 2 or any(t.start <= m.start() < t.end for t in (*taken, *out)):
                continue
            if lx.RECIPIENT_HEADS and any(p.fullmatch(name) for p, _ in lx.RECIPIENT_HEADS):
                continue
            if re.fullmatch(r"[A-Z][a-z]+", name) and name.lower() in lx.NOT_A_MODIFIER:
                continue
            if _abbreviates(name, text[max(0, m.start() - 80) : m.start()]):
                continue  # "content delivery networks (CDNs)": the kind's short name
            if any(p.fullmatch(name) for p, *_ in lx.REGIONS) or (
                out and re.fullmatch(r"\s*\((?:the\s+)?", text[out[-1].end : m.start()])
            ):
                continue  # "Adyen (the Netherlands)", "Hotjar (Malta)": where a company is
            out.append(Span(m.start(), m.start() + len(name), name, before[-1].key))
    return out


def _closing_bracket(text: str, start: int) -> int:
    """Where the bracket open at `start` closes, brackets inside it counted; the first ")"
    where the count never comes back (a bracket the text never closes)."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            if depth == 0:
                return i
            depth -= 1
    return text.index(")", start)


def _abbreviates(name: str, before: str) -> bool:
    """Whether `name` is the initials of the words just before it ("CDNs" after "content
    delivery networks", "CRM" after "customer relations management")."""
    letters = name[:-1] if name.endswith("s") else name
    if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
        return False
    words = re.findall(r"[A-Za-z]+", before)[-len(letters) :]
    return "".join(w[0] for w in words).upper() == letters


# The items of a list written inside a sentence: "(i) ..., (ii) ..., and (iii) ...".
_INLINE_ITEM = re.compile(r"(?:^|\s)\((?:i{1,3}|iv|vi{0,3}|ix|x|[a-h]|[1-9])\)\s", re.I)


def _in_its_item(
    text: str, at: int, recips: list[Span], spans: list[Span]
) -> tuple[list[Span], list[Span]]:
    """The recipients and data of the item of a list inside the sentence that holds `at`
    (where the sentence lists items at all, and the item names someone); else all of them."""
    marks = [m.start() for m in _INLINE_ITEM.finditer(text)]
    if len(marks) < 2:
        return recips, spans
    starts = [0, *marks]
    i = bisect.bisect_right(starts, at) - 1
    a, b = starts[i], (starts[i + 1] if i + 1 < len(starts) else len(text))
    whom = [r for r in recips if a <= r.start < b]
    if not whom:
        return recips, spans
    return whom, [s for s in spans if a <= s.start < b] or spans


_SELLER_WE = re.compile(r"\b(?:we|us|our company)\b(?:\W+\w+){0,4}\W*$", re.I)
_SELLER_OTHER = re.compile(
    r"\b(?:you|they|he|she|sellers?|merchants?|users?)\b(?:\W+\w+){0,4}\W*$", re.I
)
_DATA_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,6}?(?:(?:personal )?(?:information|data|details)|it|them|contacts|lists?|"
    r"(?:user|your|customer|member)s? content)\b",
    re.I,
)
_DATA_SOLD = re.compile(
    r"(?:information|data|details)\W+(?:\w+\W+){0,3}(?:is|are|be|been|was|were)\W+(?:\w+\W+){0,2}$",
    re.I,
)
_SALE_OF_DATA = re.compile(
    r"^\W*(?:of|or sharing of)\W+(?:your\W+|the\W+)?(?:personal\W+)?(?:information|data)", re.I
)


# A question asks from its first word ("Do we sell...?", "What do we share?"); a statement
# that ends in a link's title ("...listed in the section Who do we share your data with?") is
# still a statement.
_ASKS = re.compile(
    r"\W*(?:do|does|did|is|are|was|were|can|could|will|would|should|shall|may|might|have|has|"
    r"how|what|why|when|where|who|whom|whose|which)\b",
    re.I,
)


# After a kind of data, the examples that say what it is: "account information (which
# includes identifiers, such as your email address and account ID)", "identifiers, e.g. ...".
_EXAMPLES_FOLLOW = re.compile(
    r"\s*(?:\(|,|:|-|–)?\s*(?:which\s+(?:includes?|may\s+include|consists?\s+of)\s*|"
    r"(?:includ(?:es|ing)|such\s+as|e\.g\.,?|for\s+example,?|like)\s)",
    re.I,
)


def _examples_for_labels(text: str, spans: list[Span]) -> list[Span]:
    """The kinds of data a sentence names, a label left out where its examples follow it: the
    examples say what is collected or shared ("identifiers, such as your email address"), as
    the labelled keys count them."""
    if len(spans) < 2:
        return spans
    starts = sorted(sp.start for sp in spans)
    out = []
    for sp in spans:
        m = _EXAMPLES_FOLLOW.match(text, sp.end)
        if m is not None:
            # the first kind of data after the examples' word, at most 40 characters on
            at = bisect.bisect_left(starts, m.end())
            if at < len(starts) and starts[at] - m.end() <= 40:
                continue  # a label: its examples stand for it
        out.append(sp)
    return out


# Where data leaves from: "from the EEA", "outside of the EEA and/or UK", "leaving the UK"
# (each region of a list after the word).
_LEAVES = re.compile(r"\b(?:from|outside(?:\s+of)?|leaves?|leaving)\s+", re.I)
_REGIONS_BEFORE = re.compile(
    r"(?:(?:the\s+)?(?:[A-Z][\w.]*\s*){1,3}(?:,|and/or|and|or)\s+)*(?:the\s+)?", re.I
)


def origins_of(text: str) -> list[str]:
    """The ids of the regions a transfer sentence says data leaves (in `lx.REGIONS` order)."""
    out: list[str] = []
    for pattern, rid, _name, _type in lx.REGIONS:
        for hit in pattern.finditer(text):
            before = text[max(0, hit.start() - 60) : hit.start()]
            leaves = list(_LEAVES.finditer(before))
            # nothing but "the" and other regions between the last such word and this region
            if leaves and _REGIONS_BEFORE.fullmatch(before, leaves[-1].end()) is not None:
                if rid not in out:
                    out.append(rid)
                break
    return out


def _is_question(text: str) -> bool:
    return text.rstrip().endswith("?") and _ASKS.match(text) is not None


def _sells_data(text: str, m: re.Match[str]) -> bool:
    """Whether a sell word says data is sold: by us ("we do not sell"), of data ("sell your
    personal information", "the sale of personal data", "your data is sold"), and not as a
    rights response ("the categories we have sold, if any")."""
    before = text[max(0, m.start() - 40) : m.start()]
    after = text[m.end() : m.end() + 140]
    if re.match(r"\W*,?\s*if any\b", after, re.I):
        return False
    aside = _AS_DEFINED.match(after)
    if aside is not None:
        # "does not sell (as the term is defined in the CCPA) the personal information": the
        # law's sense of the word, then what is (not) sold
        after = after[aside.end() :]
    elif re.match(
        r"\W*,?\W*(?:which|as)\b[^.]{0,80}?\b(?:means?|defined|definition)\b", after, re.I
    ):
        return False  # "'sell,' which for the purposes of the CCPA means ...": a definition
    if m.group().lower().startswith("sale"):
        deemed = re.search(
            r"\b(?:deemed|considered|constitute|qualif\w*|treated as)\b", before, re.I
        )
        # "We do not engage in sales, sharing, or targeted advertising using personal
        # information": sales we make, of the data the sentence names
        engaged = _WE_ENGAGE_IN.search(before) is not None and _DATA_NAMED.search(after) is not None
        return bool(_SALE_OF_DATA.match(after)) or deemed is not None or engaged
    someone_else = _SELLER_OTHER.search(before[-25:]) is not None
    if _SELLER_WE.search(before) and not someone_else:
        return True
    if _DATA_AFTER.match(after) and not someone_else:
        return True
    if _DATA_SOLD.search(before) is not None:
        return True
    # "will not be shared or sold", "disclosed, rented or sold": sold beside a verb of giving
    # data away says what is sold is the data the sentence is about
    return _GIVEN_OR_SOLD.search(before) is not None


_WE_ENGAGE_IN = re.compile(r"\b(?:we|us)\b(?:\W+\w+){0,3}\W+(?:engage|participate)\s+in\s*$", re.I)
_DATA_NAMED = re.compile(r"\b(?:personal )?(?:information|data)\b", re.I)
_AS_DEFINED = re.compile(
    r"\s*[(,]\s*as (?:(?:the|that|this|such) terms? (?:is |are )?)?defined (?:in|by|under)\b"
    r"[^().;]{0,80}[),]",
    re.I,
)
_GIVEN_OR_SOLD = re.compile(
    r"\b(?:be|been|being|is|are|was|were)\s+(?:\w+\s*,\s*)*(?:shared|disclosed|rented|traded|"
    r"transferred|licensed)\s*(?:,|or|and|and/or|/)\s*(?:or\s+)?$",
    re.I,
)


def negated_before(text: str, pos: int, window: int = 40) -> bool:
    before = text[max(0, pos - window) : pos]
    if _CANNOT_PREVENT.search(text, max(0, pos - 80), pos):
        return False  # "we cannot prevent your IP address from being seen by": it is seen
    parts = re.split(r"[;:]|\b(?:but|however|and we|unless|except)\b", before)[-1].split(",")
    i = len(parts) - 1
    # "we do not sell, share or rent": the verbs of one list share its negation
    while i > 0 and _NEXT_VERB.fullmatch(parts[i]):
        i -= 1
    if lx.NEGATION.search(",".join(parts[i:])) is not None:
        return True
    # "we don't store this information on our servers or share it": the second verb of a
    # clause denied, after "or", is denied too
    return _OR_DENIED.search(text[max(0, pos - 120) : pos]) is not None


_CANNOT_PREVENT = re.compile(
    r"\b(?:cannot|can't|can not|could not|are not able to)\s+(?:prevent|stop|avoid)\b[^.;]*$", re.I
)
# A clause denied up to an "or" before a verb: "we don't store this information on our servers
# or [share]"; a clause of its own ("but", "unless", "and we") ends the denial
_OR_DENIED = re.compile(
    rf"(?:{lx.NEGATION.pattern})\s"
    r"(?:(?!\b(?:but|however|unless|except|if|when|whether|and (?:we|will|may|might|can|also))\b)"
    r"[^.;:!?()]){0,100}?\bor\s+(?:to\s+)?$",
    re.I,
)
# What lies between two verbs of one list: "sell, share or rent", "sell, or share", and a
# verb of the list itself ("does not knowingly collect, use, sell or share")
_NEXT_VERB = re.compile(
    r"\s*(?:(?:[a-z]+\s+)?(?:or|and|nor)\s+)?"
    r"(?:(?:collect|use|sell|share|rent|lease|trade|disclose|transfer|process|store|retain|"
    r"exchange|license|release|give)\s*)?",
    re.I,
)


# What lies between a sale denied and a share its negation still governs: one clause ending
# in "or", perhaps with an aside ("do not sell or, for targeted advertising, share").
_OR_THEN = re.compile(r"(?:[^.;:]{0,100}?\s)?or\b(?:,[^,.;:]{0,60},)?\s*", re.I)


# -- the reading ------------------------------------------------------------------------------


@dataclass
class _SaleTable:
    """A sentence that sells "the following categories ... to the following third parties",
    waiting for the lists after it: (item's sentence, category) pairs and the recipients."""

    unit: Unit
    kinds: tuple[str, ...]  # sale, share or both
    hedged: bool
    cats: list[tuple[Unit, dict[str, Any]]] = field(default_factory=list)
    recips: list[Mention] = field(default_factory=list)


@dataclass
class _Entry:
    recipient: Mention | None = None
    regions: list[tuple[str, str, str]] = field(default_factory=list)


# The fields of an entry of a list of processors, each a list item under the company's name
# ("**Zendesk, Inc.**  • Purpose: customer support  • Data processing location: United States
# • Guarantees for international transfer: Standard Contractual Clauses"): read as the cells of
# a processor table's row.
_ENTRY_FIELD = re.compile(
    r"(?:(?P<purpose>purposes?|services? provided|function|activity)"
    r"|(?P<location>(?:data |server |storage |hosting )?(?:processing |storage |hosting )?"
    r"(?:locations?|countr(?:y|ies)|regions?)(?: of (?:processing|storage))?)"
    r"|(?P<transfer>(?:guarantees?|safeguards?|(?:transfer )?mechanisms?)"
    r"(?: for (?:the )?(?:international |cross-border )?transfers?)?)"
    r"|(?P<data>(?:categories of )?(?:personal )?data(?: processed| shared| categories)?))"
    r"\s*:\s*",
    re.I,
)
# A company's name as a heading of its own: capitalised words, maybe its legal form and "group"
_ORG_HEADING = re.compile(rf"(?:{lx.COMPANY.pattern})(?: group)?")


def _bare_name(line: str) -> str:
    """A name alone on its line, without the stop after it ("Zendesk, Inc." keeps its own)."""
    name = line.strip(" :*")
    if name.endswith(".") and not re.search(r"\b(?:Inc|Ltd|Co|Corp|S\.A|B\.V)\.$", name):
        name = name[:-1]
    return name


def _names_a_company(name: str) -> bool:
    return (
        bool(name)
        and _ORG_HEADING.fullmatch(name) is not None
        and not _not_a_company(name)
        and not recipient_spans(name)  # "Third-party processors": a kind, not a company
    )


# What identifies a person by the company's name: "Wargaming ID", "Apple Account", "Xbox
# Gamertag" (not a product of the company's)
_AN_IDENTIFIER = re.compile(
    r"\b(?:IDs?|Identifiers?|Accounts?|Usernames?|User ?names?|Numbers?|Passwords?|PINs?|Handles?|"
    r"Gamertags?|Profiles?)$"
)


class _Reader:
    def __init__(self, policy: Policy, title: str | None = None) -> None:
        self.policy = policy
        self.units = units_of(policy)
        self.mentions: list[Mention] = []
        # the last group of collected items in a paragraph, for the lists that follow it
        names = _company_names(self.units, title)
        self.brand = names[0] if names else None
        self.own_names = frozenset(names)
        self.group: dict[tuple[int, int], list[Mention]] = {}
        self.group_lead: dict[tuple[int, int], str] = {}
        self.pending_sale: dict[int, _SaleTable] = {}
        # per paragraph holding a table, the columns its header names ({} when it names none)
        self.tables: dict[int, dict[str, int]] = {}
        # the paragraphs holding a table whose header's first cell names purposes ("Purpose |
        # Details | Legal basis | Data used"): each row is a purpose and the data it uses
        self.purpose_tables: set[int] = set()
        # and of those, the column naming who receives each row's data ("Partners")
        self.purpose_partners: dict[int, int] = {}
        # and of the other tables with a header, the column naming each row's purpose
        self.purpose_cells: dict[int, int] = {}
        # and of any table with a header, the column saying how long each row's data is kept
        self.retention_cells: dict[int, int] = {}
        # per entry of a list of processors (its paragraph and the company heading it), the
        # company as a recipient and the regions its location field names
        self.entries: dict[tuple[int, str], _Entry] = {}
        self._spans: dict[tuple[int, bool], list[Span]] = {}
        sections = sorted(
            (x for x in policy.sections.values() if x.parent is None), key=lambda x: x.start
        )
        self.section_modes = dict(
            zip(
                (x.path for x in sections),
                outline_modes([x.name for x in sections]),
                strict=True,
            )
        )

    def heading_modes(self, u: Unit) -> set[str]:
        """What the unit's heading, or the heading its numbering puts it under, says its
        section does."""
        found = self.section_modes.get(u.section)
        return found if found is not None else heading_modes(u.heading)

    def spans(self, u: Unit, weak_ok: bool) -> list[Span]:
        """The data a sentence names, read once: collection, flows, sales and retention all ask."""
        key = (u.index, weak_ok)
        found = self._spans.get(key)
        if found is None:
            services = [m.span() for m in _SERVICE_RUN.finditer(u.text)]
            found = [
                sp
                for sp in data_spans(u.text, weak_ok)
                if not any(a <= sp.start < b for a, b in services) and not self.product(u.text, sp)
            ]
            found = self._spans[key] = _examples_for_labels(u.text, found)
        return found

    def product(self, text: str, sp: Span) -> bool:
        """Whether a word of data is the name of one of the company's products, written after
        its name in capitals ("Zoom Email", "Zoom Phone"; not "your Zoom account")."""
        if not self.brand or not sp.text[:1].isupper() or _AN_IDENTIFIER.search(sp.text):
            return False  # ("Wargaming ID", "Apple Account": the person's, under its name)
        if re.match(rf"{re.escape(self.brand)}[®™]?\s+[A-Z]", sp.text):
            return True  # (an item of a list named whole: "Orla Email")
        before = text[max(0, sp.start - len(self.brand) - 2) : sp.start]
        return re.search(rf"\b{re.escape(self.brand)}[®™]?\s$", before) is not None

    def with_unknown_items(
        self, text: str, spans: list[Span], start: int, besides: list[Span] | None = None
    ) -> list[Span]:
        """`_with_unknown_items`, leaving out the company's products named as items ("Orla
        Email"), as `spans` leaves out those named as words of data."""
        return [
            s for s in _with_unknown_items(text, spans, start, besides) if not self.product(text, s)
        ]

    def add(self, kind: str, unit: Unit, confidence: float, **data: Any) -> Mention:
        mention = Mention(kind, unit, _quote(unit.text, data.pop("around", None)), confidence, data)
        self.mentions.append(mention)
        return mention

    def read(self) -> list[Mention]:
        for unit in self.units:
            self.unit(unit)
        self.flush_sales()
        return self.mentions

    def unit(self, u: Unit) -> None:
        text = u.text
        if _ENUMERATOR.fullmatch(text):
            return  # "7." cut from "7. How long do we keep your data?": a number says nothing
        if u.bullet and " | " in text:
            columns = self.tables.get(u.paragraph)
            if columns is not None and _a_header(text):
                # a second table run on from the first ("PURPOSES | DESCRIPTION | LEGAL BASIS
                # | PARTNERS" after the rows of a table of data): this row is its header
                columns = None
                self.purpose_tables.discard(u.paragraph)
                self.purpose_partners.pop(u.paragraph, None)
            declared = self.declared_columns(u) if columns is None else None
            if declared is not None:
                # "The following list respects the format Subprocessor | Description |
                # Location:": the sentence before is the header, this row is the first row
                columns = self.tables[u.paragraph] = declared
                self.table_row(u, columns)
                return
            if columns is None:  # the table's first row: its header, naming its columns?
                columns = self.tables[u.paragraph] = (
                    table_columns(text) or self.service_columns(u) or {}
                )
                cells = _cell_texts(text)
                kept = next(
                    (
                        i
                        for i, c in enumerate(cells)
                        if len(c.split()) <= 12 and _KEPT_CELL.search(c)
                    ),
                    None,
                )
                self.retention_cells.pop(u.paragraph, None)
                if (
                    not columns
                    and _PURPOSE_HEADER.match(cells[0])
                    and all(len(c.split()) <= 6 for c in cells)
                ):
                    self.purpose_tables.add(u.paragraph)
                    who = table_columns(text, need_data=False) or {}
                    if who.get("recipient", 0) > 0:
                        self.purpose_partners[u.paragraph] = who["recipient"]
                    if kept is not None:
                        self.retention_cells[u.paragraph] = kept
                    return  # "Purpose | Details | Legal basis | Data used": a header
                if columns or self.is_header(u):
                    # ("Category of data | Purpose of processing | Legal basis": each row's
                    # purpose is named by its purpose cell, not by the data before it)
                    purpose_at = next(
                        (i for i, c in enumerate(cells) if i and _PURPOSE_CELL.search(c)), None
                    )
                    if purpose_at is not None:
                        self.purpose_cells[u.paragraph] = purpose_at
                    if kept is not None:
                        self.retention_cells[u.paragraph] = kept
                    return  # the header names what the rows say; it says nothing itself
            elif columns and self.table_row(u, columns):
                return
            # (a row whose recipient cell names no one is read as any other line)
        if not u.bullet and " | " in text and self.declares_columns(u):
            return  # "... the format Subprocessor | Description | Location:": a header
        if u.bullet and (field := _ENTRY_FIELD.match(text)) is not None and self.entry(u, field):
            return
        lmode = lead_mode(u.lead) if u.bullet else None
        if u.bullet and lmode is None and u.outer:
            # "we use your information to: ... • Improve the Services, including: ◦ To display
            # your friends": a list inside a list of purposes is of purposes
            lmode = lead_mode(u.outer)
        hmodes = self.heading_modes(u)
        if u.bullet and _is_sublead(u.lead) and u.paragraph in self.pending_sale:
            lmode = "sale"  # "Third Parties:" inside a table of what was sold
        if u.bullet and lmode is None and u.lead:
            # "Such information include:" lists what its heading is about ("Information
            # provided by you"); else a list of something else ("Consequences Of Not ...")
            lmode = "other"
            if _ENUMERATES.search(u.lead.rsplit(".", 1)[-1]):
                lmode = next((m for m in ("collect", "share", "use") if m in hmodes), "other")
                if lmode == "other" and self.said_before(u, lx.STRONG_COLLECT):
                    lmode = "collect"  # "HSBC collect information ... This includes:"
        if u.bullet and u.paragraph in self.purpose_tables and (lmode is None or " | " in text):
            # a row of a table of purposes: what it names is used, not shared (its header says
            # so, whatever sentence led into the paragraph before the table)
            lmode = "use"
        if u.bullet and lmode is None and u.lead == "":
            lmode = next(iter(m for m in ("collect", "share", "use") if m in hmodes), None)
        recips = recipient_spans(text)
        recips = [r for r in _with_shared_with(text, recips) if not _not_receiving(text, r)]
        # ("If you send or receive messages ..., we may log phone numbers": what you receive is
        # no collection, the verb of ours after it is)
        collect_verb = next(
            (
                m
                for m in lx.STRONG_COLLECT.finditer(text)
                if not _YOU_BEFORE.search(text, max(0, m.start() - 25), m.start())
            ),
            None,
        )
        disclose_verb = lx.DISCLOSE.search(text)
        if (
            not recips
            and (examples := _EXAMPLES_INCLUDE.match(text)) is not None
            and self.serves_before(u)
        ):
            # "We employ other companies to perform functions on our behalf. Examples include
            # fulfilling orders, delivering packages, ...": a provider of each, who receives
            # what the function needs
            recips = function_items(text, examples.end())
            disclose_verb = disclose_verb or examples
        # "you may choose to share ... with us, like ...": given to us, so collected
        if collect_verb is None and disclose_verb is not None and _to_us(text, disclose_verb):
            collect_verb = disclose_verb
        # A list item that is a sentence of its own ("Riders: We collect your device's precise
        # location when ...") under a lead that does not say what its items are is read as one.
        if (
            u.bullet
            and len(text.split()) > 12
            and (lmode == "other" or (lmode == "collect" and _SENTENCE_ITEM.match(text)))
        ):
            lmode = None
            as_sentence = True
        else:
            as_sentence = not u.bullet

        # -- collected data
        if (
            lmode is None
            and not u.bullet
            and collect_verb is None
            and hmodes & {"collect", "share", "use"} == {"collect"}
            and (enumerates := _ENUMERATES.search(text)) is not None
        ):
            # "..., and includes for example: device ID, ..." under "Information we collect"
            collect_verb = enumerates
        if lmode is None and as_sentence and collect_verb is None and disclose_verb is None:
            passive = lx.PASSIVE_COLLECT.search(text)
            if passive is not None and not negated_before(text, passive.start(), 30):
                if text[passive.end() :].lstrip().startswith(":"):
                    # "The following data may be processed: name, address, ...": after it
                    self.collected(u, False, recips, None, after=passive.end())
                else:
                    # "Usage-related metrics like chat duration ... are stored": before it
                    self.collected(u, False, recips, None, before=passive.start())
        if (
            lmode is None
            and as_sentence
            and collect_verb is None
            and disclose_verb is None
            and (trackers := uses_trackers(text)) is not None
        ):
            # "Truth Social may use session or persistent cookies": what reads the device
            self.collected(u, False, recips, trackers)
        if lmode == "collect" or (lmode is None and collect_verb and as_sentence):
            self.collected(u, lmode == "collect", recips, collect_verb)
        elif u.bullet and not u.lead and "collect" in hmodes:
            self.collected(u, True, recips, None)

        # -- sales and shares
        if lmode == "sale":
            self.sale_item(u, recips)
        else:
            self.sales(u, recips)

        # -- recipients and flows
        titled = _is_title(text)
        # A long item of a list of data that names recipients of its own is read as a sentence
        # for them ("**Analytics.** ... we and our advertising partners (Meta, Google) may use
        # cookies to collect ..."); a short one is an item of data.
        long_item = (
            u.bullet
            and lmode == "collect"
            and (len(text.split()) > 20 or (u.follows and not titled))
        )
        if not recips and lmode is None and not u.bullet:
            # "We use service providers to host the site. They have access to the personal
            # information needed to perform their functions": they are the ones before
            recips = self.antecedents(u)
        if (lmode is None or long_item) and disclose_verb is None and recips:
            # "Third parties may receive information about you", "we rely on third party
            # service providers to ...", "We allow third parties to use Cookies": the recipient
            # is the subject or the object of a verb of its own
            for r in recips:
                held = _HELD_BY_RECIPIENT.search(text, max(0, r.start - 45), r.start)
                if held is not None and negated_before(text, held.start(), 60):
                    held = None  # "We do not allow your history to be seen by advertisers"
                engaged = (
                    _RECIPIENT_ACTS.match(text, r.end)
                    or _NAMED_AS.match(text, r.end)
                    or _ENGAGES.search(text, max(0, r.start - 45), r.start)
                    or _WE_AND.search(text, max(0, r.start - 25), r.start)
                    or held
                    or self.brand_engages(text, r.start)
                )
                if (
                    engaged is not None
                    and not negated_before(text, engaged.start(), 30)
                    and not negated_before(text, r.start, 30)
                ):
                    disclose_verb = engaged
                    break
        if (
            disclose_verb is not None
            and not recips
            and _PUBLICLY.search(text, disclose_verb.start(), disclose_verb.end() + 20)
            and _said_by_us(text, disclose_verb)
        ):
            recips = [Span(disclose_verb.start(), disclose_verb.end(), "the public", "third_party")]
        if (
            not recips
            and not titled
            and (
                (public := _PUBLIC_EXPOSURE.search(text)) is not None
                # (a table row says several things: one of them public says nothing of the rest)
                or (" | " not in text and (public := _PUBLIC_STATE.search(text)) is not None)
            )
            and not negated_before(text, public.start(), 40)
            # ("We may use the information made publicly available, e.g. through YouTube": what
            # others made public is where data comes from)
            and _FROM_PUBLIC.search(text, max(0, public.start() - 80), public.start()) is None
            # (what is made public is data: "make the Platform available to the public" is not)
            and (
                self.spans(u, weak_ok=True)
                or lx.GENERAL_DATA.search(text) is not None
                or _WHAT_YOU_POST.search(text) is not None
            )
        ):
            # "this content will be disclosed publicly", "available to non-members on the web":
            # whoever made it public, the public receives it
            recips = [Span(public.start(), public.end(), "the public", "third_party")]
            disclose_verb = disclose_verb or public
        sharing = not titled and (
            lmode == "share"
            or (long_item and disclose_verb is not None and bool(recips))
            # a row of a table of purposes that discloses ("Disclose your personal data to
            # courts, law enforcement or regulators as required by law")
            or (u.paragraph in self.purpose_tables and disclose_verb is not None and bool(recips))
            or (lmode is None and disclose_verb is not None)
            or (lmode is None and hmodes & {"share", "collect"} == {"share"} and bool(recips))
        )
        if lmode == "share" and u.bullet and (kind := _who_label(text, recips)) is not None:
            # an item of a list of recipients, labelled with its kind ("**Customer support
            # services** that help us ... (e.g., Zendesk Inc.)"; "Cloud and Infrastructure
            # Service Providers: Your data is processed by third-party hosting vendors"): the
            # label names one (whole, not the words of it a recipient pattern knows), beside
            # whom its sentence names
            recips = [kind, *(r for r in recips if r.start >= kind.end)]
        if lmode == "share" and u.bullet and not recips and " | " in text:
            # a table of recipients: its first cell names one ("HubSpot Inc. | CRM ...")
            first = text.split(" | ", 1)[0].strip()
            if first and first[0].isupper() and len(first.split()) <= 6:
                recips = [Span(0, len(first), first, _role_of(first))]
        if sharing and not recips and disclose_verb is not None:
            recips = [
                Span(m.start(1), m.end(1), m.group(1), "third_party")
                for m in lx.COUNTERPARTY.finditer(text, disclose_verb.start())
            ][:MAX_NAMED]
        if not recips and not titled and lmode in (None, "share"):
            deal = _business_transfer(text, disclose_verb, shared=lmode == "share")
            if deal is not None:
                # "If we are involved in a merger ..., information about you may be shared,
                # sold, or transferred as part of that transaction": to whoever is party to it
                recips = [Span(deal.start(), deal.end(), _deal_party(deal), "acquirer")]
                disclose_verb = disclose_verb or deal
                sharing = True
        if not recips and not titled and lmode in (None, "share"):
            seen = lx.SEEN_BY_OTHERS.search(text) or lx.OTHERS_SEE.search(text)
            if seen is not None and not negated_before(text, seen.start(), 30):
                # "Your videos may be viewed and otherwise accessed by others"; "Meeting hosts,
                # participants, and invitees may be able to see": each of them
                recips = _each_of(text, seen.start(1), seen.end(1))
                disclose_verb = disclose_verb or seen
                sharing = True
        if sharing and lmode != "sale":
            # (a list item that is a sentence names companies as a sentence does)
            a_sentence = _as_a_sentence(u)
            named = companies_after_lead(text, recips, bracketed=not a_sentence)
            if recips or named:
                self.flows(u, recips + named, lmode == "share")
            elif (
                disclose_verb is not None
                and _said_by_us(text, disclose_verb)
                and a_sentence
                and not self.collected_in(u)
                and not _said_by_you(text, disclose_verb)
            ):
                # "In such events, we will disclose ... such as name, postal code": what we
                # disclose we hold, whoever receives it
                self.collected(u, False, [], disclose_verb)
        elif lmode is None and as_sentence and not titled:
            # "We use RevenueCat to help manage subscription revenue": a company used for us
            # holds what it is used on (a processor), though no verb of sharing is written
            used = companies_used(text)
            used += [c for c in companies_acting(text) if all(c.start != o.start for o in used)]
            if used and not negated_before(text, used[0].start, 40):
                self.flows(u, used, False)

        # -- purposes
        if lmode == "use":
            self.purpose(u, 0.8)
            cut = text.find(" | ")
            if cut > 0 and data_spans(text[cut:], weak_ok=False):
                # a table of uses names the data each one uses: "Processing orders | Identity,
                # contact, financial, transactional data"
                self.collected(u, True, recips, None, after=cut)
            if u.paragraph in self.purpose_partners:
                self.purpose_row_partners(u, self.purpose_partners[u.paragraph])
        elif not u.bullet and "use" in hmodes and lx.PURPOSE_LEAD.search(text):
            self.purpose(u, 0.6)
        elif (
            not u.bullet
            and (why := _WE_DO_IT_TO.search(text)) is not None
            and not negated_before(text, why.start(), 30)
            and not lx.RETAIN_CORE.search(text)  # (how long it is kept: retention)
            and not re.search(r"\byou (?:have|may have) the right\b", text, re.I)
            # ("the booking details that travel agencies send us to complete your trip": what
            # they send it for)
            and not re.search(
                r"\b(?:sends?|gives?|provides?|shares?(?: with)?|passe?s?(?: on)?) us\b",
                why.group(),
                re.I,
            )
        ):
            # "We store this information to prevent the loss of your configurations", "we
            # analyse your data in order to understand your needs": what we do it for, under
            # any heading
            self.purpose(u, 0.5)

        # -- data no rule read, in a sentence whose words say it is processed (learned)
        if (
            not titled
            and len(text.split()) >= 5
            and not self.collected_in(u)
            and lx.NEGATION.search(text) is None
            and states_data(text)
        ):
            self.collected(u, False, recips, None, guessed=True)
            if recips and self.collected_in(u):
                # the recipients such a sentence names receive what it says is processed
                self.flows(u, recips, False, guessed=True)

        # -- the rest, sentence by sentence
        self.transfer(u)
        self.the_rest(u, lmode == "rights" or "rights" in hmodes)

    def the_rest(self, u: Unit, rights_said: bool) -> None:
        """What any line says besides its data, recipients, purposes and transfers: how long
        data is kept, rights (`rights_said`: where the heading or lead says the line is one),
        choices and children."""
        self.retention(u)
        self.rights(u, rights_said)
        self.choice(u)
        self.children(u)

    # -- data ---------------------------------------------------------------------------

    def collected(
        self,
        u: Unit,
        listed: bool,
        recips: list[Span],
        verb: re.Match[str] | None,
        after: int = 0,
        before: int | None = None,
        guessed: bool = False,
    ) -> None:
        text = u.text
        if verb is not None and negated_before(text, verb.start(), 30):
            return
        if re.search(
            r"should not (?:include|provide|send|submit)|do not (?:provide|send|submit)", text, re.I
        ):
            return
        if _ABOUT_COLLECTION.search(text):
            return  # a pointer elsewhere, or a choice about collection, not a statement of it
        if " | " in text and _NO_CELL.search(text):
            return  # a row of a CCPA table answering "Collected? No"
        if verb is not None and _YOU_BEFORE.search(text, max(0, verb.start() - 25), verb.start()):
            return  # "you may still receive text messages": what you receive, not what we do
        start = verb.start() if verb is not None and not listed else after
        label = _LABEL.match(text) if listed else None
        if label is not None and len(label.group().split()) <= 9:
            start = max(start, label.end())  # "Identifiers – ..." names the category, not an item
        spans = [
            s
            for s in self.spans(u, weak_ok=listed or verb is not None)
            if s.start >= start
            and (before is None or s.end <= before)
            and not any(r.start <= s.start < r.end for r in recips)
        ]
        spans = _items_not_kinds(text, spans)
        if label is not None and not spans:
            # "Location Data: Data about where you access the Website from": the label is all
            # the item says it is
            spans = [x for x in data_spans(text[: label.end()], weak_ok=True)][:1]
        if listed and self.group_lead.get(u.scope) != u.lead:
            # a new list of data: the lists that follow it are about these items alone
            self.group[u.scope] = []
            self.group_lead[u.scope] = u.lead
        group = self.group.setdefault(u.scope, []) if listed else []
        if (
            listed
            and not spans
            and len(text.split()) <= 12
            and not recips
            and not _CLAUSE.search(text)
        ):
            name = text.strip(" .:")
            key, learned = _by_head(name)
            if key is not None and not lx.GENERAL_DATA.fullmatch(name):
                # (an item neither the vocabulary, nor its head noun, nor the learned reading
                # types is a purpose, a right or a heading more often than data: 3 of 83 were
                # data in the development keys)
                m = self.add("collected", u, 0.4, name=name, fideslang=key, **_learned(learned))
                group.append(m)
            return
        if spans and (not listed or len(text.split()) > 12 or text.count(",") >= 2):
            # the rest of a list of data the vocabulary does not know, of the kind its head
            # noun says ("your search activity, the pages you view, ticket number"), in a
            # sentence or an item of a list long enough to be one
            after_verb = verb.end() if verb is not None and start == verb.start() else start
            spans = self.with_unknown_items(text, spans, after_verb)
        seen: set[tuple[str, str]] = set()
        for s in spans[: MAX_NAMED * 2]:
            if (s.key, s.text.lower()) in seen:
                continue
            seen.add((s.key, s.text.lower()))
            weak = s.text.lower() in lx.WEAK_TERMS
            confidence = (0.5 if guessed else 0.85 if listed else 0.7) - (
                0.15 if weak else 0.1 if s.learned else 0.0
            )
            m = self.add(
                "collected",
                u,
                confidence,
                name=_item_name(text, s),
                fideslang=s.key,
                around=(s.start, s.end),
                **_learned(s.learned, guessed),
            )
            if listed:
                group.append(m)
        if listed and u.bullet and u.lead:
            self.group[u.scope] = group

    # -- recipients and flows -----------------------------------------------------------

    def recipient(self, u: Unit, s: Span, confidence: float, guessed: bool = False) -> Mention:
        name = s.text
        if (
            u.bullet
            and not u.follows  # (a later sentence of an item is a sentence, not a name)
            and len(u.text.split()) <= 12
            and s.start <= 4
            and " | " not in u.text
            and not _DESCRIBED.match(u.text, s.end)  # "X that help us ...": X is the name
        ):
            name = u.text.strip(" .:;")
        name = (
            re.sub(r"^(?:(?:and|or|our|the|your|other|certain|an?|any)\s+)+", "", name, flags=re.I)
            or name
        )
        name = _unmarked(name)
        role = s.key
        return self.add(
            "recipient",
            u,
            confidence,
            name=name,
            role=role,
            around=(s.start, s.end),
            **_learned(False, guessed),
        )

    def flows(self, u: Unit, recips: list[Span], listed: bool, guessed: bool = False) -> None:
        text = u.text
        verb = lx.DISCLOSE.search(text)
        if verb is not None and negated_before(text, verb.start(), 30):
            return
        if verb is not None and _said_by_you(text, verb):
            return  # "information that you choose to share with other users": yours, not ours
        if verb is not None and _to_us(text, verb):
            # "the social platform will share your name ... with us": a source, and the data
            # it names is data we receive
            if lx.STRONG_COLLECT.search(text) is None:
                self.collected(u, False, recips, verb)
            return
        spans = [
            s
            for s in self.spans(u, weak_ok=False)
            if not any(r.start <= s.start < r.end or s.start <= r.start < s.end for r in recips)
        ]
        if spans and not listed:
            # the rest of the list of data shared, of the kind its words say
            spans = self.with_unknown_items(text, spans, 0, recips)
        # "(other than your email address) will be publicly visible": not what is disclosed
        spans = [sp for sp in spans if not _EXCEPT.search(text, max(0, sp.start - 25), sp.start)]
        if _ABOUT_A_RIGHT.search(text) and not _WE_SELL.search(text):
            return  # "the right to know the categories of third parties ...": a right
        if verb is not None and (
            _NOT_PERSONAL.search(text, max(0, verb.start() - 20), verb.end() + 80)
            or (
                _LIMIT_OUR.search(text, max(0, verb.start() - 60), verb.start())
                and not _CANNOT_PREVENT.search(text, max(0, verb.start() - 80), verb.start())
            )
        ):
            # "We share user information in the aggregate", "de-identified information":
            # no person's data; "limit our ability to collect and share": a choice
            return
        label = _LABEL.match(text)
        if label is not None and any(r.start >= label.end() for r in recips):
            # "(a) To Affiliates and Subsidiaries - We may share ... with our subsidiaries": the
            # label names what the sentence after it says (an item's label naming a kind of
            # recipient stays one: `_who_label`)
            kind = _who_label(text, recips) if listed else None
            recips = [r for r in recips if r.start >= label.end() or r == kind]
        # "the categories of third parties below" points at a list; it names no one
        data = self.spans(u, weak_ok=False)
        data_ends = sorted(sp.end for sp in data)
        givers = _giving_us(text, recips)
        recips = [
            r
            for r in recips
            if not _CATEGORIES_OF.search(text, max(0, r.start - 40), r.start)
            and not any(r is g for g in givers)
            and not _of_the_data(text, r, data, data_ends)
            and not _NAMED_AS_WE.match(text, r.end)
            # "countries for which the European Commission or UK Government has issued
            # adequacy decisions": who decides, not who receives
            and not (_ADEQUACY.search(text) and _DECIDES_ADEQUACY.search(r.text))
        ]
        # A sentence names a handful of recipients and kinds of data; text that names hundreds
        # is not a sentence (a dump, a hostile file), and is read no further than this.
        means = _TO_COLLECT.search(text)
        if means is not None and any(sp.start > means.end() for sp in spans):
            # "may use cookies, pixels and SDKs to collect the links you click": the
            # technologies are the means; what they collect is what reaches the recipient
            technologies = any(
                sp.start < means.start() and sp.key == "user.device.cookie" for sp in spans
            )
            # (a list with cookies in it before "to collect" is a list of technologies: "use
            # cookies, log files, pixel tags ... to collect")
            spans = [
                sp
                for sp in spans
                if sp.start > means.end() or (sp.key != "user.device.cookie" and not technologies)
            ]
        elif uses_trackers(text) is not None:
            # "We, and third parties with whom we partner, may use cookies, web beacons ...":
            # the technologies they use, not data they are sent
            spans = [sp for sp in spans if sp.key != "user.device.cookie"]
        recips, spans = recips[:MAX_NAMED], spans[:MAX_NAMED]
        sentence = not listed or (verb is not None and len(text.split()) > 12)
        if spans and sentence and recips and not self.collected_in(u):
            # what we disclose we hold: the data named is collected data too
            self.collected(u, False, recips, verb)
        described = _descriptions(text, recips)
        for r in recips:
            if self.own_name(r):
                continue  # the company's own programme or product, not a recipient
            confidence = 0.5 if guessed else 0.8 if (listed or verb is not None) else 0.6
            rm = self.recipient(u, r, confidence, guessed)
            flow_confidence = 0.5 if guessed else 0.7
            # (the data in what others are said to do is theirs: this one receives what the
            # sentence shares, named or not)
            own = [
                s
                for s in spans
                if (owners := _described_by(described, s)) is None or any(o is r for o in owners)
            ]
            if own and sentence:
                # (an item of a list of recipients written as a sentence of its own names the
                # data it discloses as any sentence does: "**Marketing Partners**: We share
                # your personal data (such as contact information, inferences) with ...")
                for s in own:
                    self.add(
                        "flow",
                        u,
                        flow_confidence,
                        recipient=rm,
                        flow="named",
                        name=_item_name(text, s),
                        fideslang=s.key,
                        **_learned(s.learned),
                    )
            elif listed and self.group.get(u.scope) and not (spans and sentence):
                for c in self.group[u.scope]:
                    self.add("flow", u, 0.7, recipient=rm, flow="named", item=c)
            else:
                self.add("flow", u, flow_confidence, recipient=rm, flow="general")

    def own_name(self, r: Span) -> bool:
        """Whether a recipient is named by the company's own name ("Finnair Plus", "Strava
        Metro"): the company, its programme or product; unless it is an affiliate written as a
        company or a group is ("Zoom Voice Communications, Inc.", "Spotify group companies"; not
        "Zoom" or "Zoom Phone" among the examples of affiliates)."""
        first, _, rest = r.text.partition(" ")
        if first.strip("®™") not in self.own_names:
            return False
        if any(p.fullmatch(rest) for p, _ in lx.RECIPIENT_HEADS):
            return False  # "Apple service providers": the company's providers
        return r.key != "affiliate" or not (
            _LEGAL_FORM.search(r.text) or _GROUP_OF_COMPANIES.search(r.text)
        )

    def brand_engages(self, text: str, at: int) -> re.Match[str] | None:
        """`_ENGAGES` with the company's own name as its subject ("Twitch may also work with
        third-party ad networks")."""
        if not self.brand:
            return None
        # (compiled once per brand: `re` keeps the patterns it compiles)
        pattern = re.compile(rf"\b{re.escape(self.brand)}\s+" + _ENGAGE_VERB, re.I)
        return pattern.search(text, max(0, at - 60), at)

    def we_sell(self, text: str) -> bool:
        """Whether the company itself sells or shares in the sentence: "we do not sell", or
        under its name ("Yelp does not sell your personal information")."""
        if _WE_SELL.search(text):
            return True
        return bool(self.brand) and (
            re.search(
                # (the name's other words too: "Stack Overflow does not sell")
                rf"\b{re.escape(self.brand or '')}\b(?:\s+[A-Z][\w&'-]*){{0,2}}(?:\s+(?:does|do|"
                r"did|will|may|has|have|also|not|never|currently))*\s+(?:sells?|sold|shares?|shared|"
                r"discloses?)\b",
                text,
            )
            is not None
        )

    def collected_in(self, u: Unit) -> bool:
        """Whether a collected fact was drafted from `u` already."""
        return bool(self.collected_of(u))

    def collected_of(self, u: Unit) -> list[Mention]:
        """The collected facts drafted from `u` so far, in order: the unit being read is the
        last whose facts were added (sales held for a table are added after every unit)."""
        out: list[Mention] = []
        for m in reversed(self.mentions):
            if m.unit.index != u.index:
                break
            if m.kind == "collected":
                out.append(m)
        return out[::-1]

    def declares_columns(self, u: Unit) -> bool:
        """Whether `u` is a sentence declaring the columns of the table after it."""
        after = self.units[u.index + 1] if u.index + 1 < len(self.units) else None
        return after is not None and self.declared_columns(after) is not None

    def declared_columns(self, u: Unit) -> dict[str, int] | None:
        """The columns a sentence just before a table's first row declares, written as a row of
        its own after a colon or "format" ("... the format Subprocessor | Description |
        Location:"), when it has as many cells as the row."""
        if u.index == 0:
            return None
        before = self.units[u.index - 1]
        if before.bullet or before.text.count(" | ") != u.text.count(" | "):
            return None
        m = _DECLARES_COLUMNS.search(before.text)
        if m is None:
            return None
        return table_columns(m.group(1).strip(), need_data=False) or None

    def is_header(self, u: Unit) -> bool:
        """A table's first row that names columns: short cells, no figures, no yes or no,
        followed by a row of as many cells."""
        cells = _cell_texts(u.text)
        after = self.units[u.index + 1] if u.index + 1 < len(self.units) else None
        return (
            after is not None
            and after.paragraph == u.paragraph
            and after.text.count(" | ") == u.text.count(" | ")
            and all(len(c.split()) <= 10 and not re.search(r"\d", c) for c in cells)
            and not any(re.fullmatch(r"yes|no|none|n/?a|-|–", c, re.I) for c in cells)
        )

    def said_before(self, u: Unit, pattern: re.Pattern[str]) -> bool:
        """Whether the sentence before the lead-in of `u`'s list ("This includes:") says
        `pattern`: the nearest sentence before `u` that is its lead, and the one before that."""
        for i in range(u.index - 1, 0, -1):
            if self.units[i].text == u.lead and not self.units[i].bullet:
                return pattern.search(self.units[i - 1].text) is not None
        return False

    def table_row(self, u: Unit, columns: dict[str, int]) -> bool:
        """A row of a table of recipients ("Party | Personal data disclosed | Purpose |
        Transfer mechanism | Location"): the recipient, the data it receives (collected, and
        a named flow to it), the purpose and any safeguard the row states for a transfer.
        False when its recipient cell names no one: the row is then read as any other line."""
        text = u.text
        cells = _cells(text)

        def cell(column: str) -> tuple[int, int] | None:
            i = columns.get(column)
            if i is None or i >= len(cells) or cells[i][0] >= cells[i][1]:
                return None
            return cells[i]

        who = cell("recipient")
        if who is None:
            return False
        rms = self.table_recipients(u, who, providers=bool(columns.get("service")))
        if not rms:
            return False
        items: list[Mention] = []
        data = cell("data")
        if data is not None:
            spans = [sp for sp in self.spans(u, weak_ok=True) if data[0] <= sp.start < data[1]]
            spans = _items_not_kinds(text, spans)
            label = _CELL_LABEL.match(text, data[0], data[1])
            if label is not None and any(sp.start >= label.end() for sp in spans):
                spans = [sp for sp in spans if sp.start >= label.end()]  # "Identifiers. A name"
            for sp in spans:
                items.append(
                    self.add(
                        "collected",
                        u,
                        0.8,
                        name=_item_name(text, sp),
                        fideslang=sp.key,
                        around=(sp.start, sp.end),
                    )
                )
        for rm in rms:
            self.flows_to(u, rm, items, 0.75)
        named = [(r.start, r.end) for r in recipient_spans(text)]
        self.row_data_told(u, data, named)
        sold = cell("sale")
        if sold is not None:
            self.table_sale(u, sold, rms, items)
        buyers = cell("buyers")
        if buyers is not None:
            self.table_buyers(u, buyers, columns, items)
        elif sold is None and "buyers" not in columns:  # (a row's empty cell of buyers: none)
            self.table_said_sold(u, rms, items)
            self.row_shares_for_ads(u, data, named, rms, items)
        purpose = cell("purpose")
        if purpose is not None and not re.fullmatch(r"n/?a|-|–|none", text[slice(*purpose)], re.I):
            self.purpose(replace(u, text=text[slice(*purpose)]), 0.6)
        self.table_transfer(u, cell("transfer"), cell("location"))
        # what else a row says, as any line says it ("... | Up to 20 days after you terminate
        # the Service. | ...", a row of the rights one has, a row of a child's guardian)
        self.the_rest(u, "rights" in self.heading_modes(u))
        return True

    def service_columns(self, u: Unit) -> dict[str, int] | None:
        """The columns of a table of what providers do, after a sentence that says providers do
        it ("service providers help deliver the following functions: | Service Description |
        Data Provided | Purpose |"): the service column names who (its providers), the data
        column what they receive."""
        cells = _cell_texts(u.text)
        if len(cells) < 2 or any(len(c.split()) > 6 for c in cells):
            return None
        service = next((i for i, c in enumerate(cells) if _SERVICE_CELL.fullmatch(c)), None)
        data = next((i for i, c in enumerate(cells) if i != service and _DATA_CELL.search(c)), None)
        if service is None or data is None:
            return None
        if _PROVIDERS_DO.search(self.before_table(u)) is None:
            return None
        columns = {"recipient": service, "data": data, "service": 1}
        purpose = next(
            (
                i
                for i, c in enumerate(cells)
                if i not in (service, data) and _PURPOSE_CELL.search(c)
            ),
            None,
        )
        if purpose is not None:
            columns["purpose"] = purpose
        return columns

    def table_recipients(
        self, u: Unit, who: tuple[int, int], providers: bool = False
    ) -> list[Mention]:
        """The recipients a row's recipient cell names: kinds of recipient ("Service providers;
        advertising partners"), or one company ("Adyen"); in a table of what providers do
        (`providers`), the providers of the service the cell names ("Customer Support
        providers")."""
        text = u.text
        a, b = who
        heads = [Span(a + h.start, a + h.end, h.text, h.key) for h in recipient_spans(text[a:b])]
        titled = _CELL_TITLE.match(text, a, b)
        if titled is not None and not any(h.start < titled.end(1) for h in heads):
            # "##### Moderators<br><br>To monitor activity ...": the cell's title names who
            # first, and any recipient its text names after it
            first = self.table_recipients(u, titled.span(1))
            return first + [self.recipient(u, h, 0.8) for h in heads[: MAX_NAMED - len(first)]]
        named = _cell_companies(text, a, b)
        if named:
            # "Google Cloud EMEA Limited which provides ... in the role of personal data
            # processor. Hex Technologies Inc. which ...": the companies the cell names are who;
            # the role they act in ("data processor") is no recipient of its own
            heads = [
                h for h in heads if not _IN_THE_ROLE.search(text, max(a, h.start - 40), h.start)
            ]
            heads = [
                h for h in heads if not any(c.start < h.end and h.start < c.end for c in named)
            ]
            heads = sorted(named + heads, key=lambda h: h.start)
        if heads:
            return [self.recipient(u, h, 0.8) for h in heads[:MAX_NAMED]]
        name = _unmarked(text[a:b]).strip(" *.:;")
        if not name or len(name.split()) > 8 or re.search(r"[,;]", name):
            return []
        if re.fullmatch(r"n/?a|none|no|-|–|not applicable", name, re.I):
            return []
        if providers and not re.search(r"\b(?:providers?|vendors?|processors?)$", name, re.I):
            name = f"{name} providers"
        return [self.add("recipient", u, 0.8, name=name, role="service_provider", around=who)]

    def purpose_row_partners(self, u: Unit, column: int) -> None:
        """The partners a row of a table of purposes names in its partners column ("Microsoft,
        Piwik Pro"): each receives the data the row names (or, naming none, a general flow)."""
        text = u.text
        cells = _cells(text)
        if column >= len(cells):
            return
        a, b = cells[column]
        rms: list[Mention] = []
        for piece in re.finditer(r"[^,;]+", text[a:b]):
            for part in re.split(r"\s+(?:and|&)\s+", piece.group()):
                start = a + piece.start() + piece.group().find(part)
                x, y = _trim(text, start, start + len(part))
                name = text[x:y].strip(" *.")
                if y > x and not _not_a_company(name) and name.split()[0] != self.brand:
                    rms.extend(self.table_recipients(u, (x, y)))  # (the company is no partner)
        items = self.collected_of(u)
        for rm in rms[:MAX_NAMED]:
            self.flows_to(u, rm, items[:MAX_NAMED], 0.7)

    def flows_to(self, u: Unit, rm: Mention, items: list[Mention], confidence: float) -> None:
        """A recipient a table's row or a list's entry names receives the data items it names,
        as named flows, or, naming none, personal information as a general flow."""
        for m in items:
            self.add("flow", u, confidence, recipient=rm, flow="named", item=m)
        if not items:
            self.add("flow", u, 0.6, recipient=rm, flow="general")

    def table_said_sold(self, u: Unit, rms: list[Mention], items: list[Mention]) -> None:
        """A table announced as sales or shares ("we disclose the following categories ... to
        the following categories of recipients. These disclosures may be considered 'sales',
        'sharing' ..."): each recipient of a row receives each item of it so."""
        said = self.before_table(u)
        sells = [m for m in lx.SELL.finditer(said) if _sells_data(said, m)]
        deemed = re.search(
            r"(?:considered|deemed|constitute|qualify as)\W+(?:a\W+)?(?:sales?|selling)\b",
            said,
            re.I,
        )
        kinds = ["sale"] if sells or deemed else []
        if lx.SHARE_ADS.search(said) or re.search(r"[\"“']shar(?:e|ing)[\"”']", said):
            kinds.append("share")
        if not kinds or any(negated_before(said, m.start(), 60) for m in sells):
            return  # a table after "we do not sell" lists no sale
        hedged = lx.HEDGE.search(said) is not None
        for r in rms:
            for m in items:
                for kind in kinds:
                    self.item_sale(u, 0.65, kind, r, m, hedged=hedged, negated=False)

    def row_data_told(
        self, u: Unit, data: tuple[int, int] | None, named: list[tuple[int, int]]
    ) -> None:
        """The data a row names outside its data cell ("Twilio ... processes limited user data,
        such as phone numbers and verification codes" in a long cell of who and why): held, so
        collected, though which of the row's recipients receives it the row does not say
        (`named`: where the row names recipients)."""
        text = u.text
        for sp in _items_not_kinds(text, self.spans(u, weak_ok=False)):
            if data is not None and data[0] <= sp.start < data[1]:
                continue
            if any(a <= sp.start < b for a, b in named):
                continue
            self.add(
                "collected",
                u,
                0.6,
                name=_item_name(text, sp),
                fideslang=sp.key,
                around=(sp.start, sp.end),
            )

    def row_shares_for_ads(
        self,
        u: Unit,
        data: tuple[int, int] | None,
        named: list[tuple[int, int]],
        rms: list[Mention],
        items: list[Mention],
    ) -> None:
        """A row of a table of recipients whose own words give an end of advertising ("to
        publish third-party ads", "a lookalike audience"), not only its recipient's name: its
        recipients receive its data for that end, a share (CCPA), unless the row denies it."""
        text = u.text
        ads = next(
            (
                m
                for m in lx.SHARE_ADS.finditer(text)
                if not (data is not None and data[0] <= m.start() < data[1])
                # ("Advertising networks" is who, not why)
                and not any(a <= m.start() < b for a, b in named)
            ),
            None,
        )
        if ads is None or negated_before(text, ads.start(), 60):
            return
        hedged = lx.HEDGE.search(text) is not None
        of: list[Mention | None] = list(items) or [None]  # (naming no data: personal information)
        for r in rms:
            for m in of:
                self.item_sale(u, 0.6, "share", r, m, hedged=hedged, negated=False)

    def before_table(self, u: Unit) -> str:
        """The two sentences before the table a row is in: what announces it."""
        i = u.index
        while (
            i > 0 and self.units[i - 1].paragraph == u.paragraph and " | " in self.units[i - 1].text
        ):
            i -= 1
        return " ".join(v.text for v in self.units[max(0, i - 2) : i])

    def table_buyers(
        self, u: Unit, cell: tuple[int, int], columns: dict[str, int], items: list[Mention]
    ) -> None:
        """A row's cell of those the data is sold to or shared with for advertising: each of
        them receives each item of the row as a sale or a share, as the column's header says."""
        said = u.text[slice(*cell)]
        if re.fullmatch(r"\W*(?:none|n/?a|no|not applicable|-|–)?\W*", said, re.I):
            return
        buyers = self.table_recipients(u, cell)
        kinds = [k for k in ("sale", "share") if columns.get(f"buyers_{k}")]
        for r in buyers:
            for m in items:
                self.add("flow", u, 0.7, recipient=r, flow="named", item=m)
                for kind in kinds:
                    self.item_sale(u, 0.7, kind, r, m, hedged=False, negated=False, around=cell)

    def table_sale(
        self, u: Unit, sold: tuple[int, int], rms: list[Mention], items: list[Mention]
    ) -> None:
        """What a row's "Sold or shared" cell says: "Shared", "Sold", "Yes", "Not sold"..."""
        said = u.text[slice(*sold)]
        kinds = [
            k
            for k, p in (("sale", r"\bsold|\bsale|\byes\b"), ("share", r"\bshar"))
            if re.search(p, said, re.I)
        ]
        if re.fullmatch(r"\s*yes\s*\.?\s*", said, re.I):
            kinds = ["sale"]
        negated = bool(re.match(r"\s*(?:no\b|not\b|none|n/?a|neither)", said, re.I))
        if re.fullmatch(r"\s*(?:no|none|n/?a|-|–)\s*\.?\s*", said, re.I):
            return  # "No": a cell that states nothing to cite as a sale
        hedged = lx.HEDGE.search(said) is not None
        # The recipients column lists every recipient of the data, service providers too; the
        # cell does not say which of them buy it or receive it for advertising: none is named.
        third = [r for r in rms if r.data.get("role") == "third_party"]
        buyers: list[Mention | None] = [*third] if len(third) == 1 and len(rms) == 1 else [None]
        data: list[Mention | None] = [*items] or [None]
        for kind in kinds:
            for r in buyers:
                for m in data:
                    self.item_sale(u, 0.7, kind, r, m, hedged=hedged, negated=negated, around=sold)

    def item_sale(
        self,
        u: Unit,
        confidence: float,
        kind: str,
        recipient: Mention | None,
        item: Mention | None,
        *,
        hedged: bool,
        negated: bool,
        around: tuple[int, int] | None = None,
    ) -> Mention:
        """A sale or share of a row's item (collected already) to one of its recipients; with
        no item, of personal information; with no recipient, to none named."""
        of = {"name": item.data["name"], "fideslang": item.data["fideslang"]} if item else {}
        return self.add(
            "sale",
            u,
            confidence,
            sale=kind,
            recipient=recipient,
            hedged=hedged,
            negated=negated,
            around=around,
            **of,
        )

    def entry(self, u: Unit, field: re.Match[str]) -> bool:
        """A field of an entry of a list of processors, under the company's name as a heading:
        the company receives what the purpose field names (a named flow, or a general one), the
        purpose is a purpose, and a transfer is what the guarantees field states, to the
        regions the location field names (a location alone states where, not a transfer: as a
        processor table's row). False when the heading names no company."""
        name = next((n for n in self.entry_names(u) if _names_a_company(n)), None)
        if name is None:
            return False
        entry = self.entries.setdefault((u.paragraph, name), _Entry())
        text, at = u.text, field.end()
        if field.group("purpose") or field.group("data"):
            if entry.recipient is None:
                entry.recipient = self.add(
                    "recipient",
                    u,
                    0.7,
                    name=_unmarked(name),
                    role=_role_of(name),
                    around=(0, field.end()),
                    **_learned(False),
                )
            spans = [sp for sp in self.spans(u, weak_ok=True) if sp.start >= at]
            items = [
                self.add(
                    "collected",
                    u,
                    0.7,
                    name=_item_name(text, sp),
                    fideslang=sp.key,
                    around=(sp.start, sp.end),
                )
                for sp in _items_not_kinds(text, spans)[:MAX_NAMED]
            ]
            self.flows_to(u, entry.recipient, items, 0.7)
            if field.group("purpose"):
                self.purpose(replace(u, text=text[at:]), 0.6)
        elif field.group("location"):
            entry.regions = _regions(text)
        elif field.group("transfer"):
            regions = entry.regions or _regions(text, at)
            self.table_transfer(u, (at, len(text)), None, regions)
        return True

    def serves_before(self, u: Unit) -> bool:
        """Whether the sentence before `u`, in its section, says whom we have perform functions
        or services on our behalf (and gives no examples itself)."""
        if u.index == 0:
            return False
        before = self.units[u.index - 1]
        # (the sentence before in the same paragraph or list item)
        if before.section != u.section or before.paragraph != u.paragraph:
            return False
        m = _SERVES_ALONE.search(before.text)
        return m is not None and _HELPERS.search(before.text, 0, m.start()) is not None

    def antecedents(self, u: Unit) -> list[Span]:
        """The recipients a sentence opening on "They", "These companies" or "Such providers"
        says receive, hold or use data: those the sentence before it in the same section names,
        as spans over the words that stand for them."""
        m = _ANAPHOR.match(u.text)
        if m is None or u.index == 0 or _RECIPIENT_ACTS.match(u.text, m.end()) is None:
            return []  # (only where they receive, hold or use it: "They are not authorized to
            # use it for their own purposes" restates whom, and adds no one)
        before = self.units[u.index - 1]
        if before.section != u.section:
            return []
        named = [
            x
            for x in self.mentions
            if x.kind == "recipient"
            and x.unit.index == before.index
            and not x.data.get("learned")  # (a reading of the words alone is no antecedent)
        ]
        names = list(dict.fromkeys((x.data["name"], x.data["role"]) for x in named))
        return [Span(m.start(), m.end(), name, role) for name, role in names[:MAX_NAMED]]

    def entry_names(self, u: Unit) -> list[str]:
        """What may name the company an entry's fields are about: the line alone before its
        list ("Zendesk, Inc.", a heading the loader does not take for one), then its heading."""
        i = u.index - 1
        while i >= 0 and self.units[i].bullet and self.units[i].paragraph == u.paragraph:
            i -= 1
        out = []
        if i >= 0:
            v = self.units[i]
            if not v.bullet and v.paragraph == u.paragraph - 1 and len(v.text.split()) <= 8:
                out.append(_bare_name(v.text))
        out.append(_bare_name(u.heading))
        return out

    def table_transfer(
        self,
        u: Unit,
        mechanism: tuple[int, int] | None,
        location: tuple[int, int] | None,
        regions: list[tuple[str, str, str]] | None = None,
    ) -> None:
        """A transfer a row states: a safeguard in its transfer column, to the region its
        location column (or the row) names. "N/A, since no data is transferred" states none."""
        if mechanism is None:
            return
        said = u.text[slice(*mechanism)]
        if re.match(r"\s*(?:n/?a|none|no\b|not applicable|-|–)", said, re.I):
            return
        if regions is None:
            regions = _regions(u.text[slice(*location)] if location is not None else u.text)
        mechanisms: list[dict[str, Any]] = []
        for pattern, mid, mname, kind, ref, dpv in lx.MECHANISMS:
            m = pattern.search(said)
            if m is not None and not any(x["id"] == mid for x in mechanisms):
                at = (mechanism[0] + m.start(), mechanism[0] + m.end())
                mechanisms.append(_mechanism(u, at, mid, mname, kind, ref, dpv))
        if regions and mechanisms:
            self.add(
                "transfer",
                u,
                0.7,
                regions=regions,
                mechanisms=mechanisms,
                regime=self.regime_near(u),
            )

    # -- sales and shares ---------------------------------------------------------------

    def sales(self, u: Unit, recips: list[Span]) -> None:
        text = u.text
        if u.bullet and lead_mode(u.lead) == "rights":
            return  # "you have the right to know: the categories we have sold, if any": a right
        if _ABOUT_A_RIGHT.search(text) and not self.we_sell(text):
            return  # "you may have the right to know ... sold or shared": a right, not a sale
        kinds: list[tuple[str, re.Match[str]]] = []
        sells = []
        not_sales = [(n.start(), n.end()) for n in lx.NOT_A_SALE.finditer(text)]
        for m in lx.SELL.finditer(text):
            if any(a <= m.start() < b for a, b in not_sales):
                continue
            if _CORPORATE.search(
                text[max(0, m.start() - 45) : m.end() + 45]
            ) or _CORPORATE_EVENT.search(text):
                continue  # "a merger, sale or reorganisation": a business transfer
            near = text[max(0, m.start() - 30) : m.end() + 5]
            # "Do Not Sell" in title case is the name of a link; an opt-out is a right
            if (
                "Do Not Sell" in near and not re.search(r"\b(?:we|us)\W+Do Not Sell", near, re.I)
            ) or re.search(r"opt[- ]out of (?:the )?(?:sale|selling)|right to opt", near, re.I):
                continue
            if not _sells_data(text, m):
                continue  # "if you sell goods", "reportable sellers", "as sales are defined"
            sells.append(m)
        # "Although we do not sell ... for money, our sharing ... may be deemed a sale": the
        # sentence states a sale once it states one it does not negate.
        stated = [m for m in sells if not negated_before(text, m.start(), 60)]
        if stated or sells:
            kinds.append(("sale", (stated or sells)[0]))
        ads = lx.SHARE_ADS.search(text)
        if ads is not None:
            verbs = [
                v
                for v in lx.SHARE_VERB.finditer(text)
                # (the link "Do Not Share" in title case, not "we do not share": a share denied)
                if not re.search(
                    r"(?i:opt[- ]out of)|Do Not (?:Sell or )?Share",
                    text[max(0, v.start() - 30) : v.end() + 5],
                )
                # "features allow you to share your information with advertisers": you share
                and not _YOU_SHARE.search(text[max(0, v.start() - 30) : v.start()])
            ]
            stated_verbs = [v for v in verbs if not negated_before(text, v.start(), 35)]
            if stated_verbs or verbs:
                kinds.append(("share", (stated_verbs or verbs)[0]))
        if ads is None and not any(k == "share" for k, _ in kinds):
            # "We never share your personal data with third parties", "No user data is ever
            # shared with third parties": a promise not to share, with anyone, for any end, is
            # a share denied (a share stated without an end of advertising is a disclosure)
            objects = [sp.start for sp in self.spans(u, weak_ok=False)]
            denied = next(
                (
                    v
                    for v in _SHARE_OR_DISCLOSE.finditer(text)
                    if negated_before(text, v.start(), 35)
                    and (
                        _WITH_OTHERS.search(text, v.end(), v.end() + 100)
                        # "We never share your name", "we don't save or share your search
                        # history": the data itself denied, to anyone
                        or any(v.end() < at <= v.end() + 12 for at in objects)
                    )
                    # by us, or by no one named ("No user data is ever shared"): not a band's
                    # promise, nor advice to you ("not to share it with others")
                    and (
                        re.search(r"\b(?:we|us)\b", text[max(0, v.start() - 40) : v.start()], re.I)
                        or re.search(
                            r"\b(?:is|are|be|been)\s+(?:(?:not|never|ever)\s+)*$", text[: v.start()]
                        )
                    )
                ),
                None,
            )
            if denied is not None and _SAVE_FOR.search(text):
                denied = None  # "other than as described", "except as listed below": shared
            if denied is not None:
                kinds.append(("share", denied))
        if kinds and kinds[0][0] == "sale" and len(kinds) == 1:
            # "we do not sell, share or rent your contacts": share is stated beside sell
            # (and "sold and/or shared", "shared or sold", "sell (or share)")
            both = re.search(
                r"\b(?:sell|sold|selling)\s*(?:,|or|and|and/or|/|\((?:or|and))\s+(?:or\s+)?(shar\w*)|"
                r"\b(shar(?:e|ed|ing))\s*(?:,|or|and|and/or|/|\((?:or|and))\s+(?:or\s+)?"
                r"(?:sell|sold|selling)\b",
                text,
                re.I,
            )
            if both is not None:
                kinds.append(("share", both))
        if not kinds:
            return
        hedged = lx.HEDGE.search(text) is not None
        # whom the data goes to as a disclosure reads them: not a word of the data ("Internet
        # Service Provider (ISP) and browser information"), and the companies after the lead
        # ("our third-party partners such as Meta and Google")
        data = self.spans(u, weak_ok=False)
        data_ends = sorted(sp.end for sp in data)
        named = companies_after_lead(text, recips, bracketed=not _as_a_sentence(u))
        recips = [
            r
            for r in recips + named
            if not _of_the_data(text, r, data, data_ends) and not self.own_name(r)
        ]
        spans = [s for s in data if not any(r.start <= s.start < r.end for r in recips)]
        answer = self.answer_to(u)
        if _is_question(text) and answer is None:
            return  # a question states nothing until it is answered
        if not spans and _NO_ONES.search(text):
            # "we share aggregate statistics with advertisers": no one's data is shared
            kinds = [(k, m) for k, m in kinds if k == "sale" or negated_before(text, m.start(), 60)]
            if not kinds:
                return
        announced: list[str] = []
        sale_denied: re.Match[str] | None = None  # (a sale is read before the shares)
        for kind, m in kinds:
            negated = negated_before(text, m.start(), 60) if answer is None else not answer
            if kind == "sale" and negated and answer is None:
                sale_denied = m
            elif (
                not negated
                and kind == "share"
                and sale_denied is not None
                and _OR_THEN.fullmatch(text, sale_denied.end(), m.start())
            ):
                negated = True  # "we do not sell the data of minors ... or share it for ads"
            conf = 0.75 if not hedged else 0.65
            # "(i) payment processors who ..., (iii) ad serving providers who help us serve
            # relevant ads (by disclosing cookie IDs ...), (iv) ...": a share for advertising
            # is the item's that says so, its recipients and data
            whom, what = recips, spans
            if kind == "share":  # (the item that says advertising, else the verb's)
                at = ads.start() if ads is not None else m.start()
                whom, what = _in_its_item(text, at, recips, spans)
            # "we do not sell it to third parties" names no one who receives it
            targets: list[Mention | None] = (
                [] if negated else [self.recipient(u, r, 0.7) for r in whom[:MAX_NAMED]]
            ) or [None]
            cats: list[dict[str, Any]] = [
                {"name": _item_name(text, s), "fideslang": s.key} for s in what[:MAX_NAMED]
            ] or [{}]
            for r in targets:
                for c in cats:
                    self.add(
                        "sale",
                        u,
                        conf,
                        sale=kind,
                        recipient=r,
                        hedged=hedged,
                        negated=negated,
                        **c,
                    )
            if (
                not negated
                and (lx.GENERAL_DATA.search(text) or _DATA_ANNOUNCED.search(text))
                and "following" in text.lower()
            ):
                announced.append(kind)
        if announced:
            # "we have shared or sold the following data:": the lists after it, both ways
            self.pending_sale[u.paragraph] = _SaleTable(u, tuple(announced), hedged)

    def answer_to(self, u: Unit) -> bool | None:
        """A question's answer, where the text gives one right after it ("Do we sell your
        personal information? No"): True for yes, False for no, None otherwise."""
        if not _is_question(u.text):
            return None
        after = self.units[u.index + 1] if u.index + 1 < len(self.units) else None
        if after is None:
            return None
        m = re.match(r"\s*(yes|no)\b", after.text, re.I)
        return None if m is None else m.group(1).lower() == "yes"

    def sale_item(self, u: Unit, recips: list[Span]) -> None:
        pending = self.pending_sale.get(u.paragraph)
        if pending is None:
            return
        # In a table of sales, "Categories:" and "Third Parties:" say what the items are.
        lead = re.split(r":", u.lead.rstrip(" :"))[-1].lower()
        if "third part" in lead or "recipient" in lead or ("categor" not in lead and recips):
            first = [r for r in recips if r.start == 0][:1] or recips[:1]
            for r in first or [Span(0, len(u.text), u.text, "third_party")]:
                pending.recips.append(self.recipient(u, r, 0.7))
        else:
            spans = self.spans(u, weak_ok=True)
            if spans:
                pending.cats.extend(
                    (u, {"name": _item_name(u.text, s), "fideslang": s.key}) for s in spans
                )
            else:
                pending.cats.append((u, {"name": u.text.strip(" .:"), "fideslang": "user"}))

    def flush_sales(self) -> None:
        for table in self.pending_sale.values():
            if not table.recips and not table.cats:
                continue  # the lead-in sentence said all there is
            for kind in table.kinds:
                # with no recipient listed, none is claimed (the sale is to someone unnamed);
                # with no category listed, what the lead-in sentence sold (personal information)
                targets: list[Mention | None] = [*table.recips] or [None]
                for r in targets:
                    for unit, category in table.cats or [(table.unit, {})]:
                        self.add(
                            "sale",
                            unit,
                            0.7,
                            sale=kind,
                            recipient=r,
                            hedged=table.hedged,
                            negated=False,
                            listed=True,
                            **category,
                        )

    # -- purposes -----------------------------------------------------------------------

    def purpose(self, u: Unit, confidence: float) -> None:
        text = u.text
        key, dpv, ccpa = "essential.service", "dpv:ServiceProvision", None
        for pattern, k, d, c in lx.PURPOSES:
            if pattern.search(text):
                key, dpv, ccpa = k, d, c
                break
        column = self.purpose_cells.get(u.paragraph)
        cells = _cells(text) if column is not None and " | " in text else []
        if column is not None and column < len(cells):
            a, b = cells[column]
            text = text[a:b] or text  # the purpose cell names it; the data cell does not
        name = text if len(text) <= 200 else text[:200].rsplit(" ", 1)[0]
        self.add(
            "purpose",
            u,
            confidence,
            name=name.strip(" .:;"),
            fideslang=key,
            dpv=dpv,
            ccpa_purpose=ccpa,
        )

    # -- transfers ----------------------------------------------------------------------

    def transfer(self, u: Unit) -> None:
        text = u.text
        if lx.TRANSFER_CORE.search(text) is None:
            self.safeguard_alone(u)
            return
        regions = _regions(text)
        if not regions and _UNNAMED_ABROAD.search(text) is None:
            self.safeguard_alone(u)
            return
        if _QUESTIONS_ABOUT.search(text):
            # "Please contact us with any questions about ... transfer of your Personal Data
            # from the EEA to the U.S.", "To learn about ... transfers, please consult ...": a
            # topic to ask or read about, not a statement of a transfer
            return
        if re.search(
            r"\b(?:if|when) (?:you are|you're) (?:located|based|a resident)", text, re.I
        ) and not re.search(r"transfer", text, re.I):
            return
        regime = self.regime_near(u)
        mechanisms = self.mechanisms_near(u)
        if (
            not _CROSSING.search(text)
            and not _CROSSING.search(u.heading)
            and regime not in _CROSSING_LAWS
            and not mechanisms
        ):
            # "Your data is stored on servers in Germany" says where data is, not that it
            # crosses a border: a transfer needs the text to say it leaves somewhere
            return
        self.add(
            "transfer",
            u,
            0.6 if not mechanisms else 0.7,
            regions=regions,
            origins=origins_of(text),
            mechanisms=mechanisms,
            regime=regime,
        )

    def safeguard_alone(self, u: Unit) -> None:
        """A sentence that says the company relies on a transfer safeguard, without a verb of
        transfer or a place ("We rely primarily on the European Standard Contractual Clauses",
        "Valve complies with the EU-U.S. Data Privacy Framework"): a safeguard exists only for
        data sent abroad, so the sentence states a transfer under it, to no place it names. Not
        a question, a pointer to read more, a safeguard denied, nor the sentence after one that
        states a transfer (whose safeguard it is), nor a framework's recourse (complaints,
        arbitration)."""
        text = u.text
        if (
            _is_question(text)
            or _QUESTIONS_ABOUT.search(text)
            or _READ_MORE.search(text)
            or _RECOURSE.search(text)
        ):
            return
        moves = _MOVES.search(text) is not None
        mechanisms = [
            m
            for m in _safeguards_in(u, [])
            # a framework's certification, a legal basis, a processing agreement, said alone,
            # is about the company or its processing; clauses, rules and adequacy are for
            # transfers only
            if moves or (m["id"] in _TRANSFER_ONLY and _RELIED_ON.search(text))
        ]
        if not mechanisms or self.transfer_before(u):
            return
        self.add(
            "transfer",
            u,
            0.5,
            regions=_regions(text),
            origins=origins_of(text),
            mechanisms=mechanisms,
            regime=self.regime_near(u),
        )

    def transfer_before(self, u: Unit) -> bool:
        """Whether the sentence before `u`, in its paragraph, was drafted as a transfer (the
        mentions are in the order of the sentences: only the last few are read)."""
        if u.index == 0 or self.units[u.index - 1].paragraph != u.paragraph:
            return False
        for m in reversed(self.mentions):
            if m.unit.index < u.index - 1:
                return False
            if m.kind == "transfer" and m.unit.index == u.index - 1:
                return True
        return False

    def mechanisms_near(self, u: Unit) -> list[dict[str, Any]]:
        """Safeguards stated in the sentence itself or the two after it in its paragraph."""
        out: list[dict[str, Any]] = []
        for v in self.units[u.index : u.index + 3]:
            if v.paragraph != u.paragraph:
                break
            if (
                v is not u
                and lx.TRANSFER_CORE.search(v.text)
                and not _BACK_REFERENCE.search(v.text)
            ):
                break  # the next sentence states a transfer of its own, with its own safeguard
            out.extend(_safeguards_in(v, out))
        return out

    def regime_near(self, u: Unit) -> str | None:
        """The law a sentence speaks under: named in it, or in its section's heading."""
        for text in (u.text, u.heading):
            for pattern, rid, _name, _law in lx.REGIMES:
                if pattern.search(text):
                    return rid
        return None

    # -- retention, rights, choices, children -------------------------------------------

    def retention(self, u: Unit) -> None:
        text = u.text
        if u.bullet and " | " in text and self.kept_cell(u):
            return
        m = lx.RETAIN_CORE.search(text)
        if m is None and u.bullet and "retention" in self.heading_modes(u):
            m = _DURATION.search(text)  # a row of a retention table: "Analytics data | 26 months"
        if m is None or re.search(
            r"retain the right|keep you (?:informed|updated)|keep in mind|"
            r"keep (?:your|the) (?:account|password)",
            text,
            re.I,
        ):
            return
        self.retained(u)

    def retained(self, u: Unit, around: tuple[int, int] | None = None) -> None:
        """A statement of how long data is kept, quoted `around` a part of the line or whole;
        of all data when the line names personal data in general or none of its kinds."""
        general = lx.GENERAL_DATA.search(u.text) is not None or not self.spans(u, False)
        self.add(
            "retention", u, 0.7, applies_to_all=general, regime=self.regime_near(u), around=around
        )

    def kept_cell(self, u: Unit) -> bool:
        """A row's cell under a header that asks how long data is kept ("How long is the
        personal data used for the purpose?", "Retention period"): a period of retention when
        it says one ("Up to 20 days after you terminate the Service", "As long as ...")."""
        column = self.retention_cells.get(u.paragraph)
        cells = _cells(u.text)
        if column is None or column >= len(cells):
            return False
        a, b = cells[column]
        said = u.text[a:b]
        if not (_DURATION.search(said) or _KEPT_SAID.search(said)):
            return False
        self.retained(u, (a, b))
        return True

    def rights(self, u: Unit, context: bool) -> None:
        text = u.text
        if not (context or lx.RIGHT_CONTEXT.search(text)):
            return
        if not lx.RIGHT_CONTEXT.search(text) and not u.bullet:
            return
        # ("to know, access, correct, ... and delete your personal data": each verb a right)
        verbs = {rid: (a, b) for rid, a, b in lx.right_verbs(text)}
        for pattern, rid, name, article, dpv in lx.RIGHTS:
            m = pattern.search(text)
            around = (m.start(), m.end()) if m is not None else verbs.get(rid)
            if around is None:
                continue
            if rid == "appeal" and not re.search(
                r"right to appeal|appeal (?:a|our|the) "
                r"(?:decision|refusal|denial)",
                text,
                re.I,
            ):
                continue
            self.add(
                "right",
                u,
                0.7,
                right=rid,
                name=name,
                article=article,
                dpv=dpv,
                regime=self.regime_near(u),
                around=around,
            )

    def choice(self, u: Unit) -> None:
        text = u.text
        m = lx.CHOICE.search(text)
        control = lx.CONTROL.search(text) if m is None else None
        if control is not None and (
            negated_before(text, control.start(), 30) or _CANNOT.search(text) is not None
        ):
            control = None  # "You are not able to deactivate this feature"
        if m is None and control is None:
            return
        lower = text.lower()
        if control is not None:
            # "you can decide who can add you as a friend": opting in when what is chosen is to
            # start something ("you can choose to add your contacts"), out otherwise
            # ("switch these on or off": off is the choice that matters)
            starts = lx.OPTS_IN.search(text, control.start()) is not None
            stops = re.search(
                r"\b(?:off|disable|stop|limit|restrict|decline|refuse)\b",
                text[control.start() :],
                re.I,
            )
            kind = "opt_in" if starts and stops is None else "opt_out"
        elif lx.SIGNAL.search(text):
            kind = "signal"
        elif "withdraw" in lower and "consent" in lower:
            kind = "consent_withdrawal"
        elif re.search(r"opt[- ]?in(?![\w])", lower) and "opt out" not in lower:
            kind = "opt_in"
        else:
            kind = "opt_out"
        honoured = not (
            kind == "signal"
            and re.search(
                r"(?:do|does) not (?:currently )?(?:respond|honou?r|recogni[sz]e)|"
                r"not (?:currently )?(?:respond|honou?r)",
                lower,
            )
        )
        urls = re.findall(r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/[^\s),;]*)?", text)
        urls = [x.rstrip(".") for x in urls if URL_PATTERN.match(x.rstrip("."))]
        self.add(
            "choice", u, 0.65, choice=kind, honoured=honoured, urls=urls, regime=self.regime_near(u)
        )

    def children(self, u: Unit) -> None:
        text = u.text
        m = lx.CHILDREN.search(text)
        if m is None or re.search(r"next of kin|child(?:ren)? (?:of|theme)", text, re.I):
            return
        ages = [int(a) for a in lx.AGE.findall(text) if 5 <= int(a) <= 18]
        if not ages and not re.search(r"child|minor", text, re.I):
            return
        applies = "sale" if lx.SELL.search(text) or lx.SHARE_ADS.search(text) else "collection"
        self.add(
            "child",
            u,
            0.7,
            age=min(ages) if ages else None,
            applies_to=applies,
            regime=self.regime_near(u),
        )


_NOT_A_NAME_WORD = _FUNCTION_WORDS | frozenset(
    "is are was were will may can when where which that who if so but because while".split()
)
_NOT_BEFORE_A_NAME = _NOT_A_NAME_WORD - frozenset(
    "our your their its these those any all some".split()
)
_NEXT_WORD = re.compile(r"\s+[\w'-]+")
_LAST_WORD = re.compile(r"[\w'-]+\s+$")


def _item_name(text: str, s: Span) -> str:
    """The words an item is named by; a name under four characters ("GPS") takes the next
    word too, since a quote that short cannot be checked against the policy, or the word
    before when the next is a function word ("your age", not "age to" of "display your age to
    other users") and that one is not."""
    if len(s.text) >= 4:
        return s.text
    after = _NEXT_WORD.match(text, s.end)
    if after is not None and after.group().strip().lower() not in _NOT_A_NAME_WORD:
        return text[s.start : after.end()]
    before = _LAST_WORD.search(text, 0, s.start)  # (the word before is looked for only now)
    if before is not None and before.group().strip().lower() not in _NOT_BEFORE_A_NAME:
        return text[before.start() : s.end]
    if after is not None:
        return text[s.start : after.end()]
    return text[before.start() if before else s.start : s.end]


def _safeguards_in(v: Unit, known: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The safeguards a sentence names and does not deny, but those in `known` already."""
    found: list[dict[str, Any]] = []
    for pattern, mid, name, kind, ref, dpv in lx.MECHANISMS:
        said = list(pattern.finditer(v.text))
        if not said or any(x["id"] == mid for x in (*known, *found)):
            continue
        # ("We no longer rely on the EU-U.S. Privacy Shield": no safeguard of theirs, though
        # the sentence names it first as one they were certified under)
        if any(negated_before(v.text, m.start(), 40) for m in said):
            continue
        m = said[0]
        found.append(_mechanism(v, (m.start(), m.end()), mid, name, kind, ref, dpv))
    return found


def _mechanism(
    u: Unit, at: tuple[int, int], mid: str, name: str, kind: str, ref: str | None, dpv: str | None
) -> dict[str, Any]:
    """A safeguard a sentence (or a table's cell) names, quoted where it names it."""
    return {
        "id": mid,
        "name": name,
        "kind": kind,
        "legal_reference": ref,
        "dpv": dpv,
        "unit": u,
        "quote": _quote(u.text, at),
    }


def _quote(text: str, around: tuple[int, int] | None) -> str:
    """The whole sentence, or (for a very long one) a window around what was read in it that
    starts and ends on word boundaries."""
    if len(text) <= MAX_QUOTE:
        return text
    lo = around[0] if around else 0
    a = max(0, min(lo - MAX_QUOTE // 2, len(text) - MAX_QUOTE))
    b = min(len(text), a + MAX_QUOTE)
    if a > 0:
        a = text.find(" ", a) + 1 or a
    if b < len(text):
        b = text.rfind(" ", a, b) if text.rfind(" ", a, b) > a else b
    return text[a:b].strip()


# -- the date and title -----------------------------------------------------------------------

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
_DATE_LEAD = re.compile(
    r"(?:last (?:updated|revised|modified|changed|reviewed)|effective(?: date| as of| from)?|"
    r"revised(?: on)?|updated(?: on)?|version (?:date|of)|date of (?:last )?(?:update|revision))"
    r"\s*(?:on|as of)?\s*[:\-–]?\s*",  # ("UPDATED AS OF: July 1, 2026")
    re.IGNORECASE,
)
_DATE = re.compile(
    r"(?P<mdy>(?P<m1>[A-Z][a-z]+)\.? (?P<d1>\d{1,2})(?:st|nd|rd|th)?,? (?P<y1>\d{4}))|"
    r"(?P<dmy>(?P<d2>\d{1,2})(?:st|nd|rd|th)? (?P<m2>[A-Z][a-z]+),? (?P<y2>\d{4}))|"
    r"(?P<iso>(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2}))|"
    r"(?P<num>(?P<a4>\d{1,2})[/.](?P<b4>\d{1,2})[/.](?P<y4>\d{4}))"
)


def find_date(policy: Policy) -> tuple[str, str, str] | None:
    for section in sorted(policy.sections.values(), key=lambda s: s.start):
        head_start = max(0, section.start - len(section.name) - 1)
        for span_start, span_end in [(head_start, section.end)]:
            text = policy.text[span_start:span_end]
            for lead in _DATE_LEAD.finditer(text):
                m = _DATE.match(text, lead.end())
                if m is None:
                    continue
                iso = _iso(m)
                if iso is None:
                    continue
                quote = text[lead.start() : m.end()]
                sec = section.path if lead.start() + span_start >= section.start else None
                return iso, quote, sec or section.path
    return None


def _iso(m: re.Match[str]) -> str | None:
    try:
        if m.group("mdy"):
            month, day, year = (
                _MONTHS[m.group("m1").lower()],
                int(m.group("d1")),
                int(m.group("y1")),
            )
        elif m.group("dmy"):
            month, day, year = (
                _MONTHS[m.group("m2").lower()],
                int(m.group("d2")),
                int(m.group("y2")),
            )
        elif m.group("iso"):
            year, month, day = int(m.group("y3")), int(m.group("m3")), int(m.group("d3"))
        else:
            month, day, year = int(m.group("a4")), int(m.group("b4")), int(m.group("y4"))
            if month > 12:
                month, day = day, month
        import datetime as dt

        return dt.date(year, month, day).isoformat()
    except (KeyError, ValueError):
        return None


def read(policy: Policy, title: str | None) -> Reading:
    reader = _Reader(policy, title)
    mentions = reader.read()
    return Reading(policy, reader.units, mentions, title, find_date(policy))
