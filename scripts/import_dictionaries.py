"""Convert the PETRARCH2 / Phoenix actor and agent dictionaries to newsevents' field data.

    python scripts/import_dictionaries.py --petrarch2 PATH [--ngec PATH]

PATH is a git directory (bare, or a checkout's ``.git``) or a checkout of
github.com/openeventdata/petrarch2 (and github.com/ahalterman/NGEC): the files are read at
that repository's HEAD, whose commit is recorded in the output. Writes, under
``src/newsevents/kb/field/``:

- ``people.tsv.gz``: people with two or more name words, their dated country and sector
  (Phoenix.Countries.actors.txt, Phoenix.International.actors.txt);
- ``organizations.tsv.gz``: bodies with two or more name words, country and sector
  (Phoenix.MilNonState.actors.txt, Phoenix.International.actors.txt);
- ``agents.tsv``: role nouns -> sector (Phoenix.agents.txt, NGEC's PLOVER_agents.txt), only
  those ``kb/roles.tsv`` lacks.

The hand-written knowledge base wins: a person it knows (by name or alias) is left out, a role
noun of ``roles.tsv`` is left out. A malformed row stops the import with an [E051] line
naming file:line, unless ``scripts/dictionary_fixes.tsv`` records its fix.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsevents.errors import BadDictionaryRow, NewsEventsError
from newsevents.kb import KB_DIR, fold, load_kb, read_table
from newsevents.kb.dictionaries import name_key

FIELD_DIR = KB_DIR / "field"
FIXES = Path(__file__).resolve().parent / "dictionary_fixes.tsv"
PETRARCH_URL = "https://github.com/openeventdata/petrarch2"
NGEC_URL = "https://github.com/ahalterman/NGEC"
DICTIONARIES = "petrarch2/data/dictionaries"
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt")
# Bodies: armed groups (START TOPS), IGOs, NGOs and companies; the Countries file's bodies
# are national institutions the hand-written KB covers by country.
ORG_FILES = ("Phoenix.MilNonState.actors.txt", "Phoenix.International.actors.txt")
_ORG_SMALL_WORDS = frozenset("of the and for in on to at de la du des al el".split())
# PLOVER_agents.txt is the later revision of Phoenix.agents.txt: where both list a phrase,
# its code wins, and a phrase it demotes to no sector ("men": UNK) is not taken from Phoenix.
AGENT_FILES = (("NGEC/assets/PLOVER_agents.txt", "ngec"),
               (DICTIONARIES + "/Phoenix.agents.txt", "petrarch2"))  # fmt: skip
# CAMEO country codes that are not ISO 3166-1 alpha-3; states that no longer exist are left
# out (a person coded for the USSR gets no country from that period).
COUNTRY_FIXES = {"KSV": "XKX", "TMP": "TLS", "ROM": "ROU", "ZAR": "COD", "SRP": "SRB"}
_ARMED = ("REB", "UAF", "CRM", "MIL", "COP", "SPY")
_OPPOSED = ("CVL", "ELI", "PTY", None)
# Words that make a name variant a title, an office or a body, not a person's name.
_NOT_NAME_WORDS = frozenset(
    "aka the of and for mr mrs ms miss dr sir dame lord lady madam president prime minister "
    "general gen colonel col lt captain major admiral sheikh shaikh king queen prince "
    "princess emir sultan crown chairman chief secretary senator sen rep representative "
    "governor gov ambassador envoy premier chancellor former acting deputy vice leader "
    "administration government regime cabinet ministry office party army police forces "
    "council committee commission court bank university company group front movement".split()
)
_DATE6 = re.compile(r"\d{6}")
_DATE8 = re.compile(r"\d{8}")
_CODE = re.compile(r"[A-Z]{3}[A-Z0-9]*")
_NULL_CODE = "---"
_RESTRICTION = re.compile(r"\[([^\[\]]*)\]")


@dataclass
class Period:
    country: str | None
    sector: str | None
    start: dt.date | None
    end: dt.date | None


@dataclass
class Record:
    """One actor record: its primary name, synonyms and restrictions, where it starts."""

    file: str
    line: int
    names: list[str] = field(default_factory=list)
    restrictions: list[tuple[int, str]] = field(default_factory=list)  # (line, text)
    person_marker: bool = False  # "# CountryInfo.txt" / "# IGOrulers.txt": a leader list


@dataclass
class Source:
    """One fetched repository: where it is, its commit, how to read a file at that commit."""

    url: str
    path: Path
    commit: str
    licence: str

    def read(self, name: str) -> str:
        if (self.path / "HEAD").is_file() and (self.path / "objects").is_dir():
            out = subprocess.run(
                ["git", "--git-dir", str(self.path), "show", f"{self.commit}:{name}"],
                capture_output=True,
                check=False,
            )
            if out.returncode != 0:
                raise BadDictionaryRow(
                    f"{self.path}:{name}", problem="the file is not in this repository's HEAD"
                )
            return out.stdout.decode("utf-8", errors="replace")
        return (self.path / name).read_text(encoding="utf-8", errors="replace")

    def last_change(self, names: list[str]) -> str:
        """The date of the last commit that changed these files (YYYY-MM-DD): the data's
        "as of", after which an open-ended office is not trusted for ever."""
        out = subprocess.run(
            [
                "git",
                "--git-dir",
                str(self.path),
                "log",
                "-1",
                "--format=%cs",
                self.commit,
                "--",
                *names,
            ],  # fmt: skip
            capture_output=True,
            text=True,
            check=False,
        )
        day = out.stdout.strip()
        if out.returncode != 0 or not day:
            raise BadDictionaryRow(str(self.path), problem="cannot read the files' history")
        return day


def open_source(url: str, path: Path) -> Source:
    """The repository at ``path`` (git directory or checkout) with its HEAD commit."""
    git_dir = path / ".git" if (path / ".git").exists() else path
    out = subprocess.run(
        ["git", "--git-dir", str(git_dir), "rev-parse", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise BadDictionaryRow(str(path), problem="this is not a git repository")
    source = Source(url, git_dir, out.stdout.strip(), "")
    licence = ""
    for name in ("LICENSE", "LICENSE.txt", "LICENSE.md"):
        try:
            licence = source.read(name).strip().splitlines()[0]
            break
        except (BadDictionaryRow, OSError, IndexError):
            continue
    source.licence = licence or "none (see the file headers)"
    return source


# ----------------------------------------------------------------------------- fixes


def read_fixes(path: Path = FIXES) -> dict[tuple[str, int, str], str | None]:
    """(file, line, text) -> corrected text, or None to skip the line."""
    fixes: dict[tuple[str, int, str], str | None] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("file\t"):
            continue
        cells = line.split("\t")
        if len(cells) != 5 or not cells[1].isdigit():
            raise BadDictionaryRow(
                f"{path.name}:{number}", problem="expected file, line, found, replacement, reason"
            )
        found = cells[2].replace("\\t", "\t")
        replacement = None if cells[3] == "-" else cells[3].replace("\\t", "\t")
        fixes[(cells[0], int(cells[1]), found)] = replacement
    return fixes


def fixed_lines(
    name: str, text: str, fixes: dict[tuple[str, int, str], str | None]
) -> Iterator[tuple[int, str]]:
    """The file's lines (number, text without trailing blanks), with the recorded fixes."""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        key = (name, number, line)
        if key in fixes:
            replacement = fixes.pop(key)
            if replacement is None:
                continue
            line = replacement
        yield number, line


# ----------------------------------------------------------------------------- codes


def sector_table() -> dict[str, str | None]:
    """``kb/field/cameo_sectors.tsv``: CAMEO agent code -> contract sector (None: none)."""
    rows = read_table("field/cameo_sectors.tsv", columns=None, header="code")
    return {row[0]: (row[1] if len(row) > 2 else None) for row in rows}


def compound_sector(codes: list[str], table: dict[str, str | None]) -> str | None:
    """The sector of a compound agent code ("GOVAGR" -> GOV, "CVLOPP" -> OPP, "RELREB" ->
    REB): the first code's, except that armed beats religious and OPP beats CVL/ELI/PTY."""
    sectors = [table.get(code) for code in codes]
    known = [s for s in sectors if s is not None]
    if not known:
        return None
    first = known[0]
    if first == "GOV" and known[1:2] == ["LEG"]:
        return "LEG"  # "USAGOVLEG": a legislator; the other GOVxxx are ministers' portfolios
    if first == "REL" and any(s in _ARMED for s in known):
        return next(s for s in known if s in _ARMED)
    if "OPP" in known and (first in _OPPOSED or first == "OPP"):
        return "OPP"
    return first


def parse_date(text: str, where: str) -> dt.date:
    """YYYYMMDD or YYMMDD (YY 00-30 is 20YY, else 19YY, as PETRARCH reads it)."""
    try:
        if _DATE8.fullmatch(text):
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
        if _DATE6.fullmatch(text):
            year = int(text[:2])
            year += 2000 if year <= 30 else 1900
            return dt.date(year, int(text[2:4]), int(text[4:6]))
    except ValueError:
        pass
    raise BadDictionaryRow(where, problem=f"{text!r} is not a date YYYYMMDD or YYMMDD")


def parse_restriction(
    text: str, where: str, table: dict[str, str | None], countries: set[str]
) -> Period | None:
    """One ``[CODE]``, ``[CODE >date]``, ``[CODE <date]`` or ``[CODE date-date]``; ``[---]``
    is PETRARCH's null code (None)."""
    parts = text.split(None, 1)
    if parts == [_NULL_CODE]:
        return None
    if not parts or not _CODE.fullmatch(parts[0]):
        raise BadDictionaryRow(where, problem=f"[{text}] has no CAMEO code of capital letters")
    code = parts[0]
    dates = "".join(parts[1].split()) if len(parts) > 1 else ""
    start = end = None
    if dates.startswith(">"):
        start = parse_date(dates[1:], where)
    elif dates.startswith("<"):
        end = parse_date(dates[1:], where)
    elif "-" in dates:
        first, _, last = dates.partition("-")
        start, end = parse_date(first, where), parse_date(last, where)
        if end < start:
            raise BadDictionaryRow(where, problem=f"[{text}] ends before it starts")
    elif dates:
        raise BadDictionaryRow(where, problem=f"[{text}]: a date needs >, < or a range date-date")
    transnational = where.split(":")[0] in ORG_FILES
    country, sector = code_meaning(code, table, countries, transnational=transnational)
    return Period(country, sector, start, end)


# CAMEO religion codes that are also ISO codes ("MUS" Muslim, Mauritius): in the files of
# international and non-state actors they are the religion.
_RELIGION_FIRST = frozenset({"MUS"})


def code_meaning(
    code: str, table: dict[str, str | None], countries: set[str], *, transnational: bool = False
) -> tuple[str | None, str | None]:
    """(ISO3 or IGO or None, sector or None) of a CAMEO actor code ("USAGOV", "IGOUNO")."""
    triples = [code[i : i + 3] for i in range(0, len(code), 3)]
    head = COUNTRY_FIXES.get(triples[0], triples[0])
    if transnational and head in _RELIGION_FIRST:
        return None, compound_sector(triples, table)
    if head == "IGO":
        return "IGO", "IGO"
    if head in countries:
        return head, compound_sector(triples[1:], table)
    if head in table:  # "NGOHRI", "MNCUSA", "ELI": a sector without a country
        rest = [COUNTRY_FIXES.get(t, t) for t in triples[1:]]
        country = next((t for t in rest if t in countries and t not in table), None)
        return country, compound_sector(triples, table)
    return None, None  # a region or a state that no longer exists


# ----------------------------------------------------------------------------- actors


def actor_records(name: str, lines: Iterator[tuple[int, str]]) -> Iterator[Record]:
    """Records of a PETRARCH actor file: primary line, '+' synonyms, tab-indented codes."""
    record: Record | None = None
    for number, raw in lines:
        body, _, comment = raw.partition("#")
        if not body.strip():
            continue
        if body[:1] in ("\t", " "):
            if record is None:
                raise BadDictionaryRow(
                    f"{name}:{number}", problem="a code line before any actor name"
                )
            record.restrictions.extend((number, m) for m in _RESTRICTION.findall(body))
            stray = _RESTRICTION.sub("", body).strip()
            if stray:
                raise BadDictionaryRow(
                    f"{name}:{number}", problem=f"text outside [...] on a code line: {stray!r}"
                )
            continue
        if body.startswith("+"):
            if record is None:
                raise BadDictionaryRow(f"{name}:{number}", problem="a synonym before any actor")
            phrase, codes = _split_name(body[1:])
            record.names.append(phrase)
            record.restrictions.extend((number, c) for c in codes)
            continue
        if record is not None:
            yield record
        phrase, codes = _split_name(body)
        record = Record(name, number, [phrase], [(number, c) for c in codes])
        record.person_marker = "CountryInfo" in comment or "IGOrulers" in comment
    if record is not None:
        yield record


def _split_name(body: str) -> tuple[str, list[str]]:
    at = body.find("[")
    phrase = body if at < 0 else body[:at]
    codes = _RESTRICTION.findall(body[at:]) if at >= 0 else []
    return " ".join(phrase.replace("_", " ").split()), codes


_PARTICLES = frozenset(
    "al el bin ibn bint ben da das de del della der di do dos du la le van von".split()
)


def display_name(phrase: str) -> str:
    """ "ABDUL_RAHIM_WARDAK" -> "Abdul Rahim Wardak", "BAN KI-MOON" -> "Ban Ki-moon"."""
    words = []
    for i, word in enumerate(phrase.split()):
        low = word.lower()
        if i > 0 and low in _PARTICLES:
            words.append(low)
            continue
        if "." in word:  # initials: "A.F.M.", "J."
            words.append(word.upper())
            continue
        parts = low.split("-")
        parts = [parts[0].capitalize(), *parts[1:]]
        if low.startswith("al-") or low.startswith("el-"):
            parts = [parts[0].lower(), *(p.capitalize() for p in parts[1:])]
        text = "-".join(parts)
        if text.startswith("Mc") and len(text) > 2:
            text = "Mc" + text[2:].capitalize()
        if text.startswith("O'") and len(text) > 2:
            text = "O'" + text[2:].capitalize()
        words.append(text)
    return " ".join(words)


def person_name_ok(phrase: str, blocked: set[str], given: set[str] | None = None) -> bool:
    """A full name: two or more words of two letters or more, none a title, role, place or
    number ("PRESIDENT PUTIN", "THE OBAMA ADMINISTRATION", "K. ANNAN" are not), and not two
    common given names ("MICHAEL SCOTT", "ALI AHMAD": too many people bear them)."""
    words = phrase.split()
    long_words = [w for w in words if len(w.strip(".")) >= 2]
    if len(long_words) < 2 or any(not re.fullmatch(r"[A-Za-zÀ-ÿ'.\-]+", w) for w in words):
        return False
    folded = [fold(w).casefold().strip(".") for w in words]
    if given is not None and len(folded) == 2 and all(w in given for w in folded):
        return False
    return not any(w in blocked for w in folded)


@dataclass
class FieldPerson:
    name: str
    variants: list[str]
    periods: list[Period]
    otherwise: Period | None
    source: str


def periods_of(
    record: Record, table: dict[str, str | None], countries: set[str]
) -> tuple[list[Period], Period | None]:
    """A record's dated codes, and its first undated one (None when it has none)."""
    periods: list[Period] = []
    otherwise: Period | None = None
    for line, text in record.restrictions:
        period = parse_restriction(text, f"{record.file}:{line}", table, countries)
        if period is None:
            continue
        if period.start is None and period.end is None:
            otherwise = otherwise or period
        else:
            periods.append(period)
    return periods, otherwise


def people_of(
    records: Iterator[Record],
    table: dict[str, str | None],
    countries: set[str],
    blocked: set[str],
    given: set[str] | None = None,
) -> Iterator[FieldPerson]:
    for record in records:
        periods, otherwise = periods_of(record, table, countries)
        if not (record.person_marker or periods):
            continue  # undated, unmarked: a body or a place, not a person
        variants = [display_name(n) for n in record.names if person_name_ok(n, blocked, given)]
        if not person_name_ok(record.names[0], blocked, given) or not variants:
            continue
        coded = [p for p in [*periods, otherwise] if p is not None and p.country]
        if not coded:
            continue
        yield FieldPerson(variants[0], variants, periods, otherwise, record.file)


def org_name_ok(phrase: str) -> bool:
    """A body's full name: two or more words of letters ("ABU NIDAL ORGANIZATION"), no
    lone acronym ("ANO"), no leftover code or bracket."""
    words = phrase.split()
    return len(words) >= 2 and all(re.fullmatch(r"[A-Za-zÀ-ÿ'.&\-]+", w) for w in words)


def display_org(phrase: str) -> str:
    """ "ABU_NIDAL_ORGANIZATION" -> "Abu Nidal Organization" (small words in lower case)."""
    words = display_name(phrase).split()
    return " ".join(
        w.lower() if i > 0 and w.lower() in _ORG_SMALL_WORDS else w for i, w in enumerate(words)
    )


def orgs_of(
    records: Iterator[Record], table: dict[str, str | None], countries: set[str]
) -> Iterator[FieldPerson]:
    """Bodies with an undated code that gives a sector; people (dated, or from a leaders'
    list) are left to ``people_of``. Bracketed acronyms ("(AAIA)") are dropped from names."""
    for record in records:
        periods, otherwise = periods_of(record, table, countries)
        if record.person_marker or periods or otherwise is None or otherwise.sector is None:
            continue
        names = [" ".join(re.sub(r"\([^()]*\)", " ", n).split()) for n in record.names]
        variants = [display_org(n) for n in names if org_name_ok(n)]
        if not variants or not org_name_ok(names[0]):
            continue
        yield FieldPerson(variants[0], variants, [], otherwise, record.file)


def _date_text(day: dt.date | None) -> str:
    return day.isoformat() if day else "-"


def person_row(person: FieldPerson) -> str:
    periods = ";".join(
        f"{p.country or '-'} {p.sector or '-'} {_date_text(p.start)} {_date_text(p.end)}"
        for p in person.periods
    )
    other = person.otherwise
    default = f"{other.country or '-'} {other.sector or '-'}" if other else ""
    variants = "|".join(v for v in dict.fromkeys(person.variants) if v != person.name)
    return "\t".join((person.name, variants, periods, default))


# ----------------------------------------------------------------------------- agents


_PLURAL_ES = ("s", "x", "z", "ch", "sh")


def regular_plural(word: str) -> str:
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(_PLURAL_ES):
        return word + "es"
    return word + "s"


def agent_rows(
    name: str, lines: Iterator[tuple[int, str]], table: dict[str, str | None]
) -> Iterator[tuple[str, str | None, str, str, int]]:
    """(phrase, sector or None, number, code, line) of an agents file; phrases whose words
    need not be consecutive (a blank in the phrase) are left out."""
    substitutions: dict[str, list[str]] = {}
    for number, raw in lines:
        body = raw.partition("#")[0].strip()
        if not body or body.startswith("<!"):
            continue
        where = f"{name}:{number}"
        if body.startswith("!") and "=" in body:
            marker, _, listed = body.partition("=")
            substitutions[marker.strip()] = [v.strip() for v in listed.split(",") if v.strip()]
            continue
        m = re.fullmatch(r"(.+?)\s*(\{[^{}]*\})?\s*\[([^\[\]]+)\]", body)
        if m is None:
            raise BadDictionaryRow(where, problem=f"expected PHRASE {{plural}} [~CODE]: {body!r}")
        phrase, plural, code = m.group(1).strip(), m.group(2), m.group(3).strip()
        if not re.fullmatch(r"~[A-Z]{3,}|[A-Z]{3,}~", code):
            raise BadDictionaryRow(where, problem=f"agent code {code!r} must be ~CODE or CODE~")
        letters = code.strip("~")
        sector = compound_sector([letters[i : i + 3] for i in range(0, len(letters), 3)], table)
        if " " in phrase:
            continue
        forms = [phrase]
        for marker, values in substitutions.items():
            if marker in phrase:
                forms = [f.replace(marker, v) for f in forms for v in values]
        for form in forms:
            words = form.strip("_").replace("_", " ").lower().split()
            if not words or not all(re.fullmatch(r"[a-z][a-z'\-.]*", w) for w in words):
                continue
            text = " ".join(words)
            yield text, sector, "sg", code, number
            if plural is None:
                yield " ".join([*words[:-1], regular_plural(words[-1])]), sector, "pl", code, number
            elif plural.strip("{} "):
                for extra in plural.strip("{}").split(","):
                    extra_words = extra.strip().strip("_").replace("_", " ").lower().split()
                    if extra_words:
                        yield " ".join(extra_words), sector, "pl", code, number


# ----------------------------------------------------------------------------- main


def file_licence(text: str, source: Source) -> str:
    """The licence a file states in its header comment, else its repository's."""
    head = "\n".join(text.splitlines()[:60])
    if "The MIT License" in head:
        owner = re.search(r"Copyright \(c\) (.+)", head)
        return "MIT, in the file's header" + (
            f" (Copyright (c) {owner.group(1).strip()})" if owner else ""
        )
    return f"{source.licence}, the repository's"


def header(
    sources: list[Source],
    files: list[tuple[str, str]],
    counts: dict[str, int],
    as_of: str | None = None,
) -> list[str]:
    """The provenance lines: ``files`` are (path, licence) pairs."""
    lines = [
        "# Generated by scripts/import_dictionaries.py: do not edit; run `make dictionaries`.",
        "# Schema and licence: src/newsevents/kb/README.md ('Dictionaries from the field').",
    ]
    for source in sources:
        lines.append(f"# Source: {source.url} @ {source.commit}")
    for path, licence in files:
        lines.append(f"# File: {path} (licence: {licence})")
    if as_of:
        lines.append(f"# As of: {as_of}")
    lines.append("# Counts: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    return lines


def run(
    petrarch: Path, ngec: Path | None, out_dir: Path = FIELD_DIR, fixes_path: Path = FIXES
) -> dict[str, int]:
    """Import the dictionaries into ``out_dir``; returns what was counted."""
    kb = load_kb()
    countries = set(kb.countries)
    table = sector_table()
    fixes = read_fixes(fixes_path)
    sources = [open_source(PETRARCH_URL, petrarch)]
    if ngec is not None:
        sources.append(open_source(NGEC_URL, ngec))
    roles = {fold(r).casefold() for r in kb.roles}
    blocked = set(_NOT_NAME_WORDS)
    for phrase in roles:
        blocked.update(phrase.split())
    for country in kb.countries.values():
        for alias in (country.name, *country.aliases, *country.demonyms):
            blocked.update(fold(alias).casefold().split())
    blocked.update(
        fold(row[0]).casefold() for row in read_table("org_words.tsv", columns=3, header="word")
    )

    # People
    given = {
        fold(row[0]).casefold() for row in read_table("given_names.tsv", columns=2, header="name")
    }
    known = {name_key(a) for p in kb.people.values() for a in (p.name, *p.aliases)}
    people: dict[str, FieldPerson] = {}
    counts = {"records": 0, "people": 0, "known_to_kb": 0, "variants": 0}
    licences: dict[str, str] = {}
    records_of: dict[str, list[Record]] = {}  # each file read once: its fixes apply once
    for file in dict.fromkeys((*ACTOR_FILES, *ORG_FILES)):
        text = sources[0].read(f"{DICTIONARIES}/{file}")
        licences[f"{DICTIONARIES}/{file}"] = file_licence(text, sources[0])
        records_of[file] = list(actor_records(file, fixed_lines(file, text, fixes)))
    for file in ACTOR_FILES:
        records = records_of[file]
        counts["records"] += len(records)
        for person in people_of(iter(records), table, countries, blocked, given):
            if any(name_key(v) in known for v in person.variants):
                counts["known_to_kb"] += 1
                continue
            key = name_key(person.name)
            if key in people:  # a second record of the same person: its periods join
                people[key].periods.extend(person.periods)
                people[key].variants.extend(person.variants)
                continue
            people[key] = person
    counts["people"] = len(people)
    counts["variants"] = sum(len(set(p.variants)) for p in people.values())

    # Bodies
    known_orgs = {
        name_key(a)
        for o in kb.organizations.values()
        for a in (o.name, *o.aliases, *o.ambiguous_aliases)
    }
    orgs: dict[str, FieldPerson] = {}
    org_counts = {"records": 0, "bodies": 0, "known_to_kb": 0}
    for file in ORG_FILES:
        records = records_of[file]
        org_counts["records"] += len(records)
        for org in orgs_of(iter(records), table, countries):
            if any(name_key(v) in known_orgs for v in org.variants):
                org_counts["known_to_kb"] += 1
                continue
            orgs.setdefault(name_key(org.name), org)
    org_counts["bodies"] = len(orgs)

    # Agents
    agents: dict[str, tuple[str, str, str, str]] = {}
    no_sector: set[str] = set()
    agent_counts = {"phrases": 0, "in_roles_tsv": 0, "no_sector": 0}
    for path, which in AGENT_FILES:
        source = sources[0] if which == "petrarch2" else (sources[1] if ngec else None)
        if source is None:
            continue
        short = path.rsplit("/", 1)[-1]
        text = source.read(path)
        licences[path] = file_licence(text, source)
        for phrase, sector, number, code, _line in agent_rows(
            short, fixed_lines(short, text, fixes), table
        ):
            if phrase in roles:
                agent_counts["in_roles_tsv"] += 1
                continue
            if phrase in agents or phrase in no_sector:
                continue
            if sector is None:
                no_sector.add(phrase)
                continue
            agents[phrase] = (sector, number, code, short)
    agent_counts["no_sector"] = len(no_sector)
    agent_counts["phrases"] = len(agents)
    if fixes:
        missed = ", ".join(f"{f}:{n}" for f, n, _ in fixes)
        raise BadDictionaryRow(
            "dictionary_fixes.tsv", problem=f"fixes for lines that no longer match: {missed}"
        )

    out_dir.mkdir(parents=True, exist_ok=True)
    people_files = [f"{DICTIONARIES}/{f}" for f in ACTOR_FILES]
    as_of = sources[0].last_change(people_files)
    lines = header(sources[:1], [(f, licences[f]) for f in people_files], counts, as_of)
    lines.append("name\tvariants\tperiods\totherwise")
    lines.extend(person_row(p) for p in sorted(people.values(), key=lambda p: name_key(p.name)))
    # mtime=0: the same input gives the same bytes (a clean diff when nothing changed)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    (out_dir / "people.tsv.gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    org_files = [f"{DICTIONARIES}/{f}" for f in ORG_FILES]
    lines = header(sources[:1], [(f, licences[f]) for f in org_files], org_counts, as_of)
    lines.append("name\tvariants\tperiods\totherwise")
    lines.extend(person_row(o) for o in sorted(orgs.values(), key=lambda o: name_key(o.name)))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    (out_dir / "organizations.tsv.gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    agent_files = [(p, licences[p]) for p, w in AGENT_FILES if p in licences]
    agent_sources = [s for s in sources if s.url == NGEC_URL] + sources[:1]
    lines = header(agent_sources, agent_files, agent_counts)
    lines.append("phrase\tsector\tnumber\tcameo\tsource")
    lines.extend("\t".join((k, *v)) for k, v in sorted(agents.items()))
    (out_dir / "agents.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {
        **counts,
        **{f"bodies_{k}": v for k, v in org_counts.items()},
        **{f"agents_{k}": v for k, v in agent_counts.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--petrarch2", type=Path, required=True, help="openeventdata/petrarch2")
    parser.add_argument("--ngec", type=Path, help="ahalterman/NGEC (PLOVER_agents.txt)")
    parser.add_argument("--out", type=Path, default=FIELD_DIR, help="output directory")
    args = parser.parse_args(argv)
    try:
        counts = run(args.petrarch2, args.ngec, args.out)
    except NewsEventsError as error:
        print(error, file=sys.stderr)
        return 1
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
