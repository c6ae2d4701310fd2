"""The JSON API over a real server on 127.0.0.1: results, paging, exports, error shape."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import httpx
import pytest

from newsevents.export.console import run_query
from newsevents.store.queries import EventFilters


def get(base: str, path: str, **params: Any) -> httpx.Response:
    return httpx.get(f"{base}{path}", params=params, timeout=30)


def error_of(response: httpx.Response) -> dict[str, str]:
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message"}, body
    assert body["error"]["message"].startswith(f"[{body['error']['code']}]")
    return dict(body["error"])


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"type": "CONSULT"},
        {"actor": "putin"},
        {"actor": "person:donald-trump", "modality": "occurred"},
        {"country": "GEO"},
        {"sector": "IGO"},
        {"cameo": "04"},
        {"since": "2025-06-02", "until": "2025-06-30"},
        {"place": "warsaw"},
        {"text": "grain"},
    ],
)
def test_events_are_the_rows_of_query_events(
    live_server: str, served_corpus: str, filters: dict[str, str]
) -> None:
    cli = run_query("events", db=served_corpus, filters=EventFilters(**filters))
    page = get(live_server, "/api/events", limit=500, **filters).json()
    assert page["total"] == len(cli) == len(page["items"])
    assert page["items"] == json.loads(json.dumps(cli))


def test_filters_narrow_the_corpus(live_server: str) -> None:
    total = get(live_server, "/api/events").json()["total"]
    for filters in ({"sector": "IGO"}, {"cameo": "04"}, {"text": "grain"}, {"country": "GEO"}):
        page = get(live_server, "/api/events", **filters).json()
        assert 0 < page["total"] < total, filters
    assert {
        e["cameo"][:2] for e in get(live_server, "/api/events", cameo="04").json()["items"]
    } == {"04"}


def test_quotes_are_the_rows_of_query_quotes(live_server: str, served_corpus: str) -> None:
    cli = run_query("quotes", db=served_corpus, filters=EventFilters(), speaker="trump")
    page = get(live_server, "/api/quotes", speaker="trump", limit=500).json()
    assert page["items"] == json.loads(json.dumps(cli)) and page["total"] == len(cli) > 0
    worded = get(live_server, "/api/quotes", text="fair solution").json()
    assert [q["speaker_id"] for q in worded["items"]] == ["person:donald-tusk"]


def test_pages_cover_the_selection_once(live_server: str) -> None:
    whole = get(live_server, "/api/events", limit=500).json()["items"]
    pages = [get(live_server, "/api/events", limit=7, offset=o).json() for o in range(0, 70, 7)]
    assert {p["total"] for p in pages} == {len(whole)}
    assert [e for p in pages for e in p["items"]] == whole


def test_article_document_and_actor_profile(live_server: str) -> None:
    listed = get(live_server, "/api/articles", text="grain").json()["items"]
    document = get(live_server, f"/api/articles/{listed[0]['key']}").json()["document"]
    assert document["schema"] == "newsevents/1"
    assert len(document["events"]) == listed[0]["events"]
    by_id = get(live_server, "/api/articles/web-talks").json()
    assert by_id["key"] == listed[0]["key"]
    actor = get(live_server, "/api/actors/person:vladimir-putin").json()
    assert actor["name"] == "Vladimir Putin" and actor["events_as_source"] > 0
    assert actor["roles"][0]["role"] == "President of Russia"
    found = get(live_server, "/api/actors", q="putin").json()["items"]
    assert [a["id"] for a in found] == ["person:vladimir-putin"]


def test_network_and_stats(live_server: str) -> None:
    network = get(live_server, "/api/actors/person:vladimir-putin/network").json()
    assert {"person:vladimir-putin", "person:donald-trump"} <= {n["id"] for n in network["nodes"]}
    assert all("person:vladimir-putin" in (e["source"], e["target"]) for e in network["edges"])
    consult = get(live_server, "/api/network", type="CONSULT").json()
    assert consult["edges"] and all(e["events"] >= 1 for e in consult["edges"])
    stats = get(live_server, "/api/stats").json()
    assert stats["events"] == get(live_server, "/api/events").json()["total"]
    assert sum(t["events"] for t in stats["per_type"]) == stats["events"]
    assert sum(d["events"] for d in stats["per_day"]) == stats["events"]
    assert sum(c["events"] for c in stats["per_country"]) == stats["events"]


def test_exports_stream_the_selection(live_server: str) -> None:
    total = get(live_server, "/api/events", type="CONSULT").json()["total"]
    rows = list(
        csv.DictReader(io.StringIO(get(live_server, "/api/export/csv", type="CONSULT").text))
    )
    assert len(rows) == total and {r["type"] for r in rows} == {"CONSULT"}
    gdelt = get(live_server, "/api/export/gdelt", type="CONSULT")
    assert gdelt.headers["content-type"].startswith("text/tab-separated-values")
    assert len(gdelt.text.splitlines()) == total
    lines = get(live_server, "/api/export/jsonl", type="CONSULT").text.splitlines()
    articles = {
        e["article"] for e in get(live_server, "/api/events", type="CONSULT").json()["items"]
    }
    assert len(lines) == len(articles)
    assert all(json.loads(line)["schema"] == "newsevents/1" for line in lines)


@pytest.mark.parametrize(
    ("path", "params", "status", "code"),
    [
        ("/api/events", {"type": "PARTY"}, 400, "E120"),
        ("/api/events", {"since": "last week"}, 400, "E120"),
        ("/api/events", {"sector": "XYZ"}, 400, "E120"),
        ("/api/events", {"cameo": "1a"}, 400, "E120"),
        ("/api/events", {"limit": "0"}, 422, "E151"),
        ("/api/events", {"offset": "-1"}, 422, "E151"),
        ("/api/quotes", {"limit": "many"}, 422, "E151"),
        ("/api/actors", {"type": "alien"}, 400, "E120"),
        ("/api/actors/person:nobody", {}, 404, "E121"),
        ("/api/actors/person:nobody/timeline", {}, 404, "E121"),
        ("/api/actors/person:nobody/network", {}, 404, "E121"),
        ("/api/articles/0000000000000000", {}, 404, "E150"),
        ("/api/export/xml", {}, 422, "E151"),
        ("/api/nothing", {}, 404, "E152"),
    ],
)
def test_every_error_has_one_shape(
    live_server: str, path: str, params: dict[str, str], status: int, code: str
) -> None:
    response = get(live_server, path, **params)
    assert response.status_code == status
    assert error_of(response)["code"] == code


def test_wrong_method_has_the_error_shape(live_server: str) -> None:
    response = httpx.post(f"{live_server}/api/events", timeout=30)
    assert response.status_code == 405
    assert error_of(response)["code"] == "E152"


def test_every_api_route_answers_errors_in_the_shape(live_server: str) -> None:
    """Walk the OpenAPI paths: a bad date on each one that takes dates is a coded 400."""
    schema = get(live_server, "/openapi.json").json()
    walked = 0
    for path, operations in schema["paths"].items():
        names = {p["name"] for p in operations["get"].get("parameters", [])}
        concrete = (
            path.replace("{actor_id}", "person:vladimir-putin")
            .replace("{key}", "web-talks")
            .replace("{fmt}", "csv")
        )
        if "since" in names:
            response = get(live_server, concrete, since="31/12/2025")
            assert response.status_code == 400, path
            assert error_of(response)["code"] == "E120"
            walked += 1
        if "limit" in names:
            response = get(live_server, concrete, limit="-5")
            assert response.status_code == 422, path
            assert error_of(response)["code"] == "E151"
    assert walked >= 8


def test_event_totals_are_exact_up_to_a_bound(served_corpus: str) -> None:
    from newsevents.api.serving import running_server

    with running_server(served_corpus, exact_events_total=5) as base:
        page = get(base, "/api/events", limit=3).json()
        assert page["total"] == 5 and page["total_exact"] is False
        few = get(base, "/api/events", type="PROTEST").json()
        assert few["total_exact"] is True and few["total"] == len(few["items"])
