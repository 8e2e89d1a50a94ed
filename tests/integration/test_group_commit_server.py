"""Many shoppers writing at once through a real server (SQLite and PostgreSQL): their
messages share commits, and one refused write among them costs nobody else theirs."""

import asyncio
import json
import uuid

from tests.integration.client import bearer, http, open_visitor, recv_type, send_message


async def _sends_five(ws, n: int) -> list[int]:
    return [(await send_message(ws, f"shopper {n} line {line}"))["message"]["seq"]
            for line in range(5)]  # fmt: skip


async def _reuses_an_id_with_other_text(ws) -> dict:
    first = await send_message(ws, "original", client_msg_id="reused-id")
    await ws.send(json.dumps({"type": "message", "client_msg_id": "reused-id", "body": "edited"}))
    refused = await recv_type(ws, "error")
    after = await send_message(ws, "after the refusal", client_msg_id=uuid.uuid4().hex)
    return {"first": first, "refused": refused, "after": after}


async def test_concurrent_shoppers_with_one_refused_write(server, fresh_shop):
    sockets = [await open_visitor(server, fresh_shop.key) for _ in range(20)]
    try:
        results = await asyncio.gather(
            _reuses_an_id_with_other_text(sockets[0][0]),
            *(_sends_five(ws, n) for n, (ws, _welcome) in enumerate(sockets[1:], start=1)),
        )
    finally:
        await asyncio.gather(*(ws.close() for ws, _ in sockets))

    odd_one = results[0]
    assert odd_one["refused"]["code"] == "conflict"
    assert odd_one["refused"]["client_msg_id"] == "reused-id"
    assert [odd_one["first"]["message"]["seq"], odd_one["after"]["message"]["seq"]] == [1, 2]
    assert all(seqs == [1, 2, 3, 4, 5] for seqs in results[1:]), results[1:]

    for n, (_ws, welcome) in enumerate(sockets):
        response = http(
            server, "GET", f"/api/v1/conversations/{welcome['conversation_id']}/messages",
            headers=bearer(fresh_shop.token),
        )  # fmt: skip
        assert response.status == 200
        bodies = [m["body"] for m in response.body["messages"]]
        if n == 0:
            assert bodies == ["original", "after the refusal"]
        else:
            assert bodies == [f"shopper {n} line {line}" for line in range(5)]
