"""/docs and /redoc work with no network: every script, style and icon they load is served by
the API itself, from the package."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "api" / "static"


@pytest.mark.parametrize("page", ["/docs", "/redoc", "/docs/oauth2-redirect"])
def test_the_docs_pages_load_nothing_from_outside(client, page: str) -> None:
    response = client.get(page)
    assert response.status_code == 200 and "text/html" in response.headers["content-type"]
    loaded = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", response.text)
    loaded += re.findall(r"""url:\s*['"]([^'"]+)['"]""", response.text)
    assert all(not re.match(r"^(https?:)?//", url) for url in loaded), loaded
    for url in loaded:
        if url.startswith("/assets/"):
            asset = client.get(url)
            assert asset.status_code == 200, url
            assert asset.content == (STATIC / url.removeprefix("/assets/")).read_bytes()


def test_the_swagger_page_uses_the_shipped_bundle(client) -> None:
    html = client.get("/docs").text
    assert "/assets/swagger-ui/swagger-ui-bundle.js" in html
    assert "/assets/swagger-ui/swagger-ui.css" in html
    assert "/openapi.json" in html
    assert "fonts.googleapis" not in client.get("/redoc").text


def test_the_shipped_assets_carry_their_licences() -> None:
    assert "Apache License" in (STATIC / "swagger-ui" / "LICENSE").read_text()
    assert "MIT" in (STATIC / "redoc" / "LICENSE").read_text()
    assert "swagger-ui-dist" in (STATIC / "README.md").read_text()
