"""The CLI: one JSON object on stdout, or one line on stderr and a non-zero exit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.services import fresh_postgres_database


def run(
    workdir: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "shopchat.cli", *args],
        cwd=workdir,
        env={**os.environ, "SHOPCHAT_VAR_DIR": str(workdir / "var"), **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_one_line_error(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]


def test_create_shop_and_agent_print_json_and_sqlite_migrates_itself(tmp_path):
    created = run(tmp_path, "create-shop", "--name", "Shop", "--origin", "http://localhost:*")
    assert created.returncode == 0, created.stderr
    shop = json.loads(created.stdout)
    assert shop["shop_key"].startswith("shp_") and len(shop["secret"]) >= 43
    agent = run(
        tmp_path, "create-agent", "--shop", shop["shop_key"], "--email", "a@b.example",
        "--password", "long enough",
    )  # fmt: skip
    assert agent.returncode == 0, agent.stderr
    assert isinstance(json.loads(agent.stdout)["agent_id"], int)
    assert (tmp_path / "var" / "shopchat.db").exists()
    assert json.loads(run(tmp_path, "migrate").stdout) == {"applied": []}


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["create-shop", "--name", "S", "--origin", "shop.example"], ["not an origin"]),
        (["create-shop", "--name", " ", "--origin", "https://a.example"], ["name"]),
        (
            ["create-agent", "--shop", "shp_missing", "--email", "a@b.c", "--password", "x" * 9],
            ["no shop"],
        ),
        (["serve", "--workers", "2"], ["SHOPCHAT_BROKER_URL"]),
    ],
)
def test_errors_are_one_line(tmp_path, args, words):
    assert_one_line_error(run(tmp_path, *args), *words)


def test_invalid_configuration_names_the_variable(tmp_path):
    result = run(tmp_path, "migrate", env={"SHOPCHAT_DATABASE_URL": "mysql://nope"})
    assert_one_line_error(result, "SHOPCHAT_DATABASE_URL")


def test_postgres_refuses_an_unmigrated_schema_until_migrate(tmp_path):
    with fresh_postgres_database() as url:
        env = {"SHOPCHAT_DATABASE_URL": url}
        refused = run(
            tmp_path, "create-shop", "--name", "S", "--origin", "https://a.example", env=env
        )
        assert_one_line_error(refused, "shopchat migrate")
        migrated = run(tmp_path, "migrate", env=env)
        assert migrated.returncode == 0, migrated.stderr
        applied = json.loads(migrated.stdout)["applied"]
        assert applied and applied[0].startswith("0_")
        created = run(
            tmp_path, "create-shop", "--name", "S", "--origin", "https://a.example", env=env
        )
        assert created.returncode == 0, created.stderr
