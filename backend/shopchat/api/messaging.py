"""REST messaging for the shop's own systems: send into a conversation, or to a shopper's
current conversation (proactive). The same message path as the sockets (message_frames)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import orjson
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from ..realtime import message_frames
from ..realtime.node import Runtime
from ..realtime.protocol import ProtocolError, RestMessage, validate
from ..services.errors import InvalidInput
from ..services.messages import Stored, message_summary
from .auth import MESSAGES_WRITE, Staff
from .schemas import MessageAnswer, documented

bp = Blueprint("messaging")
T = TypeVar("T")


@contextmanager
def _as_invalid_input() -> Iterator[None]:
    """A message the socket would refuse with an error frame is a 400 `invalid_field` here."""
    try:
        yield
    except ProtocolError as error:
        raise InvalidInput(error.message) from None


def _message_of(request: Request) -> RestMessage:
    try:
        data = orjson.loads(request.body or b"null")
    except orjson.JSONDecodeError:
        data = None
    if not isinstance(data, dict):
        raise InvalidInput('the body must be a JSON object: {"body", "client_msg_id"}')
    with _as_invalid_input():
        return validate(data, RestMessage)  # type: ignore[return-value]


def _answer(stored: Stored) -> HTTPResponse:
    """201 with the new message, 200 with the stored one when client_msg_id was seen."""
    return json({"message": message_summary(stored.message)}, status=201 if stored.created else 200)


def _documented_send(summary: str) -> Callable[[T], T]:
    answers = {201: MessageAnswer, 200: MessageAnswer}
    return documented(summary, answers, (400, 401, 403, 404, 409), body=RestMessage)


async def _send(request: Request, node: Runtime, staff: Staff, **to: int | str) -> HTTPResponse:
    staff.require(MESSAGES_WRITE)
    message = _message_of(request)
    with _as_invalid_input():
        stored = await message_frames.send_as_shop(
            node,
            message,
            shop=staff.shop,
            agent=staff.agent,
            **to,  # type: ignore[arg-type]
        )
    return _answer(stored)


@bp.post("/conversations/<conversation_id:int>/messages")
@_documented_send("Send a message into a conversation as the shop (idempotent on client_msg_id)")
async def send_to_conversation(
    request: Request, conversation_id: int, node: Runtime, staff: Staff
) -> HTTPResponse:
    return await _send(request, node, staff, conversation_id=conversation_id)


@bp.post("/visitors/<visitor_id:str>/messages")
@_documented_send("Send to a shopper's current conversation (made if needed): seen next visit")
async def send_to_visitor(
    request: Request, visitor_id: str, node: Runtime, staff: Staff
) -> HTTPResponse:
    return await _send(request, node, staff, visitor_public_id=visitor_id)
