"""The API's contract: schemathesis generates requests from /openapi.json and checks that
every response matches the schema (status, content type, body) and that every 4xx has
the one error shape.

The operations are driven with Hypothesis directly (schemathesis' pytest plugin does not
load under pytest 9); the checks are schemathesis' own (``validate_response``).
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

EXAMPLES = 30


@pytest.fixture(scope="module")
def api_schema(live_server: str) -> Any:
    return schemathesis.openapi.from_url(f"{live_server}/openapi.json")


def operations(api_schema: Any) -> list[Any]:
    return [result.ok() for result in api_schema.get_all_operations()]


def drive(operation: Any, mode: GenerationMode) -> set[int]:
    """Send the generated requests of one operation; the statuses seen."""
    statuses: set[int] = set()

    @given(case=operation.as_strategy(mode))
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    def check(case: Any) -> None:
        response = case.call(timeout=30)
        case.validate_response(response)
        statuses.add(response.status_code)
        if 400 <= response.status_code < 500:
            body = response.json()
            assert set(body) == {"error"}, body
            assert set(body["error"]) == {"code", "message"}, body
            assert body["error"]["message"].startswith(f"[{body['error']['code']}]")

    try:
        check()
    except Unsatisfiable:  # no request can break this schema (a path with any string)
        assert mode is GenerationMode.NEGATIVE
    return statuses


@pytest.mark.parametrize("mode", list(GenerationMode), ids=lambda m: m.value)
def test_every_response_matches_the_schema(api_schema: Any, mode: GenerationMode) -> None:
    """Valid requests (positive) and requests that break the schema (negative)."""
    checked = {operation.label: drive(operation, mode) for operation in operations(api_schema)}
    print("\n".join(f"{label}: {sorted(statuses)}" for label, statuses in checked.items()))
    assert len(checked) >= 11
    if mode is GenerationMode.POSITIVE:
        assert all(checked.values())
    else:  # schema-breaking requests are refused (schemathesis checks it), in the error shape
        assert sum(1 for statuses in checked.values() if {400, 422} & statuses) >= 9
