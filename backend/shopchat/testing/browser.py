"""The system chromium and the flags every browser run of the project uses (Playwright never
downloads a browser here)."""

from __future__ import annotations

import os
import shutil

CHROMIUM = os.environ.get("SHOPCHAT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
