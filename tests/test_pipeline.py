"""The pipeline as a whole: any text in, a valid document out; the sample's must-haves."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.pipeline import extract_document, extract_documents
from newsevents.records import Article, Document, Mention

WORDS = st.sampled_from(
    [
        "Putin",
        "Trump",
        "said",
        '"',
        "“",
        "”",
        "'",
        "—",
        "-",
        ":",
        ";",
        ",",
        ".",
        "?",
        "!",
        "\n",
        "\n\n",
        "he",
        "she",
        "they",
        "next",
        "week",
        "last",
        "Monday",
        "in",
        "Budapest",
        "Kyiv",
        "the",
        "Kremlin",
        "Russian",
        "official",
        "warned",
        "according",
        "to",
        "March",
        "31",
        "2019",
        "U.S.",
        "troops",
        "attacked",
        "met",
        "'quoted'",
        "(aside)",
        "5",
        "1,000",
        "the",
        "of",
        "and",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(WORDS, max_size=80).map(" ".join),
)


def all_mentions(document: Document) -> list[Mention]:
    mentions = [m for a in document.actors for m in a.mentions]
    mentions += [m for p in document.places for m in p.mentions]
    mentions += [Mention(t.text, t.start, t.end) for t in document.times]
    mentions += [Mention(q.text, q.start, q.end) for q in document.quotes]
    mentions += [q.speaker_mention for q in document.quotes if q.speaker_mention]
    mentions += [e.trigger for e in document.events]
    return mentions


def check_offsets(document: Document) -> None:
    text = document.article.text
    for mention in all_mentions(document):
        assert 0 <= mention.start <= mention.end <= len(text)
        assert mention.text == text[mention.start : mention.end]
    for sentence in document.sentences:
        assert 0 <= sentence.start < sentence.end <= len(text)
    actor_ids = {a.id for a in document.actors}
    for event in document.events:
        assert set(event.source) | set(event.target) <= actor_ids
        assert event.place is None or 0 <= event.place < len(document.places)
        assert 0 <= event.sentence < len(document.sentences)
    for quote in document.quotes:
        assert quote.speaker is None or quote.speaker in actor_ids


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, published=st.sampled_from([None, "2025-10-17", "1998-01-08"]))
def test_any_text_gives_a_valid_document(text: str, published: str | None) -> None:
    document = extract_document(Article(id="x", text=text, published=published))
    check_offsets(document)
    if published is None:
        assert all(t.value is None for t in document.times)


def test_batch_gives_the_same_documents_as_one_by_one() -> None:
    articles = [
        Article(
            id=str(i),
            text=f"Officials met in Budapest on Monday. Item {i}.",
            published="2025-10-17",
        )
        for i in range(5)
    ]
    batch = list(extract_documents(articles, batch_size=2))
    assert [a.id for a, _ in batch] == ["0", "1", "2", "3", "4"]
    assert [d for _, d in batch] == [extract_document(a) for a in articles]


def test_sample_document_is_valid(sample_document: Document) -> None:
    check_offsets(sample_document)
    assert sample_document.sentences and sample_document.tone.positive > 0
