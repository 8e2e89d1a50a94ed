"""What a store page downloads from the chat server, before and after the shopper opens the chat.

Starts a real `shopchat serve` (SQLite, temporary folder) and the demo store on another
origin, drives Debian's chromium with Playwright, and prints JSON: every response from the chat
server with its bytes on the wire (gzip where the server compresses), summed per phase.

    .venv/bin/python bench/widget_size.py

Budgets (issue 3): before opening ≤ 8 KB gzipped in one request; after opening ≤ 40 KB,
fonts included. The "after" phase also opens the emoji picker (its data loads on demand).
"""

from __future__ import annotations

import gzip
import json
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "backend"))

from shopchat.api.widget_resources import widget_assets  # noqa: E402
from shopchat.demo import start_demo_site  # noqa: E402
from shopchat.testing import ServerProcess, free_port  # noqa: E402
from shopchat.testing.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from shopchat.testing.widget_page import ShopperWidget  # noqa: E402

BUDGET_BEFORE = 8 * 1024
BUDGET_AFTER = 40 * 1024


def main() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        site_port = free_port()
        store = f"http://127.0.0.1:{site_port}"
        server = ServerProcess(
            work,
            {
                "SHOPCHAT_VAR_DIR": str(work / "var"),
                "SHOPCHAT_DATABASE_URL": f"sqlite://{work}/var/shopchat.db",
            },
        )
        shop = server.cli("create-shop", "--name", "Bench", "--origin", store)
        site = start_demo_site("127.0.0.1", site_port, server.url, shop["shop_key"])
        try:
            with server, sync_playwright() as pw:
                return measure(pw, server.url, store)
        finally:
            site.shutdown()


def measure(pw, chat_url: str, store: str) -> dict:
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    page = browser.new_page()
    seen: list[dict] = []
    phase = {"name": "before_open"}

    def on_finished(request) -> None:
        if not request.url.startswith(chat_url) or request.url.startswith(
            chat_url.replace("http", "ws")
        ):
            return
        response = request.response()
        sizes = request.sizes()
        seen.append(
            {
                "phase": phase["name"],
                "url": request.url.split("?")[0].replace(chat_url, ""),
                "status": response.status if response else None,
                "encoding": (response.headers.get("content-encoding") if response else None),
                "bytes": sizes["responseBodySize"],
            }
        )

    page.on("requestfinished", on_finished)
    page.goto(store + "/product.html")
    widget = ShopperWidget(page).wait_loaded()
    page.wait_for_load_state("networkidle")
    phase["name"] = "after_open"
    widget.open()
    page.evaluate("() => document.fonts.ready")
    widget.by("emoji-button").click()
    widget.by("emoji").first.wait_for()
    page.wait_for_load_state("networkidle")
    browser.close()

    def total(name: str) -> dict:
        rows = [r for r in seen if r["phase"] == name and r["status"] == 200]
        return {"requests": len(rows), "bytes": sum(r["bytes"] for r in rows)}

    before, after = total("before_open"), total("after_open")
    loader = (ROOT / "widget" / "shopchat.js").read_bytes()
    panel = widget_assets(ROOT / "widget")[1]["panel.js"].body  # joined from widget/src
    return {
        "before_open": {**before, "budget": BUDGET_BEFORE, "ok": before["bytes"] <= BUDGET_BEFORE
                        and before["requests"] == 1},
        "after_open": {**after, "budget": BUDGET_AFTER, "ok": after["bytes"] <= BUDGET_AFTER},
        "files": seen,
        "source": {
            "shopchat.js": {"raw": len(loader), "gzip9": len(gzip.compress(loader, 9))},
            "panel.js": {"raw": len(panel), "gzip9": len(gzip.compress(panel, 9))},
        },
    }  # fmt: skip


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
