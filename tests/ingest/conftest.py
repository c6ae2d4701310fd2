"""A real HTTP server on 127.0.0.1 serving the pages a test registers."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Site:
    """Pages by path: ``site.add("/a.html", html)``; ``site.url("/a.html")``."""

    base: str
    pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)

    def add(self, path: str, body: str | bytes, content_type: str = "text/html") -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.pages[path] = (content_type, data)
        return self.url(path)

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture
def site() -> Iterator[Site]:
    pages: dict[str, tuple[str, bytes]] = {}
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the http.server API)
            hits.append(self.path)
            if self.path not in pages:
                self.send_error(404, "Not Found")
                return
            content_type, data = pages[self.path]
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{server.server_address[1]}", pages, hits)
    finally:
        server.shutdown()
        server.server_close()
