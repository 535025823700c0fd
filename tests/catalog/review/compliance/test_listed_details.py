"""The wrong details issue 29 listed, each checked against the policy's own sentences."""

from __future__ import annotations

import json

from catalog import queries
from catalog.queries.engine import QueryEngine


def test_a_postal_address_goes_to_marketers_for_postal_promotions_only(engine: QueryEngine) -> None:
    """ "To opt out of postal mail promotions, please send us a postal request." The postal
    address serves postal promotions; e-mail and telephone promotions reach other data."""
    answer = engine.ask(queries.WHO_RECEIVES, category="home address")
    marketers = next(r for r in answer.recipients if r.id == "marketing-service-providers")
    promotions = {p.name for p in marketers.purposes if "promotion" in p.name.lower()}
    assert promotions == {"To send postal mail promotions"}
    phone = engine.ask(queries.WHO_RECEIVES, category="phone number")
    for r in phone.recipients:
        assert "To send postal mail promotions" not in {p.name for p in r.purposes}


def _findings(cli, *args: str) -> dict:
    result = cli("findings", *args, "--json")
    assert result.code in (0, 1), result.err
    return {f["id"]: f for f in json.loads(result.out)["findings"]}


def test_the_prc_representative_finding_cites_the_prc_section(cli) -> None:
    finding = _findings(cli, "--regime", "pipl")["pipl-representative"]
    sections = {c["section"] for c in finding["sources"]}
    assert sections == {"Data Protection For Individuals Based In The People's Republic Of China"}
    assert any(
        c["quote"].startswith("Stefere, LLC., having its registered address at 366 Madison Avenue")
        for c in finding["sources"]
    )


def test_each_missing_legal_basis_has_its_own_remedy(cli) -> None:
    found = _findings(cli, "--regime", "gdpr")
    missing = {k: f for k, f in found.items() if k.startswith("gdpr-legal-basis:")}
    assert set(missing) >= {
        "gdpr-legal-basis:aggregation",
        "gdpr-legal-basis:combined-profiles",
    }
    remedies = {f["remedy"] for f in missing.values()}
    assert len(remedies) == len(missing)  # not one text copied onto each
    assert (
        "Creating and disclosing aggregate information"
        in (missing["gdpr-legal-basis:aggregation"]["remedy"])
    )
    assert "business transfers" not in missing["gdpr-legal-basis:combined-profiles"]["remedy"]
