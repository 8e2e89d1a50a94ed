"""Static files: the widget under /widget/v1/ and the agent console under /console."""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from functools import lru_cache
from pathlib import Path

from sanic import Blueprint, Request
from sanic.response import HTTPResponse

from ..realtime.node import Runtime
from ..services.errors import NotFound
from .console_shell import FILE_NAME, console_path, service_worker
from .cors import shop_cors_headers
from .widget_resources import STABLE, Asset, respond, stable_script

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
    # shopchat.d.ts; mimetypes would say video/mp2t, and every answer carries nosniff
    ".ts": "application/typescript; charset=utf-8",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".webmanifest": "application/manifest+json",
}

COMPRESSIBLE = {".js", ".ts", ".css", ".html", ".json", ".svg", ".webmanifest"}

widget = Blueprint("widget", url_prefix="/widget/v1")
console = Blueprint("console", url_prefix="/console")


def _resolve(root: Path, name: str) -> Path:
    """A file directly under root; anything else (.., hidden files, folders) is not found."""
    if not FILE_NAME.fullmatch(name):
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


@console.get("/<name:path>")
async def console_file(request: Request, name: str, node: Runtime) -> HTTPResponse:
    """The console's files (nested: js/views/…, vendor/…), and the browser modules it shares
    with the widget under /console/common/ (served from widget/src/common)."""
    widget_dir = node.settings.widget_dir
    if name == "sw.js":  # carries the shell's file list and version (console_shell.py)
        return respond(request, service_worker(widget_dir), _console_headers())
    path = console_path(widget_dir, name or "index.html", CONTENT_TYPES)
    return _file_response(request, path, _console_headers())
