"""Run the app with uvicorn: in the foreground (``newsevents serve``) or in a thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from newsevents.api.settings import ServeSettings
from newsevents.store.db import open_store


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def running_server(
    db: str | None,
    *,
    host: str = "127.0.0.1",
    port: int | None = None,
    log_level: str = "warning",
    **knobs: Any,
) -> Iterator[str]:
    """Serve ``db`` from a background thread until the block ends; yields the base URL.

    ``knobs`` are other ServeSettings (page_size=20...).
    """
    import uvicorn

    from newsevents.api.app import create_app

    settings = ServeSettings(db=db, host=host, port=port or free_port(host), **knobs)
    store = open_store(db)
    config = uvicorn.Config(
        create_app(store, settings), host=host, port=settings.port, log_level=log_level
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="newsevents-serve", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start on {host}:{settings.port}")
            time.sleep(0.05)
        yield f"http://{host}:{settings.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        store.close()
