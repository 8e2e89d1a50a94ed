"""Classic XSS payloads as messages, names, emails, page titles and context fields: the widget
and the console show them as inert text, no dialog fires, no element is made from them, and
the layout holds."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from shopchat.testing.console_page import AgentConsole
from shopchat.testing.widget_page import ShopperWidget
from tests.e2e.conftest import Stack

LONG_WORD = "A" * 2_000  # the longest body there is; names and context get 10,000 below
HUGE_WORD = "B" * 10_000
PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    "javascript:alert(3)",
    '<svg onload="alert(4)"><circle r="9"/></svg>',
    '"><iframe src="javascript:alert(5)">',
    "\u202egnp.exe",  # right-to-left override
    "zero\u200bwidth\u200djoiner\ufeff",
    "{{constructor.constructor('alert(6)')()}}",
    LONG_WORD,
]
# Markup the payloads would create if anything rendered them as HTML.
INJECTED = "img[src='x'], script:not([src]), svg circle, iframe"


def fail_on_dialog(page: Page, fired: list[str]) -> None:
    page.on("dialog", lambda dialog: (fired.append(dialog.message), dialog.dismiss()))


def injected_in_widget(page: Page) -> int:
    return page.evaluate(
        """selector => {
            const host = document.querySelector('shopchat-widget');
            return (host && host.shadowRoot ? host.shadowRoot.querySelectorAll(selector).length : 0)
                + document.querySelectorAll(selector).length;
        }""",
        INJECTED,
    )


def test_payloads_stay_inert_text_in_widget_and_console(new_context, stack: Stack) -> None:
    fired: list[str] = []
    page = new_context().new_page()
    fail_on_dialog(page, fired)
    page.goto(stack.store_url + "/product.html")
    shopper = ShopperWidget(page)
    shopper.open()
    page.evaluate(
        """p => {
            const [payloads, huge] = p;
            document.title = payloads[0] + huge;
            window.ShopChat.identify({name: payloads[0], email: payloads[1] + '@example.com'});
            window.ShopChat.setContext({
                product: {name: payloads[1] + huge, url: 'javascript:alert(7)',
                          price: payloads[3], image: payloads[2]},
                cart: {items: [{name: payloads[4], qty: 1}], total: payloads[0]},
                order: {id: payloads[3]},
            });
        }""",
        [PAYLOADS, HUGE_WORD],
    )
    for payload in PAYLOADS:
        shopper.send(payload)

    console_page = new_context().new_page()
    fail_on_dialog(console_page, fired)
    console = AgentConsole(console_page, stack.server.url)
    console.login(stack.agent_email, stack.agent_password)
    console.open_conversation(visitor_name=PAYLOADS[0])  # the name itself is a payload
    for payload in PAYLOADS[:-1]:
        console.expect_message(payload, author="visitor")
    for payload in PAYLOADS[:3]:
        console.reply(payload)
        shopper.expect_message(payload, author="agent")

    assert fired == []
    assert injected_in_widget(page) == 0
    assert console_page.locator(INJECTED).count() == 0
    assert console_page.locator("a[href^='javascript:']").count() == 0
    assert page.locator("shopchat-widget a[href^='javascript:']").count() == 0
    _long_word_stays_inside(console_page.get_by_test_id("message").filter(has_text="AAAA").first)
    _long_word_stays_inside(shopper.message("AAAA").first)
    expect(console.panel).to_be_visible()


def _long_word_stays_inside(bubble) -> None:
    """A 10,000-character word wraps inside its bubble instead of widening the page."""
    expect(bubble).to_be_visible()
    box = bubble.bounding_box()
    viewport = bubble.page.viewport_size
    assert box is not None and viewport is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1
