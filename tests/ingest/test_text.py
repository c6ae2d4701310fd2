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


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("published", 20240101),
        ("url", 123),
        ("title", {"a": 1}),
        ("id", 5),
        ("id", None),
        ("text", 7),
        ("source", ["x"]),
        ("language", True),
    ],
)
def test_a_wrongly_typed_field_is_reported_by_line_and_the_rest_read(
    tmp_path: Path, field: str, value: object
) -> None:
    bad = {"id": "bad", "text": ENGLISH, field: value}
    lines = [json.dumps(bad), json.dumps({"id": "good", "text": ENGLISH})]
    items = list(ingest.read_jsonl(write(tmp_path, "a.jsonl", "\n".join(lines).encode())))
    assert isinstance(items[0], BadArticleLine)
    assert str(items[0]).startswith(f"[E030] {tmp_path / 'a.jsonl'}:1:")
    assert f'"{field}"' in str(items[0]) or "missing 'id'" in str(items[0])
    assert isinstance(items[1], Article) and items[1].id == "good"


@pytest.mark.parametrize("line", ['{"id": "a", "text": 1' + "0" * 5000 + "}", "[" * 100000])
def test_unreadable_json_numbers_and_nesting_are_bad_lines(tmp_path: Path, line: str) -> None:
    path = write(tmp_path, "a.jsonl", line.encode())
    assert [type(i) for i in ingest.read_jsonl(path)] == [BadArticleLine]


def test_jsonl_lines_without_a_date_take_the_default(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": ENGLISH}),
        json.dumps({"id": "b", "text": ENGLISH, "published": "2020-02-02"}),
    ]
    path = write(tmp_path, "a.jsonl", "\n".join(lines).encode())
    items = list(ingest.read_jsonl(path, published="2025-10-17"))
    assert [a.published for a in items if isinstance(a, Article)] == ["2025-10-17", "2020-02-02"]


@pytest.mark.parametrize(
    "value", ["2024-01-01garbage", "2024-01-01 x", "2024-01-01T99:00", "20240101", " 2024-1-1"]
)
def test_a_date_with_anything_after_the_day_is_rejected(value: str) -> None:
    with pytest.raises(BadDate):
        ingest.parse_published(value)


@pytest.mark.parametrize(
    ("value", "day"), [("2024-01-01", "2024-01-01"), ("2024-01-01T08:00:00Z", "2024-01-01")]
)
def test_a_date_or_a_whole_timestamp_is_accepted(value: str, day: str) -> None:
    assert ingest.parse_published(value) == day


@pytest.mark.parametrize("value", ["x", "-5", "0", "1e6"])
def test_a_bad_max_chars_setting_is_a_coded_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("NEWSEVENTS_MAX_CHARS", value)
    with pytest.raises(NewsEventsError, match=r"^\[E015\] NEWSEVENTS_MAX_CHARS: "):
        ingest.read_text(write(tmp_path, "a.txt", ENGLISH.encode()))


def test_max_chars_setting_is_read_at_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSEVENTS_MAX_CHARS", "20")
    with pytest.raises(TooLong, match="over the limit of 20"):
        ingest.read_text(write(tmp_path, "a.txt", ENGLISH.encode()))


@pytest.mark.parametrize(
    "text",
    [
        "习近平周四在北京会见了来访的美国国务卿，双方就中美关系交换了意见。",
        "大統領は木曜日に東京で首相と会談した。",
        "대통령은 목요일에 서울에서 총리와 회담했다.",
        "Le président a rencontré les ministres",
        "El presidente se reunió con los ministros",
        "Die Regierung hat das Gesetz beschlossen",
    ],
)
def test_cjk_and_short_foreign_texts_are_not_english(text: str) -> None:
    with pytest.raises(NotEnglish):
        ingest.check_text(text, subject="t")


@pytest.mark.parametrize(
    "text",
    [
        "Putin meets Orbán in Budapest",
        "UN Security Council meets on Syria",
        "Le Pen says France must leave",
        "von der Leyen visits Kyiv",
        "Xi Jinping (习近平) met the US secretary of state in Beijing on Thursday.",
        "Rain",
    ],
)
def test_short_english_texts_pass(text: str) -> None:
    assert ingest.check_text(text, subject="t") == text


@pytest.mark.parametrize(
    "obj",
    [{"id": "a\x00", "text": ENGLISH}, {"id": "a", "text": ENGLISH + "\x00"},
     {"id": "a", "text": ENGLISH, "title": "\x00"}],
)  # fmt: skip
def test_a_nul_character_fails_its_line(tmp_path: Path, obj: dict[str, str]) -> None:
    """PostgreSQL cannot store NUL: found by tests/fuzz, a NUL id stopped a whole ingest."""
    path = write(tmp_path, "a.jsonl", json.dumps(obj).encode())
    (item,) = ingest.read_jsonl(path)
    assert isinstance(item, BadArticleLine | BinaryInput)
