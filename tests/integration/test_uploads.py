"""Image uploads: magic bytes, 5 MB, EXIF stripped, safe serving, image messages."""

from __future__ import annotations

import io
import json
import socket
import urllib.request

from PIL import Image

from shopchat.testing import ServerProcess
from tests.integration.client import (
    STORE_ORIGIN,
    Shop,
    http,
    open_agent,
    open_visitor,
    recv_type,
    send_message,
)


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x8825] = {1: "N", 2: (59.0, 55.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def status_for_length(server: ServerProcess, path: str, length: int, auth: str) -> int:
    """The status a server answers to a request announcing `length` bytes (few are sent)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        head = (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {length}\r\n"
            f"Authorization: {auth}\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        sock.sendall(head.encode() + b"\xff\xd8\xff" + b"0" * 1000)
        reply = sock.recv(200).decode(errors="replace")
    return int(reply.split(" ", 2)[1])


def post_upload(
    server: ServerProcess, shop_key: str, token: str, data: bytes, origin: str = STORE_ORIGIN
) -> tuple[int, dict, dict]:
    request = urllib.request.Request(
        f"{server.url}/api/v1/uploads?shop={shop_key}", data=data, method="POST"
    )
    request.add_header("Authorization", f"Visitor {token}")
    request.add_header("Content-Type", "application/octet-stream")
    request.add_header("Origin", origin)
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, json.loads(response.read()), dict(response.headers)
    except urllib.error.HTTPError as error:
        body = error.read()
        return error.code, (json.loads(body) if body else {}), dict(error.headers)


async def test_image_upload_strips_exif_and_becomes_an_image_message(
    server: ServerProcess, widget_shop: Shop
) -> None:
    shop = widget_shop
    agent, _ = await open_agent(server, shop.token)
    ws, welcome = await open_visitor(server, shop.key)
    raw = jpeg_with_gps()
    assert b"SpyCam" in raw
    status, body, headers = post_upload(server, shop.key, welcome["visitor_token"], raw)
    assert status == 201, body
    assert headers["Access-Control-Allow-Origin"] == STORE_ORIGIN
    upload = body["upload"]
    assert upload["content_type"] == "image/jpeg"
    assert (upload["width"], upload["height"]) == (40, 30)

    served = http(server, "GET", upload["url"])
    assert served.status == 200
    assert served.headers["content-type"] == "image/jpeg"
    assert served.headers["x-content-type-options"] == "nosniff"
    assert served.headers["content-disposition"].startswith("attachment")
    assert "sandbox" in served.headers["content-security-policy"]
    assert b"SpyCam" not in served.body and b"Exif" not in served.body
    assert Image.open(io.BytesIO(served.body)).getexif() == {}

    ack = await send_message(ws, "", upload_id=upload["id"])
    message = ack["message"]
    assert message["kind"] == "image"
    assert message["image"]["url"] == upload["url"]
    assert (message["image"]["width"], message["image"]["height"]) == (40, 30)
    pushed = await recv_type(agent, "message")
    assert pushed["message"]["image"]["url"] == upload["url"]
    history = http(
        server,
        "GET",
        f"/api/v1/conversations/{welcome['conversation_id']}/messages?shop={shop.key}",
        headers={"Authorization": f"Visitor {welcome['visitor_token']}"},
    )
    assert history.body["messages"][-1]["image"]["url"] == upload["url"]
    await ws.close()
    await agent.close()


async def test_uploads_refuse_non_images_big_files_and_strangers(
    server: ServerProcess, shop: Shop, other_shop: Shop
) -> None:
    ws, welcome = await open_visitor(server, shop.key)
    token = welcome["visitor_token"]
    html = b"<html><script>alert(1)</script></html>"
    status, body, _ = post_upload(server, shop.key, token, html)
    assert status == 400 and body["error"]["code"] == "invalid_field"
    # a PNG signature followed by garbage is not an image either
    status, _, _ = post_upload(server, shop.key, token, b"\x89PNG\r\n\x1a\n" + b"x" * 100)
    assert status == 400
    too_big = f"/api/v1/uploads?shop={shop.key}"
    assert status_for_length(server, too_big, 5 * 2**20 + 1, f"Visitor {token}") == 413
    status, _, _ = post_upload(server, shop.key, "not-a-token", b"GIF89a")
    assert status == 401
    # another visitor's upload cannot be attached
    png = io.BytesIO()
    Image.new("RGB", (2, 2)).save(png, "PNG")
    status, body, _ = post_upload(server, shop.key, token, png.getvalue())
    assert status == 201
    other, _ = await open_visitor(server, shop.key)
    await other.send(
        json.dumps({"type": "message", "client_msg_id": "c1", "body": "", "upload_id": "x" * 43})
    )
    assert (await recv_type(other, "error"))["code"] == "not_found"
    upload_id = body["upload"]["id"]
    await other.send(
        json.dumps({"type": "message", "client_msg_id": "c2", "body": "", "upload_id": upload_id})
    )
    assert (await recv_type(other, "error"))["code"] == "not_found"
    # the global body limit stays small for other routes
    assert status_for_length(server, "/api/v1/agent/login", 2 * 2**20, "") == 413
    await ws.close()
    await other.close()


def test_widget_resources_have_cors_for_the_shop_only(
    server: ServerProcess, widget_shop: Shop
) -> None:
    shop = widget_shop
    entry = http(server, "GET", f"/widget/v1/shopchat.js?shop={shop.key}")
    text = entry.body.decode()
    assert "/*@manifest*/" not in text
    manifest = json.loads(text.split("var MANIFEST = ", 1)[1].split(";", 1)[0])
    assert set(manifest) >= {"panel.js", "icons.woff2", "icons.woff", "en.json", "zh-CN.json"}
    etag = entry.headers["etag"]
    again = http(server, "GET", "/widget/v1/shopchat.js", headers={"If-None-Match": etag})
    assert again.status == 304

    for name, content_type in (
        ("icons.woff2", "font/woff2"),
        ("icons.woff", "font/woff"),
        ("zh-CN.json", "application/json"),
        ("emoji.json", "application/json"),
    ):
        url = f"/widget/v1/r/{manifest[name]}?shop={shop.key}"
        ok = http(server, "GET", url, headers={"Origin": STORE_ORIGIN})
        assert ok.status == 200, name
        assert ok.headers["content-type"] == content_type
        assert ok.headers["access-control-allow-origin"] == STORE_ORIGIN
        assert "Origin" in ok.headers["vary"]
        assert "immutable" in ok.headers["cache-control"]
        evil = http(server, "GET", url, headers={"Origin": "http://evil.example"})
        assert evil.status == 200 and "access-control-allow-origin" not in evil.headers
    missing = http(server, "GET", "/widget/v1/r/nothing.0123456789.json")
    assert missing.status == 404


def test_the_joined_panel_is_one_hashed_script_with_cors_for_the_shop_only(
    server: ServerProcess, widget_shop: Shop
) -> None:
    text = http(server, "GET", "/widget/v1/shopchat.js").body.decode()
    manifest = json.loads(text.split("var MANIFEST = ", 1)[1].split(";", 1)[0])
    url = f"/widget/v1/r/{manifest['panel.js']}?shop={widget_shop.key}"
    hashed = http(server, "GET", url, headers={"Origin": STORE_ORIGIN})
    assert hashed.status == 200
    assert hashed.headers["content-type"].startswith("text/javascript")
    assert hashed.headers["access-control-allow-origin"] == STORE_ORIGIN
    assert "immutable" in hashed.headers["cache-control"]
    body = hashed.body.decode()
    assert body.startswith("/*! shopchat: panel/main.js") and "__shopchatPanel" in body
    assert "\nimport " not in body and "\nexport " not in body and "@inline" not in body
    evil = http(server, "GET", url, headers={"Origin": "http://evil.example"})
    assert evil.status == 200 and "access-control-allow-origin" not in evil.headers
    stable = http(server, "GET", f"/widget/v1/panel.js?shop={widget_shop.key}")
    assert stable.status == 200 and stable.body == hashed.body
    assert "max-age=300" in stable.headers["cache-control"]
    etag = {"If-None-Match": stable.headers["etag"]}
    assert http(server, "GET", "/widget/v1/panel.js", headers=etag).status == 304
