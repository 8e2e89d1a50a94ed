"""The QA kit: a real shopchat server process, page objects for the widget and the agent
console, and the pytest plugin (`plugin.py`, registered as `pytest11: shopchat`).

    from shopchat.testing import ShopperWidget, AgentConsole, inject_widget

The page objects need Playwright and the plugin pytest (`pip install "shopchat[qa]"`): they are
imported when first named, so `ServerProcess` and `free_port` (and `import shopchat`) need
neither.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .server import ServerProcess, free_port

if TYPE_CHECKING:
    from .console_page import AgentConsole
    from .widget_page import AgentSocket, ShopperWidget, inject_widget

_LAZY = {
    "ShopperWidget": "widget_page",
    "AgentSocket": "widget_page",
    "inject_widget": "widget_page",
    "AgentConsole": "console_page",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AgentConsole",
    "AgentSocket",
    "ServerProcess",
    "ShopperWidget",
    "free_port",
    "inject_widget",
]
