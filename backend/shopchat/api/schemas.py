"""What the REST API answers, as OpenAPI schemas (pydantic models, documentation only: the
handlers build plain dicts with the services' *_summary functions). `documented()` declares a
route's success answer, its errors (always {"error": {"code", "message"}}) and its security."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, TypeVar

from pydantic import BaseModel
from sanic_ext import openapi
from sanic_ext.extensions.openapi.definitions import Response

T = TypeVar("T")

BEARER = "bearer"  # Authorization: Bearer <agent token> (an API key later, issue 16)
ERROR_TEXT = {
    400: "invalid input (`invalid_field`, `invalid_request`)",
    401: "no valid credentials (`unauthorized`)",
    403: "not allowed (`forbidden`, `insufficient_scope`)",
    404: "not the caller's, or does not exist (`not_found`)",
    409: "client_msg_id was used for another body (`conflict`)",
    503: "not ready",
}


class ErrorBody(BaseModel):
    code: str
    message: str


class Error(BaseModel):
    error: ErrorBody


class Author(BaseModel):
    id: int | None
    name: str


class Image(BaseModel):
    url: str
    width: int
    height: int
    content_type: str


class Message(BaseModel):
    id: int
    conversation_id: int
    seq: int
    author: Literal["visitor", "agent"]
    agent: Author | None
    body: str
    kind: Literal["text", "image"]
    internal: bool
    created_at: str
    client_msg_id: str | None
    image: Image | None


class MessageAnswer(BaseModel):
    message: Message


class MessagePage(BaseModel):
    messages: list[Message]
    has_more: bool


class VisitorSummary(BaseModel):
    id: str
    name: str | None
    email: str | None
    online: bool
    verified: bool
    external_id: str | None
    page_url: str | None
    page_title: str | None
    referrer: str | None
    locale: str | None
    timezone: str | None


class LastMessage(BaseModel):
    seq: int
    author: Literal["visitor", "agent"]
    body: str
    kind: Literal["text", "image"]
    internal: bool
    created_at: str | None


class Conversation(BaseModel):
    id: int
    visitor: VisitorSummary
    context: dict[str, Any]
    status: Literal["open", "closed"]
    assignee: Author | None
    last_message_at: str | None
    last_seq: int
    unread_agent: int
    unread_visitor: int
    last_message: LastMessage | None


class ConversationAnswer(BaseModel):
    conversation: Conversation


class ConversationPage(BaseModel):
    conversations: list[Conversation]
    next_cursor: str | None


class PushAnswer(BaseModel):
    sockets: int


class Health(BaseModel):
    status: Literal["ok"]


class Readiness(BaseModel):
    ready: bool
    checks: dict[str, bool]


def openapi_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON Schema as OpenAPI 3.0 takes it: nested models inlined (pydantic's
    `#/$defs/…` references would not resolve in the document), `X | None` as `nullable`."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def convert(node: Any) -> Any:
        if isinstance(node, list):
            return [convert(item) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref", "")
        if ref.startswith("#/$defs/"):
            return convert(defs[ref.removeprefix("#/$defs/")])
        options = node.get("anyOf")
        if options and {"type": "null"} in options and len(options) == 2:
            (other,) = [option for option in options if option != {"type": "null"}]
            rest = {key: value for key, value in node.items() if key != "anyOf"}
            return {**convert(other), **convert(rest), "nullable": True}
        return {key: convert(value) for key, value in node.items()}

    converted: dict[str, Any] = convert(schema)
    return converted


def documented(
    summary: str,
    ok: dict[int, type[BaseModel]],
    errors: tuple[int, ...] = (401, 404),
    *,
    secured: bool = True,
    body: type[BaseModel] | None = None,
) -> Callable[[T], T]:
    """The route's OpenAPI operation: summary, answers by status, errors, bearer security."""
    answers = [(status, model, "") for status, model in ok.items()]
    answers += [(status, Error, ERROR_TEXT[status]) for status in errors]
    responses = [
        Response({"application/json": openapi_schema(model)}, status=status, description=text)
        for status, model, text in answers
    ]
    return openapi.definition(  # type: ignore[no-any-return]
        summary=summary,
        response=responses,
        secured={BEARER: []} if secured else None,
        body={"application/json": openapi_schema(body)} if body is not None else None,
    )
