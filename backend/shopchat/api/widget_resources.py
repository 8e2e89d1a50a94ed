"""The widget's versioned resources: panel script, icon font, locale strings, emoji data.

Each file gets a content-hashed name (`icons.3f9a1c0b2d.woff2`) listed in a manifest that is
written into the entry script as it is served, so the entry script (stable URL, short cache,
ETag) is the only thing a store page ever revalidates; everything it points to is cached for a
year. URLs carry `?shop=KEY`: fonts loaded with FontFace and JSON fetched with fetch() are CORS
requests, answered with Access-Control-Allow-Origin for that shop's allowed origins only.

panel.js is not a file: it is joined from the ES modules under widget/src (widget_build.join)
whenever a source changes, and served like the other resources.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, raw
from sanic_ext import openapi

from ..realtime.node import Runtime
from ..services.errors import NotFound
from .cors import shop_cors_headers
from .widget_build import join

# the panel's entry module and the folder its imports stay in, under the widget folder
PANEL_ENTRY = "src/panel/main.js"
SOURCES = "src"
# logical name -> path under the widget folder
RESOURCES = {
    "icons.woff2": "res/icons.woff2",
    "icons.woff": "res/icons.woff",
    "en.json": "res/en.json",
    "zh-CN.json": "res/zh-CN.json",
    "emoji.json": "res/emoji.json",
}
CONTENT_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
}
MANIFEST_MARK = "/*@manifest*/{}"
IMMUTABLE = "public, max-age=31536000, immutable"
HASHED = re.compile(r"^(?P<stem>[\w-]+)\.(?P<hash>[0-9a-f]{10})(?P<ext>\.[\w]+)$")

resources = Blueprint("widget_resources", url_prefix="/widget/v1/r")


@dataclass(frozen=True)
class Asset:
    body: bytes
    gzipped: bytes | None
    etag: str
    content_type: str


def _asset(body: bytes, suffix: str) -> Asset:
    digest = hashlib.sha256(body).hexdigest()
    compressible = suffix in (".js", ".json") and len(body) > 512
    return Asset(
        body=body,
        gzipped=gzip.compress(body, 9, mtime=0) if compressible else None,
        etag=f'"{digest[:32]}"',
        content_type=CONTENT_TYPES[suffix],
    )


def _stamp(widget_dir: Path) -> tuple[int, ...]:
    paths = [widget_dir / p for p in RESOURCES.values()] + [widget_dir / "shopchat.js"]
    paths += sorted((widget_dir / SOURCES).rglob("*.*"))
    return tuple(p.stat().st_mtime_ns if p.exists() else 0 for p in paths)


def _hashed(name: str, asset: Asset) -> str:
    stem, ext = name.rsplit(".", 1)
    return f"{stem}.{asset.etag[1:11]}.{ext}"


@lru_cache(maxsize=4)
def _build(widget_dir: Path, _stamp: tuple[int, ...]) -> tuple[dict[str, str], dict[str, Asset]]:
    panel = join(widget_dir / PANEL_ENTRY, widget_dir / SOURCES)
    built = {"panel.js": _asset(panel.encode(), ".js")}
    for name, relative in RESOURCES.items():
        path = widget_dir / relative
        if path.is_file():
            built[name] = _asset(path.read_bytes(), path.suffix)
    manifest = {name: _hashed(name, asset) for name, asset in built.items()}
    assets = {**built, **{manifest[name]: asset for name, asset in built.items()}}
    entry = (widget_dir / "shopchat.js").read_text(encoding="utf-8")
    entry = entry.replace(MANIFEST_MARK, json.dumps(manifest, separators=(",", ":")), 1)
    assets["shopchat.js"] = _asset(entry.encode(), ".js")
    return manifest, assets


# Each store page view revalidates shopchat.js, and _stamp walks ~30 files: look at most once
# a second (an edited widget file is served within a second; nothing changes in production).
STAMP_TTL_SECONDS = 1.0
_stamps: dict[Path, tuple[float, tuple[int, ...]]] = {}
_clock = time.monotonic


def widget_assets(widget_dir: Path) -> tuple[dict[str, str], dict[str, Asset]]:
    now = _clock()
    checked = _stamps.get(widget_dir)
    if checked is None or now - checked[0] >= STAMP_TTL_SECONDS:
        checked = _stamps[widget_dir] = (now, _stamp(widget_dir))
    return _build(widget_dir, checked[1])


def respond(request: Request, asset: Asset, headers: dict[str, str]) -> HTTPResponse:
    headers = {**headers, "ETag": asset.etag, "X-Content-Type-Options": "nosniff"}
    if asset.gzipped is not None:
        headers["Vary"] = ", ".join(filter(None, [headers.get("Vary"), "Accept-Encoding"]))
    if request.headers.get("if-none-match") == asset.etag:
        return HTTPResponse(status=304, headers=headers)
    if asset.gzipped is not None and "gzip" in request.headers.get("accept-encoding", ""):
        headers["Content-Encoding"] = "gzip"
        return raw(asset.gzipped, content_type=asset.content_type, headers=headers)
    return raw(asset.body, content_type=asset.content_type, headers=headers)


STABLE = ("shopchat.js", "panel.js")  # built, but also served at /widget/v1/<name>


async def stable_script(request: Request, name: str, node: Runtime) -> HTTPResponse:
    """shopchat.js with the manifest filled in, or the joined panel.js, at a stable URL:
    a short cache, revalidated by the ETag."""
    _manifest, assets = widget_assets(node.settings.widget_dir)
    headers = {"Cache-Control": "public, max-age=300", **await shop_cors_headers(request)}
    return respond(request, assets[name], headers)


@resources.get("/<name:str>")
@openapi.exclude()
async def resource(request: Request, name: str, node: Runtime) -> HTTPResponse:
    _manifest, assets = widget_assets(node.settings.widget_dir)
    asset = assets.get(name)
    if asset is None or name == "shopchat.js":
        raise NotFound("no such file")
    versioned = HASHED.match(name) is not None
    headers = {
        "Cache-Control": IMMUTABLE if versioned else "public, max-age=300",
        "Cross-Origin-Resource-Policy": "cross-origin",
        **await shop_cors_headers(request),
    }
    return respond(request, asset, headers)


@resources.route("/<name:str>", methods=["OPTIONS"])
@openapi.exclude()
async def resource_preflight(_request: Request, name: str) -> HTTPResponse:
    return HTTPResponse(status=204, headers={"Vary": "Origin"})
