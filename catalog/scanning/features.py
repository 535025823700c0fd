"""What a column looks like to the learned evidence: general features of its name, its type,
its values and its table, never the name of one application's table or column as such.

A column's features are strings (`w:birth`, `head:date`, `sib:patient`, `val:email:high`): the
words of its name as a person reads them (snake, camel, prefixes stripped, abbreviations kept
as written and as letter trigrams, so `dob`, `fname` and `bps` carry weight of their own), its
head noun, its type, what the name rules and value recognisers said of it, and the table around
it: the table's own words, and the people its other columns point at (`patient_id` beside a
`result` column makes the result a patient's). The weights that turn features into a verdict
are learned from the labelled corpus (`catalog/scanning/lexicon.json`, made by
`python -m bench.train`), keeping only features seen in several applications.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from catalog.model.text import singular
from catalog.scanning.classify import Classification, Column, words

# How people name each family's columns, abbreviations included: general vocabulary, not any
# one application's columns. A word of a column (or its table) in a lexicon is a feature of its
# own, so the weight learned for "a health word" carries to a health word the corpus never had.
LEXICONS: dict[str, frozenset[str]] = {
    family: frozenset(text.split())
    for family, text in {
        "health": "diagnosis diagnose diagnostic dx icd icd9 icd10 snomed loinc ndc cpt rxnorm cvx "
        "allergy allergen allergic medication medicine med meds drug dose dosage "
        "prescription prescribe rx refill pharmacy vital vitals bp bps bpd systolic diastolic "
        "pulse heart respiration respiratory temperature weight height bmi "
        "oxygen spo2 glucose cholesterol blood hemoglobin hba1c lab labs specimen "
        "immunization immunisation vaccine vaccination vaccinated pregnancy pregnant "
        "gestation gravida abortion miscarriage menstrual "
        "smoking smoker tobacco alcohol substance illicit mental psychiatric "
        "psychological depression anxiety disability disabled impairment injury illness "
        "disease symptom procedure surgery surgical diagnosis_code "
        "hospitalization inpatient outpatient triage medical health "
        "radiology imaging xray mri pathology biopsy genetic genome dna hiv std "
        "death deceased dod autopsy cause_of_death medicaid medicare "
        "prognosis dental vision hearing family_history medical_history social_history "
        "surgical_history obstetric obstetrics gynecology gynaecology",
        "financial": "salary salaries wage wages pay payroll payslip paycheck income earning "
        "bonus compensation commission allowance deduction pension benefit benefits "
        "bank banking iban bic swift routing aba sort_code account_number acct acc bban "
        "card cc ccnum pan cvv cvc cvn expiry exp credit debit loan debt mortgage "
        "balance invoice billing payment paid refund tax taxes vat tin",
        "government id": "ssn sin nin nino ssnumber social_security passport visa permit "
        "licence license dl driver drivers npi upin dea nhs medicare_number national_id "
        "nationalid idcard id_card identity_card citizenship aadhaar pan_number cpf dni nie "
        "nif bsn personnummer taxpayer tax_id taxid ein itin",
        "credentials": "password passwd pwd pass passphrase passcode pin hash hashed salt "
        "secret token otp totp mfa twofactor two_factor 2fa recovery reset "
        "verification activation confirmation api_key apikey auth authentication "
        "credential credentials session cookie nonce",
        "demographic": "birth birthday birthdate dob born age gender sex race racial ethnic "
        "ethnicity religion religious faith marital married spouse nationality citizenship "
        "language locale mother_tongue orientation sexual politic political party union "
        "veteran military height weight eye hair",
        "contact": "email mail e_mail phone telephone tel mobile cell fax address addr street "
        "city town zip zipcode postcode postal post_code state province county country "
        "suburb district region building apartment apt suite house line1 line2",
        "name": "name names fname lname mname first last middle surname forename given family "
        "maiden nick nickname fullname display initials title salutation prefix suffix",
        "location": "lat lng lon long latitude longitude geo geolocation gps coordinates coord "
        "coords position location geohash altitude",
        "online id": "ip ipaddress ip_address useragent user_agent ua browser device udid imei "
        "mac idfa gaid fingerprint cookie_id visitor login username user_name handle "
        "screen_name uid openid oauth",
    }.items()
}
# Kinds of people a table can be about, or a column point at.
PEOPLE = frozenset(
    "user person people patient customer client member employee staff personnel student pupil "
    "teacher guardian parent contact lead prospect author owner creator editor modifier "
    "account guest visitor subscriber applicant candidate donor volunteer citizen resident "
    "beneficiary traveller traveler passenger driver buyer seller shopper requester reporter "
    "assignee agent operator admin administrator provider practitioner physician doctor nurse "
    "clinician worker manager supervisor emp participant attendee respondent subject party "
    "individual requestor recipient sender friend follower poster by".split()
)
# Words of tables that hold codes and definitions rather than facts about someone.
LOOKUP = frozenset(
    "type types kind category categories code codes concept concepts dictionary dict list "
    "lookup vocabulary vocab template definition definitions setting settings config "
    "configuration option options preference_type status statuses master catalog catalogue "
    "reference ref enum map mapping relationship_type".split()
)


def _lexical(ws: Sequence[str], prefix: str) -> list[str]:
    return list(_lexical_of(tuple(ws), prefix))


@lru_cache(maxsize=16_384)  # a schema repeats its words
def _lexical_of(ws: tuple[str, ...], prefix: str) -> tuple[str, ...]:
    found = {fam for fam, lex in LEXICONS.items() for w in ws if w in lex}
    found |= {fam for fam, lex in LEXICONS.items() for a, b in pairwise(ws) if f"{a}_{b}" in lex}
    return tuple(f"{prefix}:{fam}" for fam in sorted(found))


# Words that end a column naming the person (or thing) it points at: `patient_id`,
# `created_by`, `assigned_to`, `owner_uid`.
_REF_TAILS = frozenset("id ids uid guid uuid key fk ref no num number".split())
_BY_TAILS = frozenset("by to for from".split())


# Abbreviations as schema authors write them, read as the words they stand for (the
# abbreviation stays a feature of its own too).
ABBREVIATIONS = {
    "pid": "person id",
    "uid": "user id",
    "usr": "user",
    "emp": "employee",
    "empl": "employee",
    "cust": "customer",
    "pat": "patient",
    "pt": "patient",
    "stu": "student",
    "mbr": "member",
    "acct": "account",
    "addr": "address",
    "adr": "address",
    "tel": "telephone",
    "fname": "first name",
    "lname": "last name",
    "mname": "middle name",
    "dob": "birth date",
    "dod": "death date",
    "ssn": "social security number",
    "dx": "diagnosis",
    "rx": "prescription",
    "med": "medication",
    "meds": "medication",
    "imm": "immunization",
    "hx": "history",
    "sal": "salary",
    "dd": "direct debit",
    "lic": "licence",
    "pwd": "password",
    "passwd": "password",
}


def _split(name: str) -> list[str]:
    return list(_split_of(name))


@lru_cache(maxsize=16_384)  # a schema repeats its names (id, name, created_at)
def _split_of(name: str) -> tuple[str, ...]:
    return tuple(singular(w) for w in words(name))


def _expanded(ws: list[str]) -> list[str]:
    """The words with each abbreviation's meaning after it: `pid` → `pid person id`."""
    return list(_expanded_of(tuple(ws)))


@lru_cache(maxsize=16_384)
def _expanded_of(ws: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for w in ws:
        out.append(w)
        if w in ABBREVIATIONS:
            out.extend(ABBREVIATIONS[w].split())
    return tuple(out)


def _prefix_stripped(cols: list[list[str]]) -> list[list[str]]:
    """Column words without a prefix most of the table's columns share (`tbl_emp_`, `rxl_`):
    a naming habit, not meaning."""
    if len(cols) < 3:
        return cols
    firsts = Counter(c[0] for c in cols if len(c) > 1)
    if not firsts:
        return cols
    prefix, n = firsts.most_common(1)[0]
    if n < 0.6 * len(cols):
        return cols
    return [c[1:] if len(c) > 1 and c[0] == prefix else c for c in cols]


def _table_stripped(ws: list[str], table: list[str]) -> list[str]:
    """`user_email` in `users` reads as `email`; `patient_dob` in `patient` as `dob`."""
    if len(ws) > 1 and table and ws[0] == table[-1]:
        return ws[1:]
    return ws


def referent(ws: Sequence[str]) -> str | None:
    """Whom a column points at, by its name: `patient_id` → patient, `created_by` → by,
    `assigned_to_user_id` → user. None for a column that names no one."""
    if len(ws) >= 2 and ws[-1] in _REF_TAILS:
        return ws[-2]
    if ws and ws[-1] in _BY_TAILS:
        return "by"
    if len(ws) >= 2 and ws[-2] in _BY_TAILS:
        return ws[-1]
    if ws and ws[-1].endswith("id") and len(ws[-1]) > 4 and ws[-1] != "paid":
        return ws[-1][:-2]
    # gibbonPersonIDCreated, person_id_modified: the id is not the last word
    for i in range(len(ws) - 1, 0, -1):
        if ws[i] in _REF_TAILS:
            return ws[i - 1]
    return None


def _trigrams(word: str) -> list[str]:
    padded = f"<{word}>"
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


def _rate_bin(hits: int, total: int) -> str | None:
    if total < 3 or hits == 0:
        return None
    rate = hits / total
    return "high" if rate >= 0.8 else "some" if rate >= 0.3 else "few"


def table_features(table: str, columns: Sequence[Column]) -> tuple[list[str], list[list[str]]]:
    """The table's own features, and each column's words (prefixes stripped)."""
    feats, col_words = _table_features(
        table, tuple(c.name for c in columns), not any(c.values for c in columns)
    )
    return list(feats), [list(ws) for ws in col_words]


@lru_cache(maxsize=4096)  # the same table, scanned again; the same names, in another database
def _table_features(
    table: str, names: tuple[str, ...], empty: bool
) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    tws = _expanded_of(_split_of(table))
    stripped = _prefix_stripped([list(_split_of(n)) for n in names])
    col_words = tuple(_expanded_of(tuple(_table_stripped(ws, list(tws)) or ws)) for ws in stripped)
    feats = [f"t:{w}" for w in dict.fromkeys(tws)]
    if tws:
        feats.append(f"thead:{tws[-1]}")
    feats += _lexical_of(tws, "tlex")
    refs = Counter(r for ws in col_words if (r := referent(ws)) is not None)
    feats += [f"tref:{r}" for r in refs]
    people = set(tws) & PEOPLE or {r for r in refs if r in PEOPLE}
    feats.append("t:people" if people else "t:nopeople")
    # the same words mean a person's data beside a person, and a code list's elsewhere
    side = "p" if people else "n"
    feats += [f"{f}|{side}" for f in _lexical_of(tws, "tlex")]
    if set(tws) & LOOKUP:
        feats.append("t:lookup")
    if empty:
        feats.append("t:empty")
    return tuple(feats), col_words


@lru_cache(maxsize=16_384)  # a schema repeats its column names, and their types
def _name_features(ws: tuple[str, ...], type_class: str, side: str) -> tuple[str, ...]:
    """What a column's words and type say, in `column_features`' order (before its place)."""
    f = [f"type:{type_class}"]
    for w in ws:
        f.append(f"w:{w}")
        if len(w) <= 6:  # abbreviations: `dob`, `fname`, `bps` share letters with their kin
            f.extend(f"c:{g}" for g in _trigrams(w))
    lexical = _lexical_of(ws, "lex")
    f.extend(lexical)
    f.extend(f"{x}|{side}" for x in lexical)
    if ws:
        f.append(f"head:{ws[-1]}")
        f.append(f"first:{ws[0]}")
        f.append(f"type×head:{type_class}|{ws[-1]}")
    if len(ws) >= 2:
        f.append(f"head2:{ws[-2]}_{ws[-1]}")
    return tuple(f)


@lru_cache(maxsize=16_384)
def _referent_features(ws: tuple[str, ...]) -> tuple[str, ...]:
    ref = referent(ws)
    if ref is None:
        return ()
    return ("ref", f"ref:{ref}", "ref:people") if ref in PEOPLE else ("ref", f"ref:{ref}")


@lru_cache(maxsize=1024)
def _rule_features(fideslang: str) -> tuple[str, str]:
    return f"rule:{fideslang}", f"rulefam:{'.'.join(fideslang.split('.')[:2])}"


def column_features(
    table: str, columns: Sequence[Column], ruled: Sequence[Classification]
) -> list[list[str]]:
    """Features of every column of one table, in order."""
    tfeats, col_words = _table_features(
        table, tuple(c.name for c in columns), not any(c.values for c in columns)
    )
    sibling_rules = Counter(
        r.fideslang.split(".")[1] if r.fideslang and "." in r.fideslang else r.fideslang
        for r in ruled
        if r.personal
    )
    siblings = tuple(sibling_rules.items())
    side = "p" if "t:people" in tfeats else "n"
    out: list[list[str]] = []
    for i, (col, ws, rc) in enumerate(zip(columns, col_words, ruled, strict=True)):
        f: list[str] = list(tfeats)
        f.extend(_name_features(ws, col.type_class, side))
        if i == 0:
            f.append("pos:first")
        f.extend(_referent_features(ws))
        if rc.personal and rc.fideslang:
            f.extend(_rule_features(rc.fideslang))
        for e in rc.evidence:
            kind = e.get("kind")
            if kind == "name" and "rule" in e:
                f.append(f"named:{e['rule']}")
            elif kind == "context" and "supports" in e:
                f.append(f"ctx:{'yes' if e['supports'] else 'no'}")
        for name, (hits, total) in col.tested.items():
            b = _rate_bin(hits, total)
            if b is not None:
                f.append(f"val:{name}:{b}")
        if not col.values:
            f.append("val:none")
        own = None
        if rc.personal and rc.fideslang:
            own = rc.fideslang.split(".")[1] if "." in rc.fideslang else rc.fideslang
        f.extend(_sibling_features(siblings, own))
        out.append(f)
    return out


@lru_cache(maxsize=4096)
def _sibling_features(
    siblings: tuple[tuple[str | None, int], ...], own: str | None
) -> tuple[str, ...]:
    """The families of the other columns the rules call personal (`own` is the column's)."""
    return tuple(f"sib:{fam}" for fam, n in siblings if (n - 1 if fam == own else n) > 0 and fam)
