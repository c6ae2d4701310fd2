from newsevents.records import (
    Actor,
    Article,
    Document,
    Event,
    Mention,
    Place,
    Quote,
    Sentence,
    Time,
    TimeValue,
    Tone,
)


def test_document_round_trips_through_json() -> None:
    text = "Putin met Orban in Budapest on Tuesday."
    doc = Document(
        article=Article(id="a1", text=text, published="2025-10-17"),
        actors=[
            Actor(
                "person:vladimir-putin",
                "Vladimir Putin",
                "person",
                "RUS",
                "GOV",
                mentions=[Mention.of(text, 0, 5)],
            )
        ],
        places=[Place("Budapest", "HUN", 47.5, 19.04, "city", 3054643, [Mention.of(text, 19, 27)])],
        times=[Time("Tuesday", 31, 38, TimeValue("2025-10-14", "2025-10-14"), "day")],
        quotes=[Quote("q1", "x", 0, 1, "direct", speaker_mention=Mention.of(text, 0, 5))],
        events=[
            Event(
                "e1",
                "CONSULT",
                None,
                "040",
                "occurred",
                Mention.of(text, 6, 9),
                source=["person:vladimir-putin"],
                place=0,
                time=TimeValue("2025-10-14", "2025-10-14"),
            )
        ],
        sentences=[Sentence(0, len(text), "report", 0.0)],
        tone=Tone(1.0, 2.0, 1.0),
    )
    data = doc.to_dict()
    assert list(data)[0] == "schema" and data["schema"] == "newsevents/1"
    assert Document.from_json(doc.to_json()) == doc


def test_mention_of_takes_text_from_offsets() -> None:
    assert Mention.of("the Kremlin said", 4, 11) == Mention("Kremlin", 4, 11)


def test_why_is_written_only_when_asked_and_read_back() -> None:
    text = "Putin met Orban."
    why = {"sense": "events.yaml verbs.meet[0]", "model": "keep", "score": 0.97}
    doc = Document(
        article=Article(id="a1", text=text),
        actors=[Actor("person:vladimir-putin", "Vladimir Putin", "person", why={"rule": "kb"})],
        events=[Event("e1", "CONSULT", None, "040", "occurred", Mention.of(text, 6, 9), why=why)],
    )
    plain = doc.to_dict()
    assert "why" not in plain["actors"][0] and "why" not in plain["events"][0]
    explained = doc.to_dict(explain=True)
    assert explained["events"][0]["why"] == why
    assert explained["actors"][0]["why"] == {"rule": "kb"}
    back = Document.from_json(doc.to_json(explain=True))
    assert back.events[0].why == why and back.actors[0].why == {"rule": "kb"}
    # The why is not part of a record's identity: read back without it, it is the same.
    plain_back = Document.from_json(doc.to_json())
    assert plain_back.events[0].why is None and plain_back == doc
