"""Console extras on conversations: assignment, search and the visitor side panel."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json
from sanic_ext import openapi, validate

from ..models import Agent
from ..realtime import fanout
from ..realtime.node import Runtime
from ..realtime.presence import visitor_key
from ..services import conversations, inbox
from ..services.conversations import conversation_summary

bp = Blueprint("inbox", url_prefix="/conversations")


class AssignBody(BaseModel):
    agent_id: int | None = Field(description="an agent of the shop, or null to unassign")


class SearchQuery(BaseModel):
    q: str = Field(min_length=1, max_length=200)
    status: Literal["open", "closed", "all"] = "all"
    cursor: str | None = Field(default=None, max_length=200)
    limit: int = Field(default=30, ge=1, le=conversations.LIST_LIMIT_MAX)


@bp.post("/<conversation_id:int>/assign")
@openapi.summary("Assign a conversation to an agent of the shop, or unassign (agent_id null)")
@openapi.body({"application/json": AssignBody.model_json_schema()})
@validate(json=AssignBody)
async def assign(
    request: Request, conversation_id: int, body: AssignBody, node: Runtime, agent: Agent
) -> HTTPResponse:
    await inbox.assign(shop=agent.shop, conversation_id=conversation_id, agent_id=body.agent_id)
    summary = await fanout.conversation_changed(node, agent.shop, conversation_id)
    return json({"conversation": summary})


@bp.get("/search")
@openapi.summary("Conversations whose messages or visitor name/email contain q")
@validate(query=SearchQuery)
async def search(request: Request, query: SearchQuery, node: Runtime, agent: Agent) -> HTTPResponse:
    page, hits = await inbox.search(
        shop=agent.shop,
        text=query.q,
        status=query.status,
        cursor=query.cursor,
        limit=query.limit,
    )
    items = []
    for conversation in page.conversations:
        online = await node.presence.count(visitor_key(conversation.visitor_id)) > 0
        item = conversation_summary(
            conversation,
            visitor_online=online,
            last_message=page.last_messages.get(conversation.id),
        )
        hit = hits.get(conversation.id)
        item["match"] = (
            {"seq": hit.seq, "body": hit.body[:300], "internal": hit.internal} if hit else None
        )
        items.append(item)
    return json({"conversations": items, "next_cursor": page.next_cursor})


@bp.get("/<conversation_id:int>/visitor")
@openapi.summary("The visitor behind a conversation: details, context and earlier conversations")
async def visitor_panel(
    request: Request, conversation_id: int, node: Runtime, agent: Agent
) -> HTTPResponse:
    conversation = await conversations.get_conversation(
        shop=agent.shop, conversation_id=conversation_id
    )
    online = await node.presence.count(visitor_key(conversation.visitor_id)) > 0
    return json(
        {
            "visitor": inbox.visitor_details(conversation.visitor, online=online),
            "context": conversation.context or {},
            "conversations": await inbox.earlier_conversations(
                shop=agent.shop, conversation=conversation
            ),
        }
    )
