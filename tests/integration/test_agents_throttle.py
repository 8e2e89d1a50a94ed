"""Login throttling, on a server of its own with low limits (the shared one keeps defaults)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from shopchat.services.throttle import LoginThrottle, MemoryFailureStore
from shopchat.testing import ServerProcess
from tests.integration.client import http, make_shop


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    workdir = tmp_path_factory.mktemp("throttle")
    env = {
        "SHOPCHAT_VAR_DIR": str(workdir / "var"),
        "SHOPCHAT_DATABASE_URL": f"sqlite://{workdir}/var/shopchat.db",
        "SHOPCHAT_LOGIN_MAX_FAILURES": "3",
        "SHOPCHAT_LOGIN_IP_MAX_FAILURES": "8",
        "SHOPCHAT_LOGIN_WINDOW_SECONDS": "600",
    }
    with ServerProcess(workdir, env) as server:
        yield server


def attempt(server: ServerProcess, email: str, password: str):
    return http(server, "POST", "/api/v1/agent/login", {"email": email, "password": password})


def test_an_account_is_locked_after_failures_even_for_the_right_password(strict_server):
    shop = make_shop(strict_server, name="Locked Shop")
    other = make_shop(strict_server, name="Unlocked Shop")
    for _ in range(3):
        assert attempt(strict_server, shop.email, "wrong password").status == 401
    locked = attempt(strict_server, shop.email, shop.password)
    assert locked.status == 429
    assert locked.body["error"]["code"] == "rate_limited"
    assert 0 < int(locked.headers["retry-after"]) <= 600
    assert attempt(strict_server, shop.email.upper(), shop.password).status == 429
    # Another account from the same IP is not locked yet (IP limit 8).
    assert attempt(strict_server, other.email, other.password).status == 200


def test_a_success_clears_the_account_s_failures(strict_server):
    shop = make_shop(strict_server, name="Forgetful Shop")
    for _ in range(2):
        assert attempt(strict_server, shop.email, "wrong password").status == 401
    assert attempt(strict_server, shop.email, shop.password).status == 200
    assert attempt(strict_server, shop.email, "wrong password").status == 401
    assert attempt(strict_server, shop.email, shop.password).status == 200


def test_an_ip_is_locked_after_failures_on_many_accounts(strict_server):
    shop = make_shop(strict_server, name="IP Shop")
    # Failures so far from this IP: 3 + 1 + 2 + 1 in the tests above; reach 8 on unknown accounts.
    for n in range(8):
        response = attempt(strict_server, f"nobody{n}@example.com", "wrong password")
        if response.status == 429:
            break
    locked = attempt(strict_server, shop.email, shop.password)
    assert locked.status == 429 and int(locked.headers["retry-after"]) > 0


async def test_the_window_slides():
    now = [1000.0]
    throttle = LoginThrottle(
        account_limit=2, ip_limit=100, window_seconds=60, store=MemoryFailureStore(lambda: now[0])
    )
    await throttle.failed(email="a@x", ip="1.2.3.4")
    now[0] += 30
    await throttle.failed(email="a@x", ip="1.2.3.4")
    assert await throttle.retry_after(email="A@x", ip="9.9.9.9") == 30
    now[0] += 31
    assert await throttle.retry_after(email="a@x", ip="9.9.9.9") == 0
