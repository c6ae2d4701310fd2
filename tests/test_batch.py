"""`newsevents batch`: Parquet tables by part, resumable, the rows of the parquet export;
`newsevents ingest DIR` stores them without extracting again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsevents import batch, corpus
from newsevents.cli import app
from newsevents.errors import BadBatchInput, BatchMismatch
from newsevents.export import export
from newsevents.export.tables import TABLES
from newsevents.ingest.text import read_jsonl
from newsevents.records import Document
from newsevents.store import open_store, save_documents

ARTICLES = [
    {
        "id": "talks",
        "published": "2025-03-04",
        "url": "https://example.org/talks",
        "text": "Foreign ministers of Egypt and Qatar met in Cairo on Monday to discuss a "
        'ceasefire in Gaza. "We are close to a deal," the Egyptian minister said.',
    },
    {
        "id": "strike",
        "published": "2025-03-05",
        "text": "Russian forces shelled the Ukrainian city of Kharkiv on Tuesday, killing two "
        "people, the regional governor said. Kyiv condemned the attack.",
    },
    {
        "id": "aid",
        "published": "2025-03-06",
        "text": "The European Union pledged 50 million euros in aid to Sudan on Wednesday.\n\n"
        "Officials in Brussels said the money would reach refugees in Chad.",
    },
    {
        "id": "vote",
        "text": "Lawmakers in Poland approved a new defence budget. The opposition said it "
        "would challenge the vote in court next week.",
    },
]


def write_jsonl(path: Path, *, bad_line: bool = True) -> Path:
    lines = [json.dumps(a) for a in ARTICLES]
    if bad_line:
        lines.insert(2, '{"id": "broken", "text": ')  # line 3
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def table_rows(folder: Path, table: str) -> list[dict[str, Any]]:
    """Every row of a table (a folder of parts or one file), in a stable order."""
    rows = pq.read_table(folder).to_pylist() if folder.exists() else []
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, batch.BatchReport]:
    folder = tmp_path_factory.mktemp("batch")
    source = write_jsonl(folder / "articles.jsonl")
    out = folder / "out"
    return out, batch.run_batch(source, out, workers=1, chunk_size=2)


def test_batch_writes_every_table_by_part_and_reports_the_bad_line(
    batch_out: tuple[Path, batch.BatchReport],
) -> None:
    out, report = batch_out
    assert report.parts == 3 and report.documents == 4 and report.items == 5
    assert [(code, message.split(": ")[0]) for code, message in report.failures] == [
        ("E030", f"[E030] {out.parent / 'articles.jsonl'}:3")
    ]
    for table in [*TABLES, "documents", "failures"]:
        parts = sorted(p.name for p in (out / table).iterdir())
        assert parts == [f"articles-0000{i}.parquet" for i in range(3)], table
    failures = table_rows(out / "failures", "failures")
    assert [(f["part"], f["code"]) for f in failures] == [("articles-00001", "E030")]


def test_batch_rows_are_those_of_the_parquet_export(
    batch_out: tuple[Path, batch.BatchReport], tmp_path: Path
) -> None:
    out, _ = batch_out
    documents = list(corpus.read_batch_documents(out))
    assert sorted(d.article.id for d in documents if isinstance(d, Document)) == sorted(
        a["id"] for a in ARTICLES
    )
    store = open_store(str(tmp_path / "corpus.db"))
    with store.session() as session:
        save_documents(session, [d for d in documents if isinstance(d, Document)], "1")
        session.commit()
        export(session, "parquet", tmp_path / "export")
    store.close()
    for table in TABLES:
        exported = table_rows(tmp_path / "export" / f"{table}.parquet", table)
        assert table_rows(out / table, table) == exported, table
    assert table_rows(out / "events", "events"), "the articles have events to compare"


def test_a_second_run_redoes_only_the_missing_part(
    batch_out: tuple[Path, batch.BatchReport], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(batch_out[0], out)
    before = {t: table_rows(out / t, t) for t in TABLES}
    (out / "quotes" / "articles-00000.parquet").unlink()
    done: list[str] = []
    report = batch.run_batch(
        batch_out[0].parent / "articles.jsonl",
        out,
        chunk_size=2,
        on_part=lambda result: done.append(result.name),
    )
    assert done == ["articles-00000"]
    assert report.skipped == 2 and report.failed == 1  # the bad line of a part done before
    assert {t: table_rows(out / t, t) for t in TABLES} == before


def test_a_rerun_with_another_chunk_size_is_refused(
    batch_out: tuple[Path, batch.BatchReport],
) -> None:
    out, _ = batch_out
    with pytest.raises(BatchMismatch, match=r"\[E141\].*chunk_size 2"):
        batch.run_batch(out.parent / "articles.jsonl", out, chunk_size=3)


def test_parquet_folder_input_gives_the_same_rows(
    batch_out: tuple[Path, batch.BatchReport], tmp_path: Path
) -> None:
    folder = tmp_path / "input"
    folder.mkdir()
    rows = [{**a, "url": a.get("url"), "published": a.get("published")} for a in ARTICLES]
    pq.write_table(pa.Table.from_pylist(rows[:3]), folder / "part-0.parquet", row_group_size=2)
    pq.write_table(pa.Table.from_pylist(rows[3:]), folder / "part-1.parquet")
    out = tmp_path / "out"
    report = batch.run_batch(folder, out, chunk_size=2)
    assert report.failed == 0 and report.documents == 4
    assert sorted(p.name for p in (out / "documents").iterdir()) == [
        "part-0-00000.parquet", "part-0-00001.parquet", "part-1-00000.parquet",
    ]  # fmt: skip
    for table in TABLES:
        assert table_rows(out / table, table) == table_rows(batch_out[0] / table, table), table


def test_a_part_reads_its_lines_as_ingest_reads_the_file(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"id": "good", "text": "The minister resigned on Monday."}),
        "{not json",
        '{"id": "huge", "text": ' + "9" * 5000 + "}",  # more digits than int() reads
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (part,) = batch.plan_parts(path)
    by_batch = [str(item) for item in batch.read_part(part)]
    assert by_batch == [str(item) for item in read_jsonl(path)]
    assert by_batch[1].startswith("[E0") and by_batch[2].startswith("[E0")


def test_an_input_that_is_not_articles_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(BadBatchInput, match=r"\[E140\].*no \.jsonl or \.parquet"):
        batch.plan_parts(tmp_path)
    with pytest.raises(BadBatchInput, match=r"\[E140\].*files ending \.txt"):
        batch.plan_parts(tmp_path / "notes.txt")


def test_ingest_of_a_batch_folder_stores_its_documents_once(
    batch_out: tuple[Path, batch.BatchReport], tmp_path: Path
) -> None:
    out, _ = batch_out
    db = str(tmp_path / "corpus.db")
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(out), "--db", db])
    assert first.exit_code == 0, first.output
    assert "stored 4" in first.output
    second = runner.invoke(app, ["ingest", str(out), "--db", db])
    assert "stored 0" in second.output and "skipped 4 as duplicate" in second.output
    store = open_store(db)
    with store.session() as session:
        export(session, "parquet", tmp_path / "export")
    store.close()
    for table in TABLES:
        stored = table_rows(tmp_path / "export" / f"{table}.parquet", table)
        assert stored == table_rows(out / table, table), table


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # inside Ray Data
def test_the_batch_command_on_two_ray_workers_writes_the_rows_of_one(
    batch_out: tuple[Path, batch.BatchReport], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    source = batch_out[0].parent / "articles.jsonl"
    args = ["batch", str(source), "--out", str(out), "--workers", "2", "--chunk-size", "2"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output  # the bad line
    assert "[E030]" in result.output and "articles.jsonl:3" in result.output
    assert "1 failed (E030 x1)" in result.output
    for table in [*TABLES, "documents"]:
        assert table_rows(out / table, table) == table_rows(batch_out[0] / table, table), table


def test_extract_on_two_processes_writes_what_one_writes(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "articles.jsonl")
    runner = CliRunner()
    for workers in ("1", "2"):
        args = ["extract", str(source), "--out", str(tmp_path / workers), "--workers", workers]
        result = runner.invoke(app, args)
        assert result.exit_code == 1 and "articles.jsonl:3" in result.output, result.output
    one = {p.name: p.read_text() for p in (tmp_path / "1").iterdir()}
    assert sorted(one) == sorted(f"{a['id']}.json" for a in ARTICLES)
    assert {p.name: p.read_text() for p in (tmp_path / "2").iterdir()} == one
