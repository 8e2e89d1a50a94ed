import pytest

from shopchat.origins import InvalidOrigin, normalize_rule, origin_allowed


@pytest.mark.parametrize(
    ("origin", "rules", "allowed"),
    [
        ("https://shop.example", ["https://shop.example"], True),
        ("https://shop.example:443", ["https://shop.example"], True),
        ("http://shop.example", ["https://shop.example"], False),
        ("https://evil.shop.example", ["https://shop.example"], False),
        ("https://shop.example.evil", ["https://shop.example"], False),
        ("http://localhost:5173", ["http://localhost:*"], True),
        ("http://localhost", ["http://localhost:*"], True),
        ("http://127.0.0.1:8080", ["http://localhost:*"], False),
        ("http://localhost:8080", ["http://localhost:8081"], False),
        ("null", ["http://localhost:*"], False),
        ("", ["http://localhost:*"], False),
        (None, ["http://localhost:*"], False),
        ("http://localhost:99999", ["http://localhost:*"], False),
        ("HTTPS://SHOP.EXAMPLE", ["https://shop.example"], True),
    ],
)
def test_origin_allowed(origin, rules, allowed):
    assert origin_allowed(origin, rules) is allowed


@pytest.mark.parametrize(
    ("rule", "normal"),
    [
        ("https://Shop.Example/", "https://shop.example"),
        ("http://localhost:*", "http://localhost:*"),
    ],
)
def test_rules_are_normalized(rule, normal):
    assert normalize_rule(rule) == normal


@pytest.mark.parametrize(
    "rule", ["shop.example", "ftp://shop.example", "https://shop.example/path", "http://x:0", "*"]
)
def test_invalid_rules_are_refused(rule):
    with pytest.raises(InvalidOrigin):
        normalize_rule(rule)
