"""A real Chromium (Debian's /usr/bin/chromium) driven by Playwright, on the live server.

`make test` installs Chromium with apt-get when it is missing. Without it the browser
tests are skipped, with the reason, except in CI (CI=true), where that is a failure.
Screenshots of every page go to tests/artifacts/ (their paths are printed).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):  # CI must prove the page works in a browser, never skip it
        pytest.fail(f"Chromium could not start in CI: {reason}")
    pytest.skip(f"Chromium could not start: {reason}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} is missing (make test installs the Debian package chromium)")
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as e:
        _unavailable(f"playwright is not installed ({e})")
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
        except Error as e:
            _unavailable(str(e).splitlines()[0])
        try:
            yield chromium
        finally:
            chromium.close()


class PageProbe:
    """A page with what the test must see: dialogs opened and script errors thrown."""

    def __init__(self, page: Any, base: str) -> None:
        self.page = page
        self.base = base
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, hash_route: str) -> Any:
        self.page.goto(f"{self.base}/{hash_route}")
        return self.ready()

    def ready(self) -> Any:
        self.page.wait_for_selector("#view[data-ready=true]")
        return self.page

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        print(f"screenshot: {path}")
        return path


@pytest.fixture
def probe(browser: Any, live_server: str) -> Iterator[PageProbe]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        yield PageProbe(page, live_server)
    finally:
        context.close()
