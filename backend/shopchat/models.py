"""Tortoise models. Every row hangs off a Shop, and every query is scoped to one."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class Role(StrEnum):
    OWNER = "owner"
    AGENT = "agent"


class Status(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Author(StrEnum):
    VISITOR = "visitor"
    AGENT = "agent"


class Kind(StrEnum):
    TEXT = "text"
    IMAGE = "image"


class Via(StrEnum):
    CHAT = "chat"
    EMAIL = "email"


class Language(StrEnum):
    EN = "en"
    ZH_CN = "zh-CN"


class EmailNotify(StrEnum):
    """Which unread shopper messages mail an agent."""

    NEW_CONVERSATIONS = "new_conversations"
    EVERY_UNANSWERED = "every_unanswered"
    OFF = "off"


class Shop(Model):
    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=40, unique=True)
    secret_hash = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=200)
    allowed_origins = fields.JSONField(default=list)
    greeting = fields.TextField(default="")
    brand_color = fields.CharField(max_length=7, default="#2563eb")
    widget_position = fields.CharField(max_length=5, default="right")
    offline_message = fields.TextField(default="")
    # {"timezone": "Europe/Oslo", "days": {"mon": [["09:00", "17:00"]], ...}}; null = always open
    business_hours = fields.JSONField(null=True)
    # The shop secret, encrypted with SHOPCHAT_SECRET_KEY: identity verification needs the
    # secret itself as its HMAC key, which the SHA-256 in secret_hash cannot give back.
    secret_encrypted = fields.TextField(default="")
    language = fields.CharEnumField(Language, max_length=10, default=Language.EN)  # of mail
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "shop"


class Agent(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("models.Shop", related_name="agents", on_delete=fields.CASCADE)
    email = fields.CharField(max_length=254)
    password_hash = fields.CharField(max_length=200)
    name = fields.CharField(max_length=200)
    role = fields.CharEnumField(Role, max_length=10, default=Role.AGENT)
    is_active = fields.BooleanField(default=True)
    notify_sound = fields.BooleanField(default=True)
    notify_title = fields.BooleanField(default=True)
    notify_desktop = fields.BooleanField(default=True)
    notify_email = fields.CharEnumField(
        EmailNotify, max_length=20, default=EmailNotify.EVERY_UNANSWERED
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "agent"
        unique_together = (("shop", "email"),)


class AgentSession(Model):
    """A login: only the SHA-256 of the bearer token is stored."""

    id = fields.IntField(primary_key=True)
    agent = fields.ForeignKeyField(
        "models.Agent", related_name="sessions", on_delete=fields.CASCADE
    )
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()

    class Meta:
        table = "agent_session"


class Visitor(Model):
    id = fields.IntField(primary_key=True)
    public_id = fields.CharField(max_length=40, unique=True)
    shop = fields.ForeignKeyField("models.Shop", related_name="visitors", on_delete=fields.CASCADE)
    token_hash = fields.CharField(max_length=64, unique=True)
    # The shop's own customer id, set by a verified identify(): the same customer on any device.
    external_id = fields.CharField(max_length=200, null=True)
    verified = fields.BooleanField(default=False)
    name = fields.CharField(max_length=200, null=True)
    email = fields.CharField(max_length=254, null=True)
    last_page_url = fields.CharField(max_length=2000, null=True)
    last_page_title = fields.CharField(max_length=500, null=True)
    referrer = fields.CharField(max_length=2000, null=True)
    user_agent = fields.CharField(max_length=500, null=True)
    locale = fields.CharField(max_length=35, null=True)
    timezone = fields.CharField(max_length=64, null=True)
    visits = fields.IntField(default=1)
    # when the shopper's last open socket closed (continuity mail waits for it); null = never
    last_socket_closed_at = fields.DatetimeField(null=True)
    first_seen = fields.DatetimeField(auto_now_add=True)
    last_seen = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "visitor"
        indexes = (("shop_id", "external_id"),)


class Conversation(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField(
        "models.Shop", related_name="conversations", on_delete=fields.CASCADE
    )
    visitor = fields.ForeignKeyField(
        "models.Visitor", related_name="conversations", on_delete=fields.CASCADE
    )
    status = fields.CharEnumField(Status, max_length=10, default=Status.OPEN)
    assignee = fields.ForeignKeyField(
        "models.Agent", related_name="assigned", null=True, on_delete=fields.SET_NULL
    )
    last_message_at = fields.DatetimeField(null=True)
    last_seq = fields.IntField(default=0)
    unread_agent = fields.IntField(default=0)
    unread_visitor = fields.IntField(default=0)
    visitor_read_seq = fields.IntField(default=0)
    agent_read_seq = fields.IntField(default=0)
    # What the widget's setContext() sent: {"product": {...}, "cart": {...}, "order": {...}}
    context = fields.JSONField(default=dict)
    # Staff mail: the unread stretch up to staff_mailed_seq was notified at notified_at, and
    # escalated to the owners at escalated_at (both cleared when an agent reads or answers).
    notified_at = fields.DatetimeField(null=True)
    escalated_at = fields.DatetimeField(null=True)
    staff_mailed_seq = fields.IntField(default=0)
    # Continuity mail to the shopper: agent messages up to visitor_mailed_seq were mailed.
    visitor_mailed_seq = fields.IntField(default=0)
    visitor_mailed_at = fields.DatetimeField(null=True)
    visitor_unsubscribed = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "conversation"
        # the inbox's keyset pages; a returning shopper's latest conversation (without it,
        # each reconnect scanned every conversation of the shop)
        indexes = (("shop_id", "last_message_at", "id"), ("visitor_id", "id"))


class Message(Model):
    id = fields.IntField(primary_key=True)
    conversation = fields.ForeignKeyField(
        "models.Conversation", related_name="messages", on_delete=fields.CASCADE
    )
    seq = fields.IntField()
    author = fields.CharEnumField(Author, max_length=10)
    agent = fields.ForeignKeyField(
        "models.Agent", related_name="messages", null=True, on_delete=fields.SET_NULL
    )
    kind = fields.CharEnumField(Kind, max_length=10, default=Kind.TEXT)
    body = fields.TextField()
    client_msg_id = fields.CharField(max_length=64, null=True)
    internal = fields.BooleanField(default=False)
    upload = fields.ForeignKeyField(
        "models.Upload", related_name="messages", null=True, on_delete=fields.SET_NULL
    )
    via = fields.CharEnumField(Via, max_length=5, default=Via.CHAT)
    # An inbound mail's Message-ID: the same mail is stored once per conversation.
    message_id = fields.CharField(max_length=255, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "message"
        unique_together = (
            ("conversation", "seq"),
            ("conversation", "client_msg_id"),
            ("conversation", "message_id"),
        )


class Upload(Model):
    """An image a visitor or agent sent; the file lives under a random name on disk."""

    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("models.Shop", related_name="uploads", on_delete=fields.CASCADE)
    key = fields.CharField(max_length=64, unique=True)
    content_type = fields.CharField(max_length=50)
    size = fields.IntField()
    width = fields.IntField(null=True)
    height = fields.IntField(null=True)
    visitor = fields.ForeignKeyField(
        "models.Visitor", related_name="uploads", null=True, on_delete=fields.SET_NULL
    )
    agent = fields.ForeignKeyField(
        "models.Agent", related_name="uploads", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "upload"


class CannedReply(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField(
        "models.Shop", related_name="canned_replies", on_delete=fields.CASCADE
    )
    shortcut = fields.CharField(max_length=50)
    body = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "canned_reply"
        unique_together = (("shop", "shortcut"),)


# The tables of what leaves the server (outbox, undeliverable addresses, mail tokens) live
# in models_mail.py; Tortoise finds them here, in the one models module it is given.
from .models_mail import (  # noqa: E402
    LinkPurpose,
    LinkToken,
    OutboxItem,
    OutboxStatus,
    ReplyToken,
    UndeliverableAddress,
)

__all__ = [
    "Agent", "AgentSession", "Author", "CannedReply", "Conversation", "EmailNotify", "Kind",
    "Language", "LinkPurpose", "LinkToken", "Message", "OutboxItem", "OutboxStatus",
    "ReplyToken", "Role", "Shop", "Status", "UndeliverableAddress", "Upload", "Via", "Visitor",
]  # fmt: skip
