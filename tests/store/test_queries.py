"""The same queries on SQLite and PostgreSQL (the ``store`` fixture runs both)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from newsevents.errors import BadQuery, UnknownActor
from newsevents.records import Document
from newsevents.store import (
    EventFilters,
    Store,
    actor_timeline,
    query_events,
    query_quotes,
    save_documents,
)


@pytest.fixture
def corpus(store: Store, documents: list[Document]) -> Store:
    with store.session() as session:
        save_documents(session, documents, "1")
        session.commit()
    return store


def events(store: Store, **filters: str) -> list[tuple[str, str]]:
    with store.session() as session:
        rows = query_events(session, filters=EventFilters(**filters))
    return [(row["date"], row["type"]) for row in rows]


def test_all_events_in_date_order(corpus: Store) -> None:
    assert events(corpus) == [
        ("2025-03-10", "CONSULT"),
        ("2025-03-11", "ACCUSE"),
        ("2025-03-11", "COOPERATE"),
        ("2025-04-02", "THREATEN"),
        ("2025-04-07", "CONSULT"),
        ("2025-05-20", "PROTEST"),
        ("2025-05-21", "COERCE"),
    ]


def test_events_by_actor_id_or_name(corpus: Store) -> None:
    assert events(corpus, actor="gov:RUS") == [("2025-03-11", "ACCUSE")]
    assert events(corpus, actor="russia") == [("2025-03-11", "ACCUSE")]
    assert [t for _, t in events(corpus, actor="Tamm")] == [
        "CONSULT", "ACCUSE", "COOPERATE", "CONSULT",
    ]  # fmt: skip


def test_events_by_country_of_actor_or_place(corpus: Store) -> None:
    assert events(corpus, country="POL") == [("2025-04-02", "THREATEN"), ("2025-04-07", "CONSULT")]
    assert events(corpus, country="fin") == [
        ("2025-03-10", "CONSULT"),
        ("2025-03-11", "COOPERATE"),
    ]


def test_events_by_type_modality_place_and_dates(corpus: Store) -> None:
    assert events(corpus, type="consult") == [("2025-03-10", "CONSULT"), ("2025-04-07", "CONSULT")]
    assert events(corpus, type="CONSULT", modality="planned") == [("2025-04-07", "CONSULT")]
    assert events(corpus, place="Tallinn") == [("2025-05-20", "PROTEST"), ("2025-05-21", "COERCE")]
    assert events(corpus, since="2025-04-01", until="2025-04-30") == [
        ("2025-04-02", "THREATEN"),
        ("2025-04-07", "CONSULT"),
    ]
    assert events(corpus, country="EST", type="COERCE", place="tallinn") == [
        ("2025-05-21", "COERCE")
    ]


def test_event_rows_name_their_actors_and_sentence(corpus: Store) -> None:
    with corpus.session() as session:
        (row,) = query_events(session, filters=EventFilters(type="COERCE"))
    assert row["source"] == "Estonian police"
    assert row["target"] == "Estonian protesters"
    assert row["place"] == "Tallinn"
    assert row["sentence"] == "Police detained twelve people, the interior ministry said."
    assert row["url"] == "https://news.example/2025/05/tallinn-protest"


def test_quotes_by_speaker(corpus: Store) -> None:
    with corpus.session() as session:
        quotes = query_quotes(session, speaker="virtanen")
        everyone = query_quotes(session)
    assert [q["text"] for q in quotes] == ["We agreed to share more intelligence,"]
    assert quotes[0]["speaker"] == "Elina Virtanen" and quotes[0]["cue"] == "told"
    assert len(everyone) == 3


def test_actor_timeline(corpus: Store) -> None:
    with corpus.session() as session:
        timeline = actor_timeline(session, "person:jaan-tamm")
        virtanen = actor_timeline(session, "Virtanen")
    assert [(r["date"], r["kind"], r["role"]) for r in timeline] == [
        ("2025-03-10", "event", "target"),
        ("2025-03-11", "event", "source"),
        ("2025-03-11", "event", "source"),
        ("2025-04-07", "event", "source"),
    ]
    assert ("2025-03-11", "quote", "speaker") in [
        (r["date"], r["kind"], r["role"]) for r in virtanen
    ]


def test_unknown_actor_and_bad_filters_are_coded_errors(corpus: Store) -> None:
    with corpus.session() as session, pytest.raises(UnknownActor, match=r"\[E121\]"):
        actor_timeline(session, "Nobody Atall")
    with pytest.raises(BadQuery, match=r"\[E120\].*PLOVER"):
        EventFilters(type="MEET")
    with pytest.raises(BadQuery, match=r"\[E120\].*date"):
        EventFilters(since="last week")


def _renamed(documents: list[Document], names: dict[str, str]) -> list[Document]:
    copies = copy.deepcopy(documents)
    for document in copies:
        for actor in document.actors:
            actor.name = names.get(actor.name, actor.name)
    return copies


def test_actor_search_ignores_accents_and_case(store: Store, documents: list[Document]) -> None:
    names = {"Jaan Tamm": "Viktor Orbán", "Elina Virtanen": "Andrés Manuel López Obrador"}
    with store.session() as session:
        save_documents(session, _renamed(documents, names), "1")
        session.commit()
    assert events(store, actor="orban") == events(store, actor="ORBÁN") != []
    assert events(store, actor="Orbán") == events(store, actor="orban")
    assert events(store, actor="lopez obrador") == events(store, actor="López Obrador") != []
    with store.session() as session:
        quotes = query_quotes(session, speaker="lopez obrador")
        assert quotes and all(q["speaker"] == names["Elina Virtanen"] for q in quotes)
        assert actor_timeline(session, "orban")


def test_an_older_database_gets_folded_names(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine, text

    from newsevents.store import open_store
    from newsevents.store.db import alembic_config
    from newsevents.store.queries import actor_ids_matching

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
        connection.execute(
            text("INSERT INTO actors (id, name, type) VALUES (:id, :name, 'person')"),
            {"id": "person:viktor-orban", "name": "Viktor Orbán"},
        )
    engine.dispose()
    store = open_store(str(tmp_path / "old.db"))
    try:
        with store.session() as session:
            assert actor_ids_matching(session, "orban") == ["person:viktor-orban"]
    finally:
        store.close()


def test_undated_events_and_quotes_sort_last(store: Store, documents: list[Document]) -> None:
    undated = copy.deepcopy(documents[0])
    undated.article.published = None
    undated.article.url = "https://news.example/undated"
    undated.article.id = "undated"
    for event in undated.events:
        event.time = None
    with store.session() as session:
        save_documents(session, [undated, *documents], "1")
        session.commit()
        rows = query_events(session)
        quotes = query_quotes(session)
        timeline = actor_timeline(session, "Tamm")
    dates = [row["date"] for row in rows]
    assert dates[-len(undated.events) :] == [None] * len(undated.events)
    assert None not in dates[: -len(undated.events)]
    assert quotes[-1]["date"] is None and quotes[0]["date"] is not None
    assert timeline[-1]["date"] is None and timeline[0]["date"] is not None


def test_the_events_table_is_readable_at_80_columns(corpus: Store) -> None:
    import io

    from rich.console import Console

    from newsevents.export.console import render_rows

    with corpus.session() as session:
        rows = query_events(session)
    console = Console(width=80, file=io.StringIO())
    render_rows(rows, "events", fmt="table", console=console)
    lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert all(len(line) <= 80 for line in lines)
    assert all(row["date"] in "\n".join(lines) for row in rows)  # dates never cut
    header = next(line for line in lines if "date" in line)
    assert all(name in header for name in ("type", "source", "target", "trigger", "place"))
    assert "…" not in "\n".join(lines)
