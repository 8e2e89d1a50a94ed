import sys
from pathlib import Path

import pytest

# Make `tests.*` helpers importable whichever folder pytest is started from.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last: Playwright's sync API keeps an event loop running in the main
    thread from its first test to the end of the session, which asyncio tests cannot share."""
    items.sort(key=lambda item: "/e2e/" in str(item.path))
