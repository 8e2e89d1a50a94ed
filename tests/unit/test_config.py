import pytest

from shopchat.config import ConfigError, load_settings


def test_defaults_generate_and_keep_a_secret_key(tmp_path):
    env = {"SHOPCHAT_VAR_DIR": str(tmp_path)}
    first = load_settings(env)
    assert first.database_url == f"sqlite://{tmp_path}/shopchat.db"  # under the var dir
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


def _email(tmp_path, **env):
    base = {"SHOPCHAT_VAR_DIR": str(tmp_path), "SHOPCHAT_MAIL_FROM": "chat@shop.example"}
    return load_settings({**base, **env})


def test_email_is_off_without_an_smtp_url_and_its_timings_default(tmp_path):
    settings = load_settings({"SHOPCHAT_VAR_DIR": str(tmp_path)})
    assert not settings.email_enabled
    assert (settings.notify_after_seconds, settings.escalate_after_seconds) == (120, 900)
    assert settings.continuity_after_seconds == 120
    assert (settings.limit_mail_per_address_hour, settings.limit_mail_per_shop_day) == (10, 2000)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://mail.example:2525", ("mail.example", 2525, None, None, False, False)),
        ("smtp://u%40x:p%3Aw@mail.example", ("mail.example", 587, "u@x", "p:w", False, False)),
        ("smtp://mail.example:25?starttls=require", ("mail.example", 25, None, None, False, True)),
        ("smtps://u:p@mail.example", ("mail.example", 465, "u", "p", True, False)),
    ],
)
def test_smtp_urls(tmp_path, url, expected):
    smtp = _email(tmp_path, SHOPCHAT_SMTP_URL=url).smtp
    got = (smtp.host, smtp.port, smtp.username, smtp.password)
    assert (*got, smtp.implicit_tls, smtp.require_starttls) == expected


@pytest.mark.parametrize(
    ("name", "value", "env"),
    [
        ("SHOPCHAT_SMTP_URL", "http://mail.example", {}),
        ("SHOPCHAT_SMTP_URL", "smtp://", {}),
        ("SHOPCHAT_SMTP_URL", "smtp://mail.example:99999", {}),
        ("SHOPCHAT_SMTP_URL", "smtp://mail.example?tls=yes", {}),
        ("SHOPCHAT_SMTP_URL", "smtps://mail.example?starttls=require", {}),
        ("SHOPCHAT_MAIL_FROM", "not an address", {"SHOPCHAT_SMTP_URL": "smtp://m.example"}),
        ("SHOPCHAT_REPLY_DOMAIN", "bad domain", {"SHOPCHAT_SMTP_URL": "smtp://m.example"}),
        ("SHOPCHAT_NOTIFY_AFTER_SECONDS", "soon", {}),
        ("SHOPCHAT_ESCALATE_AFTER_SECONDS", "0", {}),
        ("SHOPCHAT_CONTINUITY_AFTER_SECONDS", "-5", {}),
        ("SHOPCHAT_LIMIT_MAIL_PER_ADDRESS_HOUR", "ten", {}),
        ("SHOPCHAT_LIMIT_MAIL_PER_SHOP_DAY", "1.5", {}),
    ],
)
def test_invalid_email_settings_name_the_variable(tmp_path, name, value, env):
    with pytest.raises(ConfigError) as caught:
        _email(tmp_path, **env, **{name: value})
    assert name in str(caught.value)
    assert "\n" not in str(caught.value)


def test_an_invalid_smtp_url_never_shows_its_password(tmp_path):
    with pytest.raises(ConfigError) as caught:
        _email(tmp_path, SHOPCHAT_SMTP_URL="smtp://user:hunter2@mail.example:1?x=1")
    assert "hunter2" not in str(caught.value)
