import json

import pytest

from shopchat.realtime.protocol import (
    AGENT_FRAMES,
    VISITOR_FRAMES,
    AgentMessage,
    ProtocolError,
    VisitorHello,
    check_body,
    decode,
    parse,
    validate,
)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "invalid_json"),
        ("{", "invalid_json"),
        ("null", "invalid_json"),
        ('"text"', "invalid_json"),
        (b"{}", "invalid_json"),
        ("[" * 100_000 + "]" * 100_000, "invalid_json"),
        ("{}", "missing_field"),
        ('{"type": 7}', "missing_field"),
        ('{"type": "welcome"}', "unknown_type"),
        ('{"type": "hello"}', "unknown_type"),
        ('{"type": "message", "client_msg_id": "", "body": "x"}', "invalid_field"),
        ('{"type": "message", "client_msg_id": "x", "body": null}', "invalid_field"),
        ('{"type": "read", "seq": 1e3}', "invalid_field"),
        ('{"type": "read", "seq": true}', "invalid_field"),
        ('{"type": "read", "seq": 99999999999999999999}', "invalid_field"),
    ],
)
def test_visitor_frames_that_are_refused(raw, code):
    with pytest.raises(ProtocolError) as caught:
        parse(raw, VISITOR_FRAMES)
    assert caught.value.code == code
    assert caught.value.frame()["type"] == "error"


def test_refusal_echoes_a_usable_client_msg_id():
    with pytest.raises(ProtocolError) as caught:
        parse('{"type": "message", "client_msg_id": "abc", "body": 1}', VISITOR_FRAMES)
    assert caught.value.frame()["client_msg_id"] == "abc"


def test_agent_frames_need_a_conversation_id():
    with pytest.raises(ProtocolError) as caught:
        parse('{"type": "typing"}', AGENT_FRAMES)
    assert caught.value.code == "missing_field"
    frame = parse(
        json.dumps({"type": "message", "conversation_id": 3, "client_msg_id": "a", "body": "b"}),
        AGENT_FRAMES,
    )
    assert isinstance(frame, AgentMessage) and frame.internal is False


def test_unknown_fields_are_ignored():
    frame = parse('{"type": "typing", "extra": {"deep": [1, 2]}}', VISITOR_FRAMES)
    assert frame.type == "typing"


def test_hello_fields_are_optional_but_typed():
    hello = validate(decode('{"type": "hello"}'), VisitorHello)
    assert hello.visitor_token is None and hello.last_seq is None
    with pytest.raises(ProtocolError):
        validate(decode('{"type": "hello", "visitor_token": 5}'), VisitorHello)


@pytest.mark.parametrize(
    ("body", "code"), [("", "invalid_field"), (" \n\t", "invalid_field"), ("x" * 11, "too_long")]
)
def test_bodies_that_are_refused(body, code):
    frame = parse(
        json.dumps({"type": "message", "client_msg_id": "a", "body": body}), VISITOR_FRAMES
    )
    with pytest.raises(ProtocolError) as caught:
        check_body(frame, max_chars=10)
    assert caught.value.code == code


def test_a_body_at_the_limit_is_kept_as_sent():
    frame = parse(
        json.dumps({"type": "message", "client_msg_id": "a", "body": " x" * 5}), VISITOR_FRAMES
    )
    assert check_body(frame, max_chars=10) == " x" * 5
