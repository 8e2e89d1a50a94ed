"""What a running app holds: settings, hub, broker and presence, kept on app.ctx.runtime."""

from __future__ import annotations

from dataclasses import dataclass

from .config import Settings
from .limits import SocketLimits, WindowCounter
from .realtime.broker import Broker, create_broker
from .realtime.hub import Hub
from .realtime.presence import MemoryPresence, Presence

CLOSE_SERVICE_RESTART = 1012


@dataclass
class Runtime:
    settings: Settings
    hub: Hub
    broker: Broker
    presence: Presence
    socket_limits: SocketLimits
    sockets_per_ip: WindowCounter
    visitors_per_ip: WindowCounter

    @classmethod
    def build(cls, settings: Settings) -> Runtime:
        hub = Hub()
        broker = create_broker(
            settings.broker_url,
            hub.deliver,
            prefix=settings.namespace,
            # After a broker outage some publications were lost: every client resumes.
            on_reconnect=lambda: hub.close_all(CLOSE_SERVICE_RESTART, "reconnect and resume"),
        )
        hub.attach(broker)
        if settings.broker_url.startswith("memory"):
            presence: Presence = MemoryPresence()
        else:
            from .realtime.presence_redis import RedisPresence

            presence = RedisPresence(
                settings.broker_url, settings.namespace, settings.presence_ttl_seconds
            )
        return cls(
            settings,
            hub,
            broker,
            presence,
            socket_limits=SocketLimits(
                message_rate=settings.limit_message_per_second,
                message_burst=settings.limit_message_burst,
                typing_rate=settings.limit_typing_per_second,
                typing_burst=settings.limit_typing_burst,
            ),
            sockets_per_ip=WindowCounter(settings.limit_sockets_per_ip_minute, 60),
            visitors_per_ip=WindowCounter(settings.limit_visitors_per_ip_hour, 3600),
        )

    async def start(self) -> None:
        await self.broker.connect()
        await self.presence.start()

    async def stop(self) -> None:
        await self.presence.stop()
        await self.broker.close()
