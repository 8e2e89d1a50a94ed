"""Reference: a bare Sanic WebSocket endpoint that answers hello and holds the socket.

What our framework costs before shopchat adds anything (same Sanic, same settings).

    python bench/reference_sanic.py --port 8102
"""

from __future__ import annotations

import argparse
import json

from sanic import Request, Sanic
from sanic.response import HTTPResponse
from sanic.response import json as json_response

app = Sanic("reference_sanic")
app.config.ACCESS_LOG = False


@app.get("/healthz")
async def healthz(_request: Request) -> HTTPResponse:
    return json_response({"status": "ok"})


@app.websocket("/api/v1/ws/visitor")
async def visitor(_request: Request, ws) -> None:
    first = json.loads(await ws.recv())
    if first.get("type") != "hello":
        await ws.close(4401)
        return
    await ws.send('{"type":"welcome","visitor_token":"x","conversation_id":0,"messages":[]}')
    while await ws.recv() is not None:
        pass


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8102)
    args = parser.parse_args()
    app.run(host=args.host, port=args.port, single_process=True, motd=False, access_log=False)
