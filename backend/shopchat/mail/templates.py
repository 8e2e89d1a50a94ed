"""Plain-text and HTML bodies. Everything a shopper or agent wrote is escaped; the only
links are the ones the caller built from SHOPCHAT_PUBLIC_URL."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .strings import words


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class Quoted:
    time: str  # "21:04", already in the reader's terms
    body: str


_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>
<body style="margin:0;padding:24px;background:#f4f4f5;font-family:-apple-system,Segoe UI,
Roboto,'Noto Sans','Noto Sans CJK SC','PingFang SC',sans-serif;color:#18181b">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"
 style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;border:1px solid #e4e4e7">
<tr><td style="padding:24px">{content}</td></tr></table>
<p style="max-width:560px;margin:12px auto;font-size:12px;color:#71717a">{footer}</p>
</body></html>"""


def _page(lang: str, title: str, content: str, footer: str) -> str:
    return _PAGE.format(lang=escape(lang), title=escape(title), content=content, footer=footer)


def staff_notification(
    *,
    language: str,
    shop: str,
    shopper: str | None,
    messages: list[Quoted],
    link: str,
    away: bool,
    escalated_minutes: int | None,
) -> Rendered:
    w = words(language)
    who = shopper or w["anonymous"]
    subject = w["subject"].format(shopper=who, shop=shop)
    lead = w["away" if away else "waiting"].format(shopper=who, shop=shop)
    extra = w["escalated"].format(minutes=escalated_minutes) if escalated_minutes else ""
    why = w["why"].format(shop=shop)
    quoted = [f"[{m.time}] {m.body}" for m in messages]
    text = "\n".join(
        [lead, *([extra] if extra else []), "", *quoted, "", f"{w['open']}: {link}", "", why]
    )
    rows = "".join(
        '<tr><td style="padding:4px 12px 4px 0;color:#71717a;font-size:13px;vertical-align:top">'
        f"{escape(m.time)}</td>"
        '<td style="padding:4px 0;font-size:15px;white-space:pre-wrap">'
        f"{escape(m.body)}</td></tr>"
        for m in messages
    )
    content = (
        f'<p style="margin:0 0 8px;font-size:16px;font-weight:600">{escape(lead)}</p>'
        + (f'<p style="margin:0 0 8px;color:#b91c1c">{escape(extra)}</p>' if extra else "")
        + '<table role="presentation" style="margin:12px 0;border-left:3px solid #2563eb;'
        f'padding-left:12px">{rows}</table>'
        f'<p style="margin:20px 0 0"><a href="{escape(link)}" style="background:#2563eb;'
        "color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none;"
        f'display:inline-block">{escape(w["open"])}</a></p>'
    )
    return Rendered(subject, text, _page(language, subject, content, escape(why)))


def test_mail(*, language: str, shop: str, name: str) -> Rendered:
    w = words(language)
    subject = w["test_subject"].format(shop=shop)
    body = w["test_body"].format(name=name, shop=shop)
    content = f'<p style="margin:0;font-size:15px">{escape(body)}</p>'
    return Rendered(subject, body, _page(language, subject, content, ""))
