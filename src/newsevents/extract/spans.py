"""Looking up which actor, place or time a span of the article belongs to.

Quotes and events find their speakers, sources and targets through these lookups, so every
extractor agrees on what a mention means.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Span, Token

from newsevents.records import Actor, Mention


class MentionIndex:
    """Mentions of records (actors, places ...) sorted by offset, for overlap queries."""

    def __init__(self, owners: Sequence[tuple[str, Sequence[Mention]]]) -> None:
        entries = sorted((m.start, m.end, owner, m) for owner, mentions in owners for m in mentions)
        self._starts = [start for start, _, _, _ in entries]
        self._entries = entries

    def overlapping(self, start: int, end: int) -> list[tuple[str, Mention]]:
        """Owners whose mentions overlap [start, end), in text order."""
        found = []
        for i in range(bisect_right(self._starts, end - 1) - 1, -1, -1):
            m_start, m_end, owner, mention = self._entries[i]
            if m_end <= start:
                # Entries are sorted by start only: a long earlier mention may still overlap.
                if start - m_start > 400:
                    break
                continue
            if m_start < end:
                found.append((owner, mention))
        found.reverse()
        return found

    def owner_at(self, start: int, end: int) -> str | None:
        """The owner of the longest mention overlapping [start, end), if any."""
        hits = self.overlapping(start, end)
        if not hits:
            return None
        return max(hits, key=lambda hit: hit[1].end - hit[1].start)[0]


def actor_index(actors: Sequence[Actor]) -> MentionIndex:
    return MentionIndex([(actor.id, actor.mentions) for actor in actors])


def span_of(item: Span | Token) -> tuple[int, int]:
    """Character offsets of a token or span."""
    if isinstance(item, Token):
        return item.idx, item.idx + len(item.text)
    return item.start_char, item.end_char
