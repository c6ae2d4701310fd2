"""The command line: thin Typer commands over the library's plain functions."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsevents.errors import NewsEventsError
from newsevents.records import Article

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
    source: Annotated[str, typer.Argument(help="A text file, ARTICLES.jsonl, or - for stdin.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD (times resolve against it).")
    ] = None,
    title: Annotated[str | None, typer.Option(help="The article's title.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON, not a report.")] = False,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="For JSONL input: write DIR/ID.json per article.")
    ] = None,
) -> None:
    """Extract one article (text file or stdin), or every article of a JSONL file with --out."""
    from newsevents.ingest.text import read_jsonl, read_text
    from newsevents.pipeline import extract_document, extract_documents
    from newsevents.report import render_document

    if source.endswith(".jsonl"):
        if out_dir is None:
            raise typer.BadParameter("a JSONL input needs --out DIR", param_hint="--out")
        try:
            code = extract_batch(read_jsonl(source), out_dir, extract_documents)
        except NewsEventsError as e:
            raise fail(e) from None
        raise typer.Exit(code)
    try:
        stdin = sys.stdin.buffer.read() if source == "-" else None
        article = read_text(source, published=published, title=title, stdin=stdin)
        document = extract_document(article)
    except NewsEventsError as e:
        raise fail(e) from None
    if as_json:
        print(document.to_json(indent=1))
    else:
        render_document(document, out)


def extract_batch(items, out_dir: Path, extract_documents) -> int:  # type: ignore[no-untyped-def]
    """Write DIR/ID.json for every good article; report bad ones; 1 if any failed."""
    from rich.progress import Progress

    from newsevents.errors import BadOutputDir

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BadOutputDir(str(out_dir), problem=e.strerror or str(e)) from e
    failed = written = 0

    def good_articles():  # type: ignore[no-untyped-def]
        nonlocal failed
        for item in items:
            if isinstance(item, NewsEventsError):
                failed += 1
                err.print(str(item), markup=False, soft_wrap=True)
            else:
                yield item

    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("extracting", total=None)
        for article, document in extract_documents(good_articles()):
            progress.advance(task)
            if isinstance(document, NewsEventsError):
                failed += 1
                err.print(str(document), markup=False, soft_wrap=True)
                continue
            path = out_dir / f"{_safe_name(article.id)}.json"
            path.write_text(document.to_json(indent=1), encoding="utf-8")
            written += 1
    err.print(f"{written} written to {out_dir}, {failed} failed")
    return 1 if failed else 0


def _safe_name(ident: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in ident)[:200] or "article"


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
    from newsevents.resolve import resolve_cli

    try:
        raise typer.Exit(resolve_cli(phrase, on=on, file=file, as_json=as_json, console=out))
    except NewsEventsError as e:
        raise fail(e) from None


@app.command(name="eval")
def evaluate(
    gold_dirs: Annotated[list[Path], typer.Argument(help="Gold folders (gold-format.md).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Score newsevents against gold folders: precision, recall, F1 per record type."""
    from newsevents.eval import eval_cli

    try:
        raise typer.Exit(eval_cli(gold_dirs, as_json=as_json, console=out))
    except NewsEventsError as e:
        raise fail(e) from None


def main() -> None:
    app()


if __name__ == "__main__":
    main()
