"""The console as an installable app: the files of its shell and their version, written into
the service worker as it is served (/console/sw.js).

The shell is what index.html names under /console/ (its stylesheet, entry module, every
preloaded module, the manifest and icons; tests/unit/test_console_modules.py keeps the module
list complete) plus the manifest's icons. The version is a hash of those files and sw.js
itself, so deploying any change to them changes sw.js's bytes: the browser then installs the
new worker, which caches the new shell under a new name and deletes the old caches.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Container
from functools import lru_cache
from pathlib import Path

from ..config import PACKAGE_DIR
from ..services.errors import NotFound
from .widget_resources import Asset

CONSOLE_DIR = PACKAGE_DIR / "console"
SHELL_MARK = "/*@shell*/{}"
ROOT_URL = "/console/"
JS = "text/javascript; charset=utf-8"
FILE_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}")
_REFERENCE = re.compile(r'(?:href|src)="(/console/[^"?#]+)"')


def console_path(widget_dir: Path, name: str, suffixes: Container[str]) -> Path:
    """The file a name under /console/ serves: any depth under the console folder, or under
    widget/src/common for common/…; every segment a plain name (no `..`, no hidden files, no
    empty segment, so no absolute path), a suffix in `suffixes`, and still under its root once
    symlinks are resolved; anything else is not found."""
    root = CONSOLE_DIR
    if name.startswith("common/"):
        root, name = widget_dir / "src" / "common", name.removeprefix("common/")
    parts = name.split("/")
    if not all(FILE_NAME.fullmatch(part) for part in parts):
        raise NotFound("no such file")
    path = root.joinpath(*parts)
    if path.suffix not in suffixes or not path.is_file():
        raise NotFound("no such file")
    if not path.resolve().is_relative_to(root.resolve()):
        raise NotFound("no such file")
    return path


def shell_urls(index_html: str, manifest: dict) -> list[str]:
    """/console/ first, then every /console/ file index.html names and the manifest's icons."""
    named = set(_REFERENCE.findall(index_html))
    named.update(
        icon["src"] for icon in manifest.get("icons", []) if icon["src"].startswith(ROOT_URL)
    )
    return [ROOT_URL, *sorted(named - {ROOT_URL})]


def _stamp(widget_dir: Path) -> tuple[int, ...]:
    paths = sorted(CONSOLE_DIR.rglob("*")) + sorted((widget_dir / "src" / "common").rglob("*"))
    return tuple(p.stat().st_mtime_ns for p in paths if p.is_file())


@lru_cache(maxsize=4)
def _render(widget_dir: Path, _stamp: tuple[int, ...]) -> Asset:
    index = (CONSOLE_DIR / "index.html").read_text(encoding="utf-8")
    manifest = json.loads((CONSOLE_DIR / "manifest.webmanifest").read_text(encoding="utf-8"))
    urls = shell_urls(index, manifest)
    template = (CONSOLE_DIR / "sw.js").read_text(encoding="utf-8")
    digest = hashlib.sha256(template.encode())
    for url in urls:
        name = url.removeprefix(ROOT_URL) or "index.html"
        digest.update(url.encode() + b"\0")
        digest.update(console_path(widget_dir, name, {Path(name).suffix}).read_bytes())
    version = digest.hexdigest()[:16]
    shell = json.dumps({"version": version, "files": urls}, separators=(",", ":"))
    if SHELL_MARK not in template:
        raise RuntimeError(f"console/sw.js lost its {SHELL_MARK} mark")
    body = template.replace(SHELL_MARK, shell, 1).encode()
    return Asset(body, gzip.compress(body, 9, mtime=0), f'"{version}"', JS)


def service_worker(widget_dir: Path) -> Asset:
    """/console/sw.js with the shell filled in (ETag: the version), rebuilt whenever a console
    file changes."""
    return _render(widget_dir, _stamp(widget_dir))
