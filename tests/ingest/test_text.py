import json
from pathlib import Path

import pytest

from newsevents.errors import (
    BadArticleLine,
    BadDate,
    BinaryInput,
    EmptyInput,
    NewsEventsError,
    NotEnglish,
    NotUtf8,
    TooLong,
)
from newsevents.ingest import text as ingest
from newsevents.records import Article

ENGLISH = "The minister said on Tuesday that the talks with the rebels would resume next week."


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_reads_a_text_file_with_its_date(tmp_path: Path) -> None:
    path = write(tmp_path, "talks.txt", ENGLISH.encode())
    article = ingest.read_text(path, published="2025-10-17", title="Talks")
    assert article == Article(id="talks", text=ENGLISH, title="Talks", published="2025-10-17")


def test_windows_line_ends_and_bom_are_normalised(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"\xef\xbb\xbf" + ENGLISH.encode() + b"\r\nMore text here.")
    assert ingest.read_text(path).text == ENGLISH + "\nMore text here."


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInput),
        (b"   \n\n ", EmptyInput),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInput),
        (ENGLISH.encode() + b" caf\xe9", NotUtf8),
        (
            b"Le ministre a dit mardi que les pourparlers avec les rebelles reprendraient "
            b"la semaine prochaine dans la capitale.",
            NotEnglish,
        ),
        (
            "Министр заявил во вторник, что переговоры с повстанцами возобновятся на "
            "следующей неделе.".encode(),
            NotEnglish,
        ),
    ],
)
def test_bad_input_gets_a_coded_error_naming_the_file(
    tmp_path: Path, data: bytes, error: type[NewsEventsError]
) -> None:
    path = write(tmp_path, "bad.txt", data)
    with pytest.raises(error) as caught:
        ingest.read_text(path)
    message = str(caught.value)
    assert message.startswith(f"[{error.code}] {path}:")
    assert "\n" not in message


def test_too_long(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_CHARS", 50)
    path = write(tmp_path, "long.txt", ENGLISH.encode())
    with pytest.raises(TooLong, match="over the limit of 50"):
        ingest.read_text(path)


@pytest.mark.parametrize("value", ["17/10/2025", "yesterday", "2025-13-01"])
def test_unparseable_published(value: str) -> None:
    with pytest.raises(BadDate, match="YYYY-MM-DD"):
        ingest.parse_published(value)


def test_jsonl_reports_bad_lines_by_number_and_keeps_the_rest(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": ENGLISH, "published": "2025-10-17"}),
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"id": "b"}),
        "",
        json.dumps({"id": "c", "text": ENGLISH, "published": "not a date"}),
        json.dumps({"id": "d", "text": ENGLISH, "url": "http://example.org/d"}),
    ]
    path = write(tmp_path, "articles.jsonl", "\n".join(lines).encode())
    items = list(ingest.read_jsonl(path))
    good = [i for i in items if isinstance(i, Article)]
    bad = [str(i) for i in items if isinstance(i, NewsEventsError)]
    assert [a.id for a in good] == ["a", "d"]
    assert good[1].url == "http://example.org/d"
    assert [b.split(":")[1].split()[0] for b in bad] == ["2", "3", "4", "6"]
    assert "not JSON" in bad[0] and "not an object" in bad[1] and "'text'" in bad[2]
    assert isinstance(items[3], BadArticleLine)
