"""Every export format, read back: JSONL, CSV and Parquet tables, GDELT TSV, PLOVER JSON."""

from __future__ import annotations

import csv
import importlib
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsevents.cli import app
from newsevents.errors import BadExportPath
from newsevents.export import FORMATS, STREAMED, ExportFormat, export
from newsevents.export.gdelt import COLUMNS, action_place, goldstein
from newsevents.export.tables import TABLES
from newsevents.records import Document
from newsevents.store import EventFilters, Store, open_store, save_documents

DOCUMENTS = Path(__file__).resolve().parent.parent / "data" / "store"


@pytest.fixture
def documents() -> list[Document]:
    return [Document.from_json(p.read_text()) for p in sorted(DOCUMENTS.glob("article-*.json"))]


@pytest.fixture
def db(tmp_path: Path, documents: list[Document]) -> str:
    path = str(tmp_path / "corpus.db")
    store = open_store(path)
    with store.session() as session:
        save_documents(session, documents, "1")
        session.commit()
    store.close()
    return path


@pytest.fixture
def store(db: str) -> Store:
    return open_store(db)


def run(store: Store, fmt: str, out: Path, *, every: bool = False, **filters: str) -> int:
    with store.session() as session:
        return export(session, fmt, out, filters=EventFilters(**filters), all_modalities=every)


def test_jsonl_documents_round_trip(
    store: Store, documents: list[Document], tmp_path: Path
) -> None:
    out = tmp_path / "docs.jsonl"
    assert run(store, "jsonl", out) == 3
    back = {d.article.id: d for d in map(Document.from_json, out.read_text().splitlines())}
    assert {k: v.to_dict() for k, v in back.items()} == {
        d.article.id: d.to_dict() for d in documents
    }


def test_jsonl_with_filters_keeps_matching_documents(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "docs.jsonl"
    assert run(store, "jsonl", out, country="POL") == 1
    assert json.loads(out.read_text())["article"]["id"] == "fixture-b"


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_tables_per_record_type(store: Store, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / fmt
    assert run(store, fmt, out) == 3
    tables: dict[str, list[dict[str, object]]] = {}
    for name, columns in TABLES.items():
        path = out / f"{name}.{fmt}"
        if fmt == "csv":
            with path.open(newline="") as f:
                reader = csv.DictReader(f)
                assert reader.fieldnames == [c for c, _ in columns]
                tables[name] = list(reader)
        else:
            table = pq.read_table(path)
            assert table.column_names == [c for c, _ in columns]
            tables[name] = table.to_pylist()
    counts = {name: len(rows) for name, rows in tables.items()}
    assert counts == {
        "articles": 3, "actors": 8, "mentions": 15, "places": 4, "times": 3, "quotes": 3,
        "events": 7, "sentences": 7,
    }  # fmt: skip
    coerce = next(r for r in tables["events"] if r["type"] == "COERCE")
    assert coerce["source"] == "anon:EST-COP" and coerce["place_name"] == "Tallinn"


def test_events_table_holds_the_selected_events_only(store: Store, tmp_path: Path) -> None:
    run(store, "parquet", tmp_path / "pq", type="CONSULT")
    events = pq.read_table(tmp_path / "pq" / "events.parquet").to_pylist()
    assert sorted(e["type"] for e in events) == ["CONSULT", "CONSULT"]
    assert pq.read_table(tmp_path / "pq" / "articles.parquet").num_rows == 2


def test_gdelt_tsv_has_61_columns_in_gdelt_order(store: Store, tmp_path: Path) -> None:
    assert len(COLUMNS) == 61 and len(set(COLUMNS)) == 61
    assert COLUMNS[:6] == ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
                           "Actor1Code")  # fmt: skip
    assert COLUMNS[25:35] == (
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
        "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    )  # fmt: skip
    assert COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    out = tmp_path / "events.tsv"
    assert run(store, "gdelt", out, every=True) == 7
    with out.open(newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    assert len(rows) == 7 and all(len(row) == 61 for row in rows)
    records = [dict(zip(COLUMNS, row, strict=True)) for row in rows]
    assert len({r["GlobalEventID"] for r in records}) == 7
    visit = next(r for r in records if r["EventCode"] == "042")
    assert visit["Day"] == "20250407" and visit["MonthYear"] == "202504"
    assert visit["Year"] == "2025" and visit["FractionDate"] == "2025.2630"
    assert (visit["Actor1Code"], visit["Actor1Name"], visit["Actor1CountryCode"]) == (
        "ESTGOV", "JAAN TAMM", "EST",
    )  # fmt: skip
    assert (visit["Actor2Code"], visit["Actor2CountryCode"], visit["Actor2Type1Code"]) == (
        "POLGOV", "POL", "GOV",
    )  # fmt: skip
    assert (visit["EventBaseCode"], visit["EventRootCode"]) == ("042", "04")
    assert (visit["QuadClass"], visit["GoldsteinScale"]) == ("1", "1.9")  # GDELT's 042
    assert visit["NumMentions"] == visit["NumArticles"] == "1"
    assert visit["AvgTone"] == "-2.0000" and visit["IsRootEvent"] == "1"
    assert visit["ActionGeo_FullName"] == "Warsaw, Poland"
    assert (visit["ActionGeo_Type"], visit["ActionGeo_CountryCode"]) == ("4", "PL")
    assert visit["ActionGeo_FeatureID"] == "756135" and visit["ActionGeo_Lat"] == "52.22977"
    assert (visit["Actor1Geo_Type"], visit["Actor1Geo_FullName"]) == ("1", "Estonia")
    assert (visit["Actor1Geo_CountryCode"], visit["Actor2Geo_FullName"]) == ("EN", "Poland")
    assert visit["Actor1Geo_Lat"] and len(visit["DATEADDED"]) == 14
    assert visit["SOURCEURL"] == "Example Wire"  # no URL: the source's name
    coerce = next(r for r in records if r["EventRootCode"] == "17")
    assert (coerce["QuadClass"], coerce["GoldsteinScale"]) == ("4", "-5.0")  # GDELT's 173
    assert coerce["IsRootEvent"] == "1"  # a one-paragraph article: all in the lead
    assert coerce["SOURCEURL"] == "https://news.example/2025/05/tallinn-protest"


def test_gdelt_with_filters(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    assert run(store, "gdelt", out, actor="Virtanen", modality="occurred") == 1
    assert out.read_text().split("\t")[26] == "040"


def test_event_formats_hold_what_occurred_by_default(store: Store, tmp_path: Path) -> None:
    for fmt in ("gdelt", "plover"):
        out = tmp_path / f"{fmt}.out"
        occurred = run(store, fmt, out)
        assert occurred == run(store, fmt, out, modality="occurred") < 7
        assert run(store, fmt, out, modality="planned") == 7 - occurred  # the visit is planned
    result = CliRunner().invoke(
        app, ["export", "--db", str(store.url), "--format", "gdelt", "--out",
              str(tmp_path / "all.tsv"), "--modality", "any"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert len((tmp_path / "all.tsv").read_text().splitlines()) == 7


def test_plover_records(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    assert run(store, "plover", out, every=True) == 7
    records = [json.loads(line) for line in out.read_text().splitlines()]
    required = {"id", "date", "source", "event"}
    assert all(required <= set(r) for r in records)
    visit = next(r for r in records if r["mode"] == ["visit"])
    assert visit["event"] == ["CONSULT"] and visit["date"] == "2025-04-07"
    assert visit["enddate"] == "2025-04-13" and visit["modality"] == "planned"
    assert visit["recipient"][0]["code"] == "POL"
    assert visit["recipient"][0]["identifier_id"] == "Q36"
    assert visit["source"][0]["office"] == "Prime Minister of Estonia"
    assert visit["event_loc"]["cc3"] == "POL" and visit["event_loc"]["country code"] == "PL"
    assert visit["quad_code"] == 1 and visit["event_scale"] == 1.9
    assert visit["text"].startswith("Estonian Prime Minister Jaan Tamm will visit Warsaw")


def test_bad_output_paths(store: Store, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(BadExportPath, match=r"\[E130\]"):
        run(store, "csv", tmp_path / "file")
    with pytest.raises(BadExportPath, match=r"\[E130\]"):
        run(store, "gdelt", tmp_path)


def test_export_command(db: str, tmp_path: Path) -> None:
    out = tmp_path / "plover.jsonl"
    result = CliRunner().invoke(
        app, ["export", "--db", db, "--format", "plover", "--out", str(out), "--type", "PROTEST"]
    )
    assert result.exit_code == 0, result.output
    assert len(out.read_text().splitlines()) == 1
    bad = CliRunner().invoke(app, ["export", "--db", db, "--format", "xml", "--out", str(out)])
    assert bad.exit_code == 1 and "[E131] --format: unknown export format 'xml'" in bad.output
    assert "jsonl, csv, parquet, gdelt, plover" in bad.output


def test_every_format_names_functions_that_exist() -> None:
    for form in FORMATS.values():
        for reference in (form.writer, form.streamer):
            if reference is not None:
                module, name = reference.split(":")
                assert callable(getattr(importlib.import_module(module), name)), reference
    assert STREAMED == ("jsonl", "csv", "gdelt")
    assert all(FORMATS[name].media_type and FORMATS[name].download for name in STREAMED)


def test_a_format_added_to_the_table_is_one_the_command_writes(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One line in FORMATS is the whole of a new format for the command and its messages.
    ndjson = ExportFormat("ndjson", "newsevents.export.tables:write_jsonl", "documents")
    monkeypatch.setitem(FORMATS, "ndjson", ndjson)
    out = tmp_path / "corpus.ndjson"
    args = ["export", "--db", db, "--format", "ndjson", "--out", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert f"{len(out.read_text().splitlines())} documents written" in result.output
    bad = CliRunner().invoke(app, ["export", "--db", db, "--format", "xml", "--out", str(out)])
    assert "jsonl, csv, parquet, gdelt, plover, ndjson" in bad.output


def test_query_command_formats(db: str) -> None:
    runner = CliRunner()
    as_json = runner.invoke(app, ["query", "events", "--db", db, "--json", "--country", "POL"])
    assert as_json.exit_code == 0, as_json.output
    assert [e["type"] for e in json.loads(as_json.stdout)] == ["THREATEN", "CONSULT"]
    as_csv = runner.invoke(app, ["query", "quotes", "--db", db, "--csv", "--speaker", "Virtanen"])
    assert as_csv.stdout.splitlines()[0].startswith("date,speaker,")
    table = runner.invoke(app, ["query", "timeline", "--db", db, "--actor", "Tamm"])
    assert table.exit_code == 0 and "CONSULT" in table.stdout
    missing = runner.invoke(app, ["query", "timeline", "--db", db, "--actor", "Nobody"])
    assert missing.exit_code == 1 and "[E121]" in missing.output


@pytest.mark.parametrize(
    ("code", "value"),
    [("057", 8.0), ("046", 7.0), ("0874", 10.0), ("173", -5.0), ("0579", 8.0), ("13", -6.0)],
)
def test_goldstein_follows_gdelts_table_by_full_code(code: str, value: float) -> None:
    assert goldstein(code) == value


def _saved(tmp_path: Path, documents: list[Document]) -> Store:
    store = open_store(str(tmp_path / "other.db"))
    with store.session() as session:
        save_documents(session, documents, "1")
        session.commit()
    return store


def test_undated_articles_give_undated_events(tmp_path: Path, documents: list[Document]) -> None:
    for document in documents:
        document.article.published = None
        for event in document.events:
            event.time = None
    store = _saved(tmp_path, documents)
    assert run(store, "gdelt", tmp_path / "e.tsv", every=True) == 7
    rows = [r.split("\t") for r in (tmp_path / "e.tsv").read_text().splitlines()]
    for row in rows:
        record = dict(zip(COLUMNS, row, strict=True))
        dates = [record[c] for c in ("Day", "MonthYear", "Year", "FractionDate")]
        assert dates == ["", "", "", ""] and record["DATEADDED"]
    assert run(store, "plover", tmp_path / "p.jsonl", every=True) == 7
    plover = [json.loads(x) for x in (tmp_path / "p.jsonl").read_text().splitlines()]
    assert all(r["date"] is None for r in plover)
    store.close()


def test_action_geo_falls_back_to_the_sentence_then_the_article(
    documents: list[Document],
) -> None:
    document = next(d for d in documents if any(e.cameo == "042" for e in d.events))
    event = next(e for e in document.events if e.cameo == "042")
    own = document.places[event.place] if event.place is not None else None
    assert own is not None and action_place(event, document) is own
    event.place = None
    sentence = document.sentences[event.sentence]
    in_sentence = [
        p for p in document.places
        if any(sentence.start <= m.start and m.end <= sentence.end for m in p.mentions)
    ]  # fmt: skip
    assert in_sentence and action_place(event, document) in in_sentence
    event.sentence = -1
    main = action_place(event, document)
    assert main is not None and len(main.mentions) == max(len(p.mentions) for p in document.places)


@pytest.mark.parametrize(
    "args",
    [
        ["query", "events"],
        ["export", "--format", "gdelt", "--out", "x.tsv"],
    ],
)
def test_a_mistyped_db_path_is_an_error_not_a_new_database(tmp_path: Path, args: list[str]) -> None:
    missing = tmp_path / "corpsu.db"
    result = CliRunner().invoke(app, [*args, "--db", str(missing)])
    assert result.exit_code == 1
    assert result.output.startswith(f"[E102] {missing}: no such database.")
    assert "newsevents ingest" in result.output
    assert not missing.exists()


def test_json_and_csv_together_are_rejected(db: str) -> None:
    result = CliRunner().invoke(app, ["query", "events", "--db", db, "--json", "--csv"])
    assert result.exit_code == 1 and "[E122]" in result.output
