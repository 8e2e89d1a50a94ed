"""REST: login, conversation list, history pages, close/reopen, CORS, health, assets."""

from __future__ import annotations

import gzip

import pytest

from tests.integration.client import (
    STORE_ORIGIN,
    bearer,
    http,
    login,
    open_agent,
    open_visitor,
    recv_type,
    send_message,
)


def test_login_with_wrong_password_is_401_with_a_json_error(server, shop):
    response = http(
        server, "POST", "/api/v1/agent/login", {"email": shop.email, "password": "wrong"}
    )
    assert response.status == 401
    assert response.body["error"]["code"] == "unauthorized"
    assert response.body["error"]["message"]


def test_login_with_a_nul_in_the_email_is_401_not_a_server_error(server, shop):
    # found by Schemathesis: PostgreSQL refuses NUL in text, which used to answer 500
    response = http(
        server, "POST", "/api/v1/agent/login", {"email": "a\u0000@b.c", "password": "x"}
    )
    assert response.status == 401
    assert response.body["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("body", [{}, {"email": "a@b.c"}, {"email": 5, "password": "x"}])
def test_login_with_a_malformed_body_is_400(server, body):
    response = http(server, "POST", "/api/v1/agent/login", body)
    assert response.status == 400
    assert response.body["error"]["code"] == "invalid_request"


@pytest.mark.parametrize(
    "header", [None, "Bearer", "Bearer ", "Basic abc", "Bearer a b", "Bearer not-a-token"]
)
def test_conversations_need_a_valid_bearer_token(server, header):
    headers = {"Authorization": header} if header is not None else {}
    response = http(server, "GET", "/api/v1/conversations", headers=headers)
    assert response.status == 401
    assert response.body["error"]["code"] == "unauthorized"


def test_logout_revokes_the_token(server, shop):
    token = login(server, shop.email)
    assert http(server, "POST", "/api/v1/agent/logout", headers=bearer(token)).status == 200
    response = http(server, "GET", "/api/v1/conversations", headers=bearer(token))
    assert response.status == 401


async def test_list_hides_empty_conversations_and_puts_newest_activity_first(server, fresh_shop):
    older, older_welcome = await open_visitor(server, fresh_shop.key)
    newer, newer_welcome = await open_visitor(server, fresh_shop.key)
    empty, _ = await open_visitor(server, fresh_shop.key)
    async with older, newer, empty:
        await send_message(older, "first")
        await send_message(newer, "second")
    listed = http(server, "GET", "/api/v1/conversations", headers=bearer(fresh_shop.token))
    assert listed.status == 200
    ids = [c["id"] for c in listed.body["conversations"]]
    assert ids == [newer_welcome["conversation_id"], older_welcome["conversation_id"]]
    first = listed.body["conversations"][0]
    assert first["visitor"]["id"] == newer_welcome["visitor_id"]
    assert first["status"] == "open" and first["assignee"] is None
    assert first["last_seq"] == 1 and first["last_message"]["body"] == "second"
    assert listed.body["next_cursor"] is None


async def test_list_paginates_with_a_cursor_without_overlap(server, fresh_shop):
    expected = []
    for index in range(5):
        ws, welcome = await open_visitor(server, fresh_shop.key)
        async with ws:
            await send_message(ws, f"hello {index}")
        expected.insert(0, welcome["conversation_id"])
    seen, cursor = [], None
    while True:
        query = "?limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = http(
            server, "GET", "/api/v1/conversations" + query, headers=bearer(fresh_shop.token)
        )
        seen += [c["id"] for c in page.body["conversations"]]
        cursor = page.body["next_cursor"]
        if cursor is None:
            break
    assert seen == expected


@pytest.mark.parametrize(
    "query", ["?limit=0", "?limit=101", "?limit=x", "?status=maybe", "?cursor=%%%"]
)
def test_list_rejects_bad_parameters(server, shop, query):
    response = http(server, "GET", "/api/v1/conversations" + query, headers=bearer(shop.token))
    assert response.status == 400
    assert response.body["error"]["code"] in ("invalid_request", "invalid_field")


async def test_close_and_reopen_and_a_visitor_message_reopens(server, fresh_shop):
    agent, _ = await open_agent(server, fresh_shop.token)
    visitor, welcome = await open_visitor(server, fresh_shop.key)
    async with agent, visitor:
        conversation_id = welcome["conversation_id"]
        await send_message(visitor, "thanks, bye")
        closed = http(
            server,
            "POST",
            f"/api/v1/conversations/{conversation_id}/close",
            headers=bearer(fresh_shop.token),
        )
        assert closed.status == 200 and closed.body["conversation"]["status"] == "closed"
        frame = await recv_type(agent, "conversation")
        while frame["conversation"]["status"] != "closed":
            frame = await recv_type(agent, "conversation")
        listed = http(
            server, "GET", "/api/v1/conversations?status=closed", headers=bearer(fresh_shop.token)
        )
        assert [c["id"] for c in listed.body["conversations"]] == [conversation_id]
        await send_message(visitor, "one more question")
        frame = await recv_type(agent, "conversation")
        while frame["conversation"]["status"] != "open":
            frame = await recv_type(agent, "conversation")
        reopened = http(
            server,
            "POST",
            f"/api/v1/conversations/{conversation_id}/reopen",
            headers=bearer(fresh_shop.token),
        )
        assert reopened.body["conversation"]["status"] == "open"


async def test_history_pages_backwards_and_forwards(server, shop):
    ws, welcome = await open_visitor(server, shop.key)
    async with ws:
        for index in range(12):
            await send_message(ws, f"m{index + 1}")
    path = f"/api/v1/conversations/{welcome['conversation_id']}/messages"
    headers = bearer(shop.token)
    latest = http(server, "GET", path + "?limit=5", headers=headers).body
    assert [m["seq"] for m in latest["messages"]] == [8, 9, 10, 11, 12]
    assert latest["has_more"] is True
    earlier = http(server, "GET", path + "?limit=5&before_seq=8", headers=headers).body
    assert [m["seq"] for m in earlier["messages"]] == [3, 4, 5, 6, 7]
    first = http(server, "GET", path + "?limit=5&before_seq=3", headers=headers).body
    assert [m["seq"] for m in first["messages"]] == [1, 2] and first["has_more"] is False
    forward = http(server, "GET", path + "?after_seq=10", headers=headers).body
    assert [m["seq"] for m in forward["messages"]] == [11, 12] and forward["has_more"] is False
    default = http(server, "GET", path, headers=headers).body
    assert len(default["messages"]) == 12


@pytest.mark.parametrize("query", ["?limit=0", "?limit=101", "?limit=-5", "?before_seq=-1"])
async def test_history_rejects_bad_limits(server, shop, query):
    ws, welcome = await open_visitor(server, shop.key)
    await ws.close()
    path = f"/api/v1/conversations/{welcome['conversation_id']}/messages{query}"
    assert http(server, "GET", path, headers=bearer(shop.token)).status == 400


async def test_visitor_reads_own_history_but_gets_404_for_another(server, shop):
    mine, my_welcome = await open_visitor(server, shop.key)
    theirs, their_welcome = await open_visitor(server, shop.key)
    async with mine, theirs:
        await send_message(theirs, "private")
    auth = {"Authorization": f"Visitor {my_welcome['visitor_token']}"}
    own = http(
        server, "GET", f"/api/v1/conversations/{my_welcome['conversation_id']}/messages",
        headers=auth,
    )  # fmt: skip
    assert own.status == 200
    foreign = http(
        server, "GET", f"/api/v1/conversations/{their_welcome['conversation_id']}/messages",
        headers=auth,
    )  # fmt: skip
    assert foreign.status == 404 and foreign.body["error"]["code"] == "not_found"


async def test_history_cors_follows_the_shop_s_allowed_origins(server, shop):
    ws, welcome = await open_visitor(server, shop.key)
    await ws.close()
    path = f"/api/v1/conversations/{welcome['conversation_id']}/messages?shop={shop.key}"
    auth = {"Authorization": f"Visitor {welcome['visitor_token']}"}
    allowed = http(server, "GET", path, headers={**auth, "Origin": STORE_ORIGIN})
    assert allowed.status == 200
    assert allowed.headers["access-control-allow-origin"] == STORE_ORIGIN
    assert "Origin" in allowed.headers["vary"]
    evil = http(server, "GET", path, headers={**auth, "Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in evil.headers
    preflight = http(
        server,
        "OPTIONS",
        path,
        headers={
            "Origin": STORE_ORIGIN,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert preflight.status == 204
    assert preflight.headers["access-control-allow-origin"] == STORE_ORIGIN
    assert "Authorization" in preflight.headers["access-control-allow-headers"]


def test_health_and_readiness(server):
    assert http(server, "GET", "/healthz").body == {"status": "ok"}
    ready = http(server, "GET", "/readyz")
    assert ready.status == 200 and ready.body["ready"] is True


def test_openapi_document_is_served(server):
    response = http(server, "GET", "/docs/openapi.json")
    assert response.status == 200
    assert "/api/v1/agent/login" in response.body["paths"]


DOCUMENTED = [
    ("get", "/api/v1/conversations", "200"),
    ("get", "/api/v1/conversations/{conversation_id}", "200"),
    ("get", "/api/v1/conversations/{conversation_id}/messages", "200"),
    ("post", "/api/v1/conversations/{conversation_id}/messages", "201"),
    ("post", "/api/v1/visitors/{visitor_id}/messages", "201"),
    ("post", "/api/v1/conversations/{conversation_id}/close", "200"),
    ("post", "/api/v1/conversations/{conversation_id}/reopen", "200"),
    ("post", "/api/v1/push", "200"),
]


@pytest.mark.parametrize(("method", "path", "ok"), DOCUMENTED)
def test_the_openapi_document_declares_answers_errors_and_the_bearer_scheme(
    server, method, path, ok
):
    document = http(server, "GET", "/docs/openapi.json").body
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    operation = document["paths"][path][method]
    assert operation["security"] == [{"bearer": []}]
    answers = operation["responses"]
    assert answers[ok]["content"]["application/json"]["schema"]["required"]
    error = answers["401"]["content"]["application/json"]["schema"]
    assert error["required"] == ["error"]
    assert error["properties"]["error"]["required"] == ["code", "message"]
    assert "$defs" not in str(answers)


def test_the_openapi_document_shows_no_injected_handler_argument(server):
    paths = http(server, "GET", "/docs/openapi.json").body["paths"]
    names = {
        p["name"] for ops in paths.values() for op in ops.values() for p in op.get("parameters", [])
    }
    assert names and not names & {"node", "agent", "owner", "login", "caller", "request"}


def test_an_agent_route_refuses_a_caller_without_a_token_before_reading_the_body(server):
    response = http(server, "POST", "/api/v1/agents/", {"email": 5})
    assert response.status == 401
    assert response.body == {
        "error": {"code": "unauthorized", "message": "send 'Authorization: Bearer <token>'"}
    }


def test_widget_script_is_served_with_an_etag(server):
    response = http(server, "GET", "/widget/v1/shopchat.js")
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/javascript")
    again = http(
        server, "GET", "/widget/v1/shopchat.js", headers={"If-None-Match": response.headers["etag"]}
    )
    assert again.status == 304


def test_the_widget_s_type_declarations_are_served_as_typescript(server):
    response = http(server, "GET", "/widget/v1/shopchat.d.ts")
    assert response.status == 200
    assert response.headers["content-type"] == "application/typescript; charset=utf-8"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert b"declare var ShopChat: ShopChatApi;" in response.body


@pytest.mark.parametrize(
    "path",
    [
        "/widget/v1/../pyproject.toml",
        "/widget/v1/.hidden",
        "/nope",
        "/console/" + "%F0%9D%93%A3" * 60,  # a name too long for the file system: not a 500
    ],
)
def test_unknown_files_are_json_404s(server, path):
    response = http(server, "GET", path)
    assert response.status == 404
    assert response.body["error"]["code"] == "not_found"


def test_console_is_served_with_a_strict_csp(server):
    response = http(server, "GET", "/console/")
    assert response.status == 200
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"


def test_static_files_are_gzipped_for_clients_that_accept_it(server):
    plain = http(server, "GET", "/widget/v1/shopchat.js")
    gzipped = http(server, "GET", "/widget/v1/shopchat.js", headers={"Accept-Encoding": "gzip"})
    assert gzipped.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in gzipped.headers["vary"]
    assert len(gzipped.body) < len(plain.body) / 2
    assert gzip.decompress(gzipped.body) == plain.body


async def test_one_conversation_by_id(server, shop, other_shop):
    ws, welcome = await open_visitor(server, shop.key)
    async with ws:
        await send_message(ws, "hello")
    path = f"/api/v1/conversations/{welcome['conversation_id']}"
    got = http(server, "GET", path, headers=bearer(shop.token))
    assert got.status == 200 and got.body["conversation"]["id"] == welcome["conversation_id"]
    assert http(server, "GET", path, headers=bearer(other_shop.token)).status == 404
