"""Every WebSocket close code the server sends, in one place (docs/protocol.md lists them).

1xxx are the standard codes (RFC 6455); 44xx mirror the HTTP status a request would get.
1009 (a frame over SHOPCHAT_MAX_FRAME_BYTES) is sent by the WebSocket layer, not from here.
"""

from __future__ import annotations

from enum import IntEnum


class Close(IntEnum):
    INVALID_PAYLOAD = 1007  # a text frame that is not UTF-8
    SLOW_CLIENT = 1008  # policy violation: the client does not read its frames
    SERVICE_RESTART = 1012  # reconnect (to this node or another) and resume from last_seq
    UNAUTHORIZED = 4401  # bad hello, unknown or revoked token
    ORIGIN_REFUSED = 4403  # the page's origin is not one the shop allows
    UNKNOWN_SHOP = 4404
    HELLO_TIMEOUT = 4408
    RATE_LIMITED = 4429
