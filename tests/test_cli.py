"""The command line end to end: the commands a user types, with good and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents.cli import app

ENGLISH = (
    "Russian President Vladimir Putin said on Tuesday that he would meet Hungarian Prime "
    "Minister Viktor Orban in Budapest next week."
)
runner = CliRunner()


def run(*args: str, stdin: bytes | None = None):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args), input=stdin)
    # Every outcome is an exit code, never an uncaught exception with a traceback.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_demo_prints_the_report_for_the_sample() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsevents.cli", "demo"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "Budapest" in result.stdout and "Tone" in result.stdout
    assert "Traceback" not in result.stderr


def test_extract_json_of_a_file(tmp_path: Path) -> None:
    path = tmp_path / "talks.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    result = run("extract", str(path), "--published", "2025-10-17", "--json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["schema"] == "newsevents/1"
    assert document["article"]["published"] == "2025-10-17"
    assert document["article"]["text"] == ENGLISH
    assert set(document) >= {"actors", "places", "times", "quotes", "events", "sentences", "tone"}


def test_extract_reads_standard_input() -> None:
    result = run("extract", "-", "--json", stdin=ENGLISH.encode())
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["article"]["text"] == ENGLISH
    # No publication date: times are found but never resolved by guessing.
    assert all(t["value"] is None for t in document["times"])


@pytest.mark.parametrize(
    ("content", "args", "code"),
    [
        (b"", (), "E010"),
        (b"\x00\x01\x02binary", (), "E011"),
        (b"caf\xe9 au lait", (), "E012"),
        (ENGLISH.encode(), ("--published", "17 Oct"), "E020"),
    ],
)
def test_bad_input_is_one_clear_line(
    tmp_path: Path, content: bytes, args: tuple[str, ...], code: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = run("extract", str(path), *args)
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"[{code}]")


def test_missing_file() -> None:
    result = run("extract", "/no/such/article.txt")
    assert result.exit_code != 0 and result.stderr.startswith("[E031] /no/such/article.txt")


def test_jsonl_batch_writes_good_articles_and_reports_bad_lines(tmp_path: Path) -> None:
    source = tmp_path / "articles.jsonl"
    source.write_text(
        "\n".join(
            [
                json.dumps({"id": "one", "text": ENGLISH, "published": "2025-10-17"}),
                "[1, 2]",
                json.dumps({"id": "two", "text": ENGLISH}),
                json.dumps({"id": "three"}),
            ]
        ),
        encoding="utf-8",
    )
    out = tmp_path / "docs"
    result = run("extract", str(source), "--out", str(out))
    assert result.exit_code == 1  # something failed
    assert sorted(p.name for p in out.iterdir()) == ["one.json", "two.json"]
    assert "articles.jsonl:2" in result.stderr and "articles.jsonl:4" in result.stderr
    assert "2 written" in result.stderr and "2 failed" in result.stderr
    assert json.loads((out / "one.json").read_text())["article"]["id"] == "one"


def test_jsonl_needs_out(tmp_path: Path) -> None:
    source = tmp_path / "articles.jsonl"
    source.write_text(json.dumps({"id": "a", "text": ENGLISH}), encoding="utf-8")
    assert run("extract", str(source)).exit_code != 0


DATA = Path(__file__).resolve().parent / "data" / "ingest"


def test_extract_reads_an_html_page_as_ingest_does(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        (DATA / "page.html")
        .read_text(encoding="utf-8")
        .replace("</footer>", "</footer><script>var s = 'Putin attacked Kyiv on Monday';</script>"),
        encoding="utf-8",
    )
    result = run("extract", str(page), "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    text = document["article"]["text"]
    assert text.startswith("Danish navy joins Baltic patrol") or text.startswith("Denmark sent")
    assert "<" not in text and "Putin" not in text and "Copyright" not in text
    assert document["article"]["published"] == "2025-04-15"


def test_extract_reads_a_csv_and_a_folder_into_out(tmp_path: Path) -> None:
    result = run("extract", str(DATA / "texts"), "--out", str(tmp_path / "docs"))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == [
        "riga-energy.json",
        "vilnius-aid.json",
    ]
    assert run("extract", str(DATA / "texts")).exit_code != 0  # several articles need --out
    assert "[E115]" in run("extract", str(DATA / "articles.csv")).stderr


def test_extract_out_with_one_text_file_writes_its_json(tmp_path: Path) -> None:
    path = tmp_path / "talks.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    result = run("extract", str(path), "--out", str(tmp_path / "docs"))
    assert result.exit_code == 0, result.stderr
    written = json.loads((tmp_path / "docs" / "talks.json").read_text(encoding="utf-8"))
    assert written["article"]["text"] == ENGLISH


def test_extract_jsonl_uses_published_for_lines_without_a_date(tmp_path: Path) -> None:
    source = tmp_path / "a.jsonl"
    source.write_text(
        json.dumps({"id": "x", "text": ENGLISH})
        + "\n"
        + json.dumps({"id": "y", "text": ENGLISH, "published": "2020-01-02"}),
        encoding="utf-8",
    )
    out = tmp_path / "docs"
    result = run("extract", str(source), "--out", str(out), "--published", "2025-10-17")
    assert result.exit_code == 0
    dates = {p.stem: json.loads(p.read_text())["article"]["published"] for p in out.iterdir()}
    assert dates == {"x": "2025-10-17", "y": "2020-01-02"}


def test_extract_out_gives_every_id_its_own_file_inside_the_folder(tmp_path: Path) -> None:
    ids = ["a/b", "a_b", "x" * 250 + "1", "x" * 250 + "2", "../../x", ".hidden", "CON", "con.txt"]
    source = tmp_path / "a.jsonl"
    source.write_text(
        "\n".join(json.dumps({"id": i, "text": ENGLISH}) for i in ids), encoding="utf-8"
    )
    out = tmp_path / "deep" / "docs"
    result = run("extract", str(source), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    files = sorted(out.iterdir())
    assert len(files) == len(ids)
    assert sorted(p.parent for p in tmp_path.rglob("*.json")) == [out] * len(ids)
    assert not any(p.name.startswith(".") for p in files)
    assert sorted(json.loads(p.read_text())["article"]["id"] for p in files) == sorted(ids)


def test_a_wrongly_typed_jsonl_field_fails_its_line_only(tmp_path: Path) -> None:
    source = tmp_path / "a.jsonl"
    source.write_text(
        json.dumps({"id": "bad", "text": ENGLISH, "published": 20240101})
        + "\n"
        + json.dumps({"id": "good", "text": ENGLISH}),
        encoding="utf-8",
    )
    result = run("extract", str(source), "--out", str(tmp_path / "docs"))
    assert result.exit_code == 1
    assert f"[E030] {source}:1:" in result.stderr
    assert [p.name for p in (tmp_path / "docs").iterdir()] == ["good.json"]
    db = tmp_path / "c.db"
    ingested = run("ingest", str(source), "--db", str(db))
    assert ingested.exit_code == 1 and f"[E030] {source}:1:" in ingested.stderr
    assert "stored 1," in ingested.stderr
