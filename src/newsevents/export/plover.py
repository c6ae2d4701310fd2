"""Events -> POLECAT-style PLOVER JSON Lines: one event record a line.

Field names follow the PLOVER specification's JSON data fields (``id``, ``date``,
``enddate``, ``source`` and ``recipient`` as lists of actor objects, ``event``, ``mode``,
``context``, ``quad_code``, ``event_scale``, ``event_loc``, ``event_text``, ``text``,
``text_info``, ``cite_info``, ``coder``, ``coded_date``); the PLOVER manual recommends
newline-delimited JSON. Actor objects carry ``code`` (country, or IGO), ``sector``,
``actor_text``, ``identifier_id`` (Wikidata QID, else the newsevents actor id),
``identifier_text`` and ``office``. Extra fields, as the specification allows:
``modality``, ``cameo``, ``confidence``, ``reported_by``.

``quad_code`` comes from the CAMEO root (kb/cameo.tsv), ``event_scale`` (Goldstein) from
GDELT's table by full code (kb/cameo_goldstein.tsv), as the GDELT export; ``date`` is the
event's date, else the article's, else null (never the day it was stored).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsevents.export.gdelt import cameo_roots, country_codes, goldstein
from newsevents.export.selection import Selected
from newsevents.records import Actor, Event, newsevents_version

CODEBOOK = "PLOVER (newsevents/1 event types)"


def write_plover(selection: Iterable[Selected], out: Path) -> int:
    """One PLOVER event record a line; how many were written."""
    count = 0
    with out.open("w", encoding="utf-8") as f:
        for item in selection:
            for index, event in item.selected_events():
                f.write(json.dumps(plover_record(item, index, event), ensure_ascii=False) + "\n")
                count += 1
    return count


def plover_record(item: Selected, index: int, event: Event) -> dict[str, Any]:
    document = item.document
    article = document.article
    actors = {a.id: a for a in document.actors}
    # The event's date, else the article's; an undated article gives an undated event.
    day = event.time.start if event.time else article.published
    sentence = (
        document.sentences[event.sentence]
        if 0 <= event.sentence < len(document.sentences)
        else None
    )
    code = "".join(c for c in event.cameo if c.isdigit())
    root = cameo_roots().get(code[:2])
    record: dict[str, Any] = {
        "id": f"{item.key}-{event.id or index}",
        "date": day,
        "source": [_actor(actors.get(a), a) for a in event.source],
        "recipient": [_actor(actors.get(a), a) for a in event.target],
        "event": [event.type],
        "mode": [event.mode] if event.mode else [],
        "context": [],
        "quad_code": root[0] if root else None,
        "event_scale": goldstein(code if len(code) != 2 else code + "0"),
        "event_text": [event.trigger.text],
        "modality": event.modality,
        "cameo": event.cameo,
        "confidence": event.confidence,
        "reported_by": event.reported_by,
        "cite_info": {
            "url": article.url,
            "title": article.title,
            "language": article.language,
            "publication": article.source,
            "coder": f"newsevents {newsevents_version()}",
            "codebook": CODEBOOK,
        },
        "coder": "newsevents",
        "coded_date": item.added.date().isoformat() if item.added else None,
    }
    if event.time and event.time.end != event.time.start:
        record["enddate"] = event.time.end
    if sentence is not None:
        record["text"] = article.text[sentence.start : sentence.end]
        record["text_info"] = {
            "sequence": event.sentence,
            "start": sentence.start,
            "end": sentence.end,
        }
    if event.place is not None and 0 <= event.place < len(document.places):
        place = document.places[event.place]
        country = country_codes().get(place.country or "")
        record["event_loc"] = {
            "geonameid": place.geonames_id,
            "name": place.name,
            "latitude": place.lat,
            "longitude": place.lon,
            "feature_type": place.feature,
            "country code": country["iso"] if country else None,
            "cc3": place.country,
        }
    return record


def _actor(actor: Actor | None, actor_id: str) -> dict[str, Any]:
    if actor is None:
        return {"identifier_id": actor_id}
    return {
        "code": actor.country,
        "sector": actor.sector,
        "actor_text": actor.mentions[0].text if actor.mentions else actor.name,
        "identifier_id": actor.wikidata or actor.id,
        "identifier_text": actor.name,
        "office": actor.role,
        "newsevents_id": actor.id,
    }
