"""Quotes on hand-written sentences: one test per construction, plus hostile inputs."""

from __future__ import annotations

import time

from newsevents import nlp
from newsevents.extract.quotes import extract_quotes, find_quoted
from newsevents.records import Actor, Mention, Quote


def quotes(text: str, actors: list[Actor] | None = None) -> list[Quote]:
    found = extract_quotes(nlp.parse(text), actors=actors or [])
    for q in found:
        assert q.text == text[q.start : q.end]
        if q.speaker_mention is not None:
            m = q.speaker_mention
            assert m.text == text[m.start : m.end]
    return found


def actor(text: str, id_: str, name: str, *words: str, type_: str = "person") -> Actor:
    """An actor whose mentions are every occurrence of ``words`` in ``text``."""
    mentions = []
    for word in words:
        start = text.find(word)
        while start >= 0:
            mentions.append(Mention.of(text, start, start + len(word)))
            start = text.find(word, start + 1)
    return Actor(id=id_, name=name, type=type_, mentions=mentions)


def test_direct_quote_with_curly_marks_and_inverted_attribution() -> None:
    text = "The talks stalled on Monday.\n\n“We will not sign this,” said Anna Berg, the envoy."
    (q,) = quotes(text)
    assert q.kind == "direct"
    assert q.text == "“We will not sign this,”"
    assert q.speaker_mention is not None and q.speaker_mention.text == "Anna Berg"
    assert q.cue == "said"


def test_straight_marks_and_actor_speaker() -> None:
    text = 'The mayor spoke briefly. "The bridge will reopen in May," she told reporters.'
    mayor = actor(text, "person:mayor", "Mayor", "The mayor", "she")
    (q,) = quotes(text, [mayor])
    assert q.text == '"The bridge will reopen in May,"'
    assert q.speaker == "person:mayor"
    assert q.channel == "reporters"


def test_split_quote_is_one_quote_covering_both_pieces() -> None:
    text = '"We tried for months," he said, "but nobody answered our letters."'
    (q,) = quotes(text)
    assert q.start == 0 and q.end == len(text)
    assert q.kind == "direct" and q.speaker_mention and q.speaker_mention.text == "he"


def test_multi_paragraph_quote_reopens_without_closing() -> None:
    text = (
        'The minister said:\n\n"The first stage ends in June.\n\n'
        '"The second stage begins after the elections."\n\nThe opposition disagreed.'
    )
    found = quotes(text)
    direct = [q for q in found if q.kind == "direct"]
    assert len(direct) == 1
    assert direct[0].text.startswith('"The first stage') and direct[0].text.endswith('elections."')
    assert direct[0].speaker_mention and direct[0].speaker_mention.text == "The minister"


def test_unbalanced_mark_stops_at_the_paragraph() -> None:
    text = (
        '"This is a disaster for the farmers, said the union leader.\n\n'
        "Prices fell by a third in the spring.\n\nThe government promised help."
    )
    spans = find_quoted(text)
    assert spans and all("\n" not in text[s.start : s.end] for s in spans)
    for q in quotes(text):
        assert "Prices fell" not in q.text


def test_nested_and_stray_marks_do_not_crash() -> None:
    text = 'He said "the word “peace” is "overused" today. ” And then "\n\n" left.'
    quotes(text)  # no exception, offsets checked in quotes()


def test_partial_quote_attributed_by_an_as_clause_with_channel() -> None:
    text = 'The city styles itself a safe "harbour of calm," as described by Mayor Lena Holm on X.'
    (q,) = quotes(text)
    assert q.kind == "partial"
    assert "harbour of calm" in q.text
    assert q.speaker_mention and q.speaker_mention.text == "Mayor Lena Holm"
    assert q.channel == "X"


def test_scare_quotes_are_not_quotes() -> None:
    text = 'The so-called "peace plan" was drafted by a committee of experts in the capital.'
    assert quotes(text) == []


def test_indirect_quote_after_a_speech_verb() -> None:
    text = "The general warned that the army would respond to any attack on the border."
    (q,) = quotes(text)
    assert q.kind == "indirect"
    assert q.text == "that the army would respond to any attack on the border"
    assert q.speaker_mention and q.speaker_mention.text == "The general"
    assert q.cue == "warned"


def test_attribution_appended_to_the_content() -> None:
    text = "Three bridges were destroyed in the night, local officials said."
    (q,) = quotes(text)
    assert q.text == "Three bridges were destroyed in the night"
    assert q.speaker_mention and q.speaker_mention.text == "local officials"


def test_according_to() -> None:
    text = "According to the health ministry, forty people were injured in the blast."
    (q,) = quotes(text)
    assert q.cue == "According to"
    assert q.text == "forty people were injured in the blast"
    assert q.speaker_mention and "health ministry" in q.speaker_mention.text


def test_colon_attribution() -> None:
    text = 'The prime minister said: "Our borders stay open to trade."'
    (q,) = quotes(text)
    assert q.kind == "direct" and q.text == '"Our borders stay open to trade."'
    assert q.speaker_mention and q.speaker_mention.text == "The prime minister"


def test_apposition_gives_the_name() -> None:
    text = "Hugh Hill, a doctor at the clinic, said the wounded were all stable."
    (q,) = quotes(text)
    assert q.speaker_mention and q.speaker_mention.text == "Hugh Hill"
    assert q.text == "the wounded were all stable"


def test_pronoun_speaker_resolved_through_actors() -> None:
    text = "Olaf Brandt arrived late. He said the budget had been cut twice."
    brandt = actor(text, "person:olaf-brandt", "Olaf Brandt", "Olaf Brandt", "He")
    (q,) = quotes(text, [brandt])
    assert q.speaker == "person:olaf-brandt"
    assert q.speaker_mention and q.speaker_mention.text == "He"


def test_follow_on_quote_inherits_the_speaker() -> None:
    text = (
        '"The harvest was the worst in ten years," said Maria Lopez, a farmer.\n\n'
        '"We lost almost everything we planted in the north fields."'
    )
    found = quotes(text)
    assert len(found) == 2
    assert all(q.speaker_mention and q.speaker_mention.text == "Maria Lopez" for q in found)


def test_nested_attribution_belongs_to_the_outer_speaker() -> None:
    text = "The aide told reporters that the president warned the deal would collapse."
    (q,) = quotes(text)
    assert q.speaker_mention and q.speaker_mention.text == "The aide"
    assert q.text == "that the president warned the deal would collapse"
    assert q.channel == "reporters"


def test_reported_by_an_outlet() -> None:
    text = "As reported by the Daily Planet, the senator revealed that she would resign."
    outlet = actor(text, "media:daily-planet", "Daily Planet", "Daily Planet", type_="media")
    senator = actor(text, "person:senator", "Senator", "the senator")
    (q,) = quotes(text, [outlet, senator])
    assert q.speaker == "person:senator"
    assert q.reported_by == "media:daily-planet"
    assert q.text == "that she would resign"


def test_channel_on_a_platform() -> None:
    text = "The president announced on Truth Social that the summit would take place in May."
    (q,) = quotes(text)
    assert q.channel == "Truth Social"
    assert q.cue == "announced"


def test_dash_signature() -> None:
    text = "“The city has changed beyond recognition in a single year.” ― Tomas Weber\n"
    (q,) = quotes(text)
    assert q.speaker_mention and q.speaker_mention.text == "Tomas Weber"


def test_ids_in_text_order() -> None:
    text = (
        "The governor said the roads would reopen soon. "
        '"We need patience," the mayor added. Police said two men were arrested.'
    )
    found = quotes(text)
    assert [q.id for q in found] == [f"q{n}" for n in range(1, len(found) + 1)]
    assert [q.start for q in found] == sorted(q.start for q in found)


def test_two_hundred_paragraphs_stay_fast_and_valid() -> None:
    paragraph = (
        '"The supply lines are holding," said Colonel Ivo Marsh. '
        "Officials said convoys reached the valley, according to the regional office. "
        'A "temporary" shelter opened.'
    )
    text = "\n\n".join([paragraph] * 200) + '\n\n"An unclosed mark at the very end'
    doc = nlp.parse(text)
    start = time.perf_counter()
    found = extract_quotes(doc, actors=[])
    assert time.perf_counter() - start < 5.0
    assert len(found) >= 400
    for q in found:
        assert q.text == text[q.start : q.end]
        assert "\n" not in q.text
