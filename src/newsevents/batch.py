"""`newsevents batch`: articles (JSONL or Parquet) -> Parquet tables written by part, on Ray.

    report = run_batch(Path("articles.jsonl"), Path("out"), workers=2)

The input is cut into parts of ``chunk_size`` lines (JSONL) or rows (Parquet), named after
their file and position (``articles-00003``). A worker reads its part from the input,
extracts it with ``pipeline.extract_documents`` (one model per worker, loaded once) and
writes ``OUT/<table>/<part>.parquet`` for every table: those of ``export --format parquet``
(``export.tables``), ``documents`` (whole newsevents/1 documents, which ``newsevents ingest
OUT`` stores without extracting again) and ``failures`` (what could not be read or
extracted, with its error code). Each file is written under a temporary name and renamed,
and a part is done when every table has it: a killed run started again does only the parts
that are missing and never writes a row twice.

Workers read the input and write OUT themselves: on a cluster both live on storage every
node mounts at the same path. One worker runs in this process, without Ray.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import resource
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsevents.corpus import BATCH_MANIFEST as MANIFEST
from newsevents.errors import (
    BadBatchInput,
    BadBatchOutput,
    BatchMismatch,
    ExtractionFailed,
    NewsEventsError,
    RayUnavailable,
)
from newsevents.export.selection import Selected
from newsevents.export.tables import STRING, TABLES, record_rows
from newsevents.ingest.text import article_from_dict, article_from_line
from newsevents.records import Article, Document, article_id

CHUNK_SIZE = 64
FORMAT = "newsevents-batch/1"
SUFFIXES = (".jsonl", ".parquet")
OUTPUT_TABLES: dict[str, list[tuple[str, pa.DataType]]] = {
    **TABLES,
    "documents": [("article", STRING), ("article_id", STRING), ("document", STRING)],
    "failures": [("part", STRING), ("item", STRING), ("code", STRING), ("message", STRING)],
}


@dataclass(frozen=True)
class Part:
    """A slice of one input file: JSONL bytes [start, stop), or Parquet rows [start, stop).
    ``first`` is the line (or row) number of its first item, counted from 1."""

    name: str
    path: str
    start: int
    stop: int
    first: int
    items: int


@dataclass
class PartResult:
    """What a worker did with one part."""

    name: str
    items: int
    documents: int
    failures: list[tuple[str, str]]  # (code, message)
    peak_rss_mb: float
    pid: int
    started: float  # time.time() on the worker: the rate of a run, start-ups left out
    finished: float


@dataclass
class BatchReport:
    parts: int = 0
    skipped: int = 0
    items: int = 0
    documents: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    earlier_failures: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    peak_rss_mb: dict[int, float] = field(default_factory=dict)  # worker pid -> MB

    @property
    def failed(self) -> int:
        return len(self.failures) + sum(self.earlier_failures.values())

    def summary(self) -> str:
        rate = self.items / self.seconds if self.seconds else 0.0
        codes = Counter(code for code, _ in self.failures) + self.earlier_failures
        line = (
            f"{self.parts - self.skipped} parts done, {self.skipped} done before; "
            f"{self.items} items read ({rate:.1f}/s), {self.documents} extracted, "
            f"{self.failed} failed"
        )
        if codes:
            line += " (" + ", ".join(f"{c} x{n}" for c, n in sorted(codes.items())) + ")"
        return line


# --------------------------------------------------------------------------- planning


def plan_parts(source: Path, *, chunk_size: int = CHUNK_SIZE) -> list[Part]:
    """The parts of every input file, in order; their names do not depend on the run."""
    if source.is_dir():
        files = sorted(
            p for p in source.rglob("*")
            if p.is_file() and p.suffix in SUFFIXES
            and not any(s.startswith((".", "_")) for s in p.relative_to(source).parts)
        )  # fmt: skip
        if not files:
            raise BadBatchInput(str(source), problem="the folder has no .jsonl or .parquet files")
        root = source
    elif source.is_file():
        if source.suffix not in SUFFIXES:
            raise BadBatchInput(str(source), problem=f"files ending {source.suffix or '(none)'}")
        files, root = [source], source.parent
    else:
        raise BadBatchInput(str(source), problem="no such file or folder")
    parts: list[Part] = []
    for file in files:
        stem = _part_stem(file.relative_to(root))
        ranges = _jsonl_ranges(file, chunk_size) if file.suffix == ".jsonl" else None
        if ranges is None:
            ranges = _parquet_ranges(file, chunk_size)
        for index, (start, stop, first, items) in enumerate(ranges):
            parts.append(Part(f"{stem}-{index:05d}", str(file), start, stop, first, items))
    return parts


def _part_stem(relative: Path) -> str:
    name = "__".join(relative.with_suffix("").parts)
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:150]


def _jsonl_ranges(path: Path, size: int) -> list[tuple[int, int, int, int]]:
    ranges: list[tuple[int, int, int, int]] = []
    start = offset = count = number = 0
    with path.open("rb") as f:
        for raw in f:
            number += 1
            offset += len(raw)
            count += 1
            if count == size:
                ranges.append((start, offset, number - count + 1, count))
                start, count = offset, 0
    if count:
        ranges.append((start, offset, number - count + 1, count))
    return ranges


def _parquet_ranges(path: Path, size: int) -> list[tuple[int, int, int, int]]:
    try:
        rows = pq.ParquetFile(path).metadata.num_rows
    except (OSError, pa.ArrowException) as e:
        raise BadBatchInput(str(path), problem=f"not a Parquet file ({e})") from e
    return [(s, min(s + size, rows), s + 1, min(size, rows - s)) for s in range(0, rows, size)]


# --------------------------------------------------------------------------- one part


def read_part(part: Part) -> Iterator[Article | NewsEventsError]:
    """The articles of a part, or the coded error of each line (row) that is not one."""
    if part.path.endswith(".jsonl"):
        with open(part.path, "rb") as f:
            f.seek(part.start)
            lines = f.read(part.stop - part.start).splitlines()
        for number, raw in enumerate(lines, start=part.first):
            if raw.strip():
                yield _article_from_line(raw, subject=f"{part.path}:{number}")
        return
    for number, row in enumerate(_parquet_rows(part), start=part.first):
        subject = f"{part.path}:row {number}"
        try:
            yield article_from_dict(row, subject=subject)
        except NewsEventsError as error:
            yield error


def _article_from_line(raw: bytes, *, subject: str) -> Article | NewsEventsError:
    try:
        return article_from_line(raw, subject=subject)
    except NewsEventsError as error:
        return error


def _parquet_rows(part: Part) -> list[dict[str, Any]]:
    file = pq.ParquetFile(part.path)
    groups, first_row, row = [], None, 0
    for i in range(file.metadata.num_row_groups):
        n = file.metadata.row_group(i).num_rows
        if row < part.stop and row + n > part.start:
            groups.append(i)
            first_row = row if first_row is None else first_row
        row += n
    table = file.read_row_groups(groups).slice(part.start - (first_row or 0), part.items)
    return [{k: _plain(v) for k, v in r.items()} for r in table.to_pylist()]


def _plain(value: Any) -> Any:
    """Dates and timestamps of a Parquet row as ISO strings, as JSONL gives them."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def run_part(part: Part, out: Path) -> PartResult:
    """Read, extract and write one part; the tables appear all at once, under their names."""
    from newsevents.pipeline import extract_documents

    started = time.time()
    items = list(read_part(part))
    failures = [e for e in items if isinstance(e, NewsEventsError)]
    articles = [a for a in items if isinstance(a, Article)]
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in OUTPUT_TABLES}
    documents = 0
    for _, document in extract_documents(articles):
        if isinstance(document, NewsEventsError):
            failures.append(document)
            continue
        for name, table_rows in document_rows(document).items():
            rows[name].extend(table_rows)
        documents += 1
    rows["failures"] = [
        {"part": part.name, "item": str(e.subject), "code": e.code, "message": str(e)}
        for e in failures
    ]
    write_part(out, part.name, rows)
    return PartResult(
        name=part.name,
        items=len(items),
        documents=documents,
        failures=[(e.code, str(e)) for e in failures],
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        pid=os.getpid(),
        started=started,
        finished=time.time(),
    )


def document_rows(document: Document) -> dict[str, list[dict[str, Any]]]:
    """The rows of one document in every output table but failures: those of the parquet
    export (``record_rows``, under the store's key) and the whole document."""
    a = document.article
    key = article_id(a.text, a.url)
    item = Selected(key=key, added=None, document=document, events=set(range(len(document.events))))
    rows = record_rows(item)
    rows["documents"] = [{"article": key, "article_id": a.id, "document": document.to_json()}]
    return rows


def write_part(out: Path, name: str, rows: dict[str, list[dict[str, Any]]]) -> None:
    """OUT/<table>/<name>.parquet for every table, each written aside and renamed."""
    written: list[tuple[Path, Path]] = []
    for table, columns in OUTPUT_TABLES.items():
        folder = out / table
        folder.mkdir(parents=True, exist_ok=True)
        final, temporary = folder / f"{name}.parquet", folder / f".{name}.parquet.tmp"
        schema = pa.schema(columns)
        pq.write_table(pa.Table.from_pylist(rows.get(table, []), schema=schema), temporary)
        written.append((temporary, final))
    for temporary, final in written:
        os.replace(temporary, final)


def part_done(out: Path, name: str) -> bool:
    return all((out / table / f"{name}.parquet").is_file() for table in OUTPUT_TABLES)


# --------------------------------------------------------------------------- the run


def run_batch(
    source: Path,
    out: Path,
    *,
    workers: int = 1,
    address: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    on_part: Callable[[PartResult], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> BatchReport:
    """Extract every part of ``source`` not yet in ``out``; ``on_start(articles to do)``
    once, ``on_part(result)`` as each part is written."""
    from newsevents.pipeline import PIPELINE_VERSION

    parts = plan_parts(source, chunk_size=chunk_size)
    _check_manifest(out, {"format": FORMAT, "chunk_size": chunk_size,
                          "pipeline_version": PIPELINE_VERSION})  # fmt: skip
    todo = [p for p in parts if not part_done(out, p.name)]
    report = BatchReport(parts=len(parts), skipped=len(parts) - len(todo))
    done_before = {p.name for p in parts} - {p.name for p in todo}
    report.earlier_failures = _earlier_failures(out, done_before)
    if on_start:
        on_start(sum(p.items for p in todo))
    started = time.perf_counter()
    if address is None and workers <= 1:
        results: Iterable[PartResult] = (run_part(p, out) for p in todo)
    else:
        results = _run_on_ray(todo, out, workers=workers, address=address)
    for result in results:
        report.items += result.items
        report.documents += result.documents
        report.failures.extend(result.failures)
        report.peak_rss_mb[result.pid] = result.peak_rss_mb
        if on_part:
            on_part(result)
    report.seconds = time.perf_counter() - started
    return report


def _check_manifest(out: Path, wanted: dict[str, Any]) -> None:
    """Write OUT/batch.json on the first run; a later run must use the same options, or its
    parts would not line up with those written."""
    path = out / MANIFEST
    try:
        out.mkdir(parents=True, exist_ok=True)
        if path.is_file():
            found = json.loads(path.read_text(encoding="utf-8"))
            if found != wanted:
                keys = list(wanted)
                raise BatchMismatch(
                    str(out), found=_options(found, keys), wanted=_options(wanted, keys)
                )
            return
        temporary = out / f".{MANIFEST}.tmp"
        temporary.write_text(json.dumps(wanted, indent=1), encoding="utf-8")
        os.replace(temporary, path)
    except OSError as e:
        raise BadBatchOutput(str(out), problem=e.strerror or str(e)) from e
    except json.JSONDecodeError as e:
        raise BadBatchOutput(str(path), problem=f"not JSON ({e.msg})") from e


def _options(manifest: dict[str, Any], keys: list[str]) -> str:
    return ", ".join(f"{key} {manifest.get(key)}" for key in keys)


def _earlier_failures(out: Path, names: set[str]) -> Counter[str]:
    codes: Counter[str] = Counter()
    for name in sorted(names):
        table = pq.read_table(out / "failures" / f"{name}.parquet", columns=["code"])
        codes.update(table.column("code").to_pylist())
    return codes


def _run_on_ray(
    parts: list[Part], out: Path, *, workers: int, address: str | None
) -> Iterator[PartResult]:
    """Ray Data: one row per part, mapped by a pool of actors that each load the model once."""
    if not parts:
        return
    try:
        import ray
        import ray.data
    except ImportError as e:
        raise RayUnavailable(address or "local", problem=f"import ray: {e}") from e
    for name in ("ray", "ray.data"):  # the progress bar and the summary say what happens
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        if address is None:
            ray.init(
                address="local",  # a new one, even if this machine runs a cluster
                num_cpus=workers,
                include_dashboard=False,
                object_store_memory=200 * 1024 * 1024,
                logging_level=logging.ERROR,
                log_to_driver=False,
                configure_logging=False,
            )
        else:
            ray.init(address=address, logging_level=logging.ERROR, log_to_driver=False)
    except (ConnectionError, RuntimeError, ValueError) as e:
        raise RayUnavailable(address or "local", problem=str(e)) from e
    try:
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        rows = [asdict(p) for p in parts]
        dataset = ray.data.from_items(rows, override_num_blocks=len(rows)).map_batches(
            _PartWorker,
            fn_constructor_kwargs={"out": str(out)},
            batch_size=1,
            compute=ray.data.ActorPoolStrategy(size=min(workers, len(parts))),
            num_cpus=1,
        )
        for row in dataset.iter_rows():
            yield PartResult(**json.loads(row["result"]))
    finally:
        ray.shutdown()


class _PartWorker:
    """A Ray actor: the model, knowledge base and gazetteer load once, then part after part."""

    def __init__(self, out: str) -> None:
        _load_models()
        self.out = Path(out)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        results = []
        for i in range(len(batch["name"])):
            part = Part(**{k: _scalar(batch[k][i]) for k in Part.__dataclass_fields__})
            results.append(json.dumps(asdict(run_part(part, self.out))))
        return {"result": results}


def _scalar(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


def _load_models() -> None:
    from newsevents import nlp
    from newsevents.kb.gazetteer import load_gazetteer
    from newsevents.resolve import lexicon

    nlp.load()
    lexicon()
    load_gazetteer()


# --------------------------------------------------------------------------- extract --workers


def extract_in_processes(
    articles: Iterable[Article], *, workers: int, chunk_size: int = 8
) -> Iterator[tuple[Article, Document | ExtractionFailed]]:
    """``pipeline.extract_documents`` over ``workers`` processes (one model each), in order."""
    source = iter(articles)
    chunks = iter(lambda: list(islice(source, chunk_size)), [])
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_load_models) as pool:
        for pairs in pool.imap(_extract_chunk, chunks):
            yield from pairs


def _extract_chunk(articles: list[Article]) -> list[tuple[Article, Document | ExtractionFailed]]:
    from newsevents.pipeline import extract_documents

    return list(extract_documents(articles))


# --------------------------------------------------------------------------- the command


def batch_cli(
    source: Path,
    out: Path,
    *,
    workers: int | None,
    address: str | None,
    chunk_size: int,
    console: Any,
) -> int:
    """`newsevents batch`: a progress bar in articles/s, each failure as it comes, a summary
    by error code at the end; 1 if any article failed."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(
        TextColumn("[bold]batch[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=None, rate="")
        started = time.perf_counter()

        def on_start(total: int) -> None:
            progress.update(task, total=total)

        def on_part(result: PartResult) -> None:
            for _, message in result.failures:
                progress.console.print(message, markup=False, highlight=False, soft_wrap=True)
            progress.advance(task, result.items)
            done = progress.tasks[0].completed
            rate = done / (time.perf_counter() - started)
            progress.update(task, rate=f"{rate:.1f} articles/s")

        report = run_batch(
            source,
            out,
            workers=workers or _default_workers(address),
            address=address,
            chunk_size=chunk_size,
            on_part=on_part,
            on_start=on_start,
        )
    console.print(f"{report.summary()} -> {out}", markup=False, highlight=False, soft_wrap=True)
    return 1 if report.failed else 0


def _default_workers(address: str | None) -> int:
    """Every CPU of this machine, or of the cluster at ``address``."""
    if address is None:
        return os.cpu_count() or 1
    try:
        import ray
    except ImportError as e:
        raise RayUnavailable(address, problem=f"import ray: {e}") from e
    ray.init(address=address, logging_level=logging.ERROR, log_to_driver=False)
    try:
        return max(1, int(ray.cluster_resources().get("CPU", 1)))
    finally:
        ray.shutdown()
