"""The shopper widget in a real browser: its own server, the demo store on another origin."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import BrowserContext, Locator, Page, expect

from shopchat.demo import start_demo_site
from shopchat.testing import ServerProcess, free_port
from shopchat.testing.widget_page import AgentSocket, ShopperWidget

# screenshots of each state (git-ignored); SHOPCHAT_WIDGET_ARTIFACTS puts them elsewhere
ARTIFACTS = Path(
    os.environ.get("SHOPCHAT_WIDGET_ARTIFACTS")
    or Path(__file__).resolve().parent.parent / "artifacts" / "widget"
)


@dataclass
class WidgetStack:
    server: ServerProcess
    store_url: str
    shop_key: str
    secret: str
    email: str
    password: str

    def agent(self) -> AgentSocket:
        return AgentSocket(self.server.url, self.email, self.password)

    def history(self, token: str, conversation_id: int) -> list[dict]:
        url = f"{self.server.url}/api/v1/conversations/{conversation_id}/messages?limit=100"
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())["messages"]


def make_stack(workdir: Path, name: str) -> tuple[WidgetStack, object]:
    site_port = free_port()
    store = f"http://127.0.0.1:{site_port}"
    server = ServerProcess(
        workdir,
        {
            "SHOPCHAT_VAR_DIR": str(workdir / "var"),
            "SHOPCHAT_DATABASE_URL": f"sqlite://{workdir}/var/shopchat.db",
            "SHOPCHAT_BROKER_URL": "memory://",
            "SHOPCHAT_LIMIT_MESSAGE_BURST": "1000",
            "SHOPCHAT_LIMIT_MESSAGE_PER_SECOND": "1000",
        },
    )
    shop = server.cli(
        "create-shop", "--name", name, "--origin", store, "--greeting", "Hi! Ask us anything."
    )
    server.cli(
        "create-agent", "--shop", shop["shop_key"], "--email", "kim@shop.example",
        "--password", "widget password", "--name", "Kim",
    )  # fmt: skip
    site = start_demo_site("127.0.0.1", site_port, server.url, shop["shop_key"])
    stack = WidgetStack(
        server, store, shop["shop_key"], shop["secret"], "kim@shop.example", "widget password"
    )
    return stack, site


@contextmanager
def running_stack(workdir: Path, name: str) -> Iterator[WidgetStack]:
    """A stack with its server started; the server stopped and the store shut down after."""
    stack, site = make_stack(workdir, name)
    try:
        with stack.server:
            yield stack
    finally:
        site.shutdown()


@pytest.fixture(scope="module")
def wstack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WidgetStack]:
    with running_stack(tmp_path_factory.mktemp("widget"), "Fjord & Fern") as stack:
        yield stack


def shopper(
    context: BrowserContext, stack: WidgetStack, path: str = "/product.html"
) -> ShopperWidget:
    page = context.new_page()
    page.goto(stack.store_url + path)
    return ShopperWidget(page).wait_loaded()


def visitor_token(widget: ShopperWidget) -> str:
    token = widget.page.evaluate(
        "() => localStorage.getItem(Object.keys(localStorage).find(k => k.endsWith(':visitor')))"
    )
    assert token
    return token


def stored(widget: ShopperWidget) -> Locator:
    """Messages that are stored ones (the greeting bubble has no seq)."""
    return widget.page.locator("shopchat-widget [data-testid=message][data-seq]")


def watch_console(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def icon_font_status(page: Page) -> list[str]:
    return page.evaluate(
        """() => document.fonts.ready.then(() => [...document.fonts]
            .filter(f => f.family.replace(/["']/g, '') === 'shopchat-icons')
            .map(f => f.status))"""
    )


def shot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def png_file(tmp_path: Path, size: tuple[int, int] = (320, 200)) -> Path:
    image = Image.new("RGB", size, (37, 99, 235))
    for x in range(0, size[0], 20):
        for y in range(size[1]):
            image.putpixel((x, y), (250, 204, 21))
    path = tmp_path / "photo.png"
    image.save(path)
    return path


def test_two_shoppers_and_an_agent(new_context, wstack: WidgetStack) -> None:
    agent = wstack.agent()
    ada = shopper(new_context(), wstack)
    bo = shopper(new_context(), wstack, "/")
    ada.open()
    assert ada.status() == "online"
    shot(ada.page, "open")
    ada.send("Is the wool throw machine washable?")
    first = agent.next("message", body="Is the wool throw machine washable?")["message"]
    ada_conv = first["conversation_id"]
    # the product page's setContext() reaches the agents as the conversation's context
    while True:
        summary = agent.next("conversation", id=ada_conv)["conversation"]
        if "product" in summary["context"]:
            break
    assert summary["context"]["product"]["name"] == "Nordic wool throw"
    assert summary["visitor"]["page_title"]
    bo.open().send("Do you ship to Iceland?")
    bo_conv = agent.next("message", body="Do you ship to Iceland?")["message"]["conversation_id"]
    assert bo_conv != ada_conv

    # typing both ways, then the reply reaches only its shopper
    ada.input.press_sequentially("thanks", delay=10)
    agent.next("typing", conversation_id=ada_conv)
    ada.input.fill("")
    agent.typing(ada_conv)
    expect(ada.by("typing")).to_be_visible()
    expect(ada.by("typing")).to_contain_text("typing")
    shot(ada.page, "typing")
    agent.send(ada_conv, "Yes, on the wool cycle at 30 °C. See https://example.com/care")
    ada.expect_message("wool cycle at 30")
    expect(ada.by("typing")).to_be_hidden()
    link = ada.message("wool cycle").locator("a")
    expect(link).to_have_attribute("href", "https://example.com/care")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    expect(link).to_have_attribute("target", "_blank")
    expect(bo.message("wool cycle")).to_have_count(0)
    expect(ada.message("Iceland")).to_have_count(0)
    # the shopper's open panel read it: the agent gets the read receipt
    agent.next("read", conversation_id=ada_conv, by="visitor")

    # the agent reads the shopper's message: "Seen" under it
    agent.read(ada_conv, first["seq"])
    expect(ada.by("seen")).to_be_visible()
    shot(ada.page, "seen")
    ada.page.reload()
    ada.open()
    expect(ada.by("seen")).to_be_visible()  # the welcome carries agent_read_seq

    # unread badge counts while closed and clears on open
    ada.close()
    agent.send(ada_conv, "One more thing:")
    agent.send(ada_conv, "it is also dryer-safe.")
    ada.expect_unread(2)
    shot(ada.page, "badge")
    ada.open()
    ada.expect_message("dryer-safe")
    ada.expect_unread(0)
    agent.close()


def test_image_send_and_full_size(new_context, wstack: WidgetStack, tmp_path: Path) -> None:
    agent = wstack.agent()
    widget = shopper(new_context(), wstack).open()
    sent = widget.attach(png_file(tmp_path))
    pushed = agent.next("message", kind="image")["message"]
    assert (pushed["image"]["width"], pushed["image"]["height"]) == (320, 200)
    shot(widget.page, "image")
    sent.get_by_test_id("image").click()
    expect(widget.by("lightbox")).to_be_visible()
    expect(widget.by("lightbox").locator("img")).to_have_attribute(
        "src", f"{wstack.server.url}{pushed['image']['url']}"
    )
    shot(widget.page, "lightbox")
    widget.page.keyboard.press("Escape")
    expect(widget.by("lightbox")).to_be_hidden()
    expect(widget.panel).to_be_visible()
    agent.close()


def test_new_messages_touch_only_their_own_rows(new_context, wstack: WidgetStack) -> None:
    """The list is a keyed update of the thread's rows: nothing already drawn is re-created or
    moved by a send, its ack, a reply or a read receipt (issue 13)."""
    agent = wstack.agent()
    widget = shopper(new_context(), wstack)
    widget.open()
    widget.send("Do you gift-wrap?")
    conv = agent.next("message", body="Do you gift-wrap?")["message"]["conversation_id"]
    agent.send(conv, "We do, for free.")
    widget.expect_message("We do, for free.")
    widget.page.evaluate(
        """() => {
            const root = document.querySelector('shopchat-widget').shadowRoot;
            const list = root.querySelector('.msgs');
            const rows = window.__rows = {before: [...list.children], added: 0, removed: 0};
            new MutationObserver((changes) => changes.forEach((c) => {
                rows.added += c.addedNodes.length;
                rows.removed += c.removedNodes.length;
            })).observe(list, {childList: true});
        }"""
    )
    widget.send("Lovely, with a card please")
    asked = agent.next("message", body="Lovely, with a card please")["message"]
    agent.send(conv, "Of course.")
    widget.expect_message("Of course.")
    agent.read(conv, asked["seq"])
    expect(widget.by("seen")).to_have_count(1)
    expect(widget.message("with a card", author="visitor")).to_have_attribute("data-seen", "true")
    rows = widget.page.evaluate(
        "() => ({added: __rows.added, removed: __rows.removed,"
        " kept: __rows.before.every((n) => n.isConnected)})"
    )
    assert rows == {"added": 2, "removed": 0, "kept": True}


def test_load_more_on_a_conversation_of_200_messages(new_context, wstack: WidgetStack) -> None:
    from websockets.sync.client import connect

    widget = shopper(new_context(), wstack).open()
    widget.send("message 1")
    token = visitor_token(widget)
    url = f"{wstack.server.ws_url}/api/v1/ws/visitor?shop={wstack.shop_key}"
    with connect(url, origin=wstack.store_url) as ws:
        ws.send(json.dumps({"type": "hello", "visitor_token": token, "last_seq": None}))
        for n in range(2, 201):
            frame = {"type": "message", "client_msg_id": f"seed-{n}", "body": f"message {n}"}
            ws.send(json.dumps(frame))
        acked = 0
        while acked < 199:
            acked += json.loads(ws.recv(timeout=20))["type"] == "ack"
    widget.page.reload()
    widget.open()
    expect(stored(widget)).to_have_count(50)
    widget.expect_message("message 200", author="visitor")
    expect(widget.by("load-more")).to_be_visible()
    # scrolling to the top loads the previous page and keeps the shopper's place
    widget.by("message-list").evaluate("list => { list.scrollTop = 0; }")
    expect(stored(widget)).to_have_count(100)
    shot(widget.page, "load-more")
    assert widget.by("message-list").evaluate("list => list.scrollTop") > 0
    # The button itself. Not .click(): Playwright first scrolls the button into view, which is
    # the top of the list, and that scroll may itself load the page and move or hide the button
    # before the click lands (seen on a loaded machine).
    widget.by("load-more").dispatch_event("click")
    expect(stored(widget)).to_have_count(150)
    widget.by("load-more").dispatch_event("click")
    expect(stored(widget)).to_have_count(200)
    expect(widget.by("load-more")).to_be_hidden()
    seqs = [int(m["seq"]) for m in widget.messages() if m["seq"]]
    assert seqs == sorted(seqs) and len(set(seqs)) == 200
    texts = [m["text"] for m in widget.messages() if m["seq"]]
    assert texts[0] == "message 1" and texts[-1] == "message 200"


def test_reload_keeps_the_conversation_and_tabs_stay_in_sync(
    new_context, wstack: WidgetStack
) -> None:
    context = new_context()
    first = shopper(context, wstack).open()
    first.send("Sent from the first tab")
    second = shopper(context, wstack, "/cart.html").open()
    second.expect_message("Sent from the first tab", author="visitor")
    second.send("Sent from the second tab")
    first.expect_message("Sent from the second tab", author="visitor")
    first.page.reload()
    first.open()
    first.expect_message("Sent from the first tab", author="visitor", count=1)
    first.expect_message("Sent from the second tab", author="visitor", count=1)


def test_offline_note_is_stored_for_the_agents(new_context, wstack: WidgetStack) -> None:
    site_port = free_port()
    store = f"http://127.0.0.1:{site_port}"
    shop = wstack.server.cli("create-shop", "--name", "Night Owl", "--origin", store)
    wstack.server.cli(
        "create-agent", "--shop", shop["shop_key"], "--email", "owl@shop.example",
        "--password", "owl password", "--name", "Owl",
    )  # fmt: skip
    site = start_demo_site("127.0.0.1", site_port, wstack.server.url, shop["shop_key"])
    try:
        page = new_context().new_page()
        page.goto(store + "/product.html")
        widget = ShopperWidget(page).open()
        widget.expect_status(online=False)
        note = widget.by("offline-note")
        expect(note).to_be_visible()
        expect(note).to_contain_text("away")
        widget.by("offline-email").fill("ada@example.com")
        widget.send("Please call me back about the throw")
        expect(note).to_contain_text("ada@example.com")
        shot(page, "offline")
        agent = AgentSocket(wstack.server.url, "owl@shop.example", "owl password")
        request = urllib.request.Request(
            wstack.server.url + "/api/v1/conversations",
            headers={"Authorization": f"Bearer {agent.token}"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            (conversation,) = json.loads(response.read())["conversations"]
        assert conversation["visitor"]["email"] == "ada@example.com"
        assert conversation["last_message"]["body"] == "Please call me back about the throw"
        agent.close()
    finally:
        site.shutdown()


@pytest.mark.parametrize("page_name", ["hostile", "strict-csp"])
def test_hostile_css_and_strict_csp_pages_render_the_same(
    new_context, wstack: WidgetStack, page_name: str
) -> None:
    boxes = {}
    for name in ("product", page_name):
        context = new_context(viewport={"width": 1280, "height": 720})
        page = context.new_page()
        errors = watch_console(page)
        page.goto(f"{wstack.store_url}/{name}.html")
        widget = ShopperWidget(page).open()
        assert "loaded" in icon_font_status(page)
        widget.send(f"Hello from {name}")
        shot(page, f"page-{name}")
        boxes[name] = {
            testid: widget.by(testid).bounding_box()
            for testid in ("launcher", "panel", "input", "send", "close", "attach-button")
        }
        bad = [e for e in errors if "CORS" in e or "Content Security" in e or "Refused" in e]
        assert not bad, bad
        context.close()
    for testid, box in boxes["product"].items():
        other = boxes[page_name][testid]
        assert box and other, testid
        for key in ("x", "y", "width", "height"):
            assert abs(box[key] - other[key]) <= 1, (testid, key, box, other)


def test_mobile_viewport_is_full_screen(new_context, wstack: WidgetStack) -> None:
    context = new_context(viewport={"width": 375, "height": 667}, has_touch=True, is_mobile=True)
    widget = shopper(context, wstack)
    widget.open()
    box = widget.panel.bounding_box()
    assert box == {"x": 0, "y": 0, "width": 375, "height": 667}
    widget.input.fill("From my phone")
    widget.by("send").click()
    widget.expect_message("From my phone", author="visitor")
    shot(widget.page, "mobile")
    widget.close()
    expect(widget.launcher).to_be_visible()


def test_zh_cn_locale(new_context, wstack: WidgetStack) -> None:
    widget = shopper(new_context(locale="zh-CN"), wstack)
    expect(widget.launcher).to_have_attribute("aria-label", "打开聊天")
    widget.open()
    expect(widget.input).to_have_attribute("placeholder", "输入消息…")
    expect(widget.by("status")).to_contain_text(re.compile("在线|离线"))
    widget.send("你好")
    shot(widget.page, "zh-cn")


def test_keyboard_only(new_context, wstack: WidgetStack) -> None:
    widget = shopper(new_context(), wstack)
    page = widget.page
    widget.launcher.focus()
    page.keyboard.press("Enter")
    expect(widget.panel).to_be_visible()
    expect(widget.input).to_be_focused()
    page.keyboard.type("Typed with the keyboard")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("second line")
    page.keyboard.press("Tab")
    expect(widget.by("send")).to_be_focused()
    page.keyboard.press("Enter")
    sent = widget.message("second line", author="visitor")
    expect(sent).to_have_attribute("data-state", "sent")
    assert "Typed with the keyboard\nsecond line" in (sent.locator(".bubble").text_content() or "")
    expect(widget.input).to_be_focused()
    page.keyboard.type("Enter sends too")
    page.keyboard.press("Enter")
    expect(widget.message("Enter sends too", author="visitor")).to_have_count(1)
    page.keyboard.press("Shift+Tab")
    expect(widget.by("emoji-button")).to_be_focused()
    page.keyboard.press("Enter")
    expect(widget.by("emoji-picker")).to_be_visible()
    expect(widget.by("emoji").first).to_be_focused()
    shot(page, "emoji")
    page.keyboard.press("Enter")
    expect(widget.input).to_be_focused()
    assert widget.input.input_value() == "😀"
    page.keyboard.press("Escape")
    expect(widget.panel).to_be_hidden()
    expect(widget.launcher).to_be_focused()


def test_server_restart_mid_conversation(new_context, tmp_path_factory) -> None:
    stack, site = make_stack(tmp_path_factory.mktemp("restart"), "Restart Shop")
    try:
        stack.server.start()
        widget = shopper(new_context(), stack).open()
        widget.send("before the restart")
        stack.server.stop()
        expect(widget.by("conn-banner")).to_be_visible()
        widget.input.fill("typed while the server was down")
        widget.by("send").click()
        pending = widget.message("typed while the server was down", author="visitor")
        expect(pending).to_have_attribute("data-state", "sending")
        stack.server.start()
        expect(pending).to_have_attribute("data-state", "sent", timeout=20_000)
        expect(widget.by("conn-banner")).to_be_hidden()
        agent = stack.agent()
        request = urllib.request.Request(
            stack.server.url + "/api/v1/conversations",
            headers={"Authorization": f"Bearer {agent.token}"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            (conversation,) = json.loads(response.read())["conversations"]
        bodies = [m["body"] for m in stack.history(agent.token, conversation["id"])]
        assert bodies == ["before the restart", "typed while the server was down"]
        agent.close()
    finally:
        stack.server.stop()
        site.shutdown()


def test_verified_customer_sees_the_same_conversation_on_another_device(
    new_context, wstack: WidgetStack
) -> None:
    customer = "cust-e2e-1"
    signature = hmac.new(wstack.secret.encode(), customer.encode(), hashlib.sha256).hexdigest()
    who = {"id": customer, "name": "Ada Lovelace", "email": "ada@example.com", "hash": signature}
    laptop = shopper(new_context(), wstack)
    laptop.page.evaluate("who => ShopChat.identify(who)", who)
    laptop.open().send("Written on my laptop")
    phone_context = new_context(viewport={"width": 390, "height": 800}, is_mobile=True)
    phone = shopper(phone_context, wstack, "/cart.html")
    phone.page.evaluate("who => ShopChat.identify(who)", who)
    phone.open()
    phone.expect_message("Written on my laptop", author="visitor")
    phone.send("And this from my phone")
    laptop.expect_message("And this from my phone", author="visitor")
    # a forged hash is refused (the widget logs the error): that browser stays anonymous
    stranger = shopper(new_context(), wstack)
    stranger.page.evaluate(
        "who => ShopChat.identify(who)", {**who, "hash": "0" * 64, "name": "Mallory"}
    )
    with stranger.page.expect_console_message(lambda m: "invalid_identity" in m.text):
        stranger.open()
    expect(stranger.message("Written on my laptop")).to_have_count(0)


def test_first_visit_costs_one_small_request_and_stores_nothing(
    new_context, wstack: WidgetStack
) -> None:
    context = new_context()
    page = context.new_page()
    chat = []
    sockets = []
    page.on(
        "requestfinished",
        lambda r: (
            chat.append((r.url, r.sizes()["responseBodySize"]))
            if r.url.startswith(wstack.server.url)
            else None
        ),
    )
    page.on("websocket", lambda ws: sockets.append(ws.url))
    page.goto(wstack.store_url + "/product.html")
    widget = ShopperWidget(page).wait_loaded()
    page.wait_for_load_state("networkidle")
    assert [url.split("?")[0] for url, _ in chat] == [wstack.server.url + "/widget/v1/shopchat.js"]
    assert chat[0][1] <= 8 * 1024
    assert sockets == []
    assert page.evaluate("() => localStorage.length") == 0
    assert context.cookies() == []
    widget.open()
    page.evaluate("() => document.fonts.ready")
    page.wait_for_load_state("networkidle")
    assert sum(size for _, size in chat[1:]) <= 40 * 1024
    assert len(sockets) == 1
    assert page.evaluate("() => localStorage.length") >= 1
