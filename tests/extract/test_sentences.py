from newsevents import nlp
from newsevents.extract.sentences import document_tone, extract_sentences
from newsevents.records import Quote


def kinds(text: str, quotes: list[Quote] | None = None) -> list[str]:
    return [s.kind for s in extract_sentences(nlp.parse(text), quotes=quotes or [])]


def test_report_attributed_and_opinion() -> None:
    text = (
        "The army shelled the town on Monday. "
        "According to the mayor, twelve people died. "
        "One must wonder if the ceasefire will hold. "
        "The government's anger is palpable."
    )
    assert kinds(text) == ["report", "attributed", "opinion", "opinion"]


def test_a_sentence_with_a_quote_is_attributed() -> None:
    text = 'The minister spoke. "We will never give up," she said.'
    start = text.index("We")
    quote = Quote("q1", "We will never give up,", start, start + 22, "direct")
    assert kinds(text, [quote]) == ["report", "attributed"]


def test_opinion_cues_inside_quotes_do_not_count() -> None:
    assert kinds('The envoy said "the stakes are clearly high" and left.') == ["report"]


def test_sentence_offsets_and_tone() -> None:
    text = "Leaders praised the wonderful peace deal. Rebels killed dozens in a brutal attack."
    sentences = extract_sentences(nlp.parse(text), quotes=[])
    assert [text[s.start : s.end] for s in sentences] == [
        "Leaders praised the wonderful peace deal.",
        "Rebels killed dozens in a brutal attack.",
    ]
    assert sentences[0].tone > 0.3 and sentences[1].tone < -0.3


def test_document_tone_is_gdelt_style() -> None:
    tone = document_tone(nlp.parse("A terrible, deadly war. A good deal."))
    assert tone.negative > 0 and tone.positive > 0
    assert abs(tone.positive - tone.negative - tone.score) < 0.002
    assert document_tone(nlp.parse("...")).score == 0.0
