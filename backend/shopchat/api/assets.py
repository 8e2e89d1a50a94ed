"""Static files: the widget under /widget/v1/ and the agent console under /console."""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import re
from functools import lru_cache
from pathlib import Path

from sanic import Blueprint, Request
from sanic.response import HTTPResponse

from ..config import PACKAGE_DIR
from ..realtime.node import Runtime
from ..services.errors import NotFound
from .cors import shop_cors_headers
from .widget_resources import STABLE, Asset, respond, stable_script

CONSOLE_DIR = PACKAGE_DIR / "console"
CONSOLE_CSP = (
    "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: blob:; "
    "style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
CONTENT_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".svg": "image/svg+xml",
}

COMPRESSIBLE = {".js", ".css", ".html", ".json", ".svg"}

widget = Blueprint("widget", url_prefix="/widget/v1")
console = Blueprint("console", url_prefix="/console")


_FILE_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}")


def _resolve(root: Path, name: str) -> Path:
    """A file directly under root; anything else (.., hidden files, folders) is not found."""
    if not _FILE_NAME.fullmatch(name):
        raise NotFound("no such file")
    path = root / name
    if not path.is_file():
        raise NotFound("no such file")
    return path


@lru_cache(maxsize=128)
def _load(path: Path, mtime_ns: int) -> Asset:
    """Read, hash and compress a file once per version (the mtime is part of the key)."""
    body = path.read_bytes()
    content_type = CONTENT_TYPES.get(path.suffix) or (
        mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    )
    compressible = path.suffix in COMPRESSIBLE and len(body) > 512
    return Asset(
        body=body,
        gzipped=gzip.compress(body, 9, mtime=0) if compressible else None,
        etag='"' + hashlib.sha256(body).hexdigest()[:32] + '"',
        content_type=content_type,
    )


def _file_response(request: Request, path: Path, headers: dict[str, str]) -> HTTPResponse:
    return respond(request, _load(path, path.stat().st_mtime_ns), headers)


@widget.get("/<name:path>")
async def widget_file(request: Request, name: str, node: Runtime) -> HTTPResponse:
    if name in STABLE:  # built: the entry script carries the manifest, panel.js is joined
        return await stable_script(request, name, node)
    path = _resolve(node.settings.widget_dir, name)
    # The entry script keeps a stable URL, so it is revalidated with its ETag.
    headers = {"Cache-Control": "public, max-age=300", **await shop_cors_headers(request)}
    return _file_response(request, path, headers)


def _console_headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": CONSOLE_CSP,
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
        "Cache-Control": "no-cache",
    }


def _resolve_nested(root: Path, name: str) -> Path:
    """A served file at any depth under root: every segment a plain name (no `..`, no hidden
    files, no empty segment, so no absolute path), a suffix we serve, and still under root
    once symlinks are resolved; anything else is not found."""
    parts = name.split("/")
    if not all(_FILE_NAME.fullmatch(part) for part in parts):
        raise NotFound("no such file")
    path = root.joinpath(*parts)
    if path.suffix not in CONTENT_TYPES or not path.is_file():
        raise NotFound("no such file")
    if not path.resolve().is_relative_to(root.resolve()):
        raise NotFound("no such file")
    return path


@console.get("/<name:path>")
async def console_file(request: Request, name: str, node: Runtime) -> HTTPResponse:
    """The console's files (nested: js/views/…, vendor/…), and the browser modules it shares
    with the widget under /console/common/ (served from widget/src/common)."""
    name = name or "index.html"
    root = CONSOLE_DIR
    if name.startswith("common/"):
        root, name = node.settings.widget_dir / "src" / "common", name.removeprefix("common/")
    return _file_response(request, _resolve_nested(root, name), _console_headers())
