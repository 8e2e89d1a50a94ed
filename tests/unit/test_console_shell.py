"""The installable console: its manifest, and the shell the service worker caches (the files
index.html names, versioned by their content, written into sw.js as it is served)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from shopchat.api import console_shell
from shopchat.config import PACKAGE_DIR, WIDGET_DIR

CONSOLE = PACKAGE_DIR / "console"
WIDGET = WIDGET_DIR


def _shell(body: bytes) -> dict:
    match = re.search(rb"const SHELL = (\{.*?\});\n", body)
    assert match, "sw.js carries the shell"
    return json.loads(match.group(1))


def test_the_manifest_makes_an_installable_app_scoped_to_the_console() -> None:
    manifest = json.loads((CONSOLE / "manifest.webmanifest").read_text())
    assert manifest["start_url"] == manifest["scope"] == "/console/"
    assert manifest["display"] == "standalone"
    assert manifest["name"] and manifest["short_name"] and manifest["theme_color"]
    icons = {(i["sizes"], i["purpose"]): i["src"] for i in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= set(icons)
    for src in icons.values():
        assert (CONSOLE / src.removeprefix("/console/")).is_file(), src
    assert (
        '<link rel="manifest" href="/console/manifest.webmanifest">'
        in (CONSOLE / "index.html").read_text()
    )


def test_the_shell_is_every_console_file_index_html_names_and_nothing_of_the_api() -> None:
    shell = _shell(console_shell.service_worker(WIDGET).body)
    files = shell["files"]
    assert files[0] == "/console/"
    index = (CONSOLE / "index.html").read_text()
    for preloaded in re.findall(r'rel="modulepreload" href="([^"]+)"', index):
        assert preloaded in files
    assert {"/console/js/main.js", "/console/console.css", "/console/manifest.webmanifest"} <= set(
        files
    )
    assert "/console/icons/icon-maskable-512.png" in files
    assert all(f.startswith("/console/") for f in files)
    assert "/console/sw.js" not in files
    assert re.fullmatch(r"[0-9a-f]{16}", shell["version"])


@pytest.fixture
def console_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "console"
    shutil.copytree(CONSOLE, copy, ignore=shutil.ignore_patterns("common"))
    monkeypatch.setattr(console_shell, "CONSOLE_DIR", copy)
    return copy


@pytest.mark.parametrize("changed", ["console.css", "js/views/thread.js", "index.html", "sw.js"])
def test_changing_a_shell_file_changes_the_version_so_browsers_update(
    console_copy: Path, changed: str
) -> None:
    before = console_shell.service_worker(WIDGET)
    path = console_copy / changed
    path.write_text(path.read_text() + "\n/* deployed */\n")
    after = console_shell.service_worker(WIDGET)
    assert _shell(after.body)["version"] != _shell(before.body)["version"]
    assert after.etag != before.etag
    assert _shell(after.body)["files"] == _shell(before.body)["files"]


def test_a_file_outside_the_shell_leaves_the_version_alone(console_copy: Path) -> None:
    before = _shell(console_shell.service_worker(WIDGET).body)["version"]
    (console_copy / "icons" / "make_icons.py").write_text("# edited\n")
    assert _shell(console_shell.service_worker(WIDGET).body)["version"] == before
