"""Every HTTP failure is {"error": {"code", "message"}} with the right status."""

from __future__ import annotations

import logging

from sanic import Request, Sanic
from sanic.exceptions import SanicException
from sanic.response import HTTPResponse, json
from sanic_ext.exceptions import ValidationError

from ..services.errors import ServiceError

log = logging.getLogger("shopchat.api")

_CODES_BY_STATUS = {
    400: "invalid_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    408: "timeout",
    413: "too_large",
    429: "rate_limited",
}


def error_response(status: int, code: str, message: str) -> HTTPResponse:
    return json({"error": {"code": code, "message": message}}, status=status)


def _validation_message(error: ValidationError) -> str:
    """pydantic's report, first problem only: "field 'password': Field required"."""
    extra = getattr(error, "extra", None) or {}
    lines = str(extra.get("exception", "")).splitlines()
    if len(lines) >= 3:
        field, problem = lines[1].strip(), lines[2].strip().split(" [", 1)[0]
        return f"field '{field}': {problem}"[:300]
    return "the request is invalid"


def register_error_handlers(app: Sanic) -> None:
    @app.exception(ServiceError)
    async def service_error(_request: Request, error: ServiceError) -> HTTPResponse:
        return error_response(error.status, error.code, error.message)

    @app.exception(ValidationError)
    async def validation_error(_request: Request, error: ValidationError) -> HTTPResponse:
        return error_response(400, "invalid_request", _validation_message(error))

    @app.exception(SanicException)
    async def sanic_error(_request: Request, error: SanicException) -> HTTPResponse:
        status = error.status_code or 500
        code = _CODES_BY_STATUS.get(status, "error" if status < 500 else "internal")
        message = str(error) if status < 500 else "internal server error"
        return error_response(status, code, message)

    @app.exception(Exception)
    async def unexpected_error(request: Request, _error: Exception) -> HTTPResponse:
        log.exception(
            "unhandled error", extra={"request_id": str(request.id), "path": request.path}
        )
        return error_response(500, "internal", "internal server error")
