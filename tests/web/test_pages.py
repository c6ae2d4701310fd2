"""Each page of `newsevents serve` in Chromium, on the ingested sample corpus."""

from __future__ import annotations

import csv
import io
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.browser

HOSTILE_TITLE = (
    "<img src=x onerror=alert(1)> Talks in Paris </script><script>window.__pwned=1</script>"
)


def api(base: str, path: str, **params: str) -> Any:
    response = httpx.get(f"{base}{path}", params=params, timeout=30)
    response.raise_for_status()
    return response.json()


def article_key(base: str, title_words: str) -> str:
    items = api(base, "/api/articles", text=title_words)["items"]
    assert len(items) == 1, items
    return str(items[0]["key"])


def test_reader_marks_records_and_shows_evidence(probe: Any) -> None:
    page = probe.open("#/reader")
    titles = page.locator("#articles a.article-link").all_inner_texts()
    assert "Poland and Ukraine agree on grain transit" in titles
    assert len(titles) == api(probe.base, "/api/articles")["total"] == 4
    probe.screenshot("reader-list")

    page.get_by_role("link", name="Poland and Ukraine agree on grain transit").click()
    page = probe.ready()
    text = page.locator("#article-text")
    assert "Donald Tusk" in text.locator("mark.ent-actor").all_inner_texts()[0]
    assert text.locator("mark.ent-place", has_text="Warsaw").count() >= 1
    assert text.locator("mark.ent-event", has_text="met").count() == 1
    assert text.locator("mark.ent-time").count() >= 1
    assert text.locator("span.quote").count() >= 1
    # Marks sit on the document's offsets: the text reads exactly as the article's.
    key = article_key(probe.base, "grain")
    document = api(probe.base, f"/api/articles/{key}")["document"]
    shown = page.evaluate(
        "() => { const t = document.querySelector('#article-text').cloneNode(true);"
        " t.querySelectorAll('.label').forEach(n => n.remove()); return t.textContent; }"
    )
    assert shown == document["article"]["text"]

    text.locator("mark.ent-event", has_text="met").click()
    details = page.locator("#details")
    assert "CONSULT" in details.inner_text()
    assert "occurred" in details.inner_text()
    evidence = details.locator("q.evidence").inner_text()
    assert "Donald Tusk met Ukrainian President Volodymyr Zelensky in Warsaw" in evidence
    page.locator("#records button.rec-quote", has_text="fair solution").click()
    assert "We have found a fair solution" in page.locator("#details q.evidence").inner_text()
    probe.screenshot("reader-article")
    assert probe.errors == []


def test_explorer_filters_table_and_export(probe: Any) -> None:
    page = probe.open("#/events")
    everything = api(probe.base, "/api/events")["total"]
    assert page.locator("#event-total").inner_text() == f"{everything} events"

    page.locator("form.filters select[name=type]").select_option("CONSULT")
    page.locator("form.filters input[name=actor]").fill("trump")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**#/events?*")
    page = probe.ready()
    expected = api(probe.base, "/api/events", type="CONSULT", actor="trump")
    assert 0 < expected["total"] < everything
    assert page.locator("#event-total").inner_text() == f"{expected['total']} events"
    rows = page.locator("#events tbody tr")
    assert rows.count() == expected["total"]
    assert set(page.locator("#events tbody td:nth-child(2)").all_inner_texts()) == {"CONSULT"}
    probe.screenshot("events-explorer")

    link = page.locator("a.export[data-format=csv]")
    assert "type=CONSULT" in (link.get_attribute("href") or "")
    with page.expect_download() as download:
        link.click()
    exported = download.value.path().read_text(encoding="utf-8")
    table = list(csv.DictReader(io.StringIO(exported)))
    assert len(table) == expected["total"]
    assert {row["type"] for row in table} == {"CONSULT"}
    gdelt_href = page.locator("a.export[data-format=gdelt]").get_attribute("href") or ""
    gdelt = httpx.get(probe.base + gdelt_href)
    assert len(gdelt.text.splitlines()) == expected["total"]
    assert all(len(line.split("\t")) == 61 for line in gdelt.text.splitlines())

    probe.open("#/events?since=yesterday")
    assert "[E120]" in page.locator("#view .error").inner_text()
    assert probe.errors == []


def test_actor_page_timeline_and_network(probe: Any) -> None:
    page = probe.open("#/actors?q=putin")
    page.get_by_role("link", name="Vladimir Putin").click()
    page = probe.ready()
    assert page.locator("#actor-name").inner_text() == "Vladimir Putin"
    timeline = api(probe.base, "/api/actors/person:vladimir-putin/timeline")
    assert timeline["total"] > 0
    assert page.locator("#timeline li").count() == timeline["total"]
    network = api(probe.base, "/api/actors/person:vladimir-putin/network")
    assert page.locator("#network a.node").count() == len(network["nodes"]) > 1
    assert page.locator("#network line.edge").count() == len(network["edges"])
    assert page.locator("#network a.node.centre text").text_content() == "Vladimir Putin"
    probe.screenshot("actor-page")
    page.locator("#network a.node:not(.centre)").first.click()
    page = probe.ready()
    assert page.locator("#actor-name").inner_text() != "Vladimir Putin"
    assert probe.errors == []


def test_map_draws_countries_and_event_places(probe: Any) -> None:
    page = probe.open("#/map")
    page.wait_for_selector("#map path.country")
    assert page.locator("#map path.country").count() > 150  # Natural Earth 1:110m: 177
    places = api(probe.base, "/api/places")["items"]
    assert page.locator("#map circle.place").count() == len(places) > 0
    box = page.locator("#map").bounding_box()
    assert box and box["width"] > 500 and box["height"] > 200
    # Budapest lies east of Alaska and north of the equator on the projected map.
    budapest = page.locator("#map a:has(title:text-is('Budapest (HUN): 2 events')) circle")
    alaska = page.locator("#map a:has(title:text-is('Alaska (USA): 1 events')) circle")
    bx, by = (float(budapest.get_attribute(a) or 0) for a in ("cx", "cy"))
    ax = float(alaska.get_attribute("cx") or 0)
    assert bx > ax and by < 250
    probe.screenshot("map")
    assert probe.errors == []


def test_hostile_markup_stays_text(probe: Any) -> None:
    page = probe.open("#/reader")
    assert HOSTILE_TITLE in page.locator("#articles").inner_text()
    page.get_by_role("link", name=HOSTILE_TITLE).click()
    page = probe.ready()
    assert page.locator("#article-title").inner_text() == HOSTILE_TITLE
    assert "<script>window.__pwned=3</script>" in page.locator("#article-text").inner_text()
    assert page.locator("#view img, #view script").count() == 0
    assert "<b>Hostile</b> Source" in page.locator("#view p.meta").inner_text()
    assert page.locator("a", has_text="original").count() == 0  # a javascript: URL is dropped
    page.locator("#records button.rec-quote").first.click()
    probe.screenshot("hostile-article")
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__pwned === undefined")
    assert probe.dialogs == []
    assert probe.errors == []


def test_the_page_has_a_content_security_policy(live_server: str) -> None:
    response = httpx.get(live_server + "/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
