"""extract --explain: each record's why in the JSON; the default output has none."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsevents.cli import app

ENGLISH = (
    "Russian President Vladimir Putin said on Tuesday that he would meet Hungarian Prime "
    "Minister Viktor Orban in Budapest next week."
)
runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_extract_explain_shows_why_and_the_default_output_has_none(tmp_path: Path) -> None:
    path = tmp_path / "talks.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    plain = run("extract", str(path), "--published", "2025-10-17", "--json")
    explained = run("extract", str(path), "--published", "2025-10-17", "--explain")
    assert plain.exit_code == 0 and explained.exit_code == 0
    assert '"why"' not in plain.stdout
    document = json.loads(explained.stdout)
    for records in ("actors", "places", "quotes", "events"):
        assert document[records], records
        assert all(record["why"] for record in document[records]), records
    putin = next(a for a in document["actors"] if a["id"] == "person:vladimir-putin")
    assert putin["why"]["rule"] == "knowledge-base person"
    meeting = next(e for e in document["events"] if e["type"] == "CONSULT")
    assert meeting["why"]["sense"].startswith("events.yaml verbs.meet[")
    # Without the why, the explained document is the plain one.
    for records in ("actors", "places", "quotes", "events"):
        for record in document[records]:
            del record["why"]
    assert document == json.loads(plain.stdout)
