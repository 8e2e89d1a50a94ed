"""The inbox: conversation list, history pages, close and reopen."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json
from sanic_ext import openapi, validate

from ..models import Agent, Status
from ..realtime import fanout
from ..realtime.node import Runtime
from ..realtime.presence import visitor_key
from ..services import conversations, messages
from ..services.conversations import conversation_summary
from ..services.errors import NotFound
from ..services.messages import message_summary
from .auth import Caller
from .cors import add_shop_cors, preflight
from .schemas import ConversationAnswer, ConversationPage, MessagePage, documented

bp = Blueprint("conversations", url_prefix="/conversations")

MAX_SEQ = 2**31 - 1


class ListQuery(BaseModel):
    status: Literal["open", "closed", "all"] = "all"
    assignee: Literal["me", "none", "any"] = "any"
    cursor: str | None = Field(default=None, max_length=200)
    limit: int = Field(default=50, ge=1, le=conversations.LIST_LIMIT_MAX)


class HistoryQuery(BaseModel):
    before_seq: int | None = Field(default=None, ge=1, le=MAX_SEQ)
    after_seq: int | None = Field(default=None, ge=0, le=MAX_SEQ)
    limit: int = Field(default=50, ge=1, le=100)
    shop: str | None = Field(default=None, max_length=40)


@bp.get("/")
@documented(
    "List the shop's conversations, newest activity first", {200: ConversationPage}, (400, 401)
)
@validate(query=ListQuery)
async def list_conversations(
    request: Request, query: ListQuery, node: Runtime, agent: Agent
) -> HTTPResponse:
    page = await conversations.list_conversations(
        shop=agent.shop,
        agent=agent,
        status=query.status,
        assignee=query.assignee,
        cursor=query.cursor,
        limit=query.limit,
    )
    items = []
    for conversation in page.conversations:
        online = await node.presence.count(visitor_key(conversation.visitor_id)) > 0
        last = page.last_messages.get(conversation.id)
        items.append(conversation_summary(conversation, visitor_online=online, last_message=last))
    return json({"conversations": items, "next_cursor": page.next_cursor})


@bp.get("/<conversation_id:int>")
@documented("One conversation of the shop", {200: ConversationAnswer})
async def get_one(
    request: Request, conversation_id: int, node: Runtime, agent: Agent
) -> HTTPResponse:
    summary = await fanout.conversation_summary_for(node, agent.shop, conversation_id)
    return json({"conversation": summary})


@bp.get("/<conversation_id:int>/messages")
@documented(
    "A page of a conversation's messages, oldest first", {200: MessagePage}, (400, 401, 404)
)
@validate(query=HistoryQuery)
async def list_messages(
    request: Request, conversation_id: int, query: HistoryQuery, caller: Caller
) -> HTTPResponse:
    conversation = await conversations.get_conversation(
        shop=caller.shop, conversation_id=conversation_id
    )
    if caller.visitor is not None and conversation.visitor_id != caller.visitor.id:
        raise NotFound("no such conversation")
    page = await messages.history(
        conversation=conversation,
        before_seq=query.before_seq,
        after_seq=query.after_seq,
        limit=query.limit,
        include_internal=caller.agent is not None,
    )
    return json(
        {"messages": [message_summary(m) for m in page.messages], "has_more": page.has_more}
    )


async def _change_status(
    node: Runtime, agent: Agent, conversation_id: int, status: Status
) -> HTTPResponse:
    await conversations.set_status(shop=agent.shop, conversation_id=conversation_id, status=status)
    summary = await fanout.conversation_changed(node, agent.shop, conversation_id)
    return json({"conversation": summary})


@bp.post("/<conversation_id:int>/close")
@documented("Close a conversation", {200: ConversationAnswer})
async def close(
    _request: Request, conversation_id: int, node: Runtime, agent: Agent
) -> HTTPResponse:
    return await _change_status(node, agent, conversation_id, Status.CLOSED)


@bp.post("/<conversation_id:int>/reopen")
@documented("Reopen a closed conversation", {200: ConversationAnswer})
async def reopen(
    _request: Request, conversation_id: int, node: Runtime, agent: Agent
) -> HTTPResponse:
    return await _change_status(node, agent, conversation_id, Status.OPEN)


@bp.route("/<conversation_id:int>/messages", methods=["OPTIONS"])
@openapi.exclude()
async def messages_preflight(request: Request, conversation_id: int) -> HTTPResponse:
    """The widget reads its own history cross-origin (with ?shop=KEY for the origin rules)."""
    return await preflight(request)


@bp.on_response
async def shop_cors(request: Request, response: HTTPResponse) -> None:
    if request.method != "OPTIONS" and "shop" in request.args:
        await add_shop_cors(request, response)
