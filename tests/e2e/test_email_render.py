"""A staff notification's HTML as mail clients show it, in both languages: rendered by
Chromium to tests/artifacts/email-<language>.png for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from shopchat.mail.templates import Quoted, staff_notification

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
SAMPLES = {
    "en": [Quoted("21:04", "Hi! Do you ship to Norway?"),
           Quoted("21:05", "<script>alert('x')</script> and is the blue teapot in stock?")],
    "zh-CN": [Quoted("21:04", "你好，请问可以寄到挪威吗？"),
              Quoted("21:05", "<b>蓝色茶壶</b>还有货吗？")],
}  # fmt: skip


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_a_notification_renders_with_the_shoppers_words_escaped(page: Page, language: str):
    rendered = staff_notification(
        language=language, shop="Fjord & Fern", shopper="Ada", messages=SAMPLES[language],
        link="https://chat.example/console/#/conversations/12", away=True,
        escalated_minutes=None,
    )  # fmt: skip
    page.set_viewport_size({"width": 640, "height": 520})
    page.set_content(rendered.html)
    assert page.locator("script").count() == 0 and page.locator("td b").count() == 0
    assert SAMPLES[language][1].body in page.inner_text("body")  # shown as text, not markup
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"email-{language}.png"), full_page=True)
