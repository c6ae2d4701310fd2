"""The queries behind the API (new filters, counts, actors, network, stats), on SQLite and
PostgreSQL alike (the ``store`` fixture runs both)."""

from __future__ import annotations

import pytest

from newsevents.errors import BadQuery, UnknownActor, UnknownArticle
from newsevents.records import Document
from newsevents.store import EventFilters, Store, query_events, save_documents
from newsevents.store.queries import (
    actor_network,
    actor_profile,
    count_actors,
    count_articles,
    count_events,
    count_quotes,
    event_places,
    event_stats,
    get_document,
    list_articles,
    query_quotes,
    search_actors,
)


@pytest.fixture
def corpus(store: Store, documents: list[Document]) -> Store:
    with store.session() as session:
        save_documents(session, documents, "1")
        session.commit()
    return store


def types(store: Store, **filters: str) -> list[str]:
    with store.session() as session:
        rows = query_events(session, filters=EventFilters(**filters))
        assert count_events(session, filters=EventFilters(**filters)) == len(rows)
    return [row["type"] for row in rows]


def test_sector_cameo_and_text_filters(corpus: Store) -> None:
    assert types(corpus, sector="cop") == ["COERCE"]
    assert types(corpus, sector="GOV") == [
        "CONSULT", "ACCUSE", "COOPERATE", "THREATEN", "CONSULT",
    ]  # fmt: skip
    assert types(corpus, cameo="04") == ["CONSULT", "CONSULT"]
    assert types(corpus, cameo="1") == ["ACCUSE", "THREATEN", "PROTEST", "COERCE"]
    assert types(corpus, text="DETAINED") == ["COERCE"]  # the trigger
    assert types(corpus, text="interior ministry") == ["COERCE"]  # the sentence
    assert types(corpus, text="100%") == []  # LIKE wildcards are literal


def test_bad_new_filters_are_coded_errors() -> None:
    with pytest.raises(BadQuery, match=r"\[E120\].*sector"):
        EventFilters(sector="ARMY")
    with pytest.raises(BadQuery, match=r"\[E120\].*CAMEO"):
        EventFilters(cameo="19a")
    with pytest.raises(BadQuery, match=r"\[E120\].*date"):
        EventFilters(since="20250101")


def test_pages_and_counts(corpus: Store) -> None:
    with corpus.session() as session:
        whole = query_events(session)
        pages = [query_events(session, limit=3, offset=o) for o in (0, 3, 6)]
        assert [row for page in pages for row in page] == whole
        assert count_quotes(session) == len(query_quotes(session)) == 3
        assert [q["speaker_id"] for q in query_quotes(session, text="INTELLIGENCE")] == [
            "person:elina-virtanen"
        ]
        articles = list_articles(session)
        assert count_articles(session) == len(articles) == 3
        assert [a["published"] for a in articles] == sorted(
            (a["published"] for a in articles), reverse=True
        )
        assert sum(a["events"] for a in articles) == len(whole)
        assert count_articles(session, text="tallinn") == 1


def test_documents_by_key_or_id(corpus: Store) -> None:
    with corpus.session() as session:
        key = list_articles(session, text="tallinn")[0]["key"]
        assert get_document(session, key).article.title == "Arrests at Tallinn protest"
        assert get_document(session, "fixture-c").article.title == "Arrests at Tallinn protest"
        with pytest.raises(UnknownArticle, match=r"\[E150\]"):
            get_document(session, "nope")


def test_actor_search_and_profile(corpus: Store) -> None:
    with corpus.session() as session:
        found = search_actors(session, q="TAMM")
        assert [a["id"] for a in found] == ["person:jaan-tamm"]
        assert count_actors(session, country="EST") == len(search_actors(session, country="EST"))
        profile = actor_profile(session, "person:jaan-tamm")
        assert profile["events_as_source"] == 3 and profile["events_as_target"] == 1
        assert profile["articles"] == 2
        assert [r["role"] for r in profile["roles"]]
        with pytest.raises(UnknownActor):
            actor_profile(session, "person:nobody")
        with pytest.raises(BadQuery):
            search_actors(session, type="alien")


def test_network_weights_and_filters(corpus: Store) -> None:
    with corpus.session() as session:
        network = actor_network(session, actor="person:jaan-tamm")
        assert all("person:jaan-tamm" in (e["source"], e["target"]) for e in network["edges"])
        assert {n["id"] for n in network["nodes"]} >= {"person:jaan-tamm"}
        consult = actor_network(session, filters=EventFilters(type="CONSULT"))
        assert sum(e["events"] for e in consult["edges"]) == 2
        assert actor_network(session, filters=EventFilters(since="2030-01-01"))["edges"] == []


def test_stats_and_places(corpus: Store) -> None:
    with corpus.session() as session:
        stats = event_stats(session)
        assert stats["events"] == 7
        assert {t["type"]: t["events"] for t in stats["per_type"]}["CONSULT"] == 2
        assert sum(d["events"] for d in stats["per_day"]) == 7
        assert sum(c["events"] for c in stats["per_country"]) == 7
        places = event_places(session)
        assert places[0]["name"] == "Tallinn" and places[0]["events"] == 2
        assert event_stats(session, filters=EventFilters(country="POL"))["events"] == 2


def test_timeline_pages_are_slices_of_the_whole(corpus: Store) -> None:
    from newsevents.store.queries import actor_timeline, count_timeline

    with corpus.session() as session:
        whole = actor_timeline(session, "Virtanen")
        assert count_timeline(session, "Virtanen") == len(whole) > 2
        pages = [actor_timeline(session, "Virtanen", limit=2, offset=o) for o in (0, 2, 4)]
        assert [row for page in pages for row in page] == whole
