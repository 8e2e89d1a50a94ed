import pytest

from shopchat.config import ConfigError, load_settings


def test_defaults_generate_and_keep_a_secret_key(tmp_path):
    env = {"SHOPCHAT_VAR_DIR": str(tmp_path)}
    first = load_settings(env)
    assert first.database_url == "sqlite://var/shopchat.db"
    assert first.broker_url == "memory://"
    assert len(first.secret_key) >= 32
    assert load_settings(env).secret_key == first.secret_key
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SHOPCHAT_DATABASE_URL", "mysql://x"),
        ("SHOPCHAT_BROKER_URL", "kafka://x"),
        ("SHOPCHAT_PUBLIC_URL", "not a url"),
        ("SHOPCHAT_MAX_BODY_CHARS", "many"),
        ("SHOPCHAT_MAX_BODY_CHARS", "-1"),
        ("SHOPCHAT_SECRET_KEY", "short"),
    ],
)
def test_invalid_values_name_the_variable(tmp_path, name, value):
    with pytest.raises(ConfigError) as caught:
        load_settings({"SHOPCHAT_VAR_DIR": str(tmp_path), name: value})
    assert name in str(caught.value)
