"""A scanned column's verdict: the name rules and value recognisers (`classify.py`) weighed
with the learned evidence (`learned.py`) over the column's words, its type, its values and its
table. Without a lexicon the rules' reading stands as it is.

The learned score decides whether a column is personal: it was trained with the rules'
reading as one of its features, so it knows where the rules are right (an e-mail column) and
where they fall short (a `dd` column beside a patient id); a rule with its context behind it
stands unless the score is very low. The fideslang key is the rules' where they found one (it is
finer: a postal code rather than an address), else the one the values plainly show, else the
learned one when it is sure enough, else `user` (personal, kind not named).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, NamedTuple

from catalog.scanning.classify import (
    MIN_CONFIDENCE,
    Classification,
    Column,
    _rates,
    _values_evidence,
    classify_table,
)
from catalog.scanning.features import PEOPLE, column_features
from catalog.scanning.learned import Lexicon, describe, lexicon
from catalog.scanning.recognisers import RECOGNISERS
from catalog.scanning.rules import BINARY, FLOAT, GEO, RULES, Needs

_ALL = tuple(RECOGNISERS)
# The learned key replaces the rules' one of another family only when this sure: the rules are
# right on the families they know (0.97 held out), the learned key on the rest.
KEY_OVERRULES = 0.8
# A rule that matched with its context and values behind it stands unless the learned score
# is this low: a ship-to street stays personal whether or not an IP column sits beside it.
RULE_STANDS = 0.75
RULE_FALLS_BELOW = 0.15
# Below this share, a column only the learned weights call personal is filed under "user"
# (personal data, kind not known) rather than under a family it may not belong to.
KEY_UNSURE = 0.5
# A family the rules know (contact, names, money, ids, credentials...) and did not find needs
# more: the rules' silence on it is evidence too.
KEY_UNSURE_CORE = 0.7
_CORE = (
    "user.contact",
    "user.name",
    "user.financial",
    "user.payment",
    "user.location",
    "user.government_id",
    "user.authorization",
    "user.account.username",
    "user.device",
    "user.demographic",
)


# What a column declared as a decimal number can hold: its values' dots are decimal points,
# so `250.01` is an amount, not a diagnosis code, and no code or telephone number is stored as
# a fraction. Coordinates are the one kind of personal datum written so.
_IN_NUMBERS = frozenset({"coordinates", "degrees"})


def _asked(lex: Lexicon) -> tuple[str, ...]:
    """The recognisers whose rates a feature of the lexicon weighs (or that can say a key):
    the others' rates would change nothing."""
    return tuple(n for n in _ALL if n in lex.recognisers or n in _VALUE_KEYS)


def _family(key: str | None) -> str:
    return ".".join(key.split(".")[:2]) if key else ""


def read(
    table: str, columns: Sequence[Column], recognisers: Sequence[str] = _ALL
) -> tuple[list[Classification], list[list[str]]]:
    """The rules' reading of a table's columns and each column's learned features, with the
    rates of `recognisers` among them: what a scan weighs, and what training learns from."""
    ruled = classify_table(table, columns)
    in_numbers = tuple(n for n in recognisers if n in _IN_NUMBERS)
    for col in columns:
        if col.values and col.type_class not in (BINARY, GEO):
            _rates(col, in_numbers if col.type_class == FLOAT else recognisers)
    return ruled, column_features(table, columns, ruled)


def classify(table: str, columns: Sequence[Column]) -> list[Classification]:
    """Every column of one table, with the evidence behind each verdict."""
    lex = lexicon()
    if lex is None:
        return classify_table(table, columns)
    ruled, feats = read(table, columns, _asked(lex))  # only the rates the weights weigh
    weighed = [_weigh(lex, rc, f, col) for rc, f, col in zip(ruled, feats, columns, strict=True)]
    out = [c for c, _ in weighed]
    return _with_the_table_s_subject(lex, out, feats, [v.whom for _, v in weighed])


def _with_the_table_s_subject(
    lex: Lexicon,
    out: list[Classification],
    feats: list[list[str]],
    whoms: list[dict[str, float] | None],
) -> list[Classification]:
    """Whom each personal column is about, weighed with what the table's other columns say:
    a staff member's birthday is an employee's though a birthday alone reads as a user's. A
    column pointing at someone (`created_by`, `doctor_id`) adds nothing to the table's say."""
    said: dict[str, float] = {}
    probs = [p if c.personal and c.subject else None for c, p in zip(out, whoms, strict=True)]
    for p, f in zip(probs, feats, strict=True):
        if p is not None and "ref" not in f:
            for whom, x in p.items():
                said[whom] = said.get(whom, 0.0) + x
    if not said:
        return out
    for i, (c, f, p) in enumerate(zip(out, feats, probs, strict=True)):
        if p is None:
            continue
        weighed = {whom: x + said.get(whom, 0.0) / len(out) for whom, x in p.items()}
        whom = max(weighed, key=lambda w: weighed[w])
        if whom == c.subject:
            continue
        evidence = [dict(e) for e in c.evidence]
        learned = next(e for e in evidence if e["kind"] == "learned")
        learned["subject"] = whom
        learned["subject_features"] = [x for x, _ in lex.subject.top(f, whom)]
        learned["subject_detail"] = (
            f"whom it is about: {whom}, as the table's other columns say "
            f"(the column alone reads as {c.subject})"
        )
        out[i] = replace(c, subject=whom, evidence=evidence)
    return out


def decide(
    lex: Lexicon,
    f: Sequence[str],
    rule_personal: bool,
    rule_key: str | None,
    refused: str | None = None,
    rule_confidence: float = 0.0,
    read: Read | None = None,
) -> tuple[bool, float, str | None, float, str | None]:
    """Personal or not (and the score), the fideslang key (and its share), and whom it is
    about, for a column's features and the rules' reading of it (`refused`: the key of a part
    of an address a name rule matched and set aside for standing alone, as an order's `state`;
    `read`: what its words say, worked out from all its features when `f` holds only those
    that weigh)."""
    if read is None:
        read = Read.of(f)
    p = lex.p_personal(f)
    sure_rule = rule_personal and rule_confidence >= RULE_STANDS and p >= RULE_FALLS_BELOW
    pay = read.pay
    if p < lex.threshold and not sure_rule and not pay:
        return False, p, None, 0.0, None
    key, q = lex.best(lex.key, f)
    subject, _ = lex.best(lex.subject, f)
    if pay and (p < lex.threshold or key in ("", "user") or q < KEY_OVERRULES):
        # what a person is paid is money, unless the weights are sure of another kind
        return True, p, "user.financial", q, subject or None
    if rule_personal and rule_key and (_family(rule_key) == _family(key) or q < KEY_OVERRULES):
        key = rule_key  # the rules' key is finer where the two agree, and stands unless overruled
    elif not rule_personal:
        said = _values_key(f)
        if said is not None and q < KEY_OVERRULES:
            key = said  # values plainly of one kind (people's names) say what the column holds
        elif refused and (
            key == refused or (_family(refused) == _family(key) and q < KEY_OVERRULES)
        ):
            # what the rules set aside is not named, however sure the weights; another kind of
            # its family the weights are sure of is (a phone number's country code, where the
            # rules set aside a country)
            key = "user"
        elif q < (KEY_UNSURE_CORE if key.startswith(_CORE) else KEY_UNSURE):
            # no one kind is sure enough to be named, but its family may be (the weights share
            # contact data out between street, postcode and country): the family is named, as
            # `user.contact`, and no kind of it guessed
            family, share = (None, 0.0) if read.bookkeeping else _surest_family(lex, f)
            if family is not None and share >= KEY_UNSURE_CORE:
                key, q = family, share
            elif read.words_say in _NAMED_BY_ITS_WORDS:
                # the column's own words are of one family's vocabulary, and it is one whose
                # words mean it wherever they are personal (a nationality, a marital status)
                key = _NAMED_BY_ITS_WORDS[read.words_say]
            else:
                key = "user"  # personal, but no family is sure enough to be named
    if key and read.bookkeeping and key.startswith(_CORE_OR_HEALTH):
        key = "user"  # when an allergy's row was changed is no health datum, whatever the table
    return True, p, key or None, q, subject or None


def _surest_family(lex: Lexicon, f: Sequence[str]) -> tuple[str | None, float]:
    """The family the key weights give most (`user.contact`, `user.name`...) and its share
    ("user" itself is no family)."""
    shares: dict[str, float] = {}
    for k, pr in lex.key.probabilities(f).items():
        fam = _family(k)
        if fam not in ("", "user"):
            shares[fam] = shares.get(fam, 0.0) + pr
    if not shares:
        return None, 0.0
    fam = max(shares, key=lambda x: shares[x])
    return fam, shares[fam]


# A record's bookkeeping: when it was created, changed or voided, its uuid and version. Read
# in a table of diagnoses the weights file it as health data; no labelled application does.
_BOOKKEEPING_WORDS = frozenset(
    "uuid guid voided void reason date created changed modified updated deleted creation version "
    "previous at on time timestamp is row form namespace and path last entered".split()
)
_BOOKKEEPING_MARKS = frozenset(
    "uuid guid voided created changed modified updated deleted creation version entered".split()
)
_CORE_OR_HEALTH = (*_CORE, "user.health_and_medical")


# What someone is paid, in a table about people or pointing at them: a payslip's net pay, an
# employee's salary, a guardian's income (not a pay grade's bounds, not a salary component).
_PAY_HEADS = frozenset("salary wage income pay compensation earning salaryextra".split())
_NOT_PAY = frozenset("is has show publish variable fk min max".split())


def _a_person_s_pay(f: Sequence[str]) -> bool:
    heads = {x[5:] for x in f if x.startswith("head:")}
    if not heads & _PAY_HEADS or "ref" in f or "type:boolean" in f:
        return False
    if any(x.startswith(("w:", "first:")) and x.split(":", 1)[1] in _NOT_PAY for x in f):
        return False
    return any(x.startswith(("tref:", "t:")) and x.split(":", 1)[1] in PEOPLE for x in f)


class Read(NamedTuple):
    """What a column's words say beyond their weights."""

    bookkeeping: bool
    pay: bool
    words_say: str | None = None  # the one family whose vocabulary the column's words are in

    @classmethod
    def of(cls, f: Sequence[str]) -> Read:
        families = {x[4:] for x in f if x.startswith("lex:") and "|" not in x}
        return cls(
            _bookkeeping(f), _a_person_s_pay(f), families.pop() if len(families) == 1 else None
        )


# A personal column the weights name no family for is filed by its words' family where those
# words mean the same wherever they are someone's: held out, naming any other family so cost
# more core precision than it won in families right.
_NAMED_BY_ITS_WORDS = {"demographic": "user.demographic"}


def _bookkeeping(f: Sequence[str]) -> bool:
    """Whether the column's words are all a record's bookkeeping (not a pointer to anyone:
    `created_by` is a person)."""
    ws = {x[2:] for x in f if x.startswith("w:")}
    return (
        bool(ws) and ws <= _BOOKKEEPING_WORDS and bool(ws & _BOOKKEEPING_MARKS) and "ref" not in f
    )


# Recognisers whose values say what a column holds when most of its values pass.
_VALUE_KEYS = {
    name: RECOGNISERS[name].fideslang
    for name in (
        "email",
        "phone",
        "known_name",
        "card_number",
        "iban",
        "routing_number",
        "ip_address",
        "national_id",
        "password_hash",
        "user_agent",
        "coordinates",
        "diagnosis_code",
        "lab_code",
    )
}


def _values_key(f: Sequence[str]) -> str | None:
    for x in f:
        if x.startswith("val:") and x.endswith(":high"):
            name = x[4:-5]
            if name in _VALUE_KEYS:
                return _VALUE_KEYS[name]
    return None


def set_aside(rc: Classification) -> str | None:
    """The key of a part of an address the rules set aside for standing alone (no other part
    beside it): an order's `state`, a server's `country`. A rule set aside because nothing said
    the table is about people is not held against the weights, which weigh the table's words
    too: held out, naming the family they were sure of there was right more often than not
    (family right 0.636 -> 0.659 at the same precision)."""
    if rc.personal or not any(
        e.get("kind") == "context" and e.get("supports") is False for e in rc.evidence
    ):
        return None
    named = next((e["rule"] for e in rc.evidence if e.get("kind") == "name" and "rule" in e), None)
    return next((r.fideslang for r in RULES if r.name == named and r.needs is Needs.ADDRESS), None)


# A value recogniser's "high" feature says a key (`_values_key`) whether or not it weighs.
_HIGH = frozenset(f"val:{name}:high" for name in _VALUE_KEYS)
# Verdicts remembered per lexicon, at most: a schema's columns repeat their features.
_VERDICTS_LIMIT = 16_384


def _weigh(
    lex: Lexicon, rc: Classification, f: list[str], col: Column
) -> tuple[Classification, _Verdict]:
    v = _verdict(lex, f, rc.personal, rc.fideslang, set_aside(rc), rc.confidence)
    seen = [_values_evidence(name, *col.tested[name]) for name in v.seen if name in col.tested]
    learned = dict(v.learned)  # (each column's evidence its own)
    learned["features"] = list(learned["features"])
    if "subject_features" in learned:
        learned["subject_features"] = list(learned["subject_features"])
    evidence: list[dict[str, Any]] = [*rc.evidence, *seen, learned]
    confidence = round(min(max(v.p, rc.confidence if rc.personal == v.personal else 0.0), 0.99), 2)
    if v.personal:
        confidence = max(confidence, MIN_CONFIDENCE)
    return Classification(
        rc.column,
        rc.data_type,
        v.personal,
        v.key if v.personal else None,
        confidence,
        evidence,
        v.subject,
    ), v


class _Verdict(NamedTuple):
    """What the weights say of a column's features and the rules' reading of it."""

    personal: bool
    p: float
    key: str | None
    subject: str | None
    seen: tuple[str, ...]  # the value recognisers whose "high" rate to cite
    learned: dict[str, Any]  # the learned evidence, lists as tuples (shared: copied for use)
    whom: dict[str, float] | None  # each subject's probability, for a personal column


def _verdict(
    lex: Lexicon,
    f: list[str],
    rule_personal: bool,
    rule_key: str | None,
    refused: str | None,
    rule_confidence: float,
) -> _Verdict:
    """`_work_out` from the features that weigh alone (in their order: the same sums, the same
    answer), remembered under them with the rules' reading: a schema's columns repeat both."""
    derived = lex.derived
    kept = derived.get("kept")
    if kept is None:
        kept = derived["kept"] = lex.weighed | _HIGH
    memo = derived.get("verdicts")
    if memo is None or len(memo) >= _VERDICTS_LIMIT:
        memo = derived["verdicts"] = {}
    weighing = tuple([x for x in f if x in kept])
    key = (weighing, rule_personal, rule_key, refused, rule_confidence, Read.of(f))
    found = memo.get(key)
    if found is None:
        found = memo[key] = _work_out(lex, *key)
    return found


def _work_out(
    lex: Lexicon,
    f: tuple[str, ...],
    rule_personal: bool,
    rule_key: str | None,
    refused: str | None,
    rule_confidence: float,
    read: Read,
) -> _Verdict:
    personal, p, key, q, subject = decide(
        lex, f, rule_personal, rule_key, refused, rule_confidence, read
    )
    pushes = lex.personal.top(f, "personal") if personal else _against(lex, f)
    seen = tuple(
        name for name in _VALUE_KEYS if personal and not rule_personal and f"val:{name}:high" in f
    )
    learned: dict[str, Any] = {
        "kind": "learned",
        "score": round(p, 3),
        "supports": personal,
        "detail": (
            f"{'personal' if personal else 'not personal'} by the weights learned from "
            f"{lex.applications} labelled applications ({round(p * 100)}%), "
            f"for {', '.join(describe(x) for x, _ in pushes) or 'no strong feature'}"
        ),
        "features": tuple(x for x, _ in pushes),
    }
    if personal and key != rule_key:
        learned["key"] = key
        learned["key_score"] = round(q, 3)
        if key == "user.financial" and read.pay:
            learned["key_detail"] = "what a person is paid, in a table about people"
        elif key == "user" and read.bookkeeping:
            learned["key_detail"] = (
                "a record's bookkeeping (when made or changed, its id) is in no family"
            )
        elif key == _NAMED_BY_ITS_WORDS.get(read.words_say or "") and q < KEY_UNSURE_CORE:
            # (named by its words: a key or family the weights named would be this sure)
            learned["key_detail"] = (
                f"no family sure enough by the weights; the column's words are {read.words_say} "
                "vocabulary"
            )
        elif key and key != "user" and lex.key.probabilities(f).get(key, 0.0) < q - 1e-9:
            # (a family named for its kinds' share: `_surest_family`)
            learned["key_detail"] = (
                f"the weights give {key} {round(q * 100)}% among them, no one kind of it enough "
                "to be named"
            )
    whom = None
    if personal and subject:
        # whom it is about, and what said so (`patient_id` beside it, a table of employees)
        learned["subject"] = subject
        learned["subject_features"] = tuple(x for x, _ in lex.subject.top(f, subject))
        # (remembered with the verdict: the table's weighing asks every column of it)
        whom = lex.subject.probabilities(f)
    return _Verdict(personal, p, key, subject, seen, learned, whom)


def _against(lex: Lexicon, f: Sequence[str]) -> list[tuple[str, float]]:
    weights = lex.personal.of_class("personal")
    pushes = [(x, w) for x in dict.fromkeys(f) if (w := weights.get(x, 0.0)) < 0]
    return sorted(pushes, key=lambda p: p[1])[:3]
