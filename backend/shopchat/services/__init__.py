"""Keyword-only service functions. Every one takes the shop, so tenant scoping lives here."""
