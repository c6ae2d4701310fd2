"""The app factory: routers, the one error shape, the web page, and security headers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from newsevents.api.errors import ERROR_RESPONSES, install_error_handlers
from newsevents.api.routes import actors, articles, events, export, quotes
from newsevents.api.settings import SETTINGS, ServeSettings
from newsevents.store import Store

WEB = Path(__file__).resolve().parent.parent / "web"

# The page runs only its own scripts and styles and talks only to this server: text from
# articles is inserted as text, and even markup that slipped through could not run.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
# FastAPI's /docs page loads Swagger UI from its CDN and starts it with an inline script.
DOCS_CSP = (
    "default-src 'none'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' https://cdn.jsdelivr.net; img-src 'self' data: https://fastapi.tiangolo.com; "
    "connect-src 'self'; frame-ancestors 'none'"
)
DOCS_PATHS = ("/docs", "/redoc", "/docs/oauth2-redirect")


def create_app(store: Store, settings: ServeSettings = SETTINGS) -> FastAPI:
    """A FastAPI app serving the API under /api/ and the page at /, on ``store``."""
    app = FastAPI(
        title="newsevents",
        summary="Who did and said what to whom, where and when: the corpus as JSON.",
        version="1",
        responses=ERROR_RESPONSES,
    )
    app.state.store = store
    app.state.settings = settings
    install_error_handlers(app)
    for module in (articles, events, quotes, actors, export):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=WEB), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB / "index.html", media_type="text/html; charset=utf-8")

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        docs = request.url.path in DOCS_PATHS
        response.headers["Content-Security-Policy"] = DOCS_CSP if docs else CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    return app
