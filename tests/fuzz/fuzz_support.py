"""The fuzz budget and counters shared by the properties and the run's summary."""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz",
    max_examples=10,  # per round; rounds repeat until the time is up
    deadline=None,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)
# ci: the default, a few examples per property; fuzz: `make fuzz`, time-bounded rounds.
PROFILE = os.environ.get("NEWSEVENTS_FUZZ_PROFILE", "ci")
# The settings of every property here (a decorator): the profile, never the global default.
FUZZ = settings(settings.get_profile(PROFILE))
# Properties in this folder share FUZZ_SECONDS; each gets an equal slice of it.
PROPERTIES = 7
EXAMPLES: Counter[str] = Counter()


def count(name: str) -> None:
    """One example of property ``name`` ran."""
    EXAMPLES[name] += 1


def run_for_a_while(name: str, prop: Callable[[], None]) -> None:
    """One round in the ci profile; new rounds until this property's time is up in fuzz.

    A failing round raises at once (hypothesis prints the shrunk example).
    """
    if PROFILE != "fuzz":
        prop()
        return
    stop = time.monotonic() + float(os.environ.get("FUZZ_SECONDS", "60")) / PROPERTIES
    while time.monotonic() < stop:
        prop()
