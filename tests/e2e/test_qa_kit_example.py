"""The QA guide's example, run exactly as written from a folder outside the project, by the
QA kit installed from the wheel into a fresh venv (tests/packaging.py)."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from shopchat.testing import free_port
from tests.packaging import Installed, clean_env

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "testing.md"
PRODUCT_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Blue mug</title></head>
<body><h1>Blue mug</h1><p>€12 — stoneware, 350 ml.</p></body></html>
"""


def guide_examples() -> dict[str, str]:
    """The code blocks of docs/testing.md announced by `<!-- example: NAME -->`."""
    pattern = re.compile(r"<!-- example: (\S+) -->\n```python\n(.*?)```", re.DOTALL)
    return dict(pattern.findall(GUIDE.read_text()))


def test_the_guide_s_example_passes_from_outside_the_project(
    tmp_path: Path, installed_shopchat: Installed
) -> None:
    examples = guide_examples()
    assert set(examples) == {"conftest.py", "test_chat.py"}
    for name, code in examples.items():
        (tmp_path / name).write_text(code)
    store = tmp_path / "store"
    store.mkdir()
    (store / "product.html").write_text(PRODUCT_PAGE)
    port = free_port()
    site = ThreadingHTTPServer(
        ("127.0.0.1", port), partial(SimpleHTTPRequestHandler, directory=str(store))
    )
    threading.Thread(target=site.serve_forever, daemon=True).start()
    try:
        # the guide's command line, the store given as pytest-playwright's base URL
        command = ["pytest", "--base-url", f"http://127.0.0.1:{port}"]
        result = subprocess.run(
            [installed_shopchat.bin(command[0]), *command[1:], "-q", "-p", "no:cacheprovider"],
            cwd=tmp_path,
            env=clean_env(),
            capture_output=True,
            text=True,
            timeout=240,
        )
    finally:
        site.shutdown()
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "1 passed" in result.stdout


def test_the_plugin_can_be_switched_off(tmp_path: Path) -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "pytest", "--fixtures", "-q", "-p", "no:cacheprovider"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "shopchat_server" in listed.stdout
    off = subprocess.run(
        [sys.executable, "-m", "pytest", "--fixtures", "-q", "-p", "no:shopchat"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "shopchat_server" not in off.stdout
