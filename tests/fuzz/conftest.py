"""Property-based runs over extract and ingest (hypothesis).

Two hypothesis profiles (fuzz_support.py; applied to these properties only, not to the
other hypothesis tests): ``ci`` (the default: a few examples per property, seconds in all) and
``fuzz`` (``make fuzz``: every property runs again and again, new random examples each
round, until its share of ``FUZZ_SECONDS`` is spent). The spaCy model is loaded once per
session. The end of the run prints how many examples ran and how many failed.
"""

from __future__ import annotations

import pytest
from fuzz_support import EXAMPLES, PROFILE


@pytest.fixture(scope="session", autouse=True)
def nlp_loaded_once() -> None:
    from newsevents import nlp

    nlp.load()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not EXAMPLES:
        return
    failed = sum(1 for r in terminalreporter.stats.get("failed", []) if "tests/fuzz" in r.nodeid)
    terminalreporter.write_line(
        f"fuzz ({PROFILE} profile): {sum(EXAMPLES.values())} examples ran "
        f"({', '.join(f'{k} {v}' for k, v in sorted(EXAMPLES.items()))}); "
        f"{failed} properties failed"
    )
