import sys
from pathlib import Path

import pytest

# Make `tests.*` helpers importable whichever folder pytest is started from.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last: Playwright's sync API keeps an event loop running in the main
    thread from its first test to the end of the session, which asyncio tests cannot share."""
    items.sort(key=lambda item: "/e2e/" in str(item.path))


@pytest.fixture(scope="session")
def installed_shopchat(tmp_path_factory: pytest.TempPathFactory):
    """shopchat built into a wheel and installed (not editable) into a fresh venv, once per
    session: for the tests that run the project as its users get it (tests/packaging.py)."""
    from tests.packaging import build_wheel, install

    root = tmp_path_factory.mktemp("wheel")
    return install(build_wheel(root / "dist"), root / "venv")
