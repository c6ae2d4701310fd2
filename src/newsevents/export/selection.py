"""The documents an export writes: stored documents, with the events the filters select."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from newsevents.records import Document, Event
from newsevents.store.models import ArticleRow
from newsevents.store.queries import EventFilters, load_documents, matching_event_keys


@dataclass
class Selected:
    """One stored document; ``events`` holds the indexes of the selected events."""

    key: str
    added: datetime | None
    document: Document
    events: set[int]

    def selected_events(self) -> Iterator[tuple[int, Event]]:
        for index, event in enumerate(self.document.events):
            if index in self.events:
                yield index, event


def select_documents(session: Session, filters: EventFilters) -> Iterator[Selected]:
    """Every stored document (no filters), or those with an event the filters select."""
    rows = session.execute(select(ArticleRow.key, ArticleRow.ingested_at)).all()
    added = dict(rows)
    selected: dict[str, set[int] | None]
    if filters.empty:
        selected = {key: None for key in added}
    else:
        selected = dict(matching_event_keys(session, filters))
    keys = sorted(selected)
    for key, document in zip(keys, load_documents(session, keys), strict=True):
        events = selected[key]
        yield Selected(
            key=key,
            added=added.get(key),
            document=document,
            events=set(range(len(document.events))) if events is None else events,
        )
