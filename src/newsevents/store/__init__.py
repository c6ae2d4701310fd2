"""The corpus store: SQLAlchemy models, migrations, and plain functions to write and read.

    store = open_store("newsevents.db")            # or postgresql://user@host/db
    with store.session() as session:
        save_document(session, document, pipeline_version="1")
        session.commit()
        events = query_events(session, filters=EventFilters(type="CONSULT"))

The store never parses text: documents come in from the pipeline as plain records.
"""

from newsevents.store.db import Store, database_url, open_store
from newsevents.store.queries import (
    EventFilters,
    actor_timeline,
    article_keys,
    count_rows,
    load_documents,
    query_events,
    query_quotes,
)
from newsevents.store.save import save_document, save_documents, stored_versions

__all__ = [
    "EventFilters",
    "Store",
    "actor_timeline",
    "article_keys",
    "count_rows",
    "database_url",
    "load_documents",
    "open_store",
    "query_events",
    "query_quotes",
    "save_document",
    "save_documents",
    "stored_versions",
]
