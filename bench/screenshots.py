"""`make screenshots`: the data map in a real headless Chromium at two sizes, for review.
Written to build/screenshots/ (the whole map, and payment information in focus)."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import uvicorn

from api.main import create_app
from catalog.dev.arcadedb import free_port
from catalog.dev.browser import Chromium

OUT = Path("build/screenshots")
SIZES = ((1280, 800), (1920, 1080))
VIEWS = (("map", ""), ("payment-information", "#focus=payment-information"))


def main() -> int:
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    try:
        for width, height in SIZES:
            with Chromium(width, height) as browser:
                for name, view in VIEWS:
                    browser.navigate(f"http://127.0.0.1:{port}/map{view}")
                    browser.wait_for("document.body && document.body.dataset.ready === '1'")
                    time.sleep(0.3)  # the side panel's fetch
                    path = browser.screenshot(OUT / f"{name}-{width}x{height}.png")
                    sys.stdout.write(f"wrote {path}\n")
    finally:
        server.should_exit = True
    return 0


if __name__ == "__main__":
    sys.exit(main())
