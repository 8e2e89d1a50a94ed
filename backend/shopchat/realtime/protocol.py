"""The one place that parses and validates WebSocket frames, and the error codes."""

from __future__ import annotations

import json
import re
from typing import Annotated, Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError

MAX_INT = 2**31 - 1
# C0 and C1 controls other than tab, line feed and carriage return; DEL; lone surrogates.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
SeqInt = Annotated[StrictInt, Field(ge=0, le=MAX_INT)]
IdInt = Annotated[StrictInt, Field(ge=1, le=MAX_INT)]
ClientMsgId = Annotated[StrictStr, Field(min_length=1, max_length=64)]
ShortText = Annotated[StrictStr, Field(max_length=2000)]


class ProtocolError(Exception):
    """A frame we refuse: sent back as an error frame, the socket stays open."""

    def __init__(
        self,
        code: str,
        message: str,
        client_msg_id: str | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.client_msg_id = client_msg_id
        self.retry_after = retry_after

    def frame(self) -> dict[str, Any]:
        frame: dict[str, Any] = {"type": "error", "code": self.code, "message": self.message}
        if self.client_msg_id is not None:
            frame["client_msg_id"] = self.client_msg_id
        if self.retry_after is not None:
            frame["retry_after"] = self.retry_after
        return frame


def rate_limited(what: str, retry_after: int, client_msg_id: str | None = None) -> ProtocolError:
    return ProtocolError(
        "rate_limited", f"too many {what}: try again in {retry_after} s", client_msg_id, retry_after
    )


class Frame(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    type: str


class VisitorHello(Frame):
    type: Literal["hello"]
    visitor_token: Annotated[StrictStr, Field(max_length=200)] | None = None
    last_seq: SeqInt | None = None
    page_url: ShortText | None = None
    locale: Annotated[StrictStr, Field(max_length=35)] | None = None


class AgentHello(Frame):
    type: Literal["hello"]
    token: Annotated[StrictStr, Field(min_length=1, max_length=200)]


class VisitorMessage(Frame):
    type: Literal["message"]
    client_msg_id: ClientMsgId
    body: StrictStr
    # an image message: the key POST /api/v1/uploads returned; the body may then be empty
    upload_id: Annotated[StrictStr, Field(min_length=1, max_length=64)] | None = None


class AgentMessage(VisitorMessage):
    conversation_id: IdInt
    internal: StrictBool = False


class RestMessage(BaseModel):
    """POST …/messages on the REST API: a message frame's fields, checked by the same rules
    (unknown keys are ignored, as in frames)."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    body: StrictStr
    client_msg_id: ClientMsgId
    internal: StrictBool = False

    def frame(self) -> VisitorMessage:
        return VisitorMessage(type="message", client_msg_id=self.client_msg_id, body=self.body)


class VisitorTyping(Frame):
    type: Literal["typing"]


class AgentTyping(VisitorTyping):
    conversation_id: IdInt


class VisitorRead(Frame):
    type: Literal["read"]
    seq: SeqInt


class AgentRead(VisitorRead):
    conversation_id: IdInt


def _text(limit: int) -> Any:
    return Annotated[StrictStr, Field(max_length=limit)] | None


FiniteFloat = Annotated[float, Field(allow_inf_nan=False)]
Price = Annotated[StrictStr, Field(max_length=50)] | StrictInt | FiniteFloat | None


class Part(BaseModel):
    """A piece of shop context: unknown keys are dropped, every value is bounded."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class ContextProduct(Part):
    name: _text(200) = None
    url: _text(2000) = None
    price: Price = None
    currency: _text(10) = None
    image: _text(2000) = None
    sku: _text(100) = None


class ContextCartItem(Part):
    name: _text(200) = None
    url: _text(2000) = None
    price: Price = None
    qty: Annotated[StrictInt, Field(ge=0, le=100_000)] | None = None
    image: _text(2000) = None
    sku: _text(100) = None


class ContextCart(Part):
    items: Annotated[list[ContextCartItem], Field(max_length=50)] = []
    total: Price = None
    currency: _text(10) = None


class ContextOrder(Part):
    id: _text(100) = None
    status: _text(100) = None
    total: Price = None
    currency: _text(10) = None
    url: _text(2000) = None
    placed_at: _text(50) = None


class ShopContext(Part):
    product: ContextProduct | None = None
    cart: ContextCart | None = None
    order: ContextOrder | None = None
    page_url: _text(2000) = None
    page_title: _text(500) = None
    referrer: _text(2000) = None
    timezone: _text(64) = None


class VisitorSetContext(Frame):
    """setContext(): replaces the keys it carries (null clears one) in Conversation.context."""

    type: Literal["context"]
    context: ShopContext


class VisitorIdentify(Frame):
    """identify(): with a valid `hash` (HMAC of `id`), a verified customer; else name/email."""

    type: Literal["identify"]
    id: Annotated[StrictStr, Field(min_length=1, max_length=200)] | None = None
    name: _text(200) = None
    email: _text(254) = None
    hash: Annotated[StrictStr, Field(max_length=128)] | None = None


VISITOR_FRAMES: dict[str, type[Frame]] = {
    "message": VisitorMessage,
    "typing": VisitorTyping,
    "read": VisitorRead,
    "context": VisitorSetContext,
    "identify": VisitorIdentify,
}
AGENT_FRAMES: dict[str, type[Frame]] = {
    "message": AgentMessage,
    "typing": AgentTyping,
    "read": AgentRead,
}


def decode(raw: str | bytes) -> dict[str, Any]:
    """Parse a text frame into a JSON object, or raise ProtocolError."""
    if isinstance(raw, bytes):
        raise ProtocolError("invalid_json", "binary frames are not supported: send JSON text")
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise ProtocolError("invalid_json", "the frame is not valid JSON") from None
    if not isinstance(data, dict):
        raise ProtocolError("invalid_json", "a frame must be a JSON object")
    return data


def _client_msg_id(data: dict[str, Any]) -> str | None:
    value = data.get("client_msg_id")
    return value if isinstance(value, str) and len(value) <= 64 else None


def validate(data: dict[str, Any], model: type[Frame]) -> Frame:
    """Validate a decoded frame against its model, mapping failures to stable codes."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "frame"
        code = "missing_field" if first["type"] == "missing" else "invalid_field"
        message = (
            f"field '{field}' is required"
            if code == "missing_field"
            else f"field '{field}' is invalid: {first['msg']}"
        )
        raise ProtocolError(code, message, _client_msg_id(data)) from None


def parse(raw: str | bytes, table: dict[str, type[Frame]]) -> Frame:
    """Decode and validate one frame after hello, using the role's table of frame types."""
    data = decode(raw)
    frame_type = data.get("type")
    if not isinstance(frame_type, str):
        raise ProtocolError("missing_field", "field 'type' is required")
    model = table.get(frame_type)
    if model is None:
        if frame_type == "hello":
            raise ProtocolError("unknown_type", "hello was already sent on this socket")
        raise ProtocolError("unknown_type", f"unknown frame type {frame_type[:40]!r}")
    return validate(data, model)


def check_body(frame: VisitorMessage, max_chars: int) -> str:
    """The message body as it will be stored; refuses empty and over-long bodies."""
    body = frame.body
    if len(body) > max_chars:
        raise ProtocolError(
            "too_long",
            f"message body is {len(body)} characters; the limit is {max_chars}",
            frame.client_msg_id,
        )
    if not body.strip():
        raise ProtocolError("invalid_field", "message body must not be empty", frame.client_msg_id)
    if _CONTROL_CHARACTERS.search(body):
        raise ProtocolError(
            "invalid_field", "message body must not contain control characters", frame.client_msg_id
        )
    return body


def encode(frame: dict[str, Any]) -> str:
    """Compact JSON. orjson: encoding was 10% of the server's CPU in the chat benchmark."""
    try:
        return orjson.dumps(frame).decode()
    except TypeError:  # e.g. a lone surrogate from a client's "\ud800" escape
        return json.dumps(frame, separators=(",", ":"), ensure_ascii=False)
