"""What a running app holds: settings, hub, broker and presence, kept on app.ctx.runtime."""

from __future__ import annotations

from dataclasses import dataclass

from .config import Settings
from .realtime.broker import Broker, create_broker
from .realtime.hub import Hub
from .realtime.presence import MemoryPresence, Presence


@dataclass
class Runtime:
    settings: Settings
    hub: Hub
    broker: Broker
    presence: Presence

    @classmethod
    def build(cls, settings: Settings) -> Runtime:
        hub = Hub()
        broker = create_broker(settings.broker_url, hub.deliver)
        hub.attach(broker)
        return cls(settings=settings, hub=hub, broker=broker, presence=MemoryPresence())
