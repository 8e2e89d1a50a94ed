import pytest
from tortoise import Tortoise


@pytest.fixture
async def database():
    """A fresh in-memory SQLite database with the models' schema, for service tests."""
    await Tortoise.init(
        db_url="sqlite://:memory:",
        modules={"models": ["shopchat.models"]},
        _enable_global_fallback=True,
    )
    await Tortoise.generate_schemas()
    yield
    await Tortoise.close_connections()
