"""Migrations, per dialect: a fresh database reaches the models' schema, and a database with
rows at the first version upgrades without losing them (checks in migration_check.py)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.services import fresh_postgres_database

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite://{tmp_path}/migrations.db"
        return
    with fresh_postgres_database() as url:
        yield url


@pytest.mark.parametrize("mode", ["fresh", "upgrade"])
def test_migrations(database_url: str, tmp_path: Path, mode: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tests.integration.migration_check", mode, database_url, tmp_path],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().endswith("ok")
