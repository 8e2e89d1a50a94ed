"""Shop settings and the install snippets — owner only — under /shop."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json
from sanic_ext import openapi, validate

from ..models import Agent, Shop
from ..realtime import fanout
from ..realtime.node import Runtime
from ..services import accounts, shop_settings

bp = Blueprint("shop_settings", url_prefix="/shop")


class SettingsBody(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    greeting: str | None = Field(default=None, max_length=500)
    allowed_origins: list[str] | None = Field(default=None, max_length=50)
    brand_color: str | None = Field(default=None, max_length=7)
    widget_position: Literal["left", "right"] | None = None
    business_hours: dict[str, Any] | None = None
    offline_message: str | None = Field(default=None, max_length=1000)
    language: Literal["en", "zh-CN"] | None = None  # of the mail the shop sends


@bp.get("/settings")
@openapi.summary("The shop's settings — owner only")
async def get_settings(request: Request, owner: Agent) -> HTTPResponse:
    accounts.require_owner(owner)
    return json({"settings": shop_settings.settings_summary(owner.shop)})


@bp.put("/settings")
@openapi.summary("Change some of the shop's settings (absent fields stay) — owner only")
@openapi.body({"application/json": SettingsBody.model_json_schema()})
@validate(json=SettingsBody)
async def put_settings(
    request: Request, body: SettingsBody, node: Runtime, owner: Agent
) -> HTTPResponse:
    accounts.require_owner(owner)
    # exclude_unset: an explicit null business_hours means "always open"
    changes = body.model_dump(exclude_unset=True)
    for key in (
        "name",
        "greeting",
        "allowed_origins",
        "brand_color",
        "offline_message",
        "language",
    ):
        if key in changes and changes[key] is None:
            del changes[key]
    shop = await shop_settings.update_settings(shop=owner.shop, changes=changes)
    await fanout.to_agents(
        node, shop.id, {"type": "shop", "shop": {"name": shop.name, "key": shop.key}}
    )
    return json({"settings": shop_settings.settings_summary(shop)})


IDENTITY_NODE = """const crypto = require("crypto");
// SHOPCHAT_SECRET: the shop secret printed once by `shopchat create-shop`
const userHash = crypto
  .createHmac("sha256", process.env.SHOPCHAT_SECRET)
  .update(String(customer.id))
  .digest("hex");"""

IDENTITY_PYTHON = """import hashlib, hmac, os

# SHOPCHAT_SECRET: the shop secret printed once by `shopchat create-shop`
user_hash = hmac.new(
    os.environ["SHOPCHAT_SECRET"].encode(), str(customer.id).encode(), hashlib.sha256
).hexdigest()"""

IDENTITY_BROWSER = """<script>
  // On your store's pages, after the shopchat script tag, for a signed-in customer:
  window.addEventListener("load", function () {
    ShopChat.identify({
      id: "CUSTOMER_ID",        // the same id your server signed
      name: "Ada Lovelace",
      email: "ada@example.com",
      hash: "USER_HASH",        // computed on your server, never in the browser
    });
  });
</script>"""

IDENTITY_PHP = """<?php
// SHOPCHAT_SECRET: the shop secret printed once by `shopchat create-shop`
$userHash = hash_hmac('sha256', (string) $customer->id, getenv('SHOPCHAT_SECRET'));"""


def script_tag(script_url: str, shop: Shop) -> str:
    # The widget learns the position from its first welcome; saying it in the tag draws a
    # left-hand launcher on a new visitor's first paint instead of moving it a moment later.
    position = ' data-position="left"' if shop.widget_position == "left" else ""
    return f'<script src="{script_url}" data-shop="{shop.key}"{position} async></script>'


@bp.get("/install")
@openapi.summary("The script tag and identity-verification snippets — owner only")
async def install(request: Request, node: Runtime, owner: Agent) -> HTTPResponse:
    accounts.require_owner(owner)
    shop = owner.shop
    base = node.settings.public_url.rstrip("/")
    script_url = f"{base}/widget/v1/shopchat.js"
    return json(
        {
            "shop_key": shop.key,
            "script_url": script_url,
            "script_tag": script_tag(script_url, shop),
            "identity": {
                "algorithm": "HMAC-SHA256(key = shop secret, message = customer id), hex",
                "node": IDENTITY_NODE,
                "python": IDENTITY_PYTHON,
                "php": IDENTITY_PHP,
                "browser": IDENTITY_BROWSER,
            },
        }
    )
