"""The one place that parses and validates WebSocket frames, and the error codes."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError

MAX_INT = 2**31 - 1
SeqInt = Annotated[StrictInt, Field(ge=0, le=MAX_INT)]
IdInt = Annotated[StrictInt, Field(ge=1, le=MAX_INT)]
ClientMsgId = Annotated[StrictStr, Field(min_length=1, max_length=64)]
ShortText = Annotated[StrictStr, Field(max_length=2000)]


class ProtocolError(Exception):
    """A frame we refuse: sent back as an error frame, the socket stays open."""

    def __init__(self, code: str, message: str, client_msg_id: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.client_msg_id = client_msg_id

    def frame(self) -> dict[str, Any]:
        frame: dict[str, Any] = {"type": "error", "code": self.code, "message": self.message}
        if self.client_msg_id is not None:
            frame["client_msg_id"] = self.client_msg_id
        return frame


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


class AgentMessage(VisitorMessage):
    conversation_id: IdInt
    internal: StrictBool = False


class VisitorTyping(Frame):
    type: Literal["typing"]


class AgentTyping(VisitorTyping):
    conversation_id: IdInt


class VisitorRead(Frame):
    type: Literal["read"]
    seq: SeqInt


class AgentRead(VisitorRead):
    conversation_id: IdInt


VISITOR_FRAMES: dict[str, type[Frame]] = {
    "message": VisitorMessage,
    "typing": VisitorTyping,
    "read": VisitorRead,
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
    return body


def encode(frame: dict[str, Any]) -> str:
    return json.dumps(frame, separators=(",", ":"), ensure_ascii=False)
