"""Every knob of ``newsevents serve``, its default and what it does, in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServeSettings:
    """The server's settings; the CLI fills them from its options."""

    db: str | None = None  # SQLite path or postgresql:// URL (None: $NEWSEVENTS_DB or default)
    host: str = "127.0.0.1"  # the address to listen on; 127.0.0.1 keeps it local
    port: int = 8000
    page_size: int = 50  # rows per page when a request gives no limit
    max_page_size: int = 500  # the largest limit a request may ask for
    exact_events_total: int = 1_000  # events are counted up to this; beyond, "total_exact": false
    max_network_edges: int = 500  # the heaviest edges an actor network may return
    max_map_places: int = 2000  # the most places the map endpoint returns


SETTINGS = ServeSettings()
