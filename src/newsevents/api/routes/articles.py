"""GET /api/articles, GET /api/articles/{key}: the stored articles and their documents."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from newsevents.api.deps import PagingDep, PublishedSince, PublishedUntil, SessionDep
from newsevents.api.schemas import ArticleDocument, ArticlePage
from newsevents.store.queries import count_articles, get_document, list_articles
from newsevents.store.save import document_key

router = APIRouter(prefix="/api/articles", tags=["articles"])


@router.get("", response_model=ArticlePage)
def articles(
    session: SessionDep,
    page: PagingDep,
    since: PublishedSince = None,
    until: PublishedUntil = None,
    text: Annotated[str | None, Query(description="Part of the title.")] = None,
) -> dict[str, Any]:
    """Stored articles, newest first, with their event and quote counts."""
    found = dict(since=since, until=until, text=text)
    items = list_articles(session, **found, limit=page.limit, offset=page.offset)
    return page.of(count_articles(session, **found), items)


@router.get("/{key}", response_model=ArticleDocument)
def article(session: SessionDep, key: str) -> dict[str, Any]:
    """One article with its whole newsevents/1 document (by store key or article id)."""
    document = get_document(session, key)
    return {"key": document_key(document), "document": document.to_dict()}
