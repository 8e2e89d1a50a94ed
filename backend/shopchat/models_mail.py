"""The tables of what leaves the server: the outbox (mail now, webhooks and web push later),
addresses the mail server refused for good, and the tokens that mails carry."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class OutboxStatus(StrEnum):
    PENDING = "pending"  # due at next_attempt_at (a claimed row's lease is claimed_until)
    SENT = "sent"
    FAILED = "failed"  # permanent failure, or retries gave up after 24 h
    DROPPED = "dropped"  # not sent on purpose: a limit, an undeliverable address


class LinkPurpose(StrEnum):
    SIGN_IN = "sign_in"
    UNSUBSCRIBE = "unsubscribe"
    INVITE = "invite"
    PASSWORD_RESET = "password_reset"


class OutboxItem(Model):
    """Anything leaving the server (mail; later webhooks, web push), written in the same
    transaction as its cause and sent by outbox/worker.py. dedupe_key makes enqueueing
    idempotent across processes; claimed_until is the lease of the process sending it."""

    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField(
        "models.Shop", related_name="outbox_items", null=True, on_delete=fields.CASCADE
    )
    kind = fields.CharField(max_length=20)
    payload = fields.JSONField()
    recipient = fields.CharField(max_length=254, null=True)  # for per-address limits
    dedupe_key = fields.CharField(max_length=200, unique=True)
    status = fields.CharEnumField(OutboxStatus, max_length=10, default=OutboxStatus.PENDING)
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField()
    claimed_until = fields.DatetimeField(null=True)
    claimed_by = fields.CharField(max_length=64, null=True)
    last_error = fields.TextField(null=True)
    sent_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "outbox"
        indexes = (("status", "next_attempt_at"), ("recipient", "sent_at"), ("shop_id", "sent_at"))


class UndeliverableAddress(Model):
    """An address the SMTP server refused for good (5xx): not mailed again until retried."""

    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField(
        "models.Shop", related_name="undeliverable", on_delete=fields.CASCADE
    )
    address = fields.CharField(max_length=254)
    smtp_reply = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "undeliverable_address"
        unique_together = (("shop", "address"),)


class ReplyToken(Model):
    """reply+<token>@SHOPCHAT_REPLY_DOMAIN: only the SHA-256 of the token is stored."""

    id = fields.IntField(primary_key=True)
    conversation = fields.ForeignKeyField(
        "models.Conversation", related_name="reply_tokens", on_delete=fields.CASCADE
    )
    token_hash = fields.CharField(max_length=64, unique=True)
    expires_at = fields.DatetimeField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "reply_token"


class LinkToken(Model):
    """A single-use link in a mail (sign in as the shopper, unsubscribe, later invites and
    password resets): only the SHA-256 of the token is stored; used_at spends it."""

    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField(
        "models.Shop", related_name="link_tokens", on_delete=fields.CASCADE
    )
    conversation = fields.ForeignKeyField(
        "models.Conversation", related_name="link_tokens", null=True, on_delete=fields.CASCADE
    )
    agent = fields.ForeignKeyField(
        "models.Agent", related_name="link_tokens", null=True, on_delete=fields.CASCADE
    )
    token_hash = fields.CharField(max_length=64, unique=True)
    purpose = fields.CharEnumField(LinkPurpose, max_length=20)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "link_token"
