"""The QA kit installed from the wheel: where it takes the staging server and the store from."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.packaging import Installed, clean_env

PROBE = """
def test_probe(shopchat_server, store_url):
    print(f"\\nSERVER={shopchat_server.url} STORE={store_url}")
"""
STAGING_SHOP = {
    "SHOPCHAT_TEST_SHOP_KEY": "shp_test",
    "SHOPCHAT_TEST_AGENT_EMAIL": "qa@shop.test",
    "SHOPCHAT_TEST_AGENT_PASSWORD": "secret",
}


def _run(installed: Installed, folder: Path, args: list[str], env: dict[str, str]) -> str:
    (folder / "test_probe.py").write_text(PROBE)
    result = subprocess.run(
        [installed.bin("pytest"), "-q", "-s", "-p", "no:cacheprovider", *args],
        cwd=folder, env={**clean_env(), **env}, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    return result.stdout + result.stderr


@pytest.mark.parametrize(
    ("args", "env", "ini", "expected"),
    [
        (
            ["--shopchat-url", "http://option.test/", "--base-url", "http://store.test"],
            {"SHOPCHAT_TEST_SERVER_URL": "http://env.test"},
            "shopchat_url = http://ini.test",
            "SERVER=http://option.test STORE=http://store.test",
        ),
        (
            ["--base-url", "http://store.test"],
            {"SHOPCHAT_TEST_SERVER_URL": "http://env.test"},
            "shopchat_url = http://ini.test",
            "SERVER=http://env.test STORE=http://store.test",
        ),
        (
            [],
            {},
            "shopchat_url = http://ini.test\nbase_url = http://ini-store.test",
            "SERVER=http://ini.test STORE=http://ini-store.test",
        ),
    ],
    ids=["option-before-env-and-ini", "env-before-ini", "ini"],
)
def test_the_staging_server_and_the_store_come_from_option_env_or_ini(
    installed_shopchat: Installed, tmp_path: Path, args, env, ini, expected
) -> None:
    (tmp_path / "pytest.ini").write_text(f"[pytest]\n{ini}\n")
    output = _run(installed_shopchat, tmp_path, args, {**STAGING_SHOP, **env})
    assert expected in output, output[-3000:]
    assert "1 passed" in output


def test_without_a_base_url_the_store_fixture_names_the_option(
    installed_shopchat: Installed, tmp_path: Path
) -> None:
    (tmp_path / "pytest.ini").write_text("[pytest]\nshopchat_url = http://ini.test\n")
    output = _run(installed_shopchat, tmp_path, [], STAGING_SHOP)
    assert "--base-url" in output and "1 error" in output, output[-3000:]
