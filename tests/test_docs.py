"""Docs that cannot rot: every command and Makefile target a user needs is in the README."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from newsevents.cli import app

ROOT = Path(__file__).resolve().parents[1]


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    missing = [name for name in commands if f"newsevents {name}" not in readme]
    assert not missing, f"commands missing from README.md: {missing}"


def test_readme_targets_exist_in_the_makefile() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.MULTILINE))
    for target in re.findall(r"`make ([a-z-]+)`", readme):
        assert target in targets, target
    assert {"demo", "test"} <= set(re.findall(r"`make ([a-z-]+)`", readme))
