"""The shop backend's push API: sendToClient and sendToAll."""

from __future__ import annotations

from tests.integration.client import bearer, http, nothing_more, open_visitor, recv_type


async def test_push_to_one_visitor_reaches_all_of_their_tabs_only(server, fresh_shop):
    tab1, welcome = await open_visitor(server, fresh_shop.key)
    tab2, _ = await open_visitor(server, fresh_shop.key, token=welcome["visitor_token"])
    bystander, _ = await open_visitor(server, fresh_shop.key)
    async with tab1, tab2, bystander:
        response = http(
            server,
            "POST",
            "/api/v1/push",
            {"to": f"visitor:{welcome['visitor_id']}", "event": {"kind": "order_shipped"}},
            headers=bearer(fresh_shop.secret),
        )
        assert response.status == 200 and response.body == {"sockets": 2}
        for tab in (tab1, tab2):
            frame = await recv_type(tab, "event")
            assert frame == {"type": "event", "event": {"kind": "order_shipped"}}
        await nothing_more(bystander, "event")


async def test_push_to_all_reaches_every_connected_visitor_of_the_shop(server, fresh_shop, shop):
    one, _ = await open_visitor(server, fresh_shop.key)
    two, _ = await open_visitor(server, fresh_shop.key)
    elsewhere, _ = await open_visitor(server, shop.key)
    async with one, two, elsewhere:
        response = http(
            server, "POST", "/api/v1/push", {"to": "all", "event": {"sale": 20}},
            headers=bearer(fresh_shop.secret),
        )  # fmt: skip
        assert response.body == {"sockets": 2}
        for ws in (one, two):
            assert (await recv_type(ws, "event"))["event"] == {"sale": 20}
        await nothing_more(elsewhere, "event")


def test_push_with_a_wrong_secret_is_401(server, shop):
    response = http(
        server, "POST", "/api/v1/push", {"to": "all", "event": {}}, headers=bearer("wrong")
    )
    assert response.status == 401


def test_push_to_an_unknown_or_foreign_visitor_is_404(server, shop):
    response = http(
        server, "POST", "/api/v1/push", {"to": "visitor:v_nobody", "event": {}},
        headers=bearer(shop.secret),
    )  # fmt: skip
    assert response.status == 404


def test_push_to_a_malformed_target_is_400(server, shop):
    response = http(
        server, "POST", "/api/v1/push", {"to": "everyone", "event": {}},
        headers=bearer(shop.secret),
    )  # fmt: skip
    assert response.status == 400
