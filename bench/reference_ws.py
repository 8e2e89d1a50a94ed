"""Reference: the leanest honest Python WebSocket broadcast server (websockets + uvloop).

No persistence, no auth. It speaks just enough of shopchat's visitor protocol for the same
load client: hello -> welcome, message -> ack (and a copy to /agent sockets), and
GET /push?event=JSON broadcasts {"type":"event","event":...} to every visitor socket.

    python bench/reference_ws.py --port 8101
"""

from __future__ import annotations

import argparse
import asyncio
import json
from http import HTTPStatus
from urllib.parse import parse_qs, urlsplit

import uvloop
from websockets.asyncio.server import ServerConnection, broadcast, serve
from websockets.datastructures import Headers
from websockets.http11 import Request, Response

visitors: set[ServerConnection] = set()
agents: set[ServerConnection] = set()


def http_response(status: HTTPStatus, body: str) -> Response:
    data = body.encode()
    headers = Headers([("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
    return Response(status.value, status.phrase, headers, data)


async def process_request(connection: ServerConnection, request: Request) -> Response | None:
    parts = urlsplit(request.path)
    if parts.path == "/healthz":
        return http_response(HTTPStatus.OK, '{"status":"ok"}')
    if parts.path == "/push":
        event = json.loads(parse_qs(parts.query)["event"][0])
        frame = json.dumps({"type": "event", "event": event}, separators=(",", ":"))
        targets = list(visitors)
        broadcast(targets, frame)  # encoded once, the same bytes to every socket
        return http_response(HTTPStatus.OK, json.dumps({"sockets": len(targets)}))
    return None


async def handler(ws: ServerConnection) -> None:
    role = agents if urlsplit(ws.request.path).path.endswith("/agent") else visitors
    first = json.loads(await ws.recv())
    if first.get("type") != "hello":
        await ws.close(4401)
        return
    await ws.send('{"type":"welcome","visitor_token":"x","conversation_id":0,"messages":[]}')
    role.add(ws)
    try:
        async for raw in ws:
            frame = json.loads(raw)
            if frame.get("type") == "message":
                message = {"client_msg_id": frame["client_msg_id"], "body": frame["body"]}
                await ws.send(
                    json.dumps(
                        {"type": "ack", "client_msg_id": frame["client_msg_id"], "message": message}
                    )
                )
                broadcast(agents, json.dumps({"type": "message", "message": message}))
    finally:
        role.discard(ws)


async def main(host: str, port: int) -> None:
    async with serve(handler, host, port, process_request=process_request, compression=None):
        await asyncio.Future()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8101)
    args = parser.parse_args()
    uvloop.run(main(args.host, args.port))
