import asyncio

from shopchat.realtime.broker import create_broker
from shopchat.realtime.close_codes import Close
from shopchat.realtime.connection import OUTBOX_LIMIT, Connection
from shopchat.realtime.hub import Hub


class FakeSocket:
    def __init__(self) -> None:
        self.sent: list[str] = []

    async def send(self, data: str) -> None:
        self.sent.append(data)

    async def close(self, code: int = 1000, reason: str = "") -> None:
        self.closed = code


def make_hub() -> Hub:
    hub = Hub()
    hub.attach(create_broker("memory://", hub.deliver))
    return hub


async def settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


async def test_publication_reaches_members_except_the_skipped_one():
    hub = make_hub()
    sockets = [FakeSocket() for _ in range(3)]
    connections = [Connection(socket, "visitor") for socket in sockets]
    for connection in connections:
        connection.start()
        await hub.join(connection, "room")
    await hub.publish("room", {"type": "event", "n": 1}, skip=connections[0])
    await settle()
    assert sockets[0].sent == []
    assert sockets[1].sent == sockets[2].sent == ['{"type":"event","n":1}']
    for connection in connections:
        await connection.stop()


class RecordingBroker:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    async def subscribe(self, channel: str) -> None:
        self.calls.append(("subscribe", channel))

    async def unsubscribe(self, channel: str) -> None:
        self.calls.append(("unsubscribe", channel))


async def test_a_channel_is_subscribed_once_and_left_with_its_last_member():
    hub, broker = Hub(), RecordingBroker()
    hub.attach(broker)  # type: ignore[arg-type]
    first, second = Connection(FakeSocket(), "agent"), Connection(FakeSocket(), "agent")
    await hub.join(first, "a")
    await hub.join(first, "b")
    await hub.join(second, "a")
    assert broker.calls == [("subscribe", "a"), ("subscribe", "b")]
    await hub.leave_all(first)
    assert broker.calls[2:] == [("unsubscribe", "b")]
    await hub.leave_all(second)
    assert broker.calls[3:] == [("unsubscribe", "a")]
    assert first.channels == second.channels == ()


async def test_held_frames_are_released_after_the_direct_reply_and_filtered():
    hub = make_hub()
    socket = FakeSocket()
    connection = Connection(socket, "visitor")
    connection.start()
    connection.hold()
    await hub.join(connection, "room")
    await hub.publish("room", {"type": "message", "message": {"seq": 1}})
    await hub.publish("room", {"type": "message", "message": {"seq": 2}})
    await settle()
    connection.send({"type": "welcome"})
    connection.release(lambda frame: frame["message"]["seq"] > 1)
    await settle()
    assert socket.sent == ['{"type":"welcome"}', '{"type":"message","message":{"seq":2}}']
    await connection.stop()


async def test_publications_keep_their_order():
    hub = make_hub()
    socket = FakeSocket()
    connection = Connection(socket, "visitor")
    connection.start()
    await hub.join(connection, "room")
    for n in range(50):
        await hub.publish("room", {"n": n})
    await settle()
    await asyncio.sleep(0.01)
    assert socket.sent == [f'{{"n":{n}}}' for n in range(50)]
    await connection.stop()


class StuckSocket(FakeSocket):
    """A client that stopped reading: every send waits forever."""

    async def send(self, data: str) -> None:
        await asyncio.Event().wait()


async def test_a_client_that_stops_reading_is_disconnected_not_buffered_forever():
    socket = StuckSocket()
    connection = Connection(socket, "visitor")
    connection.start()
    for n in range(OUTBOX_LIMIT + 5):
        connection.deliver(f'{{"n":{n}}}')
    await settle()
    assert getattr(socket, "closed", None) == Close.SLOW_CLIENT
    assert len(connection._outbox or ()) <= OUTBOX_LIMIT
    await connection.stop()
