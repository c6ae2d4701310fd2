"""The corpus: sources -> articles -> documents -> the store, idempotent and crash-safe.

The one place that runs an ingest: the readers (``ingest/``) yield articles, the pipeline
extracts them, the store saves them. An article's identity is its URL, else a hash of its
text (``records.article_id``). Identities are checked against the store *before* the NLP
runs, so a second run over the same corpus (or a resumed one) parses only what is new.
Each batch of documents is committed in one transaction with its ingest-log rows: a run
killed at any moment leaves whole batches only, and the next run redoes the batch that
was cut off. A folder written by ``newsevents batch`` is a source of documents extracted
already: they are stored as they are.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import httpx

from newsevents.errors import BadBatchOutput, BatchMismatch, NewsEventsError
from newsevents.ingest.feeds import KnownUrl
from newsevents.ingest.sources import SourceItem, expand_sources
from newsevents.ingest.text import check_article
from newsevents.ingest.urls import http_client, is_url
from newsevents.records import Article, Document, article_id
from newsevents.store.db import Store
from newsevents.store.save import log_items, store_documents, stored_versions

# A Document is an article extracted already (the --out folder of `newsevents batch`).
CorpusItem = SourceItem | Document

# The folder `newsevents batch` writes: its manifest, and the table of whole documents.
BATCH_MANIFEST = "batch.json"
BATCH_DOCUMENTS = "documents"

BATCH_SIZE = 32

Extractor = Callable[[Iterable[Article]], Iterator[tuple[Article, Any]]]


@dataclass
class IngestReport:
    """What a run did: counts, and one line per failure."""

    read: int = 0
    stored: int = 0
    reprocessed: int = 0
    replaced: int = 0  # stored by another run meanwhile, and replaced by this one
    duplicates: int = 0
    failures: list[NewsEventsError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def summary(self) -> str:
        line = (
            f"read {self.read}, stored {self.stored}"
            + (f" (re-extracted {self.reprocessed})" if self.reprocessed else "")
            + (f" (replaced {self.replaced} stored meanwhile)" if self.replaced else "")
            + f", skipped {self.duplicates} as duplicate, failed {self.failed}"
        )
        if self.failures:
            codes = Counter(getattr(e, "code", "E000") for e in self.failures)
            line += " (" + ", ".join(f"{c} x{n}" for c, n in sorted(codes.items())) + ")"
        return line


def ingest(
    items: Iterable[CorpusItem],
    store: Store,
    *,
    reprocess: bool = False,
    pipeline_version: str | None = None,
    batch_size: int = BATCH_SIZE,
    extract: Extractor | None = None,
    on_item: Callable[[str, str], None] | None = None,
) -> IngestReport:
    """Store every new article of ``items``; report per item through ``on_item(status, line)``.

    ``status`` is stored, reprocessed, replaced, duplicate or failed; ``line`` names the item (for a
    failure, the coded error). With ``reprocess``, articles stored by another pipeline
    version are extracted again and replaced; without it they are left as they are.
    """
    if extract is None or pipeline_version is None:
        from newsevents import pipeline

        extract = extract or pipeline.extract_documents
        pipeline_version = pipeline_version or pipeline.PIPELINE_VERSION
    report = IngestReport()
    run_id = uuid.uuid4().hex[:12]
    seen: set[str] = set()
    notify = on_item or (lambda status, line: None)
    source = iter(items)
    with store.session() as session:
        while chunk := list(islice(source, batch_size)):
            batch = _Batch(report, notify)
            articles: list[tuple[Article, str]] = []
            extracted: dict[str, Document] = {}  # from a `newsevents batch` folder
            for item in chunk:
                report.read += 1
                if isinstance(item, NewsEventsError):
                    batch.fail(item)
                elif isinstance(item, KnownUrl):
                    batch.duplicate(item.url, article_id("", item.url))
                elif isinstance(item, Document):
                    key = article_id(item.article.text, item.article.url)
                    extracted.setdefault(key, item)
                    articles.append((item.article, key))
                else:
                    try:
                        articles.append((check_article(item), article_id(item.text, item.url)))
                    except NewsEventsError as error:
                        batch.fail(error)
            stored = stored_versions(session, [key for _, key in articles])
            fresh: list[tuple[Article, str]] = []
            for article, key in articles:
                current = key in stored and (not reprocess or stored[key] == pipeline_version)
                if key in seen or current:
                    batch.duplicate(article.url or article.id, key)
                else:
                    fresh.append((article, key))
                seen.add(key)
            documents: list[Document] = []
            done: list[tuple[Article, str]] = []
            results = iter(extract([a for a, key in fresh if key not in extracted]))
            for article, key in fresh:
                result = extracted[key] if key in extracted else next(results)[1]
                if isinstance(result, NewsEventsError):
                    batch.fail(result, key)
                else:
                    documents.append(result)
                    done.append((article, key))
            # Logged after the save, which knows what it replaced: another run may have
            # stored an article since this one looked.
            saved = store_documents(session, documents, pipeline_version)
            for article, key in done:
                status = "stored"
                if key in saved.replaced:
                    status = "reprocessed" if key in stored else "replaced"
                batch.stored(article.url or article.id, key, status=status)
            log_items(session, run_id, batch.log)
            session.commit()
    return report


class _Batch:
    """The ingest-log rows and report counts of one batch, kept until it commits."""

    def __init__(self, report: IngestReport, notify: Callable[[str, str], None]) -> None:
        self.report = report
        self.notify = notify
        self.log: list[dict[str, Any]] = []

    def fail(self, error: NewsEventsError, key: str | None = None) -> None:
        self.report.failures.append(error)
        self.log.append(_log_row(str(error.subject), key, "failed", error))
        self.notify("failed", str(error))

    def duplicate(self, item: str, key: str) -> None:
        self.report.duplicates += 1
        self.log.append(_log_row(item, key, "duplicate"))
        self.notify("duplicate", item)

    def stored(self, item: str, key: str, *, status: str) -> None:
        """status: stored (new), reprocessed (an older extraction replaced, as asked) or
        replaced (another run stored the article meanwhile; this copy replaced it)."""
        self.report.stored += 1
        self.report.reprocessed += status == "reprocessed"
        self.report.replaced += status == "replaced"
        self.log.append(_log_row(item, key, status))
        self.notify(status, item)


def _log_row(
    item: str, key: str | None, status: str, error: NewsEventsError | None = None
) -> dict[str, Any]:
    return {
        "item": item,
        "article_key": key,
        "status": status,
        "code": error.code if error else None,
        "message": str(error) if error else None,
    }


def skip_known_urls(
    store: Store, *, reprocess: bool, pipeline_version: str
) -> Callable[[str], bool]:
    """A skip_url for sources: True when the store has the article at this URL already."""

    def known(url: str) -> bool:
        with store.session() as session:
            version = stored_versions(session, [article_id("", url)]).get(article_id("", url))
        return version is not None and (not reprocess or version == pipeline_version)

    return known


def ingest_cli(
    sources: list[str],
    *,
    db: str | None,
    reprocess: bool,
    published: str | None,
    text_column: str,
    batch_size: int,
    console: Any,
) -> int:
    """`newsevents ingest`: a progress bar while it runs, a summary line at the end; 1 if any
    item failed."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from newsevents import pipeline
    from newsevents.ingest.text import parse_published
    from newsevents.store.db import open_store

    default_date = parse_published(published)
    store = open_store(db)
    try:
        skip = skip_known_urls(
            store, reprocess=reprocess, pipeline_version=pipeline.PIPELINE_VERSION
        )
        items = corpus_items(
            sources, text_column=text_column, published=default_date, skip_url=skip
        )
        counts: Counter[str] = Counter()
        with Progress(
            SpinnerColumn(),
            TextColumn("[bold]ingest[/bold]"),
            BarColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as progress:
            task = progress.add_task("", total=None)

            def on_item(status: str, line: str) -> None:
                counts[status] += 1
                if status == "failed":
                    progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
                progress.update(
                    task,
                    advance=1,
                    description=(
                        f"{counts['stored'] + counts['reprocessed'] + counts['replaced']} stored, "
                        f"{counts['duplicate']} duplicate, {counts['failed']} failed"
                    ),
                )

            report = ingest(
                items,
                store,
                reprocess=reprocess,
                batch_size=batch_size,
                on_item=on_item,
            )
    finally:
        store.close()
    console.print(
        f"{report.summary()} -> {store.url}", markup=False, highlight=False, soft_wrap=True
    )
    return 1 if report.failed else 0


def corpus_items(
    sources: Iterable[str],
    *,
    text_column: str = "text",
    published: str | None = None,
    client: httpx.Client | None = None,
    skip_url: Callable[[str], bool] | None = None,
) -> Iterator[CorpusItem]:
    """Every item of every source, in order: a batch's output folder gives its documents,
    any other source its articles through the readers (``ingest.sources.READERS``)."""
    own_client = client is None
    http = client or http_client()
    try:
        for source in sources:
            path = Path(source)
            if not is_url(source) and path.is_dir() and (path / BATCH_MANIFEST).is_file():
                try:
                    yield from read_batch_documents(path)
                except NewsEventsError as error:
                    yield error
                continue
            yield from expand_sources(
                [source], text_column=text_column, published=published, client=http,
                skip_url=skip_url,
            )  # fmt: skip
    finally:
        if own_client:
            http.close()


def read_batch_documents(out: Path) -> Iterator[Document | NewsEventsError]:
    """The documents of a batch's output folder, part by part."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newsevents.pipeline import PIPELINE_VERSION

    try:
        manifest = json.loads((out / BATCH_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise BadBatchOutput(str(out), problem=f"cannot read {BATCH_MANIFEST} ({e})") from e
    version = manifest.get("pipeline_version")
    if version != PIPELINE_VERSION:
        raise BatchMismatch(
            str(out),
            found=f"pipeline version {version}",
            wanted=f"pipeline version {PIPELINE_VERSION} (run the batch again)",
        )
    for path in sorted((out / BATCH_DOCUMENTS).glob("*.parquet")):
        try:
            for batch in pq.ParquetFile(path).iter_batches(columns=["document"], batch_size=64):
                for text in batch.column(0).to_pylist():
                    yield Document.from_json(text)
        except (OSError, pa.ArrowException, ValueError, KeyError) as e:
            yield BadBatchOutput(str(path), problem=f"an unreadable part ({e})")
