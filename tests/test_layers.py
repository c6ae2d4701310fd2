"""The package's layers: every module imports only its own layer or lower ones, and never
another module's private (_underscore) names. Read from the source (ast), so an import
inside a function counts as much as one at the top."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "newsevents"

# Bottom first. A module may import its own layer and those below it, never one above:
# data flows up this table (a source's articles -> documents -> the store -> the API).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("", "records", "errors"),  # the newsevents/1 contract, the error catalogue
    ("kb",),  # the knowledge base and lexicons (data files and their loaders)
    ("ingest",),  # readers: sources -> Articles, nothing else (the language check reads kb/)
    ("nlp",),  # the spaCy pipeline
    ("resolve",),  # the resolver library: phrases and mentions -> canonical actors
    ("extract",),  # pure passes over a parsed article
    ("pipeline",),  # Article -> Document
    ("store",),  # documents in and out of the database; never parses text
    ("corpus", "export", "cluster"),  # readers -> pipeline -> store; store -> files
    ("api", "web", "report", "eval", "train"),  # what serves, shows, scores or trains
    ("batch",),  # the Ray job
    ("cli",),  # the commands
)


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, "newsevents.ingest.sources"
    target: str  # the imported module, "newsevents.store.save"
    names: tuple[str, ...]  # the names taken from it (empty for `import x`)
    line: int


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int | None:
    """The layer of ``newsevents.X...`` by X; None for a module the table does not place."""
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else ""
    return next((i for i, names in enumerate(LAYERS) if top in names), None)


def package_imports(module: str, source: str) -> Iterator[Import]:
    """Every import of a newsevents module in ``source``, at any depth of the code.

    A relative import is yielded with the target ``.`` (the package imports absolutely,
    so that this check, and a reader, see where every name comes from)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "newsevents":
                    yield Import(module, alias.name, (), node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                yield Import(module, ".", (), node.lineno)
                continue
            if base.split(".")[0] != "newsevents":
                continue
            names = tuple(alias.name for alias in node.names)
            if base == "newsevents":  # `from newsevents import nlp` imports a module
                for name in names:
                    yield Import(module, f"newsevents.{name}", (), node.lineno)
            else:
                yield Import(module, base, names, node.lineno)


def private_attributes(source: str, modules: set[str]) -> Iterator[tuple[str, int]]:
    """``m._name`` where ``m`` is a newsevents module bound by an import in ``source``."""
    tree = ast.parse(source)
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            bound |= {a.asname or a.name for a in node.names if a.name in modules}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            bound |= {
                a.asname or a.name for a in node.names if f"{node.module}.{a.name}" in modules
            }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in bound
            and _private(node.attr)
        ):
            yield f"{node.value.id}.{node.attr}", node.lineno


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def layer_violations(module: str, source: str) -> list[str]:
    mine = layer_of(module)
    found = []
    for imp in package_imports(module, source):
        if imp.target == ".":
            found.append(f"{module}:{imp.line} imports relatively (import newsevents.X instead)")
            continue
        theirs = layer_of(imp.target)
        if mine is not None and theirs is not None and theirs > mine:
            found.append(f"{module}:{imp.line} imports {imp.target} (a higher layer)")
    return found


def private_violations(module: str, source: str, modules: set[str]) -> list[str]:
    found = [
        f"{module}:{imp.line} takes {imp.target}.{name}"
        for imp in package_imports(module, source)
        if imp.target != module
        for name in imp.names
        if _private(name)
    ]
    found += [f"{module}:{line} uses {name}" for name, line in private_attributes(source, modules)]
    return found


def sources() -> dict[str, str]:
    return {
        module_name(path): path.read_text(encoding="utf-8")
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def test_every_module_has_a_layer() -> None:
    unplaced = [m for m in sources() if layer_of(m) is None]
    assert unplaced == [], "add these modules to LAYERS in tests/test_layers.py"


def test_modules_import_only_their_layer_or_lower() -> None:
    found = [v for module, source in sources().items() for v in layer_violations(module, source)]
    assert found == []


def test_no_module_takes_another_modules_private_names() -> None:
    code = sources()
    found = [v for m, source in code.items() for v in private_violations(m, source, set(code))]
    assert found == []


def test_the_checks_catch_an_upward_import_and_a_private_name() -> None:
    reader = (
        "from newsevents.records import Article\n"
        "def read():\n"
        "    from newsevents.store.save import log_items\n"
        "    from newsevents import pipeline\n"
    )
    assert layer_violations("newsevents.ingest.reader", reader) == [
        "newsevents.ingest.reader:3 imports newsevents.store.save (a higher layer)",
        "newsevents.ingest.reader:4 imports newsevents.pipeline (a higher layer)",
    ]
    # Downward and same-layer imports are fine; a relative one is not, being unchecked.
    assert layer_violations("newsevents.corpus", "from newsevents import export, store\n") == []
    assert layer_violations("newsevents.export.gdelt", "from . import tables\n") == [
        "newsevents.export.gdelt:1 imports relatively (import newsevents.X instead)"
    ]
    exporter = (
        "from newsevents.export.gdelt import _countries, goldstein\n"
        "from newsevents import resolve\n"
        "x = resolve._FEMININE, resolve.__name__\n"
    )
    modules = {"newsevents.export.gdelt", "newsevents.resolve"}
    assert private_violations("newsevents.export.plover", exporter, modules) == [
        "newsevents.export.plover:1 takes newsevents.export.gdelt._countries",
        "newsevents.export.plover:3 uses resolve._FEMININE",
    ]
