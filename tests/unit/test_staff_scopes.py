"""The shop's side of a REST call (api/auth.py Staff): scopes decide, an agent holds them all."""

from __future__ import annotations

import pytest

from shopchat.api.auth import MESSAGES_WRITE, SCOPES, Staff
from shopchat.models import Shop
from shopchat.services.errors import InsufficientScope


def test_an_agent_s_token_holds_every_scope():
    staff = Staff(Shop(id=1), agent=None)
    for scope in SCOPES:
        staff.require(scope)


def test_a_credential_without_the_route_s_scope_is_refused_with_403():
    staff = Staff(Shop(id=1), agent=None, scopes=frozenset({"conversations:read"}))
    with pytest.raises(InsufficientScope) as refused:
        staff.require(MESSAGES_WRITE)
    assert (refused.value.status, refused.value.code) == (403, "insufficient_scope")
