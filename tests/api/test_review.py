"""GET /findings and GET /diff."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def test_findings_for_a_regime(client) -> None:
    response = client.get("/findings", params={"regime": "pipl", "as_of": "2026-11-24"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["regime"] == {"id": "pipl", "name": "PIPL"} and body["as_of"] == "2026-11-24"
    ids = {f["id"] for f in body["findings"]}
    assert "pipl-representative" in ids and "pipl-cross-border-consent:prc-to-us" in ids
    finding = next(f for f in body["findings"] if f["id"] == "pipl-representative")
    assert finding["legal_reference"].startswith("PIPL Art. 53")
    assert finding["sources"] and finding["remedy"]
    assert {r["status"] for r in body["rules"]} == {"pass", "fail", "not_applicable"}
    # only the rules about systems, which the shipped inventory (the notice alone) has none of
    assert {r["id"] for r in body["rules"] if r["status"] == "not_applicable"} == {
        "systems-sensitive-without-consent-pipl"
    }


def test_findings_are_cached_until_the_day_changes(client) -> None:
    first = client.get("/findings", params={"as_of": "2026-11-24"})
    again = client.get(
        "/findings",
        params={"as_of": "2026-11-24"},
        headers={"If-None-Match": first.headers["etag"]},
    )
    assert again.status_code == 304
    other_day = client.get("/findings", params={"as_of": "2026-11-25"})
    assert other_day.headers["etag"] != first.headers["etag"]


def test_findings_as_markdown(client) -> None:
    response = client.get(
        "/findings", params={"regime": "ccpa"}, headers={"Accept": "text/markdown"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/markdown")
    assert response.text.startswith("# Compliance findings")


def test_findings_errors(client, expect_problem) -> None:
    expect_problem(client.get("/findings", params={"regime": "hipaa"}), 404, "no regime matches")
    expect_problem(client.get("/findings", params={"as_of": "yesterday"}), 422)


def test_findings_need_the_records_scope(make_client) -> None:
    keys = "ci-7f3a9e22:catalog,dpo-91bc2d77:records"
    c = make_client(api_keys=keys)
    assert c.get("/findings", headers={"X-API-Key": "ci-7f3a9e22"}).status_code == 403
    assert c.get("/findings", headers={"X-API-Key": "dpo-91bc2d77"}).status_code == 200


@pytest.fixture
def served_repo(tmp_path: Path, inventory_dir: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(
        inventory_dir, root / "inventory", ignore=shutil.ignore_patterns("__pycache__", "*.py")
    )

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t.invalid", *args],
            check=True,
            capture_output=True,
        )

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "first")
    path = root / "inventory" / "recipients.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: Shipping providers", "name: Couriers", 1), encoding="utf-8")
    git("commit", "-q", "-am", "rename shipping providers")
    return root / "inventory"


def test_diff_between_revisions(make_client, served_repo: Path) -> None:
    c = make_client(inventory=served_repo)
    response = c.get("/diff", params={"from": "HEAD~1", "to": "HEAD"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["summary"]["changed"] == 1 and body["new"]["revision"] == "HEAD"
    [change] = next(s for s in body["sections"] if s["name"] == "recipients")["changes"]
    assert change["fields"] == [{"field": "name", "old": "Shipping providers", "new": "Couriers"}]
    again = c.get(
        "/diff",
        params={"from": "HEAD~1", "to": "HEAD"},
        headers={"If-None-Match": response.headers["etag"]},
    )
    assert again.status_code == 304
    md = c.get("/diff", params={"from": "HEAD~1"}, headers={"Accept": "text/markdown"})
    assert md.status_code == 200 and "# Changes to the record of processing" in md.text


def test_diff_errors(make_client, served_repo: Path, expect_problem) -> None:
    c = make_client(inventory=served_repo)
    expect_problem(c.get("/diff", params={"from": "v9.9"}), 404, "no folder or git revision 'v9.9'")
    option = expect_problem(c.get("/diff", params={"from": "--output=/tmp/x"}), 422)
    assert option["errors"][0]["loc"] == ["query", "from"]
    expect_problem(c.get("/diff", params={"from": "HEAD..main"}), 422)
    expect_problem(c.get("/diff", params={"from": str(served_repo)}), 422)  # no folders over HTTP
    expect_problem(c.get("/diff"), 422)


def test_diff_takes_only_revision_names(make_client, served_repo: Path, expect_problem) -> None:
    c = make_client(inventory=served_repo)
    for reflog_or_search in ("HEAD@{0}", "HEAD^{/rename}", "main@{yesterday}", "HEAD~1.."):
        expect_problem(c.get("/diff", params={"from": reflog_or_search}), 422)
    assert c.get("/diff", params={"from": "main~1", "to": "main^0"}).status_code == 200


def test_diff_answers_are_kept_and_bounded(
    make_client, served_repo: Path, expect_problem, monkeypatch
) -> None:
    from api.routers import review

    computed: list[str] = []
    real = review.diff_inventories

    def counting(old, *args, **kwargs):
        computed.append(old)
        return real(old, *args, **kwargs)

    monkeypatch.setattr(review, "diff_inventories", counting)
    c = make_client(inventory=served_repo)
    first = c.get("/diff", params={"from": "HEAD~1", "to": "HEAD"})
    again = c.get("/diff", params={"from": "HEAD~1", "to": "HEAD"})
    assert first.status_code == again.status_code == 200 and again.content == first.content
    assert computed == ["HEAD~1"]  # the second was the kept answer for the same two commits
    gate = c.app.state.diffs_at_once
    for _ in range(review.DIFFS_AT_ONCE):  # as if that many diffs were being computed
        gate.acquire()
    try:
        busy = expect_problem(c.get("/diff", params={"from": "HEAD~1"}), 503, "try again")
        assert busy.get("status") == 503
        assert c.get("/diff", params={"from": "HEAD~1"}).headers["retry-after"] == "2"
    finally:
        for _ in range(review.DIFFS_AT_ONCE):
            gate.release()
    assert c.get("/diff", params={"from": "HEAD~1"}).status_code == 200
