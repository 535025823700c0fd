"""`datamap draft`: what a DPO checks in a draft of a notice the drafter was not written for
(these are short notices of our own, in the shapes notices come in), and a draft of Stefere's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from catalog.drafting import draft_document, read_bytes
from catalog.drafting.learned import taught_by
from catalog.drafting.reading import NotAPolicy
from catalog.loading.policy import Policy
from catalog.loading.validation import load_inventory
from tests.conftest import REPO

NOTICE_MD = """\
# Privacy Notice of Lumen Books

Last updated: 3 March 2025

## Information we collect

When you create an account we may collect the following information:

- Your full name
- Your email address
- Your shipping address
- Payment card details

## How we share information

We share your email address and shipping address with our delivery partners, such as
DHL Express and Royal Mail, so that they can deliver your order.

We may disclose your personal information to law enforcement agencies when required by law.

We do not sell your personal information.

## International transfers

We transfer your personal data to the United States under the Standard Contractual Clauses.

Your data may also be stored in India.

## How long we keep it

We retain your personal data for as long as your account is open and for six years after.

## Your rights

You have the right to request access to your personal data and to ask us to delete it.
To exercise these rights, email privacy@lumenbooks.example.
"""


@pytest.fixture(scope="module")
def md_draft() -> dict:
    return draft_document(read_bytes(NOTICE_MD.encode(), "notice.md")).to_json()


def by_name(rows: list[dict], key: str = "name") -> dict[str, dict]:
    return {r[key]: r for r in rows}


def test_collected_items_with_keys_and_sentences(md_draft: dict) -> None:
    got = {(r["name"], r["fideslang"]) for r in md_draft["collected"]}
    assert ("full name", "user.name") in got
    assert ("email address", "user.contact.email") in got
    assert ("shipping address", "user.contact.address") in got
    assert ("Payment card details", "user.financial.credit_card") in got
    card = next(r for r in md_draft["collected"] if r["name"] == "Payment card details")
    assert card["quote"] == "Payment card details"
    assert card["section"] == "Information we collect"
    assert card["dpv"] == "pd:PaymentCardNumber"


def test_named_companies_and_authorities_with_roles(md_draft: dict) -> None:
    roles = {r["name"]: r["role"] for r in md_draft["recipients"]}
    assert roles.get("delivery partners") == "third_party"
    assert "DHL Express" in roles and "Royal Mail" in roles
    assert roles.get("law enforcement agencies") == "public_authority"


def test_named_and_general_flows(md_draft: dict) -> None:
    ids = {r["id"]: r["name"] for r in md_draft["recipients"]}
    items = {r["id"]: r["name"] for r in md_draft["collected"]}
    named = {
        (items.get(f["category"]), ids[f["recipient"]])
        for f in md_draft["flows"]
        if f["kind"] == "named"
    }
    assert ("email address", "delivery partners") in named
    general = {ids[f["recipient"]] for f in md_draft["flows"] if f["kind"] == "general"}
    assert "law enforcement agencies" in general
    assert all(
        f["category"] == md_draft["root"] for f in md_draft["flows"] if f["kind"] == "general"
    )


def test_a_negated_sale_stays_negated(md_draft: dict) -> None:
    sales = md_draft["sold_or_shared"]
    assert [(s["kind"], s["negated"]) for s in sales] == [("sale", True)]


def test_mechanism_only_where_the_text_states_one(md_draft: dict) -> None:
    transfers = {tuple(t["to"]): t for t in md_draft["transfers"]}
    assert transfers[("United States",)]["mechanism"] == "Standard contractual clauses"
    # India: a transfer stated with no safeguard gets none invented
    assert transfers[("India",)]["mechanism"] is None


def test_date_rights_retention(md_draft: dict) -> None:
    assert md_draft["policy"]["last_updated"] == "2025-03-03"
    assert {r["right"] for r in md_draft["rights"]} >= {"access", "erasure"}
    assert md_draft["retention"][0]["quote"].startswith("We retain your personal data")


def test_every_quote_is_in_its_section(md_draft: dict) -> None:
    doc = read_bytes(NOTICE_MD.encode(), "notice.md")
    policy = Policy.from_text(doc.text)
    for name in ("collected", "recipients", "flows", "sold_or_shared", "transfers", "rights"):
        for row in md_draft[name]:
            assert policy.find(row["quote"], row["section"]) is not None, row


def test_html_page_furniture_is_left_out() -> None:
    page = (
        (
            "<html><head><title>Privacy</title><script>var x='we collect your soul';</script></head>"
            "<body><nav><a href='/'>Home</a> Shop Blog</nav><h1>Privacy Policy</h1>"
            "<p>We collect your email address and phone number when you sign up.</p>"
            "<h2>Sharing</h2><p>We share your phone number with our SMS service providers.</p>"
            "<footer>© 2025 Example Ltd. All rights reserved. Cookie settings</footer></body></html>"
        )
        + "<p>"
        + "More words about our practices here. " * 5
        + "</p>"
    )
    doc = read_bytes(page.encode(), "p.html")
    assert "soul" not in doc.text and "Home" not in doc.text and "©" not in doc.text
    got = draft_document(doc).to_json()
    assert {r["fideslang"] for r in got["collected"]} >= {
        "user.contact.email",
        "user.contact.phone_number",
    }
    assert "SMS service providers" in {r["name"] for r in got["recipients"]}


@pytest.mark.parametrize(
    ("data", "name", "says"),
    [
        (b"", "empty.txt", "empty"),
        (b"%PDF-1.7\n...", "p.pdf", "PDF"),
        (bytes(range(256)) * 10, "blob.bin", "binary"),
        (b"hello world", "short.txt", "too few words"),
    ],
)
def test_not_a_policy_is_a_clear_error(data: bytes, name: str, says: str) -> None:
    with pytest.raises(NotAPolicy, match=says):
        read_bytes(data, name)


def test_cli_bad_input_one_line_no_traceback(cli, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"We collect data. " * 200_000)
    for path in (tmp_path / "missing.txt", big, tmp_path):
        r = cli("draft", str(path))
        assert r.code != 0 and "Traceback" not in r.err
        assert len(r.err.strip().splitlines()) == 1, r.err


def test_stefere_draft_validates_and_reviews_survive_a_redraft(cli, tmp_path: Path) -> None:
    policy = REPO.parent / "shared" / "stefere-privacy-policy.txt"
    if not policy.is_file():
        policy = REPO / "inventory" / "stefere-privacy-policy.txt"
    out = tmp_path / "stefere"
    r = cli("draft", str(policy), "-o", str(out), "--company", "Stefere")
    assert r.code == 0, r.err
    inv = load_inventory(out)
    items = {
        e.model.name: e.model
        for e in inv.entries.values()
        if getattr(e.model, "kind", None) == "item"
    }
    assert "payment information" in items and items["payment information"].draft
    # The sale of "The specific pieces ..." to the advertising partners is drafted as a sale.
    j = json.loads(cli("draft", str(policy), "--json").out)
    sold = [s for s in j["sold_or_shared"] if not s["negated"] and s["recipient"]]
    names = {r["id"]: r["name"] for r in j["recipients"]}
    assert any("advertising partners" in names[s["recipient"]] for s in sold)

    item_id = next(i for i, e in inv.entries.items() if e.model.name == "payment information")
    assert cli("-i", str(out), "review", "draft", item_id, "--accept", "--by", "A. DPO").code == 0
    email = next(i for i, e in inv.entries.items() if e.model.name == "e-mail address")
    r = cli("-i", str(out), "review", "draft", email, "--key", "user.contact", "--note", "broad")
    assert r.code == 0, r.err
    reject = next(i for i, e in inv.entries.items() if e.model.name == "Recordings of your calls")
    assert cli("-i", str(out), "review", "draft", reject, "--reject").code == 0

    # the policy changes; drafting again keeps the decisions and reports the sentences
    text = policy.read_text(encoding="utf-8").replace(
        "Stefere will occasionally update this Privacy Policy.",
        "Stefere will update this Privacy Policy every year.",
    )
    revised = tmp_path / "revised.txt"
    revised.write_text(text, encoding="utf-8")
    r = cli("draft", str(revised), "-o", str(out), "--json")
    assert r.code == 0, r.err
    report = json.loads(r.out)
    assert report["decisions_kept"] == 3
    assert report["sentences_changed"] == [
        {
            "old": "Stefere will occasionally update this Privacy Policy.",
            "new": "Stefere will update this Privacy Policy every year.",
        }
    ]
    inv = load_inventory(out)
    assert inv.entries[item_id].model.draft is False
    assert reject not in inv.entries
    parent = inv.entries[email].model.parent
    assert inv.entries[parent].model.fideslang == "user.contact"
    listed = json.loads(cli("-i", str(out), "review", "draft", "--json").out)["facts"]
    assert {f["id"]: f["status"] for f in listed}[item_id] == "accepted"


def test_a_folder_with_a_hand_written_inventory_is_not_overwritten(cli, tmp_path: Path) -> None:
    folder = tmp_path / "inv"
    folder.mkdir()
    (folder / "categories.yaml").write_text("categories: []\n", encoding="utf-8")
    policy = tmp_path / "p.md"
    policy.write_text(NOTICE_MD, encoding="utf-8")
    r = cli("draft", str(policy), "-o", str(folder))
    assert r.code != 0 and "not drafted by datamap" in r.err
    assert (folder / "categories.yaml").read_text(encoding="utf-8") == "categories: []\n"


def test_the_pack_marks_drafted_facts_and_holds_no_law_the_notice_does_not_name(
    cli, tmp_path: Path
) -> None:
    notice = tmp_path / "pebble.md"
    notice.write_text(
        "# Privacy at Pebble Games\n\nWe collect your email address and your username when you "
        "sign up. We share your email address with our email service providers so that they can "
        "send you newsletters. We keep your data for two years after your last login. You can "
        "unsubscribe at any time by clicking the link in any email we send. Under the GDPR, you "
        "have the right to request access to your personal data.\n",
        encoding="utf-8",
    )
    out = tmp_path / "pebble"
    assert cli("draft", str(notice), "-o", str(out)).code == 0
    inv = load_inventory(out)
    assert {"gdpr", "ccpa", "pipl"} & set(inv.entries) == {"gdpr"}  # no law it does not name
    retention = [e.model for e in inv.entries.values() if type(e.model).__name__ == "RetentionRule"]
    assert [r.period for r in retention] == [
        "We keep your data for two years after your last login."
    ]
    r = cli("-i", str(out), "export", "pack", "-o", str(tmp_path / "pack.zip"))
    assert r.code == 0, r.err
    import zipfile

    with zipfile.ZipFile(tmp_path / "pack.zip") as z:
        names = z.namelist()
        assert not any("ccpa" in n or "pipl" in n for n in names)
        record = z.read(next(n for n in names if n.endswith("gdpr-record.md"))).decode()
    row = next(x for x in record.splitlines() if x.startswith("| Categories of personal data"))
    assert "email address [draft]" in row
    md = cli("-i", str(out), "who-receives", "email address", "--json")
    assert md.code == 0
    assert {x["name"] for x in json.loads(md.out)["recipients"]} == {"email service providers"}


PAGE = """<html><head><title>Privacy Policy - Kettle Labs</title></head><body>
<nav><a href="/">Home</a></nav>
<h1>Privacy Policy</h1><p>Last updated: <span>June 2, 2026</span></p>
<ol><li><a href="#a">What We Collect</a></li><li><a href="#b">Sharing</a></li>
<li><a href="#c">Retention</a></li><li><a href="#d">Children</a></li></ol>
<h2 id="a"><span>01</span> What We Collect</h2>
<p>We collect personal data in the following ways:</p>
<h4>Data you provide directly</h4>
<ul><li>Sign-up form: name, email address, company name and job title.</li>
<li>Support messages you send us.</li></ul>
<h2 id="b"><span>02</span> Sharing</h2>
<p>We do not sell your personal data. We share data only where necessary:</p>
<table><thead><tr><th>Partner</th><th>Purpose</th></tr></thead><tbody>
<tr><td><strong>Mailgrid Inc.</strong></td><td>Email delivery. Mailgrid is certified under the
EU-US Data Privacy Framework.</td></tr>
<tr><td>Legal Authorities</td><td>Where required by law or a valid court order.</td></tr>
</tbody></table>
<h2 id="c"><span>03</span> Retention</h2>
<table><tr><th>Data</th><th>Period</th></tr><tr><td>Sign-up data</td><td>3 years</td></tr></table>
<h2 id="d"><span>04</span> Children</h2>
<p>We do not knowingly collect personal data from anyone under the age of 16.</p>
<footer>© 2026 Kettle Labs</footer></body></html>"""


def test_an_html_page_with_lists_under_subheadings_and_a_table_of_recipients() -> None:
    got = draft_document(read_bytes(PAGE.encode(), "privacy.html")).to_json()
    assert got["policy"]["last_updated"] == "2026-06-02"
    data = {(r["name"], r["fideslang"]) for r in got["collected"]}
    assert {("name", "user.name"), ("email address", "user.contact.email")} <= data
    roles = {r["name"]: r["role"] for r in got["recipients"]}
    assert roles == {"Mailgrid Inc.": "service_provider", "Legal Authorities": "public_authority"}
    assert [r["quote"] for r in got["retention"]] == ["Sign-up data | 3 years"]
    # the contents list repeats the headings: no fact is read from it
    assert all(r["quote"] != "Retention" for r in got["retention"])
    assert [(c["age"], c["quote"][:20]) for c in got["children"]] == [(16, "We do not knowingly ")]
    assert [(s["kind"], s["negated"]) for s in got["sold_or_shared"]] == [("sale", True)]


def test_where_data_is_stored_is_no_transfer_until_the_text_says_it_leaves() -> None:
    notice = (
        "# Privacy at Ostwind GmbH\n\nWe collect your name and email address when you sign up "
        "for our newsletter. Your data is stored on servers located in Germany. We share your "
        "email address with our newsletter service provider to send the newsletter.\n\n"
        "## Transfers outside the EEA\n\nWhere we transfer your data to the United States, we "
        "rely on standard contractual clauses.\n"
    )
    got = draft_document(read_bytes(notice.encode(), "n.md")).to_json()
    assert [(t["to"], t["mechanism"]) for t in got["transfers"]] == [
        (["United States"], "Standard contractual clauses")
    ]


def test_a_ccpa_table_row_answering_no_and_examples_in_brackets() -> None:
    notice = (
        "# California notice\n\n## Categories of personal information we collect\n\n"
        "In the past 12 months we have collected the following categories of personal "
        "information:\n\n| Category | Examples | Collected |\n|---|---|---|\n"
        "| Identifiers | name, email address | YES |\n| Biometric information | fingerprints | NO |\n"
        "\n## Sharing\n\nWe share your information with professional service providers (insurers, "
        "accountants, auditors). We may receive information about you from third parties "
        "(including advertising networks and analytics providers).\n"
    )
    got = draft_document(read_bytes(notice.encode(), "n.md")).to_json()
    assert {r["fideslang"] for r in got["collected"]} >= {"user.name", "user.contact.email"}
    assert not any(r["fideslang"].startswith("user.biometric") for r in got["collected"])
    assert {r["name"] for r in got["recipients"]} == {"professional service providers"}


PROCESSOR_TABLE_MD = """\
# Privacy Policy of Velo Rentals

## Who receives your data

In addition to the sharing described in how we collect data, we disclose personal data to the
processors below in the following ways:

* * Hosting partners. We may share your personal data with our third party service providers
  who provide services such as website hosting.

| Party name | Personal data disclosed | Purpose | Transfer mechanism | Hosting location |
| --- | --- | --- | --- | --- |
| Stripe | Name, email address, credit card number | Payment provider | SCCs | United States |
| Mapbox | Precise location | Maps in the app | N/A, since no data is transferred | EU |

## What we collect

* * Identifiers, such as real name, Internet Protocol ("IP") address and email address.
* * Audio, electronic, visual information or similar information.

If you rent a bike, we record the rental. In no case do we sell, share or rent out your
contacts to third parties. Your authorized agent may make a request on your behalf.
"""


@pytest.fixture(scope="module")
def table_draft() -> dict:
    return draft_document(read_bytes(PROCESSOR_TABLE_MD.encode(), "velo.md")).to_json()


def test_a_table_of_processors_gives_each_its_data_purpose_and_transfer(table_draft) -> None:
    names = {r["id"]: r["name"] for r in table_draft["recipients"]}
    stripe = next(i for i, n in names.items() if n == "Stripe")
    got = {
        c["fideslang"]
        for f in table_draft["flows"]
        if f["recipient"] == stripe and f["kind"] == "named"
        for c in table_draft["collected"]
        if c["id"] == f["category"]
    }
    assert {"user.name", "user.contact.email", "user.financial.credit_card"} <= got
    assert any(p["name"] == "Payment provider" for p in table_draft["purposes"])
    # Stripe's row states a safeguard; Mapbox's says no data leaves the EU
    transfers = [t for t in table_draft["transfers"] if "Stripe" in t["quote"]]
    assert transfers and transfers[0]["mechanism"]
    assert not [t for t in table_draft["transfers"] if "Mapbox" in t["quote"]]
    # the header row names columns; it is no recipient
    assert not any("Party name" in n for n in names.values())


def test_a_list_under_a_lead_read_by_its_main_verb(table_draft) -> None:
    """'how we collect data' is a clause inside the lead: the lead discloses."""
    names = {r["name"] for r in table_draft["recipients"]}
    assert "third party service providers" in names


def test_a_category_label_before_its_examples_is_not_an_item(table_draft) -> None:
    items = {c["name"]: c["fideslang"] for c in table_draft["collected"]}
    assert "Identifiers" not in items
    assert items.get('Internet Protocol ("IP") address') == "user.device.ip_address" or any(
        k == "user.device.ip_address" for k in items.values()
    )
    assert "user.contact.address" not in items.values()  # the IP address is not a postal one
    assert any(k == "user.sensor" for k in items.values())


def test_renting_a_bike_is_no_sale_and_a_list_of_verbs_shares_its_negation(table_draft) -> None:
    sales = table_draft["sold_or_shared"]
    assert not any("rent a bike" in s["quote"] for s in sales)
    contacts = [s for s in sales if "In no case" in s["quote"]]
    assert contacts and all(s["negated"] for s in contacts)
    assert not any("agent" in r["name"] for r in table_draft["recipients"])


CCPA_TABLE_MD = """\
# Privacy Notice of Fern Outfitters

## California disclosures

In the past 12 months we disclosed the following categories of personal information:

| Category of personal information | Categories of recipients | Sold or shared |
| --- | --- | --- |
| Identifiers, such as name, email address and IP address | Service providers; advertising partners | Shared |
| Commercial information, such as purchase history | Service providers, affiliates | Not sold or shared |
"""


def test_a_ccpa_table_names_each_recipient_and_what_is_shared() -> None:
    draft = draft_document(read_bytes(CCPA_TABLE_MD.encode(), "fern.md")).to_json()
    names = sorted(r["name"] for r in draft["recipients"])
    assert "advertising partners" in names and "affiliates" in names
    assert not any(";" in n or "," in n for n in names)  # a cell of several is several
    collected = {c["id"]: c["fideslang"] for c in draft["collected"]}
    assert "user.unique_id" not in collected.values()  # "Identifiers" is the examples' kind
    shared = [s for s in draft["sold_or_shared"] if s["kind"] == "share" and not s["negated"]]
    assert {collected[s["category"]] for s in shared} == {
        "user.name",
        "user.contact.email",
        "user.device.ip_address",
    }
    # the cell does not say who receives it for advertising: no recipient is claimed
    assert all(s["recipient"] is None for s in shared)
    negated = {collected[s["category"]] for s in draft["sold_or_shared"] if s["negated"]}
    assert negated == {"user.behavior.purchase_history"}
    assert all(draft_quote_in(CCPA_TABLE_MD, s["quote"]) for s in draft["sold_or_shared"])


def draft_quote_in(text: str, quote: str) -> bool:
    return quote in text


MARKETPLACE_MD = """\
# Privacy statement of Bazaar

## Information we collect automatically

When you visit our websites we automatically collect information sent by your device. This
information is only related to you if you sign in, and includes for example: device ID, IP
address and referral URL.

## Information provided by you

We collect information that you provide on our websites. Such information include:

* information you provide when registering, such as name, e-mail address and telephone number;
* if you sell goods via our websites, we also collect bank account numbers.

You will have to provide certain payment information such as your billing address. We retain
your profile information for as long as you have an account.

## Sales

We do not currently sell your personal data as sales are defined in Nevada law. The categories
of personal information we have sold, if any, are listed on request.
"""


@pytest.fixture(scope="module")
def market_draft() -> dict:
    return draft_document(read_bytes(MARKETPLACE_MD.encode(), "bazaar.md")).to_json()


def test_lists_and_examples_under_a_heading_of_collection_are_collected(market_draft) -> None:
    keys = {c["fideslang"] for c in market_draft["collected"]}
    assert {
        "user.device.device_id",
        "user.device.ip_address",  # "includes for example:" under "Information we collect"
        "user.name",
        "user.contact.email",
        "user.contact.phone_number",  # "Such information include:" takes its heading's sense
        "user.financial.bank_account",
        "user.contact.address",  # "you will have to provide"
        "user.account",  # "we retain your profile information"
    } <= keys


def test_only_data_sold_by_us_is_a_sale(market_draft) -> None:
    sales = market_draft["sold_or_shared"]
    assert not any("sell goods" in s["quote"] for s in sales)  # the user sells goods
    assert not any("if any" in s["quote"] and not s["negated"] for s in sales)
    nevada = [s for s in sales if "Nevada" in s["quote"]]
    assert nevada and all(s["negated"] and s["kind"] == "sale" for s in nevada)


def test_a_question_answered_no_and_a_sale_denied_with_nor() -> None:
    text = (
        '# California\n\nFor purposes of the CCPA, Acme does not "sell" personal information, '
        'nor do we have actual knowledge of any "sale" of personal information of minors.\n\n'
        "Do we sell your personal information? No\n\nDo we sell anything?\n\n"
        "If we are involved in a merger or bankruptcy, your information may be sold as part of "
        "that transaction.\n\nAlthough we do not sell your personal information for money, our "
        "sharing of it with advertising partners may be deemed a sale or sharing for targeted "
        "advertising.\n"
    )
    sales = draft_document(read_bytes(text.encode(), "q.md")).to_json()["sold_or_shared"]
    denied = [s for s in sales if s["quote"].startswith(("For purposes", "Do we sell your"))]
    assert len(denied) == 2 and all(s["negated"] for s in denied)
    assert not any("anything" in s["quote"] for s in sales)  # a question left unanswered
    assert not any("merger" in s["quote"] for s in sales)  # the business is sold, not data
    ads = [s for s in sales if s["quote"].startswith("Although")]
    assert any(s["kind"] == "share" and not s["negated"] for s in ads)


def test_a_list_after_a_semicolon_lead_and_a_list_of_purposes() -> None:
    text = (
        "# Privacy notice of Tile Games\n\n## 1. Purposes\n\nTile Games collect and process your "
        "personal data for the following purposes:\n\n* Review and respond to e-mails\n"
        "* Help diagnose technical issues\n\n## 2. Personal data that are processed\n\n"
        "The personal data Tile Games may collect and process may include, but are not limited "
        "to;\n\n* your name,\n* e-mail address,\n* user ID,\n* friend connections\n"
    )
    draft = draft_document(read_bytes(text.encode(), "tile.md")).to_json()
    keys = {c["fideslang"] for c in draft["collected"]}
    assert {"user.name", "user.contact.email", "user.unique_id", "user.social"} <= keys
    names = {c["name"] for c in draft["collected"]}
    assert not any("diagnose" in n or "Review" in n for n in names)  # purposes, not data
    assert any("diagnose" in p["name"] for p in draft["purposes"])


def test_a_ccpa_table_column_of_buyers_names_who_the_data_is_sold_to() -> None:
    text = (
        "# Privacy notice of Crate\n\n## California\n\n"
        "| Category of Personal Information | Categories of parties to whom we have disclosed "
        "Personal Information for a business purpose | Categories of parties with whom we have "
        "shared or to whom we have sold Personal Information for Behavioral Advertising |\n"
        "| --- | --- | --- |\n"
        "| Identifiers, including names and email addresses | Our service providers | Our "
        "advertising partners |\n"
        "| Geolocation data | Our service providers | None |\n"
    )
    draft = draft_document(read_bytes(text.encode(), "crate.md")).to_json()
    assert sales_of(draft) == {
        (kind, "advertising partners", key)
        for kind in ("sale", "share")
        for key in ("user.name", "user.contact.email")
    }
    assert all(not s["negated"] and not s["hedged"] for s in draft["sold_or_shared"])


def test_a_share_after_a_sale_denied_shares_its_negation_across_or() -> None:
    text = (
        "# Privacy notice of Orla\n\n## Sales\n\n"
        "We do not sell the personal data of individuals we know to be less than 18 years of "
        "age or share such information for targeted advertising purposes.\n\n"
        "We do not sell or, for the purpose of targeted advertising, share the personal data "
        "of children.\n\n"
        "We do not sell your personal information, but we share it with advertising partners "
        "for targeted advertising.\n\n"
        "Orla does not knowingly collect, use, sell or share the personal information of "
        "children under the age of 16.\n"
    )
    said = {(x["quote"][:22], x["kind"], x["negated"]) for x in _draft(text)["sold_or_shared"]}
    # the verbs of one list share its negation, however many come before the sale
    assert ("Orla does not knowingl", "sale", True) in said
    assert ("Orla does not knowingl", "sale", False) not in said
    assert ("We do not sell the per", "share", True) in said
    assert ("We do not sell or, for", "share", True) in said
    # a share after "but" is stated, whatever was denied before it
    assert ("We do not sell your pe", "share", False) in said
    assert not any(
        kind == "share" and not neg and q.startswith("We do not sell the") for q, kind, neg in said
    )


def test_letting_advertising_networks_collect_for_ads_is_a_share() -> None:
    text = (
        "# Privacy notice of Orla\n\n## Advertising\n\n"
        "Orla uses cookies and allows partners to also set cookies through the Service in order "
        "to facilitate cross-context behavioral advertising.\n\n"
        "We may permit third party online advertising networks to collect information about "
        "your use of our websites over time so that they may show you targeted ads.\n\n"
        "We may obtain information about you from advertising networks and other third parties "
        "as permitted by law.\n\n"
        "This allows us to honor your preferences, such as whether you would like to see "
        "interest-based ads.\n"
    )
    shares = [x for x in _draft(text)["sold_or_shared"] if x["kind"] == "share"]
    said = {x["quote"][:20] for x in shares if not x["negated"]}
    assert {"Orla uses cookies an", "We may permit third "} <= said
    # a source "as permitted by law", and what lets us honour a choice, share nothing
    assert not said & {"We may obtain inform", "This allows us to ho"}


def test_a_sale_denied_in_the_law_s_sense_under_a_two_word_name() -> None:
    text = (
        "# Acme Widgets Privacy Policy\n\n## About Acme Widgets\n\n"
        "Acme Widgets runs a shop. Acme Widgets answers questions. Acme Widgets ships parts. "
        "Acme Widgets collects your email address to send you receipts.\n\n"
        "## Sales\n\n"
        "Acme Widgets does not sell (as the term is defined in the CCPA) the personal "
        "information we collect (and will not sell it without providing a right to opt out).\n\n"
        "California law requires disclosures about personal information we 'sell,' which for "
        "the purposes of the CCPA means making it available to third parties for value.\n"
    )
    sales = [x for x in _draft(text)["sold_or_shared"] if x["kind"] == "sale"]
    said = {(x["quote"][:27], x["negated"]) for x in sales}
    assert ("Acme Widgets does not sell ", True) in said
    # the word defined is no sale, denied or stated
    assert not any(q.startswith("California law") for q, _ in said)


def test_a_table_announced_as_sales_with_lists_inside_its_cells() -> None:
    text = (
        "# Privacy notice of Quill\n\n## Sales, Sharing, and Targeted Advertising\n\n"
        "To promote our products, we disclose the following categories of personal information "
        "to the following categories of recipients. These disclosures may be considered "
        "\u201csales\u201d, \u201csharing\u201d, or targeted advertising under State Privacy Laws.\n\n"
        "| Category of Personal Information Disclosed | Category of Third-Party Recipient |\n"
        "| --- | --- |\n"
        "| \u2022 Identifiers (such as cookie IDs or IP addresses)<br><br>\u2022 Commercial "
        "information (such as purchase history) | \u2022 Advertising networks;<br><br>\u2022 "
        "Social networks |\n"
    )
    draft = draft_document(read_bytes(text.encode(), "quill.md")).to_json()
    got = sales_of(draft)
    assert ("sale", "Advertising networks", "user.device.ip_address") in got
    assert ("share", "Social networks", "user.behavior.purchase_history") in got
    assert all(s["hedged"] and not s["negated"] for s in draft["sold_or_shared"])  # "may be"


def sales_of(draft: dict) -> set[tuple[str, str | None, str | None]]:
    """A draft's sales and shares as (kind, recipient's name, data's fideslang key)."""
    names = _recipient_names(draft)
    data = {c["id"]: c["fideslang"] for c in draft["collected"]}
    return {
        (s["kind"], names.get(s["recipient"]), data.get(s["category"]))
        for s in draft["sold_or_shared"]
    }


def test_lists_after_we_can_see_and_after_this_includes() -> None:
    text = (
        "# Website notice of Birch Bank\n\n## Personal information collected by this website\n\n"
        "When you view our website, we can see:\n\n* What you click\n* How long you spend on "
        "pages\n* Your device details such as: type of device you're using and screen size\n\n"
        "## Meta\n\nMeta and Birch Bank collect information about your actions on our page. "
        "This includes:\n\n* Your IP address\n"
    )
    draft = draft_document(read_bytes(text.encode(), "birch.md")).to_json()
    keys = [c["fideslang"] for c in draft["collected"]]
    assert keys.count("user.behavior.browsing_history") >= 2  # what you click, time on pages
    assert "user.device" in keys and "user.device.ip_address" in keys


def _draft(text: str, name: str = "notice.md") -> dict:
    return draft_document(read_bytes(text.encode(), name)).to_json()


def _draft_said(heading: str, text: str) -> dict:
    """The draft of a short notice of Orla's that says `text` under `heading`, after a sentence
    that names the company and whose data it handles."""
    return _draft(
        f"# Privacy policy of Orla\n\n## {heading}\n\nThis policy explains how Orla handles the "
        f"personal information of its customers and visitors.\n\n{text}\n"
    )


def _recipient_names(draft: dict) -> dict[str, str]:
    """A draft's recipients' names by id (flows and sales name recipients by id)."""
    return {r["id"]: r["name"] for r in draft["recipients"]}


def _flowed_to(draft: dict, recipient: str) -> set[str]:
    """The fideslang keys of the data a draft's named flows carry to the recipient so named."""
    rid = next(r["id"] for r in draft["recipients"] if r["name"] == recipient)
    data = {c["id"]: c["fideslang"] for c in draft["collected"]}
    return {
        data[f["category"]]
        for f in draft["flows"]
        if f["recipient"] == rid and f["category"] in data
    }


def _collected_in(draft: dict, words: str) -> set[str]:
    """The fideslang keys of the data drafted from the sentence holding `words`."""
    return {c["fideslang"] for c in draft["collected"] if words in c["quote"]}


def test_a_list_announced_as_categories_of_data_disclosed_is_data_not_recipients() -> None:
    text = (
        "# Privacy policy of Vela Rides\n\n## Disclosures\n\n"
        "Vela may disclose the following categories of your personal information to provide "
        "you with the service:\n\n"
        "* Personal identifiers, such as your name, email address and date of birth;\n"
        "* Financial information, such as bank routing numbers;\n"
    )
    draft = _draft(text)
    keys = {c["fideslang"] for c in draft["collected"]}
    assert {"user.name", "user.contact.email", "user.demographic.date_of_birth"} <= keys
    assert not any("identifiers" in r["name"].lower() for r in draft["recipients"])


def test_the_other_side_of_a_service_and_what_is_shared_with_it() -> None:
    text = (
        "# Privacy policy of Vela Rides\n\n## Sharing\n\n"
        "When a ride is accepted, we share with the Driver the Rider's rating and name.\n\n"
        "We are not responsible for information that you choose to share with other users.\n"
    )
    draft = _draft(text)
    names = {r["name"] for r in draft["recipients"]}
    assert "Driver" in names
    assert not any("users" in n for n in names)  # the user's own sharing, not ours
    flowed = _flowed_to(draft, "Driver")
    assert "user.name" in flowed
    assert any(k.startswith("user.content") for k in flowed)  # "the Rider's rating"
    # what is shared is held: it is collected data, cited in that sentence
    assert "user.name" in _collected_in(draft, "we share with the Driver")


def test_data_stored_used_or_saved_and_collection_in_the_passive() -> None:
    text = (
        "# Privacy statement of Rail Co\n\n## Customer account\n\n"
        "We save your booking and login data in your customer account.\n\n"
        "When you book a ticket, our system uses the address details as well as surname "
        "and first name in your customer account.\n\n"
        "Usage-related metrics like chat duration and message timestamps are stored only for "
        "statistical purposes.\n\n"
        "Your credit card number is not stored by us.\n"
    )
    draft = _draft(text)
    assert "user.behavior.purchase_history" in _collected_in(draft, "We save your booking")
    assert "user.name" in _collected_in(draft, "our system uses")
    assert "user.contact.address" in _collected_in(draft, "our system uses")
    assert _collected_in(draft, "Usage-related metrics")  # the subject of "are stored"
    assert not _collected_in(draft, "is not stored")  # a negation stays one


def test_a_list_item_that_is_a_sentence_of_collection_is_read_as_one() -> None:
    text = (
        "# Privacy policy of Vela Rides\n\n## Location\n\n"
        "It depends on your settings and on whether you are a Rider or a Driver:\n\n"
        "* Riders: We collect your device's precise location when you open and use the app.\n"
        "* Drivers: We collect your device's precise location while you are in driver mode.\n"
    )
    draft = _draft(text)
    assert "user.location.precise" in _collected_in(draft, "Riders: We collect")
    assert "user.location.precise" in _collected_in(draft, "Drivers: We collect")


def test_a_company_used_for_us_is_a_recipient_without_a_verb_of_sharing() -> None:
    text = (
        "# Privacy policy of Vela Rides\n\n## Analytics\n\n"
        "We may use Google Analytics.\n\n"
        "We use a third party service, RevenueCat, to help manage subscription revenue.\n\n"
        "We use Analytics Information to understand our users' behavior.\n"
    )
    draft = _draft(text)
    roles = {r["name"]: r["role"] for r in draft["recipients"]}
    assert roles.get("Google Analytics") == "service_provider"
    assert roles.get("RevenueCat") == "service_provider"
    assert "Analytics Information" not in roles  # a defined kind of data, not a company


def test_a_company_used_is_named_before_what_it_is_or_as_the_maker_of_what_is_used() -> None:
    text = (
        "# Privacy policy of Vela Rides\n\n## Analytics\n\n"
        "For example, we use Plausible Metrics, an analytics tool that helps us understand how "
        "riders use the app.\n\n"
        "We use ad serving technology from Adzuna, Kelp and MoPub/Twitter.\n\n"
        "We use the 'Brazen' service to collect your usage of some parts of the app.\n\n"
        "We use analytics services provided by Adobe, Heap, and others to help us improve.\n\n"
        "We use Cookies, a technology that helps us remember you.\n"
    )
    draft = _draft(text)
    roles = {r["name"]: r["role"] for r in draft["recipients"]}
    for name in ("Plausible Metrics", "Adzuna", "Kelp", "MoPub/Twitter", "Brazen", "Adobe", "Heap"):
        assert roles.get(name) == "service_provider", name
    assert "Cookies" not in roles
    flows = {f["recipient"] for f in draft["flows"]}
    ids = {r["name"]: r["id"] for r in draft["recipients"]}
    assert ids["Brazen"] in flows and ids["Adzuna"] in flows


def test_a_run_of_functions_goes_on_past_a_bracket_of_its_own() -> None:
    text = (
        "# Privacy policy of Orla\n\n## How we share information\n\n"
        "We employ other companies to perform functions on our behalf. Examples include "
        "fulfilling orders for products or services, providing search results and links "
        "(including paid listings and links), processing payments, and providing customer "
        "service.\n\n"
        "We share data with third parties who perform functions on our behalf (such as hosting "
        "our site, sending emails), and with our lawyers.\n"
    )
    draft = _draft(text)
    names = {r["name"] for r in draft["recipients"]}
    assert {
        "providers for fulfilling orders for products or services",
        "search results and links providers",
        "providers for processing payments",
        "customer service providers",
        "providers for hosting our site",
        "providers for sending emails",
        "lawyers",
    } <= names
    # a bracket opened before the run closes it: what follows it is no function
    assert not any("lawyers" in n and "provider" in n for n in names)


def test_companies_in_brackets_after_recipients_are_recipients_not_their_short_names() -> None:
    text = (
        "# Privacy policy of Orla\n\n## Recipients\n\n"
        "Your personal data may be communicated to our partners, principals, intermediaries and "
        "insurers, subcontractors and service providers (Floa, PayLead, Google Cloud Platform).\n\n"
        "We may disclose your personal data to payment originators and account information "
        "service providers, only with your consent (examples: Budget Insight, Tink).\n\n"
        "We may also disclose your personal data to partners (such as BitPanda and Floa).\n\n"
        "We share data with content delivery networks (CDNs) and customer relations management "
        "(CRM) vendors.\n"
    )
    draft = _draft(text)
    names = {r["name"] for r in draft["recipients"]}
    assert {
        "partners",
        "principals",
        "intermediaries",
        "subcontractors",
        "service providers",
        "Floa",
        "PayLead",
        "Google Cloud Platform",
        "Budget Insight",
        "Tink",
        "BitPanda",
    } <= names
    # "to partners" is whom it goes to, not the verb "to partner"
    partners_sentence = [r for r in draft["recipients"] if r["quote"].startswith("We may also")]
    assert {r["name"] for r in partners_sentence} == {"partners", "BitPanda", "Floa"}
    assert not names & {"CDNs", "CRM"}  # the kinds' initials, not companies


def test_kinds_of_work_listed_before_one_head_are_a_recipient_each() -> None:
    text = (
        "# Privacy policy of Orla\n\n## Sharing\n\n"
        "We may disclose personal information to marketing/advertising, analytics, and other "
        "business partners.\n\n"
        "We may also provide information to analytics and measurement partners.\n\n"
        "We may disclose information where required for national security, law enforcement, or "
        "other issues of public importance.\n"
    )
    draft = _draft(text)
    names = {r["name"] for r in draft["recipients"]}
    assert {
        "marketing/advertising partners",
        "analytics partners",
        "business partners",
        "measurement partners",
    } <= names
    assert "law enforcement" in names and not any("security" in n for n in names)
    assert not any("paid listings" in n for n in names)


def test_companies_in_apposition_are_the_recipients_they_name() -> None:
    text = (
        "# Privacy policy of Vela Rides\n\n## AI features\n\n"
        "To provide this feature, the content you type is shared with our service provider, "
        "OpenAI.\n\n"
        "Some data will be sent to either or both of our service providers, OpenAI and "
        "Anthropic, respectively.\n\n"
        "We share your data with service providers, advertisers and partners.\n"
    )
    draft = _draft(text)
    names = [r["name"] for r in draft["recipients"]]
    assert "OpenAI" in names and "Anthropic" in names
    assert "with service providers" not in names and "service providers" in names


def test_log_data_written_as_people_write_it_and_data_named_in_a_disclosure_item() -> None:
    text = (
        "# Privacy statement of Kroon Market\n\n## Information we collect automatically\n\n"
        "This information is only related to you if you sign in, and includes for example: "
        "geo-location, data and connection information, statistics on page views, referral "
        "URL and IP-address.\n\n"
        "## Disclosure of personal data\n\nWe may share your personal data with:\n\n"
        "* Law enforcement authorities, in response to a verified request. In such events, we "
        "will disclose information relevant to the investigation, such as name, postal code "
        "and place of birth.\n"
    )
    draft = _draft(text)
    keys = _collected_in(draft, "includes for example")
    assert {"user.device", "user.device.ip_address", "user.behavior.browsing_history"} <= keys
    assert any(k.startswith("user.location") for k in keys)
    disclosed = _collected_in(draft, "In such events")
    assert {"user.name", "user.contact.address.postal_code", "user.demographic"} <= disclosed


def test_data_a_browser_sends_logged_stored_or_shown_to_the_public() -> None:
    text = (
        "# Privacy policy of Vela Rides\n\n## What we process\n\n"
        "When you access our website, your browser automatically sends the following data: IP "
        "address, URL of the page you visited and name of the browser.\n\n"
        "The following data may be processed: name, address and date of birth.\n\n"
        "If you send or receive messages through the Service, we may log phone numbers.\n\n"
        "We store information about your use of the Service, such as the pages you view.\n\n"
        "Your contributions are viewable by the public, including your photos, ratings and "
        "reviews.\n"
    )
    draft = _draft(text)
    sent = _collected_in(draft, "your browser automatically sends")
    assert {"user.device.ip_address", "user.behavior.browsing_history"} <= sent
    assert "user.name" not in sent  # "name of the browser" names the browser
    assert {"user.name", "user.demographic.date_of_birth"} <= _collected_in(
        draft, "may be processed:"
    )
    assert "user.contact.phone_number" in _collected_in(draft, "we may log phone numbers")
    assert "user.behavior.browsing_history" in _collected_in(draft, "We store information")
    public = next(r["id"] for r in draft["recipients"] if r["name"].endswith("public"))
    shown = {f["category"] for f in draft["flows"] if f["recipient"] == public}
    assert len(shown) == 3  # photos, ratings and reviews: the list "your" begins


def test_a_recipient_acting_on_the_data_or_engaged_by_us_and_what_we_publicly_display() -> None:
    text = (
        "# Privacy policy of Vela Rides\n\n## Others\n\n"
        "Third parties may receive information about your rides.\n\n"
        "We rely on third party service providers to support the Service.\n\n"
        "We allow advertisers to use Cookies through the Service.\n\n"
        "We may publicly display the first name you provide.\n\n"
        "To ask that we not allow our affiliates to use your information, call us.\n\n"
        "Users can request removal of content they have publicly posted.\n"
    )
    draft = _draft(text)
    names = {r["name"].lower() for r in draft["recipients"]}
    assert {"third parties", "third party service providers", "advertisers"} <= names
    assert any(n.endswith("public") for n in names)
    assert "affiliates" not in names  # "not allow": a choice, not a disclosure
    public = [r for r in draft["recipients"] if r["name"].lower().endswith("public")]
    assert all("first name" in r["quote"] for r in public)  # not what users post themselves


def test_sentences_in_a_list_that_announces_nothing_and_sharing_of_no_ones_data() -> None:
    text = (
        "# Privacy policy of Vela Rides\n\n## Information we hold\n\n"
        "We may collect information about you. Please also note:\n\n"
        "1. **Public Content:** Your contributions to the Service are viewable by the public, "
        "including your photos and reviews.\n"
        "2. **Aggregate Information:** We share user information in the aggregate with third "
        "parties, such as businesses listed on the Service.\n"
        "3. **Settings:** You may be able to limit our ability to collect and share your phone "
        "number through your phone settings.\n"
    )
    draft = _draft(text)
    names = {r["name"].lower() for r in draft["recipients"]}
    assert any(n.endswith("public") for n in names)  # the item is a sentence, read as one
    assert "third parties" not in names  # data in the aggregate is no one's
    assert not [f for f in draft["flows"] if "limit our ability" in f["quote"]]  # a choice


def test_the_company_saying_under_its_name_that_it_does_not_sell() -> None:
    text = (
        "# Vela Privacy Policy\n\n## About Vela\n\nVela runs rides. Vela keeps records. Vela "
        "answers questions. Vela serves cities. Vela hires drivers.\n\n## California\n\n"
        "Vela does not sell your personal information and will not do so in the future "
        "without providing you with notice and an opportunity to opt-out of such sale.\n"
    )
    draft = _draft(text)
    assert [(s["kind"], s["negated"]) for s in draft["sold_or_shared"]] == [("sale", True)]


def test_sections_nested_in_a_numbered_list_are_read_as_headings() -> None:
    # as notices converted from HTML write them: each section an item of a numbered list, its
    # heading underlined and its paragraphs indented under it
    text = (
        "Vela Privacy Policy\n===================\n\nThis policy explains what we do.\n\n"
        "1.  ****THIRD PARTIES****\n    ----------------------\n    \n"
        "    We share your email address with our payment processors.\n    \n"
        "2.  ****CALIFORNIA RESIDENTS****\n    ---------------------------\n    \n"
        "    We do not sell your personal information to third parties.\n"
    )
    doc = read_bytes(text.encode(), "vela.md")
    assert "THIRD PARTIES" in doc.text.splitlines() and "1." not in doc.text
    draft = draft_document(doc).to_json()
    processors = [r for r in draft["recipients"] if "processors" in r["name"]]
    assert processors and processors[0]["section"] == "THIRD PARTIES"
    assert [s["section"] for s in draft["sold_or_shared"]] == ["CALIFORNIA RESIDENTS"]


def test_a_company_named_in_camel_case_is_no_recipient_of_its_own_notice() -> None:
    # the name the notice repeats most is the company's, written as one word or in camel case
    text = (
        "# LumaPay Privacy Notice\n\n## Sharing\n\n"
        "This notice explains how LumaPay handles the information of LumaPay users. "
        "LumaPay Inc. is the controller. You can reach LumaPay at privacy@lumapay.example.\n\n"
        "Third-party applications may send your email address to LumaPay.\n\n"
        "We share your email address with payment processors when you use LumaPay services.\n"
    )
    names = {r["name"] for r in _draft(text)["recipients"]}
    assert "payment processors" in names
    assert not any(n.startswith("LumaPay") for n in names)


def test_data_in_what_one_recipient_is_said_to_do_goes_to_that_one() -> None:
    draft = _draft_said(
        "Sharing",
        "We may share your email address with service providers that help us fight spam, "
        "payment providers that process your credit card information, and analytics "
        "providers that measure your page views.",
    )
    assert _flowed_to(draft, "payment providers") == {
        "user.contact.email",
        "user.financial.credit_card",
    }
    assert _flowed_to(draft, "service providers") == {"user.contact.email"}
    # coordinated, or an example of the one before, a description is theirs together
    draft = _draft_said(
        "Sharing",
        "We share your IP address with advertising and analytics services that analyse the "
        "pages you visit.",
    )
    for name in ("advertising services", "analytics services"):
        assert _flowed_to(draft, name) == {
            "user.device.ip_address",
            "user.behavior.browsing_history",
        }


def test_each_company_used_for_a_service_is_a_service_provider() -> None:
    draft = _draft_said(
        "Service providers",
        "For email delivery, we use SparkPost and for text services we use Twilio.",
    )
    roles = {r["name"]: r["role"] for r in draft["recipients"]}
    assert roles == {"SparkPost": "service_provider", "Twilio": "service_provider"}


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        # a sale hedged with "can be", though a right to opt out follows it
        (
            "To the extent that we share your information with certain advertising vendors, "
            'this can be considered a "sale" or "share" in certain U.S. States, which you may '
            "have the right to opt out of.",
            {
                ("sale", "advertising vendors", True, False),
                ("share", "advertising vendors", True, False),
            },
        ),
        # a share denied in brackets beside a sale denied
        (
            "We do not sell (or share) information that identifies you personally, like your "
            "name, in our ads program.",
            {("sale", None, False, True), ("share", None, False, True)},
        ),
        # a hashed e-mail address given for marketing aimed at you
        (
            "We may share your email address in hashed form with marketing vendors to present "
            "targeted marketing online.",
            {("share", "marketing vendors", False, False)},
        ),
    ],
)
def test_sales_and_shares_as_state_notices_word_them(sentence, said) -> None:
    draft = _draft_said("Your state privacy rights", sentence)
    names = _recipient_names(draft)
    got = {
        (s["kind"], names.get(s["recipient"]), s["hedged"], s["negated"])
        for s in draft["sold_or_shared"]
    }
    assert got == said


def test_the_company_and_its_products_among_examples_of_affiliates_are_no_recipients() -> None:
    draft = _draft_said(
        "Sharing",
        "We share personal information with corporate affiliates, such as Orla Voice "
        "Communications, Inc., and Orla group companies, to provide consistent experiences "
        "across Orla products such as Orla Phone.",
    )
    assert {r["name"] for r in draft["recipients"]} == {
        "corporate affiliates",
        "Orla Voice Communications, Inc",
        "Orla group companies",
    }


def test_those_who_oversee_an_account_or_a_meeting_and_can_see_data_receive_it() -> None:
    draft = _draft_said(
        "Who can see your information",
        "Meeting hosts, participants, and invitees may be able to see your email address and "
        "profile picture.",
    )
    for name in ("Meeting hosts", "participants", "invitees"):
        assert _flowed_to(draft, name) == {"user.contact.email", "user.content.self_image"}
    draft = _draft_said(
        "Who can see your information",
        "If you are subject to archiving, your account owner will have access to your messages.",
    )
    assert "account owner" in {r["name"] for r in draft["recipients"]}


def test_the_company_s_products_named_after_it_are_no_data() -> None:
    draft = _draft_said(
        "Information we collect",
        "Orla Email and Orla Phone users give us their Orla account details and email address. "
        "Orla keeps them while the Orla account is open.",
    )
    assert {c["name"] for c in draft["collected"]} == {"account details", "email address"}


def test_a_numbered_line_alone_is_a_section_heading_and_no_data() -> None:
    # a notice that numbers its sections on lines of their own, without Markdown: each opens a
    # section (not "Effective 1 May 2025" or a count), and none is read as an item of data
    text = (
        "# Privacy notice of Lumen Surveys\n\nThis notice explains what we do.\n\n"
        "3.1 Creator\n\nWe collect your name and email address.\n\n"
        "3.3 Visitor\n\nWe collect your IP address.\n\n"
        "3.3.1 Legitimate interests\n\nWe use cookies to measure traffic.\n\n"
        "12 months\n\nWe keep your postal address.\n"
    )
    draft = _draft(text)
    sections = {c["name"]: c["section"] for c in draft["collected"]}
    assert sections["email address"] == "3.1 Creator"
    assert sections["IP address"] == "3.3 Visitor"
    assert sections["cookies"] == "3.3.1 Legitimate interests"
    assert sections["postal address"] == "3.3.1 Legitimate interests"
    assert not any(c["name"][0].isdigit() for c in draft["collected"])


@pytest.mark.parametrize(
    ("sentence", "keys"),
    [
        # the lead of a clause before its comma is no item of the data after it
        (
            "Depending on your geographic location, we may share your email address with "
            "marketing vendors.",
            {"user.contact.email"},
        ),
        (
            "Before your first interactions, we may share your email address with our vendors.",
            {"user.contact.email"},
        ),
        # the CCPA's category is one category, not the internet and a device
        (
            "We collect internet or other network or device activity and your name.",
            {"user.behavior", "user.name"},
        ),
    ],
)
def test_a_clause_s_lead_is_no_item_of_data(sentence, keys) -> None:
    with taught_by({}):  # the rules alone: the learned item reading is retrained as keys grow
        draft = _draft_said("Information we collect", sentence)
    assert _collected_in(draft, sentence[:20]) == keys


def test_an_unknown_item_of_a_list_of_data_takes_the_kind_its_head_noun_says() -> None:
    text = (
        "# Privacy policy of Kroon Market\n\n## Activity\n\n"
        "We store information about your use of the Service, such as the pages you view, "
        "your ticket number, bidding history and shoe size.\n"
    )
    # the rule alone: the learned item reading, retrained as keys are added, may know "size"
    with taught_by({}):
        draft = _draft(text)
    kinds = {c["name"]: c["fideslang"] for c in draft["collected"]}
    assert kinds.get("ticket number") == "user.unique_id"
    assert kinds.get("bidding history") == "user.behavior"
    assert "shoe size" not in kinds  # no head noun says what it is: left to the reviewer


def test_what_you_must_provide_and_whom_a_notice_or_its_answer_goes_to() -> None:
    text = (
        "# Privacy policy of Vela Video\n\n## Accounts\n\n"
        "To create an account, you must provide a valid email address and password.\n\n"
        "You can submit a request to appeal by emailing us.\n\n"
        "## Notices\n\nIf you submit a takedown notice, we may share that notice with the "
        "affected user. If you challenge it, we may share your response with the complainant.\n"
    )
    draft = _draft(text)
    assert {"user.contact.email", "user.authorization.password"} <= _collected_in(
        draft, "you must provide"
    )
    assert not _collected_in(draft, "You can submit")  # how to ask, not what is collected
    assert {"affected user", "complainant"} <= {r["name"] for r in draft["recipients"]}


def test_companies_listed_past_an_inc_and_other_attendees_as_recipients() -> None:
    text = (
        "# Privacy notice of Quill Docs\n\n## Sharing\n\n"
        "We share your data with service providers, including Netsuite, Inc. for billing, "
        "Salesforce.com, LLC for customer relationship management and Qualtrics LLC for "
        "feedback.\n\n"
        "If you register for a webinar, we share your name with other attendees and "
        "co-organisers of that event.\n"
    )
    draft = _draft(text)
    names = {r["name"] for r in draft["recipients"]}
    assert {"Netsuite, Inc", "Salesforce.com, LLC", "Qualtrics LLC"} <= names
    assert "attendees" in names and "co-organisers" in names


def test_providers_of_several_services_are_a_provider_of_each() -> None:
    text = (
        "# Privacy notice of Quill Docs\n\n## Sharing\n\n"
        "We share your data with the subcontractors we use to run Quill, including providers "
        "of hosting, security and customer support platforms.\n"
    )
    names = {r["name"] for r in _draft(text)["recipients"]}
    assert {"hosting providers", "security providers"} <= names
    assert "customer support platforms providers" in names


def test_others_who_may_see_it_third_parties_collecting_and_such_an_organization() -> None:
    text = (
        "# Privacy policy of Vela Video\n\n## Your content\n\n"
        "Your videos may be viewed and otherwise accessed by others.\n\n"
        "Some third parties may collect data about you when you use our services.\n\n"
        "Vela may share your personal information (e.g., name, email address) with such "
        "organization.\n"
    )
    draft = _draft(text)
    names = {r["name"] for r in draft["recipients"]}
    assert {"others", "third parties", "organization"} <= names


def test_hostile_runs_of_list_words_draft_in_bounded_time() -> None:
    # long runs that patterns with nested repetition would backtrack on without end: a
    # draft of them must come back (the bound is loose: seconds where a backtracking
    # pattern takes hours)
    import time

    runs = [
        "We share data with providers of " + "web and " * 34 + "support!",
        "We share data with providers of " + "hosting and " * 3000 + "support!",
        "We use " + "Acme Beta, " * 2000 + "xyz.",
        "We collect your name, " + "email address and " * 3000 + "phone number",
        "Your photos may be viewed by " + "others and " * 3000 + "anyone",
        "We share " + "IP address, partners, " * 2000 + "and more.",
        "We use services such as " * 1500 + "email address.",
    ]
    text = "# Privacy policy of Vela\n\n## Data\n\n" + "\n\n".join(runs) + "\n"
    started = time.perf_counter()
    draft = _draft(text)
    assert time.perf_counter() - started < 20
    assert draft["collected"]


def test_lists_nested_thousands_deep_keep_the_policy_text_small() -> None:
    # each level of a list inside a list is indented in the text kept beside the draft; a page
    # nesting `<ul>` fifty thousand times must not make every item a line of spaces
    page = (
        "<html><body><h1>Privacy policy of Vela</h1><p>We collect your name and email address "
        "to take your orders and share them with our payment processors.</p>"
        + "<ul>" * 50_000
        + "<li>your name</li>" * 2_000
        + "</ul>" * 50_000
        + "</body></html>"
    )
    doc = read_bytes(page.encode(), "vela.html")
    assert len(doc.text) < 40 * 2_000 + 1_000
    assert draft_document(doc).to_json()["collected"]


def test_partners_collecting_beside_us_in_a_long_item_of_a_list_of_data() -> None:
    text = (
        "# Privacy policy of Vela Music\n\n## What we collect\n\n"
        "We may automatically collect the following types of information:\n\n"
        "* **Analytics.** When you visit our website, we and our third-party advertising "
        "partners (including Meta and Reddit) may use cookies and pixels to collect information "
        "about your activity, such as links you click and your IP address.\n"
        "* Your browser type\n"
    )
    draft = _draft(text)
    names = {r["name"] for r in draft["recipients"]}
    assert {"Meta", "Reddit"} <= names
    keys = _flowed_to(draft, "Meta")
    assert "user.device.ip_address" in keys
    assert "user.device.cookie" not in keys  # the cookies are the means, not what is sent


def test_the_second_of_two_sources_and_its_examples_are_no_recipients() -> None:
    text = (
        "# Privacy notice of Kroon Cars\n\n## Who we share your data with\n\n"
        "We sometimes receive your Personal Data through third parties and third party "
        "websites (such as Facebook or Twitter), in accordance with their privacy policies.\n\n"
        "Your reviews may be seen by our partners and advertisers.\n"
    )
    names = {r["name"] for r in _draft(text)["recipients"]}
    assert not names & {"third party websites", "Facebook", "Twitter"}
    assert {"partners", "advertisers"} <= names


def test_the_company_working_with_recipients_under_its_own_name() -> None:
    text = (
        "# Vela Privacy Notice\n\n## Sharing\n\nVela runs a service. Vela streams games. Vela "
        "hosts chats. Vela pays creators. Vela sells ads.\n\n"
        "Vela may also work with third-party ad networks and advertisers to target ads.\n\n"
        "Vela also works with third parties to serve ads to you off Vela's Services.\n\n"
        "We may make information available to app developers and game publishers.\n"
    )
    names = {r["name"] for r in _draft(text)["recipients"]}
    assert {"third-party ad networks", "advertisers", "third parties"} <= names
    assert {"app developers", "game publishers"} <= names


def test_a_list_of_processors_whose_columns_the_sentence_before_declares() -> None:
    text = (
        "# Privacy Policy of Quill AI\n\n## List of third-party service providers\n\n"
        "We may share your information with Third-Party Service Providers. The following list "
        "respects the format Subprocessor | Description | Location:\n\n"
        "*   Discourse | Forum | United States\n"
        "*   Stripe | Payment | United States\n"
        "*   OVHCloud | Hosting/Infrastructure | France\n"
    )
    draft = _draft(text)
    roles = {r["name"]: r["role"] for r in draft["recipients"]}
    for name in ("Discourse", "Stripe", "OVHCloud"):  # the first row is a row, not a header
        assert roles.get(name) == "service_provider", (name, roles)
    assert not any("format" in n for n in roles)


def test_sharing_identifiers_to_serve_relevant_ads_is_a_share() -> None:
    text = (
        "# Privacy notice of Vela\n\n## Advertising\n\n"
        "We may share with advertisers data such as cookie and mobile ad identifiers in order "
        "to engage in advertising activity and to serve relevant ads.\n\n"
        "We share your email address with our shipping partners to deliver your order.\n"
    )
    got = sales_of(_draft(text))
    assert ("share", "advertisers", "user.device.device_id") in got or any(
        kind == "share" and who == "advertisers" for kind, who, _ in got
    )
    assert not any(who == "shipping partners" for _, who, _ in got)  # delivery is no share


def test_providers_data_is_accessible_to_and_vendors_we_sometimes_use() -> None:
    text = (
        "# Privacy policy of Vela Search\n\n## Contacting us\n\n"
        "In that process, your communication may be accessible to the software-as-a-service "
        "providers we use in our corporate systems (such as our company email provider).\n\n"
        "For information provided in surveys, we sometimes use additional vendors for "
        "processing.\n"
    )
    names = {r["name"] for r in _draft(text)["recipients"]}
    assert {"software-as-a-service providers", "company email provider"} <= names
    assert "additional vendors" in names


def test_what_we_cannot_prevent_from_being_seen_is_seen() -> None:
    text = (
        "# Privacy policy of Vela Search\n\n## IP addresses\n\n"
        "We cannot prevent your IP address from being seen by your internet service provider "
        "and our hosting provider.\n\n"
        "We do not allow your search history to be seen by advertisers.\n"
    )
    names = {r["name"] for r in _draft(text)["recipients"]}
    assert {"internet service provider", "hosting provider"} <= names
    assert "advertisers" not in names


def test_an_unknown_item_takes_the_kind_the_labelled_notices_give_its_words() -> None:
    text = (
        "# Privacy policy of Kroon Market\n\n## What we collect\n\n"
        "When you shop with us, we collect your name, voice, tips, errors and drags, and keep "
        "them while your account is open.\n"
    )
    kinds = {c["name"]: c["fideslang"] for c in _draft(text)["collected"]}
    assert kinds.get("voice") == "user.biometric"
    assert kinds.get("tips", "").startswith("user.content")
    assert kinds.get("errors") == "user.telemetry"
    assert "drags" not in kinds  # no labelled notice's words say what it is


def test_tracking_technologies_in_use_read_the_device() -> None:
    text = (
        "# Privacy policy of Kroon Market\n\n## Cookies\n\n"
        "Kroon Market may use session or persistent cookies.\n\n"
        "Advertising servers may set web beacons on your device.\n\n"
        "You may limit the use of cookies in your browser.\n\n"
        "Our shop does not set cookies for advertising.\n"
    )
    draft = _draft(text)
    quotes = {c["quote"] for c in draft["collected"] if c["fideslang"] == "user.device.cookie"}
    assert quotes == {
        "Kroon Market may use session or persistent cookies.",
        "Advertising servers may set web beacons on your device.",
    }


def test_a_sentence_no_rule_reads_is_read_when_its_words_state_processing() -> None:
    text = (
        "# Privacy policy of Kroon Market\n\n## Reviews\n\n"
        "Your profile photo and display name appear next to every review you write.\n\n"
        "Your email address is never shown to other members.\n"
    )
    collected = _draft(text)["collected"]
    photo = [c for c in collected if c["name"] == "profile photo"]
    assert photo and photo[0]["confidence"] <= 0.5
    assert photo[0]["learned"] == [
        "statement: no rule read the sentence; its words, as labelled notices use them"
    ]
    assert not [c for c in collected if "never" in c["quote"]]  # a negation is not guessed at


def test_a_learned_kind_is_said_in_the_json_and_the_inventory() -> None:
    from catalog.drafting.as_inventory import inventory_files

    text = (
        "# Privacy policy of Kroon Market\n\n## What we collect\n\n"
        "When you shop with us, we collect your name and voice, and keep them while your "
        "account is open.\n"
    )
    draft = draft_document(read_bytes(text.encode(), "notice.md"))
    collected = {c["name"]: c for c in draft.to_json()["collected"]}
    assert collected["voice"]["learned"][0].startswith("kind:")
    assert "learned" not in collected["name"]  # the vocabulary names it
    categories = inventory_files(draft)["categories.yaml"]["categories"]
    voice = next(c for c in categories if c["name"] == "voice")
    assert "learned reading put it under user.biometric" in voice["classification_note"]


def test_what_is_made_public_goes_to_the_public() -> None:
    text = (
        "# Privacy policy of Kroon Market\n\n## Public content\n\n"
        "If you submit a review to our site, this review will be disclosed publicly.\n\n"
        "Your display name is also available to non-members on the web.\n\n"
        "Your email address is never publicly displayed.\n\n"
        "We may combine it with data from publicly available sources.\n"
    )
    draft = _draft(text)
    public = {r["quote"] for r in draft["recipients"] if r["name"].lower().endswith("public")}
    assert public == {
        "If you submit a review to our site, this review will be disclosed publicly.",
        "Your display name is also available to non-members on the web.",
    }


def test_a_third_party_group_companies_insurers_and_providers_by_name() -> None:
    text = (
        "# Privacy policy of Kroon Market\n\n## Sharing\n\n"
        "We may disclose your personal information to a third party for a business purpose.\n\n"
        "Data can be disclosed to companies belonging to the same group and to insurance "
        "companies for processing accident cases.\n\n"
        "We use analytics services provided by Adobe and Google to improve the site.\n\n"
        "Our hosting provider uses IP addresses to count unique visitors.\n\n"
        "You may follow links to a third party website.\n"
    )
    draft = _draft(text)
    roles = {r["name"]: r["role"] for r in draft["recipients"]}
    assert roles.get("third party") == "third_party"
    assert roles.get("companies belonging to the same group") == "affiliate"
    assert roles.get("insurance companies") == "service_provider"
    assert {"Adobe", "Google"} <= set(roles)
    assert "ip-addresses" in {
        f["category"] for f in draft["flows"] if f["recipient"] == "hosting-provider"
    }
    assert not [r for r in draft["recipients"] if "website" in r["quote"]]


def test_recipients_of_a_sentence_read_by_its_words_receive_its_data() -> None:
    text = (
        "# Privacy policy of Kroon Market\n\n## Payments\n\n"
        "Our payment processors verify your card number and billing address for every order.\n\n"
        "This notice explains how Kroon Market handles the personal information of customers.\n"
    )
    draft = _draft(text)
    processors = [r for r in draft["recipients"] if r["name"] == "payment processors"]
    assert processors and processors[0]["learned"][0].startswith("statement:")
    assert processors[0]["confidence"] <= 0.5
    assert {"card-number", "billing-address"} <= {
        f["category"] for f in draft["flows"] if f["recipient"] == "payment-processors"
    }


def test_sources_service_areas_data_named_like_companies_and_technologies_used() -> None:
    text = (
        "# Privacy policy of Kroon Market\n\n## Sharing\n\n"
        "The banks you use to pay us will provide us with your name and bank account details.\n\n"
        "We engage service providers for support in areas including payment card processing, "
        "compliance, marketing and analytics.\n\n"
        "We share your IP address, user agent and mobile carrier with our analytics partners.\n\n"
        "We and our advertising partners may use cookies, web beacons and pixel tags on the "
        "site.\n"
    )
    draft = _draft(text)
    names = {r["name"] for r in draft["recipients"]}
    assert "banks" not in names  # a source: they give us the data
    assert not {"user agent", "mobile carrier"} & names
    to_partners = {f["category"] for f in draft["flows"] if f["recipient"] == "analytics-partners"}
    assert "ip-address" in to_partners
    kinds_sent = {
        c["fideslang"]
        for f in draft["flows"]
        for c in draft["collected"]
        if c["id"] == f["category"] and "areas including" in f["quote"]
    }
    assert not kinds_sent & {"user.financial.credit_card", "user.behavior"}  # services, not data
    cookies_sent = [
        f for f in draft["flows"] if "web beacons" in f["quote"] and f["kind"] == "named"
    ]
    assert not [
        f for f in cookies_sent if f["category"] in {"cookies", "web-beacons", "pixel-tags"}
    ]


def test_data_shared_or_sold_listed_after_the_lead_is_both_with_middle_dot_bullets() -> None:
    text = (
        "# Privacy policy of Kroon Market\n\n## California\n\n"
        "In the past twelve (12) months, we have shared or sold the following data:\n\n"
        "· Identifiers;\n"
        "· Internet or other electronic network activity information;\n\n"
        "In the past 12 months, we have sold and/or shared the categories listed above with "
        "our Business Partners.\n"
    )
    sales = _draft(text)["sold_or_shared"]
    listed = {(s["kind"], s["category"]) for s in sales if s["quote"] == "Identifiers"}
    assert listed == {("sale", "identifiers"), ("share", "identifiers")}
    partners = {s["kind"] for s in sales if s["recipient"] == "business-partners"}
    assert partners == {"sale", "share"}
    assert all(s["recipient"] is None for s in sales if s["quote"] == "Identifiers")


def test_what_is_done_to_data_and_a_provider_named_among_data_are_not_what_they_seem() -> None:
    text = (
        "# Privacy policy of Kroon Market\n\n## About this policy\n\n"
        "This policy describes the ways we collect, use, transfer, store, secure and protect "
        "your email address and playtime.\n\n"
        "## Advertising\n\n"
        "We share with our ad partners your IP address, Internet Service Provider (ISP), "
        "browser type and device identifiers.\n"
    )
    draft = _draft(text)
    names = {c["name"].lower() for c in draft["collected"]}
    assert not {"transfer", "store", "secure"} & names
    flows = {(f["category"], f["recipient"]) for f in draft["flows"]}
    assert ("ip-address", "ad-partners") in flows
    assert not [
        f for f in draft["flows"] if "isp" in f["recipient"] or "internet" in f["recipient"]
    ]


def test_a_company_giving_data_to_the_company_by_name_is_a_source() -> None:
    text = (
        "# Privacy policy of Kroon Market\n\n## Sources\n\n"
        "Social networks may in certain circumstances provide KM certain personal data, such "
        "as your name and email address.\n\n"
        "Our partners may share personal data with their affiliates for advertising.\n"
    )
    names = {r["name"] for r in _draft(text)["recipients"]}
    assert "Social networks" not in names and "social networks" not in names
    assert "partners" in names  # they receive it from us before sharing it on


def test_sales_and_shares_said_in_other_words() -> None:
    text = (
        "# Privacy notice of Orla Games\n\n## Your information\n\n"
        "We Do Not Sell Your Personal Information.\n\n"
        "Player chat logs will not be shared or sold to any third party unless required by law.\n\n"
        "We make money from subscriptions and not by selling or monetizing user content.\n\n"
        "Orla may use, sell, license, and share this aggregated information with researchers.\n\n"
        "We share device identifiers with our analytics and advertising partners.\n\n"
        "We may share your email address with third parties to deliver relevant personalized "
        "ads to you.\n\n"
        "No phone numbers will be shared with third parties for their marketing purposes.\n\n"
        "We share your address with our couriers to deliver your order.\n\n"
        "Click Do Not Sell My Personal Information to opt out.\n\n"
        "In the past 12 months, we have disclosed or sold these categories for cross-context "
        "behavioral advertising to the third parties listed in [Who do we share your data "
        "with?](#recipients)\n"
    )
    draft = _draft(text)

    def kinds(start: str) -> set[tuple[str, bool]]:
        return {
            (s["kind"], s["negated"])
            for s in draft["sold_or_shared"]
            if s["quote"].startswith(start)
        }

    assert kinds("We Do Not Sell") == {("sale", True)}  # a statement, not the link's name
    assert kinds("Player chat") == {("sale", True), ("share", True)}
    assert kinds("We make money") == {("sale", True)}
    assert ("sale", False) in kinds("Orla may")  # a list of verbs between "sell" and the data
    assert kinds("We share device") == {("share", False)}  # advertising partners
    assert kinds("We may share your email") == {("share", False)}  # personalised ads
    assert kinds("No phone numbers") == {("share", True)}  # third parties' own marketing
    assert not kinds("We share your address") and not kinds("Click")
    # a statement that ends in a link's title is no question
    assert kinds("In the past 12 months") == {("sale", False), ("share", False)}
    # a negated sale names no one who receives the data
    denied = [s for s in draft["sold_or_shared"] if s["quote"].startswith("Player")]
    assert denied and all(s["recipient"] is None for s in denied)
    assert "third party" not in {r["name"] for r in draft["recipients"]}


def test_a_court_in_a_postal_address_is_no_recipient() -> None:
    text = (
        "# Privacy policy of Orla\n\n## Who we are\n\n"
        "Orla Services Limited, an Irish company limited by shares Orla Block D, Iveagh Court "
        "Harcourt Road, Dublin 2 Ireland\n\n"
        "## How we share information\n\n"
        "We may disclose your information to a court or a regulator when the law requires it.\n"
    )
    names = {r["name"] for r in _draft(text)["recipients"]}
    assert "court" in names and "regulator" in names
    assert not any("Iveagh" in n for n in names)


def test_a_table_of_purposes_names_uses_not_recipients() -> None:
    text = (
        "# Privacy policy of Orla Ads\n\n## Processing for which Orla acts as a controller\n\n"
        "|     |     |     |     |\n| --- | --- | --- | --- |\n"
        "| **Purpose** | **Details** | **Legal basis** | **Data used** |\n"
        "| Billing | Billing advertisers and verifying invoices received from publishers. | "
        "Our legitimate interest. | Technical information |\n"
        "| Reporting | Preparing reports for advertisers. | Consent collected by publishers. | "
        "Device identifiers |\n"
        "| Disclose your personal data to courts or regulators as required by law | Legal "
        "obligation | All data |\n\n"
        "## Who we share data with\n\n"
        "We share device identifiers with advertisers to measure their campaigns.\n"
    )
    draft = _draft(text)
    assert {p["quote"].split(" | ")[0] for p in draft["purposes"]} >= {"Billing", "Reporting"}
    flows = [f for f in draft["flows"] if " | " in f["quote"]]
    # "Billing advertisers", "collected by publishers": no one receives; a row that discloses
    # does
    assert {f["quote"].split()[0] for f in flows} == {"Disclose"}
    names = _recipient_names(draft)
    assert {names[f["recipient"]] for f in flows} == {"courts", "regulators"}
    assert any(f["quote"].startswith("We share device") for f in draft["flows"])


def test_companies_that_help_with_tasks_are_a_provider_of_each() -> None:
    text = (
        "# Privacy policy of Orla\n\n## How we share information\n\n"
        "We share your information with service providers. They help with things like payment "
        "processing, cloud storage and customer care.\n\n"
        "Our app helps you with tasks like planning trips.\n"
    )
    names = {r["name"] for r in _draft(text)["recipients"]}
    assert {
        "payment processing providers",
        "cloud storage providers",
        "customer care providers",
    } <= names
    assert not any("planning" in n for n in names)  # the app helps you: no one receives


def test_the_functions_providers_perform_for_us_are_a_provider_of_each() -> None:
    text = (
        "# Privacy policy of Orla\n\n## How we share information\n\n"
        "We share data with third parties who perform functions on our behalf, such as hosting "
        "our site, sending emails, fraud prevention and payment processing services.\n\n"
        "We employ other companies to perform functions on our behalf. Examples include "
        "fulfilling orders, delivering packages, and analyzing data.\n\n"
        "We may disclose information to our lawyers to provide our Services, such as "
        "account management.\n\n"
        "We rely on partners providing location services to help us show ads relevant to your "
        "area (for example, at the city level).\n\n"
        "We share personal data with vendors that perform services for or on our behalf, which "
        "may include web hosting, analytic services, or other online functionality.\n\n"
        "* **Service Providers:** We employ other companies to perform functions on our behalf. "
        "Examples include sending postal mail.\n\n"
        "We use vendors that perform services on our behalf, which may include customer "
        "support and analytics services.\n\n"
        "We share data with service providers that provide us with IT support, customer "
        "service, and related services. We also work with partners who provide us with "
        "aggregated, non-personal demographic information about you.\n"
    )
    draft = _draft(text)
    by_name = {r["name"]: r for r in draft["recipients"]}
    assert {
        "providers for hosting our site",
        "providers for sending emails",
        "fraud prevention providers",  # two kinds of provider joined under one head
        "payment processing services",
        "customer support providers",  # beside "analytics services" (one with "analytic ...")
        "providers for fulfilling orders",
        "providers for delivering packages",
        "providers for analyzing data",
        "web hosting providers",
        "analytic services",
        "providers for sending postal mail",  # in a list item as in a paragraph
        "IT support providers",
        "customer service providers",
    } <= set(by_name)
    # what partners give us is data, not a function they perform for us
    assert not any("aggregated" in n or "information" in n or "related" in n for n in by_name)
    assert by_name["providers for sending emails"]["role"] == "service_provider"
    assert by_name["providers for delivering packages"]["quote"].startswith("Examples include")
    # what we do ("provide our Services") and examples of something else (the area) name none
    assert not any("account management" in n or "city" in n for n in by_name)
    flows = {f["recipient"] for f in draft["flows"]}
    assert {by_name["providers for sending emails"]["id"]} <= flows


def test_a_line_of_examples_and_a_list_of_information_used_are_data() -> None:
    text = (
        "# Privacy policy of Orla\n\n## What information do we collect\n\n"
        "**ACCOUNT INFORMATION:** Information you give us when you create an account.\n\n"
        "_Examples:_ Account name, email address, phone numbers, any open field such as "
        "chat records, date of birth\n\n"
        "## Why do we process your information\n\n"
        "To provide customer support.\n\n"
        "Examples of information used:\n\n"
        "* GEOLOCATION: IP address\n"
        "* IDENTIFIERS: Postal address\n"
    )
    draft = _draft(text)
    names = {c["name"].lower() for c in draft["collected"]}
    # the whole line of examples, not only what follows its "such as"
    assert {"email address", "phone numbers", "chat records", "date of birth"} <= names
    assert {"ip address", "postal address"} <= names
    purposes = " ".join(x["name"].lower() for x in draft["purposes"])
    assert "ip address" not in purposes and "postal address" not in purposes


def test_an_item_of_a_list_of_recipients_written_as_a_sentence_names_its_data() -> None:
    text = (
        "# Privacy policy of Orla\n\n## How we disclose personal data\n\n"
        "We may share personal data as follows:\n\n"
        "* **Marketing Partners**: We coordinate and share your personal data (such as your "
        "email address and unique device identifiers) with our marketing partners, including "
        "advertising networks, to market our products to you.\n"
        "* **Affiliates**: our affiliated companies.\n"
    )
    flows = {(f["recipient"], f["kind"], f["category"]) for f in _draft(text)["flows"]}
    named = {(r, c) for r, k, c in flows if k == "named"}
    assert {
        ("advertising-networks", "email-address"),
        ("marketing-partners", "email-address"),
    } <= named
    assert any(r == "advertising-networks" and "device" in c for r, c in named)
    # an item naming no data is still a general flow to whom it names
    assert ("affiliated-companies", "general", "personal-information") in flows or any(
        k == "general" and "affiliate" in r for r, k, _ in flows
    )


def test_how_you_want_to_hear_from_us_is_a_privacy_preference() -> None:
    text = (
        "# Privacy notice of Orla\n\n## Data we collect about you\n\n"
        "When you register, we collect your name, your marketing preferences, your "
        "communication preferences and your display preferences, so that we can run the "
        "service for you.\n"
    )
    keys = {c["name"]: c["fideslang"] for c in _draft(text)["collected"]}
    assert keys["marketing preferences"] == "user.privacy_preferences"
    assert keys["communication preferences"] == "user.privacy_preferences"
    assert keys["display preferences"] == "user.account.settings"


def test_a_kind_of_data_followed_by_its_examples_is_drafted_as_the_examples() -> None:
    text = (
        "# Privacy policy of Orla\n\n## How we share information\n\n"
        "We share account information (which includes identifiers, such as your email address "
        "and account ID) with our payment processors.\n\n"
        "We collect your email address and your phone number.\n"
    )
    draft = _draft(text)
    names = {c["name"].lower() for c in draft["collected"]}
    assert {"email address", "account id", "phone number"} <= names
    assert not names & {"account information", "identifiers"}  # labels, their examples kept


def test_a_transfer_outside_of_a_region_leaves_it(cli, tmp_path: Path) -> None:
    policy = tmp_path / "notice.md"
    policy.write_text(
        "# Privacy notice of Orla\n\n## International transfers\n\n"
        "We may transfer your personal data to service providers outside of the EEA and/or "
        "UK. We rely on Standard Contractual Clauses approved by the European Commission.\n\n"
        "## Contact\n\nWe collect your email address to answer you.\n",
        encoding="utf-8",
    )
    (t,) = _draft(policy.read_text(encoding="utf-8"))["transfers"]
    assert set(t["from"]) == {"European Economic Area", "United Kingdom"} and t["to"] == []
    out = tmp_path / "orla"
    r = cli("draft", str(policy), "-o", str(out), "--company", "Orla")
    assert r.code == 0, r.err
    inv = load_inventory(out)
    transfers = [e.model for e in inv.entries.values() if type(e.model).__name__ == "Transfer"]
    assert transfers and all(getattr(x, "to", None) != "uk" for x in transfers), transfers


def test_a_business_sold_is_no_sale_and_ad_networks_provided_with_data_is_a_share() -> None:
    text = (
        "# Privacy policy of Orla\n\n## Sharing\n\n"
        "Business Transfers: As we continue to develop our business, we might sell or buy "
        "other businesses or services.\n\n"
        "If we sell, merge or reorganize our company, we expect that the personal information "
        "we have collected will be transferred to the acquiring entity.\n\n"
        "We provide ad networks and advertising companies with information that allows them "
        "to serve you with more relevant ads.\n\n"
        "We provide our couriers with your postal address so that they can deliver orders.\n\n"
        "We may share your device identifiers and browsing history with our advertising "
        "partners.\n\n"
        "We share with our advertisers aggregate statistics about the performance of their "
        "ads.\n\n"
        "Certain features allow you to share your profile with advertisers if you choose.\n\n"
        "We use local shared objects and Apple's Identifier for Advertisers (IDFA).\n\n"
        "Advertisers may also provide us with information about you.\n"
    )
    draft = _draft(text)
    sold = draft["sold_or_shared"]
    assert not [s for s in sold if s["kind"] == "sale"]  # the business is sold, not the data
    provided = {(s["kind"], s["recipient"]) for s in sold if s["quote"].startswith("We provide ad")}
    assert provided == {("share", "ad-networks"), ("share", "advertising-companies")}
    assert not [s for s in sold if s["quote"].startswith("We provide our couriers")]
    # aggregate statistics are no one's; you share what you choose to; an identifier named
    # for advertisers beside "shared objects" is no sharing; advertisers who give us data
    for start in ("We share with our", "Certain features", "We use local", "Advertisers may"):
        assert not [s for s in sold if s["quote"].startswith(start)], start
    # one row per kind of data and sentence, however many readings found it there
    rows = [(c["id"], c["quote"]) for c in draft["collected"]]
    assert len(rows) == len(set(rows))
    assert {c["id"] for c in draft["collected"] if c["quote"].startswith("We may share")} == {
        "device-identifiers",
        "browsing-history",
    }


def test_the_company_s_own_group_sources_and_advice_to_you_receive_nothing() -> None:
    text = (
        "# Global Privacy Policy\n\n## About this policy\n\n"
        'This policy explains how Orla and its subsidiaries and affiliates (collectively, "Orla" '
        'or "we") collect, use and share your personal information.\n\n'
        "## Information we collect\n\n"
        "* **From third parties** - we may work with business partners, subcontractors, "
        "advertising networks and search information providers, who may provide us with "
        "personal information about you.\n\n"
        "## Sharing\n\n"
        "We encourage you to ask questions before disclosing personal information to third "
        "parties.\n\n"
        "We share your email address with payment processors.\n\n"
        "Some recipients may be in countries for which the European Commission or the UK "
        "Government has not issued adequacy decisions.\n"
    )
    draft = _draft(text)
    receiving = {f["recipient"] for f in draft["flows"]}
    assert receiving == {"payment-processors"}


def test_a_list_of_providers_names_each_by_its_label_and_its_examples() -> None:
    text = (
        "# Privacy policy of Orla\n\n## Sharing\n\n"
        "Some of our main service providers are:\n\n"
        "* **Customer support services** that help us answer your questions (e.g., Zendesk "
        "Inc. and Freshworks).\n"
        "* **Communication services** that help us send you notifications.\n"
        "* **Links** to other websites may appear in our emails.\n"
        "* Payment processors\n"
    )
    names = {r["name"] for r in _draft(text)["recipients"]}
    assert {"Customer support services", "Communication services", "Payment processors"} <= names
    assert not any(n.startswith("Links") for n in names)


def test_an_item_labelled_with_a_kind_of_recipient_names_the_kind_and_whom_it_says() -> None:
    # an ad-tech notice's list of recipients: each item's label is a kind of recipient, and its
    # sentence may name others ("hosting vendors") or none but "these partners"
    text = (
        "# Privacy policy of Orla\n\n## Sharing\n\n"
        "Orla may share certain elements of your profile with the following partners, "
        "including:\n\n"
        "*   Cloud and Infrastructure Service Providers: Your data is processed by third-party "
        "hosting and security vendors who maintain our infrastructure.\n"
        "*   Legal and Regulatory Authorities: Personal data may be disclosed to government "
        "bodies or law enforcement when we are legally required to.\n"
        "*   Measurement and Analytics Providers: These partners receive data to verify ad "
        "delivery.\n"
        "*   Product Updates: We may tell you about new features.\n"
    )
    draft = _draft(text)
    names = {r["id"]: r["name"] for r in draft["recipients"]}
    assert {
        "Cloud and Infrastructure Service Providers",
        "hosting vendors",
        "Legal and Regulatory Authorities",
        "government bodies",
        "Measurement and Analytics Providers",
    } <= set(names.values())
    assert not any(
        n.startswith(("Product", "Infrastructure", "Regulatory")) for n in names.values()
    )
    receiving = {names[f["recipient"]] for f in draft["flows"]}
    assert {"Cloud and Infrastructure Service Providers", "Legal and Regulatory Authorities"} <= (
        receiving
    )
    roles = {r["name"]: r["role"] for r in draft["recipients"]}
    assert roles["Legal and Regulatory Authorities"] == "public_authority"


def test_a_company_shared_with_is_a_recipient_and_the_company_named_as_we_is_not() -> None:
    text = (
        "# Privacy policy of Orla\n\n## About\n\n"
        "This policy describes how Orla Inc., including its affiliates and subsidiaries "
        "(collectively, Orla Inc., Orla and also referred to as our, us and we) collects and "
        "discloses information.\n\n"
        "## Sharing\n\n"
        "The AI features may share limited data with Microsoft to monitor abuse.\n\n"
        "We share your order details with DHL Express to deliver your parcel.\n\n"
        "There is no obligation for you to provide your data to Orla Services GmbH.\n"
    )
    draft = _draft(text)
    names = {r["name"] for r in draft["recipients"]}
    assert {"Microsoft", "DHL Express"} <= names
    assert not names & {"affiliates", "subsidiaries", "Orla Services GmbH"}
    flows = {(f["category"], f["recipient"]) for f in draft["flows"]}
    assert ("order-details", "dhl-express") in flows


def test_a_device_that_holds_data_or_carries_it_is_not_the_data() -> None:
    text = (
        "# Privacy policy of Orla\n\n## What we collect\n\n"
        "We collect your device's precise location when you open the app.\n\n"
        "We may receive your contacts from your mobile device.\n\n"
        "We collect your name, email and device identifiers.\n\n"
        "We will contact you by email about your order.\n"
    )
    by_quote: dict[str, set[str]] = {}
    for c in _draft(text)["collected"]:
        by_quote.setdefault(c["quote"][:20], set()).add(c["name"].lower())
    assert "device" not in by_quote["We collect your devi"]
    assert "precise location" in by_quote["We collect your devi"]
    assert "mobile device" not in by_quote["We may receive your "]
    assert "device" not in by_quote["We may receive your "]
    assert {"name", "email", "device identifiers"} <= by_quote["We collect your name"]
    assert "email" not in by_quote.get("We will contact you ", set())


def test_a_legitimate_interest_is_a_basis_not_your_interests() -> None:
    text = (
        "# Privacy policy of Orla\n\n## Why we use it\n\n"
        "We use your data when it is in our legitimate interests.\n\n"
        "We may process data to protect your vital interests.\n\n"
        "We show you products that may be of interest to you.\n\n"
        "We collect your interests and areas of interest to recommend courses.\n"
    )
    by_quote: dict[str, set[str]] = {}
    for c in _draft(text)["collected"]:
        by_quote.setdefault(c["quote"][:12], set()).add(c["name"].lower())
    assert not {"interests", "interest"} & (
        by_quote.get("We use your ", set())
        | by_quote.get("We may proce", set())
        | by_quote.get("We show you ", set())
    )
    assert "interests" in by_quote["We collect y"]


def test_a_list_announced_as_what_you_supply_us_with_is_data() -> None:
    text = (
        "# Privacy policy of Orla\n\n## Information you give us\n\n"
        "As a result of those actions, you might supply us with such information as:\n\n"
        "* payment information;\n"
        "* your age;\n"
        "* your IP address;\n"
    )
    names = {c["name"].lower() for c in _draft(text)["collected"]}
    assert {"payment information", "age", "ip address"} <= {n.removeprefix("your ") for n in names}


def test_shared_with_affiliates_under_common_control_with_us_is_shared_with_them() -> None:
    text = (
        "# Privacy policy of Orla\n\n## Sharing\n\n"
        "We may share your information with affiliates under common control with us.\n\n"
        "The social platform will share your name with us.\n"
    )
    draft = _draft(text)
    assert {f["recipient"] for f in draft["flows"]} == {"affiliates"}
    assert "name" in {c["name"] for c in draft["collected"]}  # what a source shares, we receive


def test_the_same_words_under_two_headings_are_two_facts() -> None:
    text = (
        "# Privacy policy of Orla\n\n## Categories of personal data we collect\n\n"
        "### Profile data\n\n"
        "Examples of personal data we collect:\n\n* Email\n* Phone number\n\n"
        "### Social network data\n\n"
        "Examples of personal data we collect:\n\n* Email\n* User name\n"
    )
    rows = [(c["id"], c["section"]) for c in _draft(text)["collected"] if c["quote"] == "Email"]
    assert len(rows) == 2 and len({s for _, s in rows}) == 2


def test_a_word_inside_a_kind_of_data_is_no_recipient_and_an_exception_is_not_shown() -> None:
    text = (
        "# Privacy policy of Orla\n\n## Your rights\n\n"
        "We may ask for information to verify your identity (such as your email address or "
        "government issued ID).\n\n"
        "## Sharing\n\n"
        "We may disclose your information to government authorities when required by law.\n\n"
        "Your profile information (other than your email address) will be publicly visible.\n\n"
        "We share call recordings with our call recording service providers.\n"
    )
    draft = _draft(text)
    names = {r["name"] for r in draft["recipients"]}
    # (a recipient that only begins with a kind of data is still one)
    assert names == {"government authorities", "public", "call recording service providers"}
    public = {f["category"] for f in draft["flows"] if f["recipient"] == "public"}
    assert public and "email-address" not in public  # the exception is not disclosed


NESTED_MD = """\
# Privacy policy of Fenn

1. **Cookies.** Our site uses cookies. We collect the following through them:
    * your IP address
    * the pages you visit
2. **How we use it.** We process your information to run our business. Specifically, we use \
your information to:
    1. provide and maintain the Service;
    2. send you newsletters and promotional materials;

    We may also create de-identified records from your information for any purpose.
3. **Sharing.** We may share your personal information with the following categories of \
recipients:
    * Payment processors, who process your payments.
    * Delivery companies, who deliver your orders.
4. **What we collect.** We collect the following information:
    * your name;
    * You can turn cookies off in your browser settings at any time, and delete those already \
set on your device.
"""

NESTED_HTML = """<html><body><h1>Privacy policy of Fenn</h1>
<ol><li><b>Cookies.</b> Our site uses cookies. We collect the following through them:
<ul><li>your IP address</li><li>the pages you visit</li></ul></li>
<li><b>How we use it.</b> We process your information to run our business. Specifically, we use
your information to:<ol><li>provide and maintain the Service;</li>
<li>send you newsletters and promotional materials;</li></ol>
<p>We may also create de-identified records from your information for any purpose.</p></li>
<li><b>Sharing.</b> We may share your personal information with the following categories of
recipients:<ul><li>Payment processors, who process your payments.</li>
<li>Delivery companies, who deliver your orders.</li></ul></li>
<li><b>What we collect.</b> We collect the following information:<ul><li>your name;</li>
<li>You can turn cookies off in your browser settings at any time, and delete those already set
on your device.</li></ul></li></ol></body></html>
"""


@pytest.mark.parametrize(("text", "name"), [(NESTED_MD, "fenn.md"), (NESTED_HTML, "fenn.html")])
def test_a_list_inside_a_list_item_is_led_by_that_item_and_by_no_other(text, name) -> None:
    doc = read_bytes(text.encode(), name)
    # the policy kept beside the draft shows the depth: an item inside an item is indented
    assert "\n  • provide and maintain the Service;" in doc.text
    assert "\n• " in doc.text
    draft = draft_document(doc).to_json()
    purposes = {p["name"] for p in draft["purposes"]}
    assert {
        "provide and maintain the Service",
        "send you newsletters and promotional materials",
    } <= purposes
    # the paragraph after the inner list is the item's again, not one of its purposes
    assert not any("de-identified" in p for p in purposes)
    collected = {c["name"].lower() for c in draft["collected"]}
    assert {"ip address", "pages you visit", "name"} <= collected
    # the items' own labels ("Sharing.", "What we collect.") are led by nothing: no data; nor
    # is an item that tells the reader what they can do
    assert not collected & {"sharing", "what we collect", "cookies", "browser settings"}
    recipients = {r["name"] for r in draft["recipients"]}
    assert recipients == {"Payment processors", "Delivery companies"}
    # the data listed inside the cookies item is not what the list of recipients receives
    assert {f["kind"] for f in draft["flows"]} == {"general"}


FRENCH = """\
# Politique de confidentialité de Lumen

## Les données que nous collectons

Lorsque vous créez un compte, nous collectons votre nom, votre adresse électronique et votre \
numéro de téléphone. Nous partageons votre adresse de livraison avec nos prestataires de \
transport afin qu'ils puissent livrer votre commande. Nous conservons vos données pendant la \
durée de votre compte et trois ans après sa clôture. Vous pouvez exercer vos droits d'accès, de \
rectification et d'effacement en écrivant à notre délégué à la protection des données.
"""


def test_a_policy_not_in_english_is_said_to_be_so(cli, tmp_path: Path, md_draft) -> None:
    # the drafter reads English only: a French notice drafts nothing, and says why
    policy = tmp_path / "politique.md"
    policy.write_text(FRENCH, encoding="utf-8")
    r = cli("draft", str(policy), "--json")
    assert r.code == 0, r.err
    draft = json.loads(r.out)  # stdout is the draft alone; the warning is on stderr
    assert len(draft["warnings"]) == 1 and "does not read as English" in draft["warnings"][0]
    assert r.err.startswith("warning: politique.md: the policy does not read as English")
    written = cli("draft", str(policy), "-o", str(tmp_path / "lumen"), "--json")
    assert json.loads(written.out)["warnings"] == draft["warnings"]
    assert "does not read as English" in written.err
    assert md_draft["warnings"] == []  # an English notice: nothing to warn of


def test_a_list_of_processors_each_with_its_fields_is_read_as_a_processor_table() -> None:
    text = (
        "# Privacy policy of Orla\n\n## Data processors\n\n"
        "**Zendesk, Inc.**\n\n"
        "*   Purpose: Provide services in relation with the processing of customer support data\n"
        "*   Data processing location: United States\n"
        "*   Guarantees for international transfer: Standard Contractual Clauses, Binding "
        "Corporate Rules\n\n"
        "**Orla Labs Skopje**\n\n"
        "*   Purpose: Process your email address to answer support requests\n"
        "*   Data processing location: Macedonia\n\n"
        "**Strictly necessary**\n\n"
        "*   Purpose: Keep you signed in\n"
        "*   Location: your browser\n"
    )
    draft = _draft(text)
    names = _recipient_names(draft)
    assert set(names.values()) == {"Zendesk, Inc.", "Orla Labs Skopje"}  # not a cookie's kind
    flows = {(names[f["recipient"]], f["kind"]) for f in draft["flows"]}
    assert flows == {("Zendesk, Inc.", "general"), ("Orla Labs Skopje", "named")}
    # the safeguard field states a transfer, to where the location field says; a location
    # alone says where data is, not that it crosses a border
    (transfer,) = draft["transfers"]
    assert transfer["to"] == ["United States"]
    assert {m["name"] for m in transfer["mechanisms"]} >= {"Standard contractual clauses"}
    assert transfer["quote"].startswith("Guarantees for international transfer")
    assert any("customer support" in p["name"] for p in draft["purposes"])


def test_they_in_the_next_sentence_are_the_recipients_the_sentence_before_names() -> None:
    text = (
        "# Privacy policy of Orla\n\n## Sharing\n\n"
        "We use payment processors and hosting providers to run the shop. They have access to "
        "your name and email address to perform their tasks. They are not authorized to use "
        "your data for their own purposes.\n\n"
        "We publish reviews. They may receive replies from the shop.\n"
    )
    draft = _draft(text)
    names = _recipient_names(draft)
    said = {
        (names[f["recipient"]], f["quote"].split()[0])
        for f in draft["flows"]
        if f["quote"].startswith("They")
    }
    # the sentence that says they hold data gives them the data; the one that restates what
    # they may not do adds no one, and "They" after a sentence naming no recipient is no one
    assert said == {("payment processors", "They"), ("hosting providers", "They")}
    held = {f["category"] for f in draft["flows"] if f["quote"].startswith("They have access")}
    assert {"name", "email-address"} <= held


@pytest.mark.parametrize(
    ("sentence", "denied"),
    [
        ("We never share your personal data with third parties.", True),
        ("No user data is ever shared with third parties in that process.", True),
        ("We don't share your personal information with anyone.", True),
        # the passive negated, whom it is denied to further on, a denial on a condition
        (
            "This profile is not shared with any third party unless you have given your consent.",
            True,
        ),
        (
            "Your messages and the information we derive from them are never shared with these third parties.",
            True,
        ),
        (
            "We do not disclose your personal data to third parties for their direct marketing.",
            True,
        ),
        (
            "Your number will not be disclosed to or shared with other parties, unless required by law.",
            True,
        ),
        # the data itself denied, to no one named; a contraction with a typographic apostrophe
        ("We never share your name when we do this.", True),
        ("We don’t share your personal data with anyone.", True),
        ("We do not share it.", False),  # nothing said of whose data or with whom
        # a denial with its exceptions is a disclosure; someone else's promise, advice to you
        ("We do not share your data with third parties other than as described here.", False),
        ("We will not share your data with third parties unless otherwise stated below.", False),
        (
            "We won't share your data with anyone else, unless one of the following exceptions applies:",
            False,
        ),
        ("Sellers may not share the information with others.", False),
        ("Please do not share your password with others.", False),
        ("We share your data with third parties.", False),  # a disclosure, not a share denied
    ],
)
def test_a_promise_never_to_share_with_anyone_is_a_share_denied(sentence, denied) -> None:
    shares = [s for s in _draft_said("Sharing", sentence)["sold_or_shared"] if s["kind"] == "share"]
    assert [s["negated"] for s in shares] == ([True] if denied else [])


@pytest.mark.parametrize(
    "sentence",
    [
        "We don’t store this information on our servers or share it with third parties.",
        "We do not keep your e-mail address in our logs or share it with advertisers.",
        "We won’t share your personal information with third parties.",
    ],
)
def test_a_disclosure_denied_gives_no_one_the_data(sentence) -> None:
    # (a verb after "or" in a clause denied is denied too; "won’t" with either apostrophe)
    draft = _draft_said("Sharing", sentence)
    assert draft["flows"] == []
    assert not any(s["kind"] == "share" and not s["negated"] for s in draft["sold_or_shared"])


def test_a_verb_after_or_is_denied_only_within_the_clause_denied() -> None:
    draft = _draft_said(
        "Sharing",
        "We do not use cookies, but we may keep your e-mail address or share it with "
        "advertising partners.",
    )
    assert "user.contact.email" in _flowed_to(draft, "advertising partners")


def test_a_table_of_purposes_with_a_partners_column_names_who_receives_each_row() -> None:
    text = (
        "# Privacy policy of Orla\n\n## Your data\n\n"
        "This notice explains how Orla handles your data. Orla is a bookshop. Orla keeps your "
        "data safe. Write to Orla at privacy@orla.example.\n\n"
        "| CATEGORY OF DATA | DATA CONCERNED | RETENTION PERIODS |\n| --- | --- | --- |\n"
        "| Account data | Your e-mail address and your language | 3 years |\n"
        "| PURPOSES | DESCRIPTION | LEGAL BASIS | PARTNERS |\n| --- | --- | --- | --- |\n"
        "| Measuring the audience | We use your IP address to count visits | Consent | "
        "Piwik Pro, Orla |\n"
        "| Sending newsletters | We use your e-mail address to send newsletters | Consent | "
        "Batch and Mailjet |\n"
    )
    draft = _draft(text)
    names = _recipient_names(draft)
    # a second table run on from the first: its header is read as one, its partners column
    # names who receives each row's data (not the company itself)
    assert set(names.values()) == {"Piwik Pro", "Batch", "Mailjet"}
    got = {(names[f["recipient"]], f["category"]) for f in draft["flows"]}
    assert ("Piwik Pro", "ip-address") in got and ("Mailjet", "e-mail-address") in got
    assert any("newsletters" in p["name"] for p in draft["purposes"])


def test_a_numbered_sub_heading_takes_what_the_heading_it_is_under_says() -> None:
    # "3.1" and "A)" say nothing of what their sections do; "3." says they are uses, and
    # "4." starts a section of its own
    text = (
        "# Privacy notice of Northwind Air\n\n## 3. How we use your data\n\n"
        "### 3.1. To provide our services\n\n**A) Based on our contract with you**\n\n"
        "**Baggage –** To deliver your baggage to your destination, we process the baggage "
        "handling details.\n\n**B) Based on our legitimate interest**\n\n"
        "**Fraud –** We process your booking details to detect fraudulent bookings.\n\n"
        "## 4. Sources of personal data\n\n"
        "We process the booking details that travel agencies send us to complete your trip.\n"
    )
    purposes = [p["quote"] for p in _draft(text)["purposes"]]
    assert any("deliver your baggage" in q for q in purposes)
    assert any("detect fraudulent bookings" in q for q in purposes)
    assert not any("travel agencies" in q for q in purposes)


def test_the_outline_of_numbered_headings() -> None:
    from catalog.drafting.extract import outline_modes

    headings = [
        "Privacy notice",
        "2. What data we collect",
        "3. How we use your data",
        "3.1 Bookings",
        "a) Contract",
        "3.2 Loyalty programme",
        "4. Sources",
        "Contact",
    ]
    assert outline_modes(headings) == [
        set(),
        {"collect"},
        {"use"},
        {"use"},
        {"use"},
        {"use"},
        set(),
        set(),
    ]


def test_a_row_whose_data_cell_lists_with_semicolons_stays_one_statement() -> None:
    text = (
        "# Privacy notice of Quill Academy\n\n## Legal bases and purposes\n\n"
        "| Category of personal data | Purpose of processing | Legal basis |\n| --- | --- | --- |\n"
        "| Contact data; Email address; Phone number | To share information with our content "
        "providers so they can tell you about their courses. | Your consent |\n"
        "| Billing address | To process your payments. | Contract |\n"
    )
    draft = _draft(text)
    purposes = [p["name"] for p in draft["purposes"]]
    # each row is one purpose, named by its purpose cell; the header names columns only
    assert purposes == [
        "To share information with our content providers so they can tell you about their courses",
        "To process your payments",
    ]
    names = _recipient_names(draft)
    got = {(names[f["recipient"]], f["category"]) for f in draft["flows"]}
    # the recipient in the purpose cell receives the data of its own row, not the next row's
    assert {("content providers", "email-address"), ("content providers", "phone-number")} <= got
    assert not any(c == "billing-address" for _, c in got)


def test_a_data_cell_of_two_sentences_is_no_label_and_its_items() -> None:
    text = (
        "# Privacy notice of Fenn Bikes\n\n## Processors\n\n"
        "| Processor | Personal data | Purpose |\n| --- | --- | --- |\n"
        "| Zendesk | Email address, phone number. Support agents may see your full name | "
        "Customer support |\n"
    )
    draft = _draft(text)
    names = _recipient_names(draft)
    got = {(names[f["recipient"]], f["category"]) for f in draft["flows"]}
    assert {("Zendesk", "email-address"), ("Zendesk", "phone-number")} <= got


def test_companies_a_kind_of_recipient_is_said_to_include_or_be() -> None:
    text = (
        "# Privacy notice of Skein\n\n## Providers\n\n"
        "Our payment service providers include [Stripe](https://stripe.example/privacy), "
        "Braintree and PayPal.\n\nOur processors are Mailgun and Twilio.\n\n"
        "Our service providers are bound by contracts.\n"
    )
    names = set(_recipient_names(_draft(text)).values())
    assert {"Stripe", "Braintree", "PayPal", "Mailgun", "Twilio"} <= names


def test_a_later_sentence_of_an_item_of_a_list_of_data_names_its_recipients() -> None:
    text = (
        "# Privacy notice of Loom Courses\n\n## Data we collect\n\n"
        "We may collect the following personal data:\n\n"
        "* **Payment data.** You can pay by card. Our payment processors receive your card "
        "details.\n* Your e-mail address\n"
    )
    draft = _draft(text)
    names = _recipient_names(draft)
    assert "payment processors" in names.values()
    assert {c["fideslang"] for c in draft["collected"]} >= {"user.contact.email"}


def test_a_question_about_transfers_states_none() -> None:
    text = (
        "# Privacy notice of Tarn Learning\n\n## International transfers\n\n"
        "We transfer your personal data from the EEA to the United States under the Standard "
        "Contractual Clauses.\n\n## Contact us\n\n"
        "Please contact us with any questions or comments about this DPF Notice, transfer of "
        "your Personal Data from the EEA to the U.S., or our privacy practices.\n"
    )
    quotes = [t["quote"] for t in _draft(text)["transfers"]]
    assert len(quotes) == 1 and quotes[0].startswith("We transfer your personal data")


def test_data_anyone_may_read_or_a_public_ledger_holds_reaches_the_public() -> None:
    text = (
        "# Privacy notice of Wren Notes\n\n## Public content\n\n"
        "Any information that you post in the forum can be read, collected, and used by "
        "anyone.\n\nYour attestations and wallet address will be recorded on a public "
        "blockchain.\n\nWe may search for and review this publicly available information.\n"
    )
    draft = _draft(text)
    names = _recipient_names(draft)
    public = [
        f["quote"] for f in draft["flows"] if names[f["recipient"]] in ("the public", "public")
    ]
    assert any("used by anyone" in q for q in public)
    assert any("public blockchain" in q for q in public)
    assert not any("publicly available" in q for q in public)  # an adjective, not a disclosure


def test_a_recipients_name_stops_at_the_verb_before_it() -> None:
    text = (
        "# Privacy notice of Ivy\n\n## Sharing\n\n"
        "We may also disclose your name and city to inform other Academia users of your work.\n"
    )
    assert set(_recipient_names(_draft(text)).values()) == {"Academia users"}


def test_whose_rights_a_disclosure_protects_are_no_recipients() -> None:
    text = (
        "# Privacy notice of Moss Boards\n\n## Legal\n\n"
        "We may disclose personal information to law enforcement to protect and defend the "
        "rights, property or safety of Moss, its users, or third parties.\n"
    )
    assert set(_recipient_names(_draft(text)).values()) == {"law enforcement"}


def test_a_right_to_send_data_to_a_third_party_is_no_disclosure() -> None:
    text = (
        "# Privacy notice of Pell Maps\n\n## Your rights\n\n"
        "You can also request that we transfer the data directly to a third party.\n\n"
        "California Civil Code Section 1798.83 permits you to request information regarding "
        "the disclosure of your personal information to third parties.\n\n"
        "* Request the transfer of your personal data to you or to a third party.\n\n"
        "## Sharing\n\nWe share your e-mail address with our delivery partners, where they are "
        "legally entitled to receive it.\n"
    )
    assert set(_recipient_names(_draft(text)).values()) == {"delivery partners"}


def test_escaped_markers_in_a_table_cell_are_the_text_s_own() -> None:
    # "facilities\*\*" points at a footnote: two asterisks, no emphasis (and no stray backslash
    # in the quote, which the notice does not hold)
    draft = _draft(
        "# Who receives your data\n\n"
        "| Party name | Personal data disclosed | Purpose | Hosting location |\n"
        "| --- | --- | --- | --- |\n"
        "| Lumen Ads LLC | Name, email address, IP address | Ads tracking | US, where Lumen "
        "maintains facilities\\*\\* |\n"
    )
    quotes = {c["name"].lower(): c["quote"] for c in draft["collected"]}
    assert "email address" in quotes and "ip address" in quotes
    assert quotes["email address"].endswith("maintains facilities**")
    assert "Lumen Ads LLC" in _recipient_names(draft).values()


def test_a_paragraph_after_an_indented_table_is_not_its_last_row() -> None:
    draft = _draft(
        "# Cookies\n\nWe use cookies for these purposes:\n\n"
        "    | Purpose | Description |\n    | --- | --- |\n"
        "    | Analytics | We use a Cookie that tells us how you use the search page. |\n\n"
        "    You can set some Cookie preferences through your browser settings.\n"
    )
    rows = [c["quote"] for c in draft["collected"] if "search page" in c["quote"]]
    assert rows and all("browser settings" not in q for q in rows)


def test_a_short_item_nothing_types_is_not_drafted_as_data() -> None:
    # items of a list led by "we collect" that name purposes or parties, not data: no word of
    # theirs is a kind of data, and they are not drafted as bare personal data
    with taught_by({}):
        draft = _draft(
            "# Information we collect\n\nWe collect the following information when you use "
            "the services we offer to our customers around the world:\n\n"
            "* Email address\n* Parties You Authorize, Access or Authenticate\n"
            "* Corresponding with You\n"
        )
    names = {c["name"] for c in draft["collected"]}
    assert "Email address" in names
    assert not names & {"Parties You Authorize, Access or Authenticate", "Corresponding with You"}


def test_feedback_is_private_and_a_call_recording_is_a_voice_recording() -> None:
    draft = _draft(
        "# Information we collect\n\nWe collect your feedback, your comments and recordings of "
        "your calls with our support team, and your contact list if you choose to sync it.\n"
    )
    keys = {c["name"].lower(): c["fideslang"] for c in draft["collected"]}
    assert keys["feedback"] == "user.content.private"
    assert keys["comments"] == "user.content"
    assert keys["recordings of your calls"] == "user.biometric.voice"
    assert keys["contact list"] == "user.social"


def test_no_transfer_read_from_us_written_small_a_pointer_or_a_safeguard_given_up() -> None:
    draft = _draft(
        "# International transfers\n\n"
        "If our partners are data processors for us, your personal information will always be "
        "processed in accordance with a data processing agreement meeting the requirements.\n\n"
        "To learn about the rights you may have regarding the international transfer of your "
        "personal data, please consult the relevant standard contractual clauses.\n\n"
        "We no longer rely on the EU-U.S. Privacy Shield to transfer personal information to "
        "the U.S.\n\n"
        "Please note, while we are certified under the EU-U.S. and the Swiss-U.S. Privacy "
        "Shield frameworks, we no longer rely on Privacy Shield for our cross-border data "
        "transfers.\n\n"
        "Your data may be transferred from the EEA to the US under standard contractual "
        "clauses.\n"
    )
    transfers = [(t["quote"], t["mechanism"]) for t in draft["transfers"]]
    # the processors "for us" name no country; the pointer states no transfer
    assert not [q for q, _ in transfers if "for us" in q or "To learn" in q]
    # the Privacy Shield given up is no safeguard of theirs; the clauses stated are
    # (also where the sentence first names it as one they were certified under)
    assert {m for q, m in transfers if "no longer" in q} <= {None}
    assert (
        "Your data may be transferred from the EEA to the US under standard contractual clauses.",
        "Standard contractual clauses",
    ) in transfers


def test_we_do_not_share_for_advertising_is_a_share_denied_not_a_link() -> None:
    draft = _draft(
        "# Sales and sharing\n\nWe collect your name and email address when you subscribe to "
        "a publication on our service.\n\nWe do not sell your Personal Information, and we do "
        "not share your information with third parties for the purpose of cross-context "
        "behavioral advertising. To opt out, use the Do Not Share My Personal Information link "
        "for cross-context behavioral advertising.\n"
    )
    said = {(s["kind"], s["negated"]) for s in draft["sold_or_shared"]}
    assert said == {("sale", True), ("share", True)}


def test_a_transfer_run_on_into_a_pointer_or_to_no_named_place_is_still_a_transfer() -> None:
    draft = _draft(
        "# International transfers\n\n"
        "We adhere to the EU-U.S. Data Privacy Framework for transfers of Personal Data from the "
        "EEA to the U.S. To learn more about the DPF, please visit the DPF website.\n\n"
        "By using the Content and providing us with your Personal Data, you consent to the "
        "international transfer of your Personal Data.\n"
    )
    transfers = {t["quote"][:30]: t for t in draft["transfers"]}
    assert transfers["We adhere to the EU-U.S. Data "]["to"] == ["United States"]
    # abroad, where the text does not say: no place is named for it
    assert transfers["By using the Content and provi"]["to"] == []


def test_a_table_of_one_cookie_read_down_names_no_recipient() -> None:
    # "Purpose | First-party analytics tracking." is a row, not the header of a table of
    # purposes whose second column names partners: "30 minutes" receives nothing
    draft = _draft(
        "# Cookies\n\nWe use the following cookies on our website to measure how it is used:\n\n"
        "| | |\n| --- | --- |\n| Name | visit_id |\n| Type | Persistent |\n"
        "| Purpose | First-party analytics tracking. |\n| Lifetime | 30 minutes |\n"
        "| Domain | .example.com |\n\n"
        "| | |\n| --- | --- |\n| Name | ajs_anonymous_id |\n| Type | Persistent |\n"
        "| Purpose | First-party analytics tracking. |\n| Lifetime | 1 year |\n"
    )
    names = {r["name"] for r in draft["recipients"]}
    assert not names & {"30 minutes", "Persistent", "1 year", "ajs_anonymous_id", ".example.com"}


def test_data_kept_or_handled_abroad_in_the_active_voice_is_a_transfer() -> None:
    draft = _draft(
        "# Where your data goes\n\n"
        "Some companies that provide services to us run their services from outside the UK "
        "and the European Economic Area.\n\n"
        "We may also store information on servers and equipment in other countries.\n\n"
        "Some of our processors store data outside of the EU, under standard contractual "
        "clauses.\n\n"
        "Please note that some of these recipients may be in countries outside the European "
        "Economic Area.\n\n"
        "## Your rights under the GDPR\n\n"
        "The GDPR requires us to tell you about our data processing practices in the EEA.\n\n"
        "We process personal data in accordance with the General Data Protection Regulation "
        "in the EU.\n"
    )
    transfers = {t["quote"][:23]: t for t in draft["transfers"]}
    assert set(transfers) == {
        "Some companies that pro",
        "We may also store infor",
        "Some of our processors ",
        "Please note that some o",
    }
    assert transfers["Some of our processors "]["mechanism"] == "Standard contractual clauses"
    # where the text names no country, none is guessed
    assert transfers["We may also store infor"]["to"] == ["Other countries"]


def test_items_marked_with_word_processor_bullets_are_list_items() -> None:
    # "●" and "○" at the start of a line, as a document exported from a word processor marks
    # its lists: items of the lead before them, read as "*" items are
    notice = (
        "# Privacy Policy\n\n**How is my information used?**\n\n"
        "To get Members started, we use personal information to:\n\n"
        "● Confirm Member accounts by checks against public records.\n\n"
        "● Suggest neighbours you may know.\n\n"
        "**What information is collected?**\n\n"
        "When you sign up, we collect:\n\n"
        "○ your email address;\n\n"
        "○ your telephone number.\n"
    )
    draft = _draft(notice)
    purposes = {p["quote"] for p in draft["purposes"]}
    assert {
        "Confirm Member accounts by checks against public records.",
        "Suggest neighbours you may know.",
    } <= purposes
    data = {(c["quote"], c["fideslang"]) for c in draft["collected"]}
    assert ("your email address", "user.contact.email") in data
    assert ("your telephone number.", "user.contact.phone_number") in data
    starred = _draft(notice.replace("● ", "* ").replace("○ ", "* "))
    assert draft == starred


def test_lines_opening_with_an_escaped_dash_are_list_items_of_the_lead_before_them() -> None:
    # "\- item": a page's dash list the converter escaped, each line a paragraph of its own
    notice = (
        "# Privacy Policy\n\n### Article 3 : Personal data collected\n\n"
        "Orla may collect and process the following categories of personal data:\n\n"
        "\\- Contact information: postal addresses, email addresses;\n\n"
        "\\- Data related to the products subscribed (type of product, method of payment);\n\n"
        "### Article 6 : Recipients\n\n"
        "Your personal data may be communicated according to the purposes pursued:\n\n"
        "\\- To our partners and subcontractors (Floa, PayLead).\n\n"
        "\\- To payment originators and account information service providers, in order to "
        "defend a right in court (examples: Budget Insight, Tink).\n"
    )
    draft = _draft(notice)
    data = {(c["quote"][:20], c["fideslang"]) for c in draft["collected"]}
    assert ("Contact information:", "user.contact.email") in data
    names = {r["name"] for r in draft["recipients"]}
    assert {
        "partners",
        "subcontractors",
        "Floa",
        "PayLead",
        "payment originators",
        "account information service providers",
        "Budget Insight",
        "Tink",
    } <= names
    assert "court" not in names  # where a right is defended, not whom data goes to
    # the items are whom data is communicated to, not purposes
    assert not any(p["quote"].startswith("To our partners") for p in draft["purposes"])
    dashed = _draft(notice.replace("\\- ", "* "))
    assert {r["name"] for r in dashed["recipients"]} == names


def test_who_is_listed_beside_a_recipient_is_one_too() -> None:
    text = (
        "# Privacy policy of Orla\n\n## How we share information\n\n"
        "We may share your account information with law enforcement, government authorities, "
        "and private parties if the law requires it.\n\n"
        "We may share personal information with our professional advisors, such as lawyers, "
        "auditors, bankers and insurers.\n\n"
        "As we grow we might sell or buy other businesses or services.\n\n"
        "We share your name with service providers, and use it to provide services.\n"
    )
    draft = _draft(text)
    roles = {r["name"]: r["role"] for r in draft["recipients"]}
    assert roles["private parties"] == "third_party"  # not an authority for its neighbours
    assert roles["bankers"] == "service_provider"
    assert {"lawyers", "auditors", "insurers"} <= set(roles)
    # what is bought, and what we do, are no one beside a recipient
    assert not any(n in roles for n in ("services", "provide services"))
    private = next(r["id"] for r in draft["recipients"] if r["name"] == "private parties")
    assert private in {f["recipient"] for f in draft["flows"]}


def test_a_share_for_ads_said_by_its_audiences_or_its_advertising_purposes() -> None:
    text = (
        "# Privacy policy of Orla\n\n## Advertising\n\n"
        "Unless you opt out, we may disclose your personal data to third parties for online "
        "advertising purposes.\n\n"
        "Orla may share your information with partners to help us find similar audiences.\n\n"
        "We share data with platforms to improve ad relevance.\n\n"
        "Personal information may be shared for marketing purposes among our affiliates.\n"
    )
    shares = _draft(text)["sold_or_shared"]
    said = {s["quote"].split()[0] for s in shares if s["kind"] == "share" and not s["negated"]}
    assert said == {"Unless", "Orla", "We"}  # a company's own marketing is no share for ads
    platforms = (
        "# Privacy policy of Orla\n\n## Advertising\n\n"
        "We may disclose hashed email addresses to advertising platforms and ad exchanges to "
        "build custom audiences.\n"
    )
    draft = _draft(platforms)
    names = {r["id"]: r["name"] for r in draft["recipients"]}
    assert {names[s["recipient"]] for s in draft["sold_or_shared"]} == {
        "advertising platforms",
        "ad exchanges",
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "We disclose your identifiers to our partners for advertising and marketing purposes.",
        "We share data with partners for purposes of delivering more relevant advertising to you.",
        "We share your browsing history with partners to show advertisements that are more "
        "relevant to your interests.",
        "We may share hashed email addresses through Google Customer Match.",
    ],
)
def test_a_share_for_ads_said_by_its_ends_in_other_words(sentence) -> None:
    shares = _draft_said("Advertising", sentence)["sold_or_shared"]
    assert shares and all(s["kind"] == "share" and not s["negated"] for s in shares)


def test_agencies_of_any_kind_receive_and_a_short_datum_is_named_by_its_own_words() -> None:
    text = (
        "# Privacy policy of Orla\n\n## How we share information\n\n"
        "To meet legal requirements we may share personal data with fraud prevention agencies "
        "to identify fraud.\n\n"
        "Your posts may be visible to other members, governments and agencies.\n\n"
        "We may disclose account data to government agencies when the law requires it.\n\n"
        "We use your birth date to calculate and display your age to other users.\n"
    )
    draft = _draft(text)
    roles = {r["name"]: r["role"] for r in draft["recipients"]}
    assert roles["fraud prevention agencies"] == "third_party"
    assert roles["government agencies"] == "public_authority"  # an authority's, as before
    assert "governments and agencies" not in roles
    assert "your age" in {c["name"] for c in draft["collected"]}  # not "age to"


def test_sales_we_do_not_engage_in_are_a_sale_denied() -> None:
    text = (
        "# Privacy policy of Orla\n\n## Children\n\n"
        "We do not engage in sales, sharing, or targeted advertising using personal information "
        "about anyone we know to be under the age of 18.\n\n"
        "## Our shops\n\nWe engage in sales of jewellery through our shops and online.\n"
    )
    sold = _draft(text)["sold_or_shared"]
    assert {(s["kind"], s["negated"]) for s in sold} == {("sale", True), ("share", True)}
    assert all(s["quote"].startswith("We do not") for s in sold)  # jewellery is no one's data


def test_data_displayed_or_made_available_to_other_users_under_any_heading() -> None:
    text = (
        "# Privacy policy of Orla\n\n## Personal information\n\n"
        "During signup, we request your birth date, which we use to calculate and display your "
        "age to other users.\n\n"
        "## Who has access to data\n\n"
        "We make certain data related to your Orla user account available to other players "
        "through our API.\n"
    )
    names = {r["name"] for r in _draft(text)["recipients"]}
    assert {"users", "players"} <= names


def test_an_age_limit_is_no_ones_age() -> None:
    text = (
        "# Privacy policy of Orla\n\n## Children\n\n"
        "If we learn that we have collected personal information of a child under 13 years of "
        "age, we delete it.\n\n## What we collect\n\nWe collect your name and age when you "
        "sign up.\n"
    )
    ages = [c for c in _draft(text)["collected"] if c["fideslang"].endswith("age_range")]
    assert [a["quote"].startswith("We collect") for a in ages] == [True]


def test_a_sharing_table_whose_header_asks_with_who_and_whose_cells_carry_titles() -> None:
    text = (
        "# Privacy notice of Larkspur\n\n## Sharing\n\n"
        "| When we share information, with who, and why | What information we share |\n"
        "| --- | --- |\n"
        "| ##### Reviewers<br><br>To check that profiles follow our house rules, including "
        "providers such as Acme Cloud that host the photos. | *   Name<br>*   Photographs |\n"
        "| ##### Ad Partners<br><br>To build a lookalike audience of people like our members. "
        "We pass them an encrypted email address. | *   Age<br>*   Gender |\n"
        "| ##### Banner Co<br><br>To show you relevant third-party ads in our app. | *   IP "
        "address |\n"
    )
    draft = _draft(text, "larkspur.md")
    names = {r["name"] for r in draft["recipients"]}
    # the title of a cell with no recipient word in it names who receives the row's data
    assert "Reviewers" in names
    assert {"user.name", "user.content.self_image"} <= _flowed_to(draft, "Reviewers")
    # data is given to the row's recipients from its data cell, not from every word of its why
    assert "user.contact.email" not in _flowed_to(draft, "Ad Partners")
    assert "user.contact.email" in {c["fideslang"] for c in draft["collected"]}  # told, so held
    # a row whose why is advertising ("a lookalike audience") shares its data
    assert ("share", "Ad Partners", "user.demographic.age_range") in sales_of(draft)
    assert ("share", "Banner Co", "user.device.ip_address") in sales_of(draft)
    assert ("share", "Reviewers", "user.name") not in sales_of(draft)


def test_a_safeguard_relied_on_states_a_transfer_a_certification_alone_does_not() -> None:
    text = (
        "# Privacy notice of Juniper\n\n## International transfers\n\n"
        "Juniper is based in Canada. We rely primarily on the European Standard Contractual "
        "Clauses.\n\n"
        "Juniper Inc. complies with the EU-U.S. Data Privacy Framework as set forth by the U.S. "
        "Department of Commerce.\n\n"
        "Juniper Inc. is responsible for personal data it receives under the DPF and "
        "subsequently passes to a service provider.\n\n"
        "If you have a complaint about our compliance with the Data Privacy Framework, you may "
        "invoke binding arbitration.\n\n"
        "To learn more about standard contractual clauses, see the Commission's website.\n"
    )
    transfers = _draft(text, "juniper.md")["transfers"]
    said = {(t["quote"].split()[1], t["mechanism"]) for t in transfers}
    assert ("rely", "Standard contractual clauses") in said
    assert ("Inc.", "EU-U.S. Data Privacy Framework") in said  # data received under it
    assert len(transfers) == 2  # not the certification, the recourse nor the pointer
    assert all(t["to"] == [] for t in transfers)  # no place the text does not name


def test_whom_we_share_with_is_a_recipient_though_no_lexicon_names_the_kind() -> None:
    text = (
        "# Privacy notice of Osprey Air\n\n## Sharing\n\n"
        "We share your booking reference with other airlines that operate your flights.\n\n"
        "We may provide your email address to participating caterers.\n\n"
        "We share statistics with ourselves and never with anyone for their purposes.\n"
    )
    draft = _draft(text, "osprey.md")
    names = {r["name"] for r in draft["recipients"]}
    assert {"airlines", "participating caterers"} <= names
    assert "user.contact.email" in _flowed_to(draft, "participating caterers")
    assert not names & {"purposes", "ourselves", "statistics"}


def test_a_datum_named_in_three_letters_in_a_table_cell_stays_in_the_drafted_folder(
    cli, tmp_path: Path
) -> None:
    notice = tmp_path / "wren.md"
    notice.write_text(
        "# Wren privacy notice\n\n## Sharing\n\n"
        "| When we share information, with who, and why | What information we share |\n"
        "| --- | --- |\n"
        "| ##### Ad Partners<br><br>To build a lookalike audience. | *   Email address<br>*   "
        "Age |\n",
        encoding="utf-8",
    )
    out = tmp_path / "wren"
    result = cli("draft", str(notice), "-o", str(out), "--company", "Wren")
    assert result.code == 0, result.err
    assert "left out" not in result.out + result.err  # "Age" is a word of its own quote
    inv = load_inventory(out)
    names = {e.model.name for e in inv.entries.values() if getattr(e.model, "kind", None) == "item"}
    assert "Age" in names


def test_one_line_paragraphs_under_a_heading_of_categories_of_recipients_are_recipients() -> None:
    text = (
        "# Notice of Kite\n\n## Data we collect\n\nWe collect your name and email address.\n\n"
        "## Other categories of recipients\n\nPublic authorities and courts\n\nHosting providers\n\n"
        "Software developers\n\n## Categories of personal information\n\nContact details\n"
    )
    draft = _draft(text, "kite.md")
    names = {r["name"] for r in draft["recipients"]}
    assert {"Hosting providers", "Software developers"} <= names  # who receives, not data
    assert "user.contact" in {c["fideslang"] for c in draft["collected"]}  # data there still


def test_a_table_of_what_providers_do_names_the_providers_of_each_service() -> None:
    text = (
        "# Notice of Heron\n\n## Sharing\n\n"
        "We use service providers that help us deliver the following functions:\n\n"
        "| **Service Description** | **Data Provided** | **Purpose** |\n| --- | --- | --- |\n"
        "| Customer Support | Email address, phone number | To answer your questions |\n"
        "| Payment Processing | Credit card number | To take payment |\n\n"
        "## Our services\n\n"
        "| Service | Data used |\n| --- | --- |\n| Newsletter | Email address |\n"
    )
    draft = _draft(text, "heron.md")
    names = {r["name"] for r in draft["recipients"]}
    assert {"Customer Support providers", "Payment Processing providers"} <= names
    assert "user.financial.credit_card" in _flowed_to(draft, "Payment Processing providers")
    # a table of the company's own services, after no sentence about providers, names no one
    assert not any(n.startswith("Newsletter") for n in names)


def test_a_table_of_purposes_whose_last_column_asks_who_we_share_with() -> None:
    text = (
        "# Data protection information of Lodra\n\n## What we use your data for\n\n"
        "|     |     |     |     |\n| --- | --- | --- | --- |\n"
        "| **Purpose** | **Categories of personal data and the source of the data** | "
        "**How long is the data used for the purpose?** | **Who do we share personal data "
        "with?** |\n"
        "| Verify your identity when you log in. | **Social security number**<br><br>(From "
        "you) | Up to 20 days after you terminate the Service. | Nordic eID Services AB, which "
        "provides the e-identification in the role of personal data controller. |\n"
        "| Send you reminders. | **Email address**<br><br>**Telephone number** | Up to 20 days "
        "after you terminate the Service. | Cloudpost Europe Limited which provides a service "
        "for messages in the EU/EEA in the role of Lodra's personal data processor.<br><br>"
        "Metrix Insights OÜ which provides analysis in the role of personal data processor. |\n"
        "| Answer your questions. | **Email address** | For 24 months. | - |\n"
    )
    draft = _draft(text, "lodra.md")
    roles = {r["name"]: r["role"] for r in draft["recipients"]}
    assert roles.get("Nordic eID Services AB") == "third_party"  # a controller of its own
    assert roles.get("Cloudpost Europe Limited") == "service_provider"
    assert roles.get("Metrix Insights OÜ") == "service_provider"
    # the role a company acts in is no recipient of its own; nor is the table's question
    assert not any("processor" in n or "controller" in n or "Who" in n for n in roles)
    assert "user.government_id" in {k[:18] for k in _flowed_to(draft, "Nordic eID Services AB")}
    assert {"user.contact.email", "user.contact.phone_number"} <= _flowed_to(
        draft, "Cloudpost Europe Limited"
    )
    # a row naming no one is read as any other line: its data and its retention stay
    assert "user.contact.email" in _collected_in(draft, "Answer your questions")
    assert any("For 24 months" in r["quote"] for r in draft["retention"])
    assert any("Up to 20 days" in r["quote"] for r in draft["retention"])


def test_a_transfer_names_the_countries_it_goes_to_and_no_word_that_only_looks_like_one() -> None:
    draft = _draft(
        "# Where your data goes\n\n"
        "Your personal data may be transferred to our service providers in the Netherlands, "
        "Israel and South Korea.\n\n"
        "We may transfer your order details to our bakery, which serves turkey and chile "
        "sandwiches.\n"
    )
    to = {t["quote"][:9]: t["to"] for t in draft["transfers"]}
    assert set(to["Your pers"]) == {"the Netherlands", "Israel", "South Korea"}
    assert not any(t for q, t in to.items() if q.startswith("We may"))


def test_a_run_of_verbs_sharing_one_object_is_a_right_each() -> None:
    draft = _draft(
        "# Privacy policy of Orla\n\n## Your privacy rights\n\n"
        "We respect your ability to know, access, correct, transfer, restrict the processing "
        "of, and delete your personal data.\n\n"
        "We use your data to access and update our records of your orders.\n"
    )
    rights = {r["right"] for r in draft["rights"] if "ability to" in r["quote"]}
    assert rights == {"access", "rectification", "portability", "restriction", "erasure"}
    # what we do with data is no right of yours
    assert not [r for r in draft["rights"] if "our records" in r["quote"]]


def test_what_the_person_can_decide_is_a_choice_in_the_text_s_own_words() -> None:
    draft = _draft(
        "# Privacy policy of Orla\n\n## Your controls\n\n"
        "You can switch these cookies on or off at any time.\n\n"
        "You can always disable all push notifications in your device settings.\n\n"
        "You can decide who can add you as a friend.\n\n"
        "You can choose to add your contacts to find friends faster.\n\n"
        "You can choose to submit your phone number when you sign up.\n\n"
        "You can object to the processing of your personal data.\n\n"
        "You are not able to deactivate this feature in your privacy settings.\n"
    )
    kinds = {c["quote"][:20]: c["kind"] for c in draft["choices"]}
    assert kinds.get("You can switch these") == "opt_out"
    assert kinds.get("You can always disab") == "opt_out"
    assert kinds.get("You can decide who c") == "opt_out"
    assert kinds.get("You can choose to ad") == "opt_in"
    # giving data is no choice about it; objecting is a right; what one cannot do is none
    assert not {"You can choose to su", "You can object to th", "You are not able to "} & set(kinds)


def test_what_we_do_with_data_for_is_a_purpose_under_any_heading() -> None:
    draft = _draft(
        "# Privacy policy of Orla\n\n## Your device\n\n"
        "We store this information to prevent the loss of your custom configurations.\n\n"
        "We may analyse your personal data in order to understand your needs.\n\n"
        "We use cookies to collect information about your visits.\n\n"
        "We keep your data for as long as necessary to provide our services.\n\n"
        'We use the terms "you" and "your" to mean any person using the app.\n\n'
        "We share data with our affiliates for the purposes described in this policy.\n"
    )
    said = {p["quote"][:14] for p in draft["purposes"]}
    assert {"We store this ", "We may analyse"} <= said
    # the means of collecting, how long data is kept, words defined and purposes said elsewhere
    assert not {"We use cookies", "We keep your d", "We use the ter", "We share data "} & said


def test_whom_the_person_directs_data_to_is_a_recipient() -> None:
    draft = _draft(
        "# Privacy policy of Orla\n\n## Sharing\n\n"
        "We may share personal data with service providers, our partners, or others at your "
        "direction.\n\n"
        "We may share information about you with third parties you authorize.\n"
    )
    roles = {r["name"]: r["role"] for r in draft["recipients"]}
    assert roles.get("others at your direction") == "third_party"
    assert roles.get("third parties you authorize") == "third_party"
    assert {"service providers", "partners"} <= set(roles)


def test_a_list_item_s_number_cut_off_from_its_sentence_is_no_fact() -> None:
    draft = _draft(
        "# Privacy policy of Orla\n\n## How we use your data\n\n"
        "**Legal basis**\n\nWe use your data for the following purposes:\n\n"
        "* To deliver your orders.\n"
        "* 7\\. How long do we keep your data?\n\n"
        "    We keep your personal data as long as you have an account.\n\n"
        "* 8\\. Who has access to your personal data?\n"
    )
    names = {p["name"] for p in draft["purposes"]}
    assert "To deliver your orders" in names
    assert not any(re.fullmatch(r"\W*\d+\W*", n) for n in names)
    assert all(
        len(q["quote"].strip(" .")) > 2
        for lst in draft.values()
        if isinstance(lst, list)
        for q in lst
        if isinstance(q, dict) and "quote" in q
    )


def test_a_list_of_the_countries_data_is_transferred_to_is_a_transfer() -> None:
    draft = _draft(
        "# Privacy Policy of Orla\n\n## Sharing with subcontractors\n\n"
        "Countries and regions to which Personal Data is transferred: Japan, the United States, "
        "South Korea, Ireland and Canada.\n\n"
        "Countries and regions where our offices are: Japan and Canada.\n"
    )
    assert [set(t["to"]) for t in draft["transfers"]] == [
        {"Japan", "United States", "South Korea", "Ireland", "Canada"}
    ]


def test_a_share_for_advertising_in_one_item_of_a_sentence_s_list_is_that_item_s() -> None:
    text = (
        "# Privacy policy of Orla\n\n## With our service providers\n\n"
        "We may share information with vendors and other service providers who need access to "
        "it to carry out work for us. A few examples: (i) payment processors who process "
        "transactions on our behalf, (ii) cloud providers who host our data, (iii) ad serving "
        "providers who help us serve relevant ads (by disclosing information such as cookie IDs "
        "and your IP address), and (iv) age verification providers who help us confirm your "
        "date of birth.\n"
    )
    draft = _draft(text)
    names = _recipient_names(draft)
    data = {c["id"]: c["fideslang"] for c in draft["collected"]}
    shares = {
        (names[s["recipient"]], data[s["category"]])
        for s in draft["sold_or_shared"]
        if s["kind"] == "share"
    }
    assert shares == {
        ("ad serving providers", "user.device.cookie_id"),
        ("ad serving providers", "user.device.ip_address"),
    }
    # the other items' providers still receive the data, as disclosures
    flowed = {names[f["recipient"]] for f in draft["flows"]}
    assert {"payment processors", "cloud providers", "age verification providers"} <= flowed


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        (
            "If Orla is involved in a merger, acquisition, or sale of our assets, information "
            "about you may be shared or transferred as part of that transaction.",
            "parties to a merger",
        ),
        (
            "In the unlikely event that Orla or substantially all of its assets are acquired, "
            "customer information will be one of the transferred assets.",
            "acquirer",
        ),
        (
            "In the event of an insolvency or receivership, your information may be transferred "
            "as a business asset.",
            "parties to an insolvency",
        ),
        ("We may sell or transfer our business to another company.", None),
        ("We will never share your information, even in a merger.", None),
    ],
)
def test_data_that_goes_with_a_merger_goes_to_the_parties_to_it(sentence, party) -> None:
    draft = _draft_said("How we share information", sentence)
    roles = {r["name"]: r["role"] for r in draft["recipients"]}
    assert roles == ({party: "acquirer"} if party else {})
    # the business sold is no sale of data
    assert not draft["sold_or_shared"]
    if party:
        names = _recipient_names(draft)
        assert {names[f["recipient"]] for f in draft["flows"]} == {party}


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        ("Your username is public, and anyone can look it up.", "public"),
        ("Information that you post is public and can be seen and used by everyone.", "public"),
        (
            "If you edit without signing in, your contributions will be publicly attributed.",
            "public",
        ),
        ("Once you create a profile, others will be able to see the answers you post.", "others"),
        ("When you buy an item, the other user may view your e-mail address.", "user"),
        ("Some parts of the services are public and email is not a private means.", None),
        ("We will tell you if such information is intended to be public or private.", None),
    ],
)
def test_data_said_to_be_public_or_seen_by_others_goes_to_them(sentence, who) -> None:
    draft = _draft_said("Your profile", sentence)
    names = _recipient_names(draft)
    received = {names[f["recipient"]] for f in draft["flows"]}
    assert received == ({who} if who else set())


def test_companies_named_with_their_countries_in_brackets_are_companies_not_countries() -> None:
    text = (
        "We share your payment details with payment processors (e.g., Stripe (USA), Adyen (the "
        "Netherlands), PayPal (USA), and Checkout Ltd (UK)).\n\n"
        "We share your personal data with the following service providers:\n\n"
        "* **Analytics services** (e.g., Mixpanel (USA), Hotjar (Malta), Matomo (France))"
    )
    names = set(_recipient_names(_draft_said("Service providers", text)).values())
    assert names >= {"payment processors", "Stripe", "Adyen", "PayPal", "Checkout Ltd"}
    assert {"Mixpanel", "Hotjar", "Matomo"} <= names  # every name in the brackets, not the first
    assert not names & {"Netherlands", "the Netherlands", "USA", "UK", "France", "Malta"}


@pytest.mark.parametrize(
    ("sentence", "keys"),
    [
        # the handset and the call are no telephone number; a phone in a list of data is
        (
            "We collect information about the device (for example a mobile phone or computer) "
            "that you use, such as its IP address.",
            {"user.device.ip_address"},
        ),
        ("We record phone calls with our support team.", set()),
        (
            "We collect your name, phone and email.",
            {"user.name", "user.contact.phone_number", "user.contact.email"},
        ),
        # where something is shown or chosen is no data; the profile itself is
        (
            "We collect the photos you choose to display on your profile.",
            {"user.content.self_image"},
        ),
        (
            "We collect your profile information and your privacy settings.",
            {"user.account", "user.account.settings"},
        ),
        # a thing's name is no person's
        (
            "We collect log data such as the model name and the operating system of your device.",
            {"user.device"},
        ),
        ("We collect your name and email address.", {"user.name", "user.contact.email"}),
        # e-mail as the channel is no data
        (
            "We collect information about how an email campaign performed, and your IP address.",
            {"user.device.ip_address"},
        ),
        (
            "When you send us an email, we collect your name and your IP address.",
            {"user.name", "user.device.ip_address"},
        ),
    ],
)
def test_a_handset_a_call_a_place_a_thing_s_name_and_a_channel_are_not_data(sentence, keys) -> None:
    draft = _draft_said("Information we collect", sentence)
    assert _collected_in(draft, sentence[:20]) == keys


@pytest.mark.parametrize(
    ("sentence", "receiving"),
    [
        # who is protected, and where ads are shown, receive nothing
        (
            "We may disclose information if it protects our rights, property, or that of our "
            "users, affiliates, or the public.",
            set(),
        ),
        (
            "We work with advertising partners to show you ads on other third-party websites "
            "and platforms.",
            {"advertising partners"},
        ),
        # who receives data to protect someone does
        (
            "We may disclose your personal data to law enforcement to protect our users.",
            {"law enforcement"},
        ),
        ("You can share certain information on third party services.", {"third party services"}),
    ],
)
def test_who_is_protected_and_where_ads_are_shown_receive_nothing(sentence, receiving) -> None:
    assert set(_recipient_names(_draft_said("Sharing", sentence)).values()) == receiving


def test_a_share_for_ads_goes_to_the_companies_named_and_not_to_a_word_of_the_data() -> None:
    draft = _draft_said(
        "Advertising",
        "We conduct personalised advertising by sharing your data with our partners such as "
        "Meta and Google. We share with ad partners cookie IDs, IP address, "
        "Internet Service Provider (ISP) and browser information for targeted advertising.",
    )
    names = _recipient_names(draft)
    shared_with = {
        names.get(s["recipient"]) for s in draft["sold_or_shared"] if s["kind"] == "share"
    }
    # (the ISP is an item of the data)
    assert shared_with == {"partners", "Meta", "Google", "ad partners"}


def test_data_shared_with_us_by_a_partner_comes_from_it() -> None:
    draft = _draft_said(
        "How we collect personal data",
        "When you take part in a survey run by one of our survey partners, your email address "
        "may be shared with us by the survey partner.",
    )
    # the partner is a source: no one receives the address, and we hold it
    assert draft["recipients"] == [] and draft["flows"] == []
    assert _collected_in(draft, "When you take part") == {"user.contact.email"}


def test_an_item_that_sends_a_hashed_email_to_ad_partners_is_a_share() -> None:
    draft = _draft_said(
        "How we use your data",
        "We rely on your consent to:\n\n"
        "*   Send your hashed email to advertising partners when you have agreed to "
        "personalised advertising.\n",
    )
    names = _recipient_names(draft)
    data = {c["id"]: c["fideslang"] for c in draft["collected"]}
    shares = {
        (names.get(s["recipient"]), data.get(s["category"]))
        for s in draft["sold_or_shared"]
        if s["kind"] == "share" and not s["negated"]
    }
    assert shares == {("advertising partners", "user.contact.email")}
    assert _flowed_to(draft, "advertising partners") == {"user.contact.email"}


def test_a_company_or_kind_that_holds_or_reads_the_data_itself_receives_it() -> None:
    draft = _draft(
        "# Orla Privacy Notice\n\n## Others\n\n"
        "This notice explains how Orla handles the information of Orla customers.\n\n"
        "Veriff will retain your selfie for up to 72 hours.\n\n"
        "Google may set additional cookies when you are logged in.\n\n"
        "These cookies include cookies set by third parties such as Twitter and Parse.ly.\n\n"
        "Your order history is stored by Scaleway in France.\n\n"
        "Orla will retain your email address for two years.\n\n"
        "Members may see your public profile.\n"
    )
    names = set(_recipient_names(draft).values())
    assert {"Veriff", "Google", "third parties", "Twitter", "Parse.ly", "Scaleway"} <= names
    assert _flowed_to(draft, "Veriff") == {"user.content.self_image"}
    assert "Orla" not in names  # the company keeping its own data
    assert "Members" not in names  # people, not a company


def test_the_company_is_named_by_its_title_or_by_its_e_mail_address() -> None:
    # the commonest capitalised word is a term the notice defines; the e-mail address and the
    # title name the company
    said = (
        "## Terms\n\nFennec Media (the Company) runs the Company Services. The Company "
        "explains here how the Company handles data. Write to privacy@fennec.example.\n\n"
        "## Collection\n\nYour email address may be collected by Fennec when you register. "
        "The Company may share it. Fennec keeps the Company records. Fennec and the Company "
        "Services are one. Fennec is the controller.\n"
    )
    names = set(_recipient_names(_draft("# Privacy Policy\n\n" + said)).values())
    assert not any(n.startswith("Fennec") for n in names)
    draft = _draft(
        "# VELA Privacy Notice\n\n## Sharing\n\nVELA Rides handles your data. "
        "Your trips may be accessed by VELA to support you.\n\n"
        "Your trips may be accessed by Stripe to take payment.\n"
    )
    names = set(_recipient_names(draft).values())
    assert "Stripe" in names and not any(n.startswith("VELA") for n in names)


def test_a_page_s_title_over_a_rule_its_date_and_numbered_titles_in_bold_with_full_stops() -> None:
    # as notices converted from HTML write them: the title's underline a line further on,
    # "UPDATED AS OF:", and numbered section titles in bold that end in a full stop
    draft = _draft(
        "Vela Privacy Notice  \n\n------------------------\n\n"
        "UPDATED AS OF: July 1, 2026  \n\n"
        "Vela Rides (\u201cVela\u201d, \u201cwe\u201d) explains here how it handles data.\n\n"
        "**1. PERSONAL INFORMATION WE COLLECT.**\n\n"
        "We collect your name and email address when you book a ride.\n\n"
        "**2. HOW WE DISCLOSE PERSONAL INFORMATION.**\n\n"
        "We share your email address with payment processors.\n"
    )
    assert draft["policy"]["title"] == "Vela Privacy Notice"
    assert draft["policy"]["last_updated"] == "2026-07-01"
    sections = {c["name"]: c["section"] for c in draft["collected"]}
    assert sections["name"] == "1. PERSONAL INFORMATION WE COLLECT"
    recipients = {r["name"]: r["section"] for r in draft["recipients"]}
    assert recipients["payment processors"] == "2. HOW WE DISCLOSE PERSONAL INFORMATION"


def test_items_of_when_data_is_shared_and_what_others_may_read_or_use() -> None:
    draft = _draft_said(
        "Sharing",
        "We may share personal information in the following circumstances:\n\n"
        "* With an app developer when you install an app from our App Marketplace;\n"
        "* Corporate Restructuring.\n"
        "* In the event of a merger, sale, change in control, or reorganization of all or part "
        "of our business;\n\n"
        "We may be required to share your domain data with the relevant registry operators.\n\n"
        "Any information that you post in a forum might be read, collected, and used by others "
        "who access it.\n",
    )
    names = set(_recipient_names(draft).values())
    assert {"app developer", "parties to a merger", "others"} <= names
    assert any(n.endswith("registry operators") for n in names)
    roles = {r["name"]: r["role"] for r in draft["recipients"]}
    assert roles["parties to a merger"] == "acquirer"
    assert "parties to a restructuring" not in names  # an item titled by the event says no when


def test_no_title_from_a_date_or_contents_and_an_id_by_the_company_s_name_is_data() -> None:
    draft = _draft(
        "#### Last Updated: August 14, 2025\n\n### Table of Contents\n\n1. Introduction\n\n"
        "## Vela Privacy Notice\n\nThis notice explains how Vela handles the personal "
        "information of its players.\n\n## What we collect\n\n"
        "We collect your Vela ID, your Vela Phone and your email address when you play.\n"
    )
    assert draft["policy"]["title"] == "Vela Privacy Notice"
    assert draft["policy"]["last_updated"] == "2025-08-14"
    names = {c["name"] for c in draft["collected"]}
    assert "Vela ID" in names and "email address" in names
    assert "Vela Phone" not in names  # a product named after the company is no data


def test_what_others_made_public_is_a_source_not_a_disclosure() -> None:
    draft = _draft_said(
        "Information",
        "We may use the information made publicly available, e.g. through YouTube, Facebook "
        "and Twitter, in order to find out your opinion about our games.\n\n"
        "Your reviews are made publicly available on the site.\n",
    )
    public = [r for r in draft["recipients"] if r["name"].lower().endswith("public")]
    assert public and all("reviews" in r["quote"] for r in public)
    assert not {"YouTube", "Facebook", "Twitter"} & set(_recipient_names(draft).values())
