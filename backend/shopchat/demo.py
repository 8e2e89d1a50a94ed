"""`shopchat demo`: a demo shop and agent, and the sample store served from another origin."""

from __future__ import annotations

import json
import secrets
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

from .config import DEMO_SITE_DIR, Settings
from .models import Agent, Role, Shop
from .services.accounts import create_agent
from .services.shops import create_shop

DEMO_EMAIL = "agent@demo.shop"


def demo_origins(site_port: int) -> list[str]:
    return [f"http://127.0.0.1:{site_port}", f"http://localhost:{site_port}"]


async def ensure_demo_shop(settings: Settings, site_port: int) -> dict[str, Any]:
    """Reuse the demo shop recorded under var/, or create it (and its agent) once."""
    record_path = settings.var_dir / "demo.json"
    if record_path.exists():
        record = json.loads(record_path.read_text())
        shop = await Shop.get_or_none(key=record["shop_key"])
        if shop is not None and await Agent.exists(shop=shop, email=record["email"]):
            return record
    shop, secret = await create_shop(
        name="Demo Shop",
        origins=demo_origins(site_port),
        greeting="Hi! 👋 Ask us anything about sizes, shipping or your order.",
        secret_key=settings.secret_key,
    )
    password = secrets.token_urlsafe(9)
    await create_agent(
        shop=shop, email=DEMO_EMAIL, password=password, name="Dana (Demo Shop)", role=Role.OWNER
    )
    record = {"shop_key": shop.key, "secret": secret, "email": DEMO_EMAIL, "password": password}
    record_path.parent.mkdir(parents=True, exist_ok=True)
    record_path.write_text(json.dumps(record, indent=2) + "\n")
    record_path.chmod(0o600)
    return record


class _DemoSiteHandler(SimpleHTTPRequestHandler):
    """Serves demo_site/, filling {{CHAT_URL}} and {{SHOP_KEY}} into its HTML pages."""

    replacements: ClassVar[dict[str, str]] = {}

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix != ".html" or not path.is_file():
            return super().send_head()
        body = path.read_text(encoding="utf-8")
        for placeholder, value in self.replacements.items():
            body = body.replace(placeholder, value)
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-cache")
        for name, value in _page_headers(path, self.replacements["{{CHAT_URL}}"]).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
        return None

    def log_message(self, format: str, *args: Any) -> None:
        return None


def _page_headers(path: Path, chat_url: str) -> dict[str, str]:
    if path.name.startswith("strict-csp"):
        return {
            "Content-Security-Policy": (
                f"default-src 'self'; script-src 'self' {chat_url}; connect-src 'self' "
                f"{chat_url} {chat_url.replace('http', 'ws', 1)}; img-src 'self' {chat_url}; "
                f"font-src 'self' {chat_url}; style-src 'self'"
            )
        }
    return {}


def start_demo_site(host: str, port: int, chat_url: str, shop_key: str) -> ThreadingHTTPServer:
    handler = type(
        "DemoSiteHandler",
        (_DemoSiteHandler,),
        {"replacements": {"{{CHAT_URL}}": chat_url, "{{SHOP_KEY}}": shop_key}},
    )
    server = ThreadingHTTPServer((host, port), partial(handler, directory=str(DEMO_SITE_DIR)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="demo-site", daemon=True).start()
    return server
