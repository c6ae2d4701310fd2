"""The command line: thin Typer commands over the library's plain functions."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsevents.errors import (
    ConflictingOptions,
    NeedsOutDir,
    NewsEventsError,
    NoArticleText,
    NoSpeakerTrainingData,
)
from newsevents.records import Article, Document

app = typer.Typer(
    name="newsevents",
    help="Who did and said what to whom, where and when: structured records from news.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def fail(error: NewsEventsError, code: int = 1) -> typer.Exit:
    err.print(str(error), markup=False, soft_wrap=True)
    return typer.Exit(code)


def sample_article() -> Article:
    """The bundled sample: the Budapest article, published 2025-10-17."""
    data = resources.files("newsevents") / "data"
    meta = json.loads((data / "budapest.meta.json").read_text(encoding="utf-8"))
    return Article(text=(data / "budapest.txt").read_text(encoding="utf-8"), **meta)


@app.command()
def demo(
    as_json: Annotated[bool, typer.Option("--json", help="Print the document as JSON.")] = False,
) -> None:
    """Run the whole pipeline on the bundled sample article and print a report."""
    from newsevents.pipeline import extract_document
    from newsevents.report import render_document

    try:
        document = extract_document(sample_article())
    except NewsEventsError as e:
        raise fail(e) from None
    if as_json:
        print(document.to_json(indent=1))
    else:
        render_document(document, out)


@app.command()
def extract(
    source: Annotated[
        str,
        typer.Argument(
            help="A text file, - for stdin, or any source `ingest` reads (.html, .jsonl, .csv, "
            "feed, folder, URL)."
        ),
    ],
    published: Annotated[
        str | None,
        typer.Option(help="Publication date YYYY-MM-DD (the default for articles without one)."),
    ] = None,
    title: Annotated[str | None, typer.Option(help="The article's title.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON, not a report.")] = False,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", help="Write DIR/ID.json per article (needed for several)."),
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="For JSONL input: processes, one model each.")
    ] = 1,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain", help="Print JSON with each record's why: the rule, sense or entry."
        ),
    ] = False,
) -> None:
    """Extract one article and print it, or every article of a source into --out DIR."""
    from itertools import islice

    from newsevents.corpus import corpus_items
    from newsevents.ingest.sources import holds_many_articles
    from newsevents.ingest.text import parse_published, read_text
    from newsevents.pipeline import extract_document
    from newsevents.report import render_document

    try:
        day = parse_published(published)
        if source == "-":
            items: Iterator[object] = iter(
                [read_text(source, published=day, title=title, stdin=sys.stdin.buffer.read())]
            )
        else:
            items = iter(corpus_items([source], published=day))
        if out_dir is not None:
            raise typer.Exit(
                extract_batch(_articles_or_errors(items), out_dir, workers=workers, explain=explain)
            )
        if holds_many_articles(source):
            raise NeedsOutDir(source)
        first = list(islice(items, 2))
        if len(first) > 1:  # a URL that serves a feed
            raise NeedsOutDir(source)
        article = first[0] if first else None
        if isinstance(article, NewsEventsError):
            raise article
        if not isinstance(article, Article):
            raise NoArticleText(source)
        if title and not article.title:
            article = dataclasses.replace(article, title=title)
        document = extract_document(article)
    except NewsEventsError as e:
        raise fail(e) from None
    if as_json or explain:
        print(document.to_json(indent=1, explain=explain))
    else:
        render_document(document, out)


def _articles_or_errors(items: Iterable[object]) -> Iterator[Article | NewsEventsError]:
    """Articles and errors of a source; a URL already known (ingest only) cannot occur here,
    and the documents of a batch's folder are not extracted again."""
    for item in items:
        if isinstance(item, Article | NewsEventsError):
            yield item


def extract_batch(
    items: Iterable[Article | NewsEventsError],
    out_dir: Path,
    *,
    workers: int = 1,
    explain: bool = False,
) -> int:
    """Write DIR/ID.json for every good article; report bad ones; 1 if any failed."""
    from concurrent.futures import Future, ThreadPoolExecutor

    from rich.progress import Progress

    from newsevents.errors import BadOutputDir
    from newsevents.export.filenames import file_name
    from newsevents.pipeline import extract_documents

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BadOutputDir(str(out_dir), problem=e.strerror or str(e)) from e
    failed = written = 0

    def good_articles() -> Iterator[Article]:
        nonlocal failed
        for item in items:
            if isinstance(item, NewsEventsError):
                failed += 1
                err.print(str(item), markup=False, soft_wrap=True)
            else:
                yield item

    if workers > 1:
        from newsevents.batch import extract_in_processes

        results = extract_in_processes(good_articles(), workers=workers)
    else:
        results = extract_documents(good_articles())
    # One writer thread serialises and writes while the pipeline parses the next articles.
    with Progress(console=err, transient=True) as progress, ThreadPoolExecutor(1) as writer:
        task = progress.add_task("extracting", total=None)
        writes: list[Future[None]] = []
        for article, document in results:
            progress.advance(task)
            if isinstance(document, NewsEventsError):
                failed += 1
                err.print(str(document), markup=False, soft_wrap=True)
                continue
            path = out_dir / file_name(article.id)
            writes.append(writer.submit(_write_document, path, document, explain))
            written += 1
        for write in writes:
            try:
                write.result()
            except OSError as e:
                raise BadOutputDir(str(out_dir), problem=e.strerror or str(e)) from e
    err.print(f"{written} written to {out_dir}, {failed} failed")
    return 1 if failed else 0


def _write_document(path: Path, document: Document, explain: bool = False) -> None:
    path.write_text(document.to_json(indent=1, explain=explain), encoding="utf-8")


@app.command()
def batch(
    source: Annotated[Path, typer.Argument(help="ARTICLES.jsonl, a .parquet file, or a folder.")],
    out_dir: Annotated[Path, typer.Option("--out", help="The folder of Parquet tables.")],
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Ray workers, one model each (default: every CPU)."),
    ] = None,
    address: Annotated[
        str | None, typer.Option(help="A running Ray cluster (ray://HOST:10001 or auto).")
    ] = None,
    chunk_size: Annotated[int, typer.Option(min=1, help="Articles per part file.")] = 64,
) -> None:
    """Extract many articles on Ray into Parquet tables by part; a rerun does what is missing."""
    from newsevents.batch import batch_cli

    try:
        code = batch_cli(
            source, out_dir, workers=workers, address=address, chunk_size=chunk_size, console=err
        )
    except NewsEventsError as e:
        raise fail(e) from None
    raise typer.Exit(code)


@app.command()
def resolve(
    phrase: Annotated[str | None, typer.Argument(help="An actor phrase.")] = None,
    on: Annotated[
        str | None, typer.Option("--date", help="Resolve offices as on YYYY-MM-DD (default today).")
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="phrase<TAB>date lines; one JSON object each.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Resolve an actor phrase to a canonical actor with country, sector and role."""
    from newsevents.errors import BadPhrase
    from newsevents.ingest.text import parse_published
    from newsevents.resolve import actor_summary, resolve_phrase

    try:
        # An undated phrase resolves as of --date (the article's day), else today.
        default_day = date.fromisoformat(
            parse_published(on, subject="--date") or date.today().isoformat()
        )
        if file is not None:
            raise typer.Exit(_resolve_file(file, default_day))
        if not phrase:
            raise BadPhrase("resolve", problem="no phrase given")
        summary = actor_summary(phrase, resolve_phrase(phrase, on=default_day))
    except NewsEventsError as e:
        raise fail(e) from None
    if as_json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        for key, value in summary.items():
            out.print(f"{key:>9}  {value if value is not None else '—'}")
    raise typer.Exit(0 if summary["id"] else 1)


def _resolve_file(file: Path, default_day: date) -> int:
    """One JSON object a phrase<TAB>date line; a bad date is reported and skipped (exit 1)."""
    from newsevents.errors import FileNotFound
    from newsevents.ingest.text import parse_published
    from newsevents.resolve import actor_summary, resolve_phrase

    if not file.is_file():
        raise FileNotFound(str(file))
    failed = 0
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if cells[0] == "phrase" and number == 1:
            continue  # the header of a *.resolve.tsv file
        try:
            when = parse_published(cells[1] if len(cells) > 1 else None, subject=f"{file}:{number}")
        except NewsEventsError as error:
            failed += 1
            print(str(error), file=sys.stderr)
            continue
        day = date.fromisoformat(when) if when else default_day
        print(
            json.dumps(
                actor_summary(cells[0], resolve_phrase(cells[0], on=day)), ensure_ascii=False
            )
        )
    return 1 if failed else 0


@app.command(name="eval")
def evaluate(
    gold_dirs: Annotated[list[Path], typer.Argument(help="Gold folders (gold-format.md).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    save: Annotated[
        Path | None,
        typer.Option(help="Also write the predicted documents to DIR/FOLDER/NAME.json."),
    ] = None,
) -> None:
    """Score newsevents against gold folders: precision, recall, F1 per record type."""
    from newsevents.eval import eval_cli

    try:
        raise typer.Exit(eval_cli(gold_dirs, as_json=as_json, console=out, save=save))
    except NewsEventsError as e:
        raise fail(e) from None


@app.command(name="train-events")
def train_events(
    corpus: Annotated[
        Path | None, typer.Option(help="The annotated corpus folder (default data/train/events).")
    ] = None,
    model_out: Annotated[
        Path | None,
        typer.Option("--out", help="Where to write the model (default: the package's)."),
    ] = None,
) -> None:
    """Train the learned event pass on the annotated corpus; print cross-validated figures."""
    from rich.progress import Progress

    from newsevents.extract.events.model import MODEL_FILE
    from newsevents.train.corpus import CORPUS_DIR, load_corpus
    from newsevents.train.events import train

    try:
        articles = load_corpus(corpus or CORPUS_DIR)
        with Progress(console=err, transient=True) as progress:
            report = train(articles, out=model_out or MODEL_FILE, progress=progress)
    except NewsEventsError as e:
        raise fail(e) from None
    train_n = sum(a.split == "train" for a in articles)
    out.print(
        f"{len(articles)} articles ({train_n} train, {len(articles) - train_n} held out), "
        f"{report.examples} candidates, {report.vocabulary} open trigger lemmas"
    )
    for (keep, add, retype), f1 in report.by_setting.items():
        out.print(f"5-fold typed F1 {f1:.3f} with keep {keep} add {add} retype {retype}")
    out.print(f"thresholds {report.thresholds}")
    for label, figures in (
        ("5-fold rules", report.rules_cv),
        ("5-fold rules+model", report.model_cv),
        ("held-out rules", report.rules_held),
        ("held-out rules+model", report.model_held),
    ):
        cells = "  ".join(
            f"{name} P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} "
            f"(tp {s.tp} fp {s.fp} fn {s.fn})"
            for name, s in figures.items()
        )
        out.print(f"{label:22} {cells}")


@app.command(name="train-speakers")
def train_speakers(
    polnear: Annotated[
        Path, typer.Argument(help="The polnear training folder (NAME.txt + NAME.json).")
    ],
    model_out: Annotated[
        Path | None,
        typer.Option("--out", help="Where to write the model (default: the package's)."),
    ] = None,
) -> None:
    """Train the speaker ranker on four fifths of polnear (index % 5 == 4 is never read)."""
    from newsevents.extract.speaker_model import MODEL_FILE
    from newsevents.train.speakers import train

    if not polnear.is_dir():
        raise fail(NoSpeakerTrainingData(str(polnear), problem="not a folder")) from None
    report = train(polnear, out=model_out or MODEL_FILE)
    out.print(
        f"{report.cues} annotated cues; 5-fold top-1 {report.top1:.3f}; threshold "
        f"{report.threshold} takes {report.taken:.3f} of cues, right {report.precision:.3f}"
    )


@app.command(name="train-quote-cues")
def train_quote_cues(
    polnear: Annotated[
        Path, typer.Argument(help="The polnear training folder (NAME.txt + NAME.json).")
    ],
    table_out: Annotated[
        Path | None,
        typer.Option("--out", help="Where to write the cue table (default: the package's)."),
    ] = None,
) -> None:
    """Learn quote cues from four fifths of polnear (index % 5 == 4 is never read)."""
    from newsevents.extract.cue_model import CUES_FILE
    from newsevents.train.quote_cues import train

    if not polnear.is_dir():
        raise fail(NoSpeakerTrainingData(str(polnear), problem="not a folder")) from None
    report = train(polnear, out=table_out or CUES_FILE)
    out.print(
        f"{report.candidates} candidate verbs; new cues {report.cues or 'none'}; "
        f"not cues {report.not_cues or 'none'}"
    )


_DB_HELP = (
    "Database: a SQLite file path or postgresql://... (default: $NEWSEVENTS_DB or newsevents.db)."
)
DbOption = Annotated[str | None, typer.Option("--db", help=_DB_HELP)]


@app.command()
def ingest(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders, .jsonl, .csv, .html, RSS/Atom feeds (file or URL), article URLs."
        ),
    ],
    db: DbOption = None,
    reprocess: Annotated[
        bool,
        typer.Option(help="Re-extract stored articles of an older pipeline version."),
    ] = False,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date YYYY-MM-DD for articles that do not give one."),
    ] = None,
    text_column: Annotated[str, typer.Option(help="The CSV column with the text.")] = "text",
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per commit.")] = 32,
) -> None:
    """Extract articles from SOURCES into the corpus database; already stored ones are skipped."""
    from newsevents.corpus import ingest_cli

    try:
        code = ingest_cli(
            sources,
            db=db,
            reprocess=reprocess,
            published=published,
            text_column=text_column,
            batch_size=batch_size,
            console=err,
        )
    except NewsEventsError as e:
        raise fail(e) from None
    raise typer.Exit(code)


ActorOption = Annotated[
    str | None, typer.Option(help="Actor id (person:vladimir-putin) or part of a name.")
]
CountryOption = Annotated[
    str | None, typer.Option(help="ISO3 country of an actor or of the place.")
]
TypeOption = Annotated[str | None, typer.Option("--type", help="PLOVER event type (CONSULT).")]
ModalityOption = Annotated[
    str | None, typer.Option(help="occurred, planned, hypothetical or negated.")
]
SinceOption = Annotated[str | None, typer.Option(help="From this date, YYYY-MM-DD.")]
UntilOption = Annotated[str | None, typer.Option(help="Up to this date, YYYY-MM-DD.")]
PlaceOption = Annotated[str | None, typer.Option(help="Place name (Kyiv).")]


@app.command()
def query(
    what: Annotated[str, typer.Argument(help="events, quotes or timeline.")],
    db: DbOption = None,
    actor: ActorOption = None,
    country: CountryOption = None,
    event_type: TypeOption = None,
    modality: ModalityOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    place: PlaceOption = None,
    speaker: Annotated[
        str | None, typer.Option(help="Quotes by this actor (id or part of a name).")
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many rows.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV.")] = False,
) -> None:
    """Query the corpus: events (filtered), quotes (by speaker), an actor's timeline."""
    from newsevents.export.console import render_rows, run_query
    from newsevents.store.queries import EventFilters

    try:
        if as_json and as_csv:
            raise ConflictingOptions("query", options="--json and --csv")
        filters = EventFilters(
            actor=actor, country=country, type=event_type, modality=modality,
            since=since, until=until, place=place,
        )  # fmt: skip
        rows = run_query(what, db=db, filters=filters, speaker=speaker, limit=limit)
    except NewsEventsError as e:
        raise fail(e) from None
    render_rows(rows, what, fmt="json" if as_json else "csv" if as_csv else "table", console=out)


def _format_help() -> str:
    from newsevents.export import FORMATS

    names = [f"{name} (folder)" if f.folder else name for name, f in FORMATS.items()]
    return ", ".join(names[:-1]) + f" or {names[-1]}."


_FORMAT_HELP = _format_help()


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help=_FORMAT_HELP)],
    out_path: Annotated[Path, typer.Option("--out", help="The file (or folder) to write.")],
    db: DbOption = None,
    actor: ActorOption = None,
    country: CountryOption = None,
    event_type: TypeOption = None,
    modality: Annotated[
        str | None,
        typer.Option(
            help="occurred, planned, hypothetical, negated or any (gdelt/plover: occurred)."
        ),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    place: PlaceOption = None,
) -> None:
    """Export the corpus (or the part the filters select) for other tools.

    GDELT and PLOVER hold events that occurred unless --modality asks for another (or any).
    """
    from newsevents.export import export as export_corpus
    from newsevents.export import export_format
    from newsevents.store.db import open_store
    from newsevents.store.queries import EventFilters

    every = modality is not None and modality.lower() == "any"
    try:
        filters = EventFilters(
            actor=actor, country=country, type=event_type, modality=None if every else modality,
            since=since, until=until, place=place,
        )  # fmt: skip
        store = open_store(db, create=False)
        try:
            with store.session() as session:
                written = export_corpus(
                    session, fmt, out_path, filters=filters, all_modalities=every
                )
        finally:
            store.close()
    except NewsEventsError as e:
        raise fail(e) from None
    unit = export_format(fmt).counts
    err.print(f"{written} {unit} written to {out_path}", markup=False, highlight=False)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the JSON API (/api/, /docs) and the web page (/) over the corpus database."""
    import uvicorn

    from newsevents.api import ServeSettings, create_app
    from newsevents.store.db import open_store

    try:
        store = open_store(db)
    except NewsEventsError as e:
        raise fail(e) from None
    settings = ServeSettings(db=db, host=host, port=port)
    err.print(f"serving {store.url} on http://{host}:{port}/ (API docs: /docs)", markup=False)
    try:
        uvicorn.run(create_app(store, settings), host=host, port=port, log_level="warning")
    finally:
        store.close()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
