"""Reconciliation: the example shop's systems against Stefere's notice. Each finding cites a
policy sentence and the system evidence behind it."""

from __future__ import annotations

import json
from pathlib import Path

import yaml


def findings(cli, root: Path, *args: str) -> dict:
    result = cli("--inventory", str(root), "findings", "--json", *args)
    assert result.code in (0, 1), result.err
    return json.loads(result.out)


def of_rule(report: dict, rule: str) -> dict[str, dict]:
    return {f["id"].split(":", 1)[1]: f for f in report["findings"] if f["rule"] == rule}


def edit_systems(root: Path, change) -> None:
    path = root / "systems.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_without_systems_the_rules_do_not_apply(cli, inventory_dir: Path) -> None:
    report = findings(cli, inventory_dir)
    outcomes = {r["id"]: r for r in report["rules"]}
    for rule in ("systems-held-not-stated", "systems-flow-not-named", "systems-stated-not-held"):
        assert outcomes[rule]["status"] == "not_applicable", rule
        assert "no systems" in outcomes[rule]["note"]


def test_what_the_shop_holds_that_the_notice_never_names(cli, shop_inventory: Path) -> None:
    held = of_rule(findings(cli, shop_inventory), "systems-held-not-stated")
    assert set(held) == {
        "shop-db|user.demographic.date_of_birth",
        "shop-db|user.location.precise",
        "shop-db|user.authorization.password",
    }
    dob = held["shop-db|user.demographic.date_of_birth"]
    assert "customers.date_of_birth" in dob["summary"]
    [evidence] = dob["evidence"]
    assert "values look like birth date" in evidence and "not yet reviewed" in evidence
    assert dob["sources"] and dob["sources"][0]["quote"]
    # first and last names are covered by the notice's "full name"; join keys are not data
    assert not any("name.first" in k or "unique_id" in k for k in held)


def test_a_rejected_field_holds_nothing(cli, shop_inventory: Path) -> None:
    inv = ("--inventory", str(shop_inventory))
    assert (
        cli(
            *inv, "review", "shop-db", "customers.date_of_birth", "--reject", "--note", "test data"
        ).code
        == 0
    )
    held = of_rule(findings(cli, shop_inventory), "systems-held-not-stated")
    assert "shop-db|user.demographic.date_of_birth" not in held


def test_flows_are_held_against_the_notice(cli, shop_inventory: Path) -> None:
    report = findings(cli, shop_inventory)
    assert (
        of_rule(report, "systems-flow-not-named") == {}
    )  # payment data to payment providers: named

    def send_recordings_to_marketers(data: dict) -> None:
        data["systems"][0]["flows"] += [
            {"to": "marketing-service-providers", "categories": ["call-recordings"]},
            {"to": "interest-based-advertising-partners", "categories": ["call-recordings"]},
        ]

    edit_systems(shop_inventory, send_recordings_to_marketers)
    report = findings(cli, shop_inventory)
    general = of_rule(report, "systems-flow-only-general")
    none = of_rule(report, "systems-flow-not-named")
    assert set(general) == {"shop-db|marketing-service-providers|call-recordings"}
    assert set(none) == {"shop-db|interest-based-advertising-partners|call-recordings"}
    finding = none["shop-db|interest-based-advertising-partners|call-recordings"]
    assert finding["severity"] == "high"
    assert "declared by A. DPO on 2026-11-30 (Systems register v1)" in finding["evidence"][0]


def test_hosting_needs_a_stated_transfer(cli, shop_inventory: Path) -> None:
    assert of_rule(findings(cli, shop_inventory), "systems-hosted-without-transfer") == {}

    def host_in_the_prc_without_catch_alls(data: dict) -> None:
        data["systems"][0]["hosted_in"] = "prc"

    edit_systems(shop_inventory, host_in_the_prc_without_catch_alls)
    # the notice's EEA transfers reach the PRC only through "other countries": covered
    assert of_rule(findings(cli, shop_inventory), "systems-hosted-without-transfer") == {}
    transfers = shop_inventory / "transfers.yaml"
    text = transfers.read_text(encoding="utf-8")
    transfers.write_text(
        text.replace("to: non-adequate-third-countries", "to: us"), encoding="utf-8"
    )
    hosted = of_rule(findings(cli, shop_inventory), "systems-hosted-without-transfer")
    assert set(hosted) == {"shop-db|eea"}
    summary = hosted["shop-db|eea"]["summary"]
    assert summary.startswith("Shop is hosted in ") and "transfers from" in summary
    assert "declared by A. DPO" in hosted["shop-db|eea"]["evidence"][0]


def test_stated_but_held_nowhere_is_for_review(cli, shop_inventory: Path) -> None:
    [finding] = of_rule(findings(cli, shop_inventory), "systems-stated-not-held").values()
    assert finding["severity"] == "info"
    assert "Inferences and profiles" in finding["summary"]
    assert "E-mail addresses" not in finding["summary"]


def test_sensitive_data_held_without_consent(cli, shop_inventory: Path) -> None:
    # Stefere's notice states separate consent for payment information under PIPL: passes.
    report = findings(cli, shop_inventory, "--regime", "pipl")
    assert of_rule(report, "systems-sensitive-without-consent-pipl") == {}
    choices = shop_inventory / "organisations.yaml"
    text = choices.read_text(encoding="utf-8")
    choices.write_text(text.replace("kind: opt_in", "kind: opt_out"), encoding="utf-8")
    report = findings(cli, shop_inventory, "--regime", "pipl")
    [finding] = of_rule(report, "systems-sensitive-without-consent-pipl").values()
    assert "payment" in finding["summary"].lower() and finding["evidence"]
