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
