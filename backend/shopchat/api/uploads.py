"""Image uploads: POST the raw file, GET it back by its random key."""

from __future__ import annotations

import asyncio

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json, raw
from sanic_ext import openapi

from ..realtime.node import Runtime
from ..services import uploads
from ..services.uploads import EXTENSIONS, MAX_UPLOAD_BYTES, TooLarge
from .auth import Caller
from .cors import add_shop_cors, preflight

bp = Blueprint("uploads", url_prefix="/uploads")

# An image is only ever displayed: never run as a page, never sniffed into another type.
SERVE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cross-Origin-Resource-Policy": "cross-origin",
    "Cache-Control": "private, max-age=31536000, immutable",
    "Referrer-Policy": "no-referrer",
}


async def _read_limited(request: Request) -> bytes:
    """The body, refusing more than 5 MB (this route alone lifts the global 1 MB limit)."""
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > MAX_UPLOAD_BYTES:
        raise TooLarge("the image is larger than 5 MB")
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = await request.stream.read()
        if chunk is None:
            break
        size += len(chunk)
        if size > MAX_UPLOAD_BYTES:
            raise TooLarge("the image is larger than 5 MB")
        chunks.append(chunk)
    return b"".join(chunks)


@bp.post("/", stream=True, strict_slashes=False)
@openapi.summary("Upload an image (PNG, JPEG, GIF, WebP; at most 5 MB) as the raw request body")
async def create(request: Request, node: Runtime, caller: Caller) -> HTTPResponse:
    data = await _read_limited(request)
    upload = await uploads.store_upload(
        shop=caller.shop,
        data=data,
        var_dir=node.settings.var_dir,
        visitor=caller.visitor,
        agent=caller.agent,
    )
    return json(
        {
            "upload": {
                "id": upload.key,
                "url": f"/api/v1/uploads/{upload.key}",
                "content_type": upload.content_type,
                "size": upload.size,
                "width": upload.width,
                "height": upload.height,
            }
        },
        status=201,
    )


@bp.route("/", methods=["OPTIONS"], strict_slashes=False)
@openapi.exclude()
async def create_preflight(request: Request) -> HTTPResponse:
    return await preflight(request)


@bp.get("/<key:str>")
@openapi.summary("An uploaded image; the random key is the capability")
async def show(request: Request, key: str, node: Runtime) -> HTTPResponse:
    upload = await uploads.get_upload(key)
    data = await asyncio.to_thread(uploads.read_upload, node.settings.var_dir, upload)
    etag = f'"{upload.key[:16]}"'
    headers = {
        **SERVE_HEADERS,
        "ETag": etag,
        # attachment: opened directly it downloads, in an <img> it displays
        "Content-Disposition": (
            f'attachment; filename="image-{upload.id}.{EXTENSIONS[upload.content_type]}"'
        ),
    }
    if request.headers.get("if-none-match") == etag:
        return HTTPResponse(status=304, headers=headers)
    return raw(data, content_type=upload.content_type, headers=headers)


@bp.on_response
async def shop_cors(request: Request, response: HTTPResponse) -> None:
    if request.method == "POST" and "shop" in request.args:
        await add_shop_cors(request, response)
