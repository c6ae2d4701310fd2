"""One error shape for every route: ``{"error": {"code": "E120", "message": "..."}}``.

Coded errors from the library keep their code; FastAPI's own errors (validation, unknown
route, wrong method) and unexpected failures are given codes E151, E152 and E159.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsevents.errors import (
    BadRequestParameter,
    NewsEventsError,
    NoSuchEndpoint,
    ServerFault,
    StoreUnavailable,
    UnknownActor,
    UnknownArticle,
)


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A bad filter or parameter value."},
    404: {"model": ErrorBody, "description": "No such article, actor or route."},
    422: {"model": ErrorBody, "description": "A parameter of the wrong type or out of range."},
}

_NOT_FOUND = (UnknownActor, UnknownArticle)


def error_body(error: NewsEventsError) -> dict[str, Any]:
    return {"error": {"code": error.code, "message": str(error)}}


def status_of(error: NewsEventsError) -> int:
    if isinstance(error, _NOT_FOUND):
        return 404
    if isinstance(error, StoreUnavailable):
        return 503
    return 400


def install_error_handlers(app: FastAPI) -> None:
    """Answer every error, FastAPI's included, in the one shape."""

    @app.exception_handler(NewsEventsError)
    async def coded(_request: Request, exc: NewsEventsError) -> JSONResponse:
        return JSONResponse(error_body(exc), status_code=status_of(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(_validation_problem(e) for e in exc.errors()) or "invalid request"
        error = BadRequestParameter("request", problem=problems)
        return JSONResponse(error_body(error), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404:
            problem = f"nothing at {request.url.path}"
        elif exc.status_code == 405:
            problem = f"{request.method} is not allowed on {request.url.path}"
        else:
            problem = str(exc.detail)
        body = error_body(NoSuchEndpoint(request.url.path, problem=problem))
        return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def fault(_request: Request, exc: Exception) -> JSONResponse:
        error = ServerFault(problem=type(exc).__name__)
        return JSONResponse(error_body(error), status_code=500)


def _validation_problem(error: Any) -> str:
    where = ".".join(str(part) for part in error.get("loc", ()) if part != "query")
    return f"{where}: {error.get('msg', 'invalid')}" if where else str(error.get("msg"))
