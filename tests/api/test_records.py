"""/ropa as JSON, CSV and Markdown."""

from __future__ import annotations

import csv
import io

from catalog.exports.record_tables import GDPR_COLUMNS


def test_gdpr_record_json(client) -> None:
    body = client.get("/ropa").json()
    assert body["regime"]["id"] == "gdpr" and len(body["activities"]) == 23
    assert body["controller"][0]["id"] == "stefere-llc"


def test_record_as_csv_on_accept(client) -> None:
    response = client.get("/ropa", params={"regime": "gdpr"}, headers={"Accept": "text/csv"})
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["etag"]
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0][1:-1] == [title for title, _ in GDPR_COLUMNS]
    assert len(rows) == 24


def test_ccpa_and_pipl_and_markdown(client) -> None:
    assert client.get("/ropa", params={"regime": "ccpa"}).json()["regime"]["id"] == "ccpa"
    md = client.get("/ropa", params={"regime": "PIPL"}, headers={"Accept": "text/markdown"})
    assert md.text.startswith("# Record of processing activities: PIPL")


def test_unknown_regime(client, expect_problem) -> None:
    body = expect_problem(
        client.get("/ropa", params={"regime": "hipaa"}), 404, "no regime matches 'hipaa'"
    )
    assert body["suggestions"] == [] or all("id" in s for s in body["suggestions"])


def test_accept_is_negotiated_by_q_value(client) -> None:
    refused_csv = client.get("/ropa", headers={"Accept": "text/csv;q=0"})
    assert refused_csv.headers["content-type"] == "application/json"
    preferred = client.get("/ropa", headers={"Accept": "text/markdown;q=0.5, text/csv"})
    assert preferred.headers["content-type"] == "text/csv; charset=utf-8"
    browser = client.get("/ropa", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert browser.headers["content-type"] == "application/json"
    wildcard_text = client.get("/ropa", headers={"Accept": "text/*;q=0.9, application/json;q=0.1"})
    assert wildcard_text.headers["content-type"] == "text/csv; charset=utf-8"  # first text offer


def test_record_as_a_workbook(client) -> None:
    media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = client.get("/ropa", headers={"Accept": media})
    assert response.headers["content-type"] == media
    assert response.headers["content-disposition"] == 'inline; filename="ropa-gdpr.xlsx"'
    assert response.content.startswith(b"PK")
