"""A readable terminal report of one Document (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from newsevents.records import Document


def render_document(document: Document, console: Console) -> None:
    article = document.article
    title = article.title or article.id
    console.print(
        Panel.fit(
            f"[bold]{title}[/bold]\npublished {article.published or 'unknown'} · "
            f"{len(article.text.split()):,} words · {len(document.sentences)} sentences",
            title="newsevents",
        )
    )
    names = {actor.id: actor.name for actor in document.actors}

    def who(ids: list[str] | str | None) -> str:
        if ids is None:
            return "—"
        if isinstance(ids, str):
            ids = [ids]
        return ", ".join(names.get(i, i) for i in ids) or "—"

    if document.actors:
        table = Table(title="Actors", title_justify="left")
        for column in ("actor", "type", "country", "sector", "role", "mentions"):
            table.add_column(column)
        for actor in document.actors:
            mentions = sorted({m.text for m in actor.mentions})
            table.add_row(
                actor.name,
                actor.type,
                actor.country or "—",
                actor.sector or "—",
                actor.role or "—",
                f"{len(actor.mentions)}: " + ", ".join(mentions[:6]),
            )
        console.print(table)

    if document.places:
        table = Table(title="Places", title_justify="left")
        for column in ("place", "country", "feature", "lat, lon", "as written"):
            table.add_column(column)
        for place in document.places:
            where = f"{place.lat:.2f}, {place.lon:.2f}" if place.lat is not None else "—"
            written = ", ".join(sorted({m.text for m in place.mentions}))
            table.add_row(place.name, place.country or "—", place.feature, where, written)
        console.print(table)

    if document.times:
        table = Table(title="Times", title_justify="left")
        for column in ("as written", "resolved", "granularity"):
            table.add_column(column)
        for time in document.times:
            value = f"{time.value.start} .. {time.value.end}" if time.value else "—"
            table.add_row(time.text, value, time.granularity)
        console.print(table)

    if document.quotes:
        table = Table(title="Quotes", title_justify="left")
        for column in ("kind", "speaker", "cue", "channel", "text"):
            table.add_column(column)
        for quote in document.quotes:
            text = quote.text if len(quote.text) <= 90 else quote.text[:87] + "..."
            table.add_row(
                quote.kind, who(quote.speaker), quote.cue or "—", quote.channel or "—", text
            )
        console.print(table)

    if document.events:
        table = Table(title="Events", title_justify="left")
        for column in ("type", "cameo", "modality", "source", "target", "trigger", "place"):
            table.add_column(column)
        for event in document.events:
            where = document.places[event.place].name if event.place is not None else "—"
            table.add_row(
                event.type,
                event.cameo,
                event.modality,
                who(event.source),
                who(event.target),
                event.trigger.text,
                where,
            )
        console.print(table)

    kinds = {kind: 0 for kind in ("report", "attributed", "opinion")}
    for sentence in document.sentences:
        kinds[sentence.kind] = kinds.get(sentence.kind, 0) + 1
    tone = document.tone
    console.print(
        f"[bold]Tone[/bold] {tone.score:+.2f} (positive {tone.positive:.1f}%, "
        f"negative {tone.negative:.1f}%) · sentences: "
        + ", ".join(f"{n} {kind}" for kind, n in kinds.items())
    )
    opinions = [s for s in document.sentences if s.kind == "opinion"]
    for sentence in opinions[:5]:
        text = article.text[sentence.start : sentence.end]
        console.print(f"  [italic]opinion:[/italic] {text[:120]}")
