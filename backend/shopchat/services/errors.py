"""Errors that services raise and the HTTP and socket layers turn into messages."""

from __future__ import annotations


class ServiceError(Exception):
    """A failure a user can understand: a stable code and a sentence."""

    code = "invalid_request"
    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(ServiceError):
    code = "not_found"
    status = 404


class Unauthorized(ServiceError):
    code = "unauthorized"
    status = 401


class InsufficientScope(ServiceError):
    """The caller is known but may not do this (an API key without the route's scope)."""

    code = "insufficient_scope"
    status = 403


class Conflict(ServiceError):
    code = "conflict"
    status = 409


class InvalidInput(ServiceError):
    code = "invalid_field"
    status = 400
