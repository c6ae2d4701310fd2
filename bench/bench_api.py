"""Load on `newsevents serve`: a synthetic corpus of 100,000 articles' records, 50 clients.

1. Builds (or reuses, with --db) a SQLite store of N synthetic articles: each has a few
   events with source and target actors drawn (Zipf-like) from a pool of actors, places
   with coordinates, quotes, sentences, actor links and mentions. Rows go in with bulk
   inserts straight into the schema the migrations create; no NLP runs.
2. Starts `newsevents serve` on 127.0.0.1 (a subprocess, so the load generator does not
   share its interpreter).
3. Per endpoint, 50 concurrent asyncio+httpx clients send requests with random filters,
   bounded in count and in time, and the latency of every answer is recorded: p50, p95,
   p99, errors (non-2xx or transport failures) and throughput.

Two load models, both with 50 clients: ``users`` (each client pauses --think seconds
between requests, as people at the page do: what a request costs under concurrent use)
and ``saturate`` (no pause: the server's throughput; latency is then queueing).

    python bench/bench_api.py [--articles 100000] [--db PATH] [--clients 50]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

GOAL_P95_MS = 50.0
TYPES = [
    ("CONSULT", "040"), ("AGREE", "057"), ("SUPPORT", "051"), ("COOPERATE", "061"),
    ("AID", "072"), ("REQUEST", "020"), ("ACCUSE", "112"), ("REJECT", "125"),
    ("THREATEN", "130"), ("PROTEST", "141"), ("SANCTION", "163"), ("COERCE", "173"),
    ("ASSAULT", "190"), ("MOBILIZE", "150"), ("CONCEDE", "081"), ("RETREAT", "087"),
]  # fmt: skip
MODALITIES = ["occurred"] * 6 + ["planned", "hypothetical", "negated"]
COUNTRIES = (
    "UKR RUS USA POL DEU FRA GBR CHN IND ISR IRN TUR SYR EGY SAU HUN GEO EST FIN SWE "
    "BRA MEX ARG ZAF NGA KEN ETH SDN JPN KOR PRK TWN PAK AFG IRQ LBN JOR QAT VEN COL"
).split()
SECTORS = ["GOV", "GOV", "GOV", "MIL", "LEG", "COP", "OPP", "REB", "CVL", "MED", "BUS", "IGO"]
GIVEN = "Anna Boris Carla Dmitri Elena Farid Greta Hassan Ines Jonas Karim Lena Marco".split()
FAMILY = "Adler Bauer Costa Dumas Ekman Fischer Garcia Horvat Ivanov Jensen Kovacs Lind".split()
WORDS = (
    "minister talks border ceasefire sanctions aid troops parliament election protest "
    "agreement summit envoy strike missile grain energy pipeline court ruling vote"
).split()


@dataclass
class Pools:
    actors: list[tuple[str, str, str, str, str]]  # id, name, type, country, sector
    places: list[tuple[str, str, float, float]]  # name, country, lat, lon
    weights: list[float] = field(default_factory=list)


def make_pools(rng: random.Random, n_actors: int = 5000, n_places: int = 600) -> Pools:
    actors = []
    for i in range(n_actors):
        country = rng.choice(COUNTRIES)
        if i < len(COUNTRIES):
            country = COUNTRIES[i]
            actors.append(
                (f"gov:{country}", f"Government of {country}", "government", country, "GOV")
            )
            continue
        name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}-{i}"
        actors.append((f"person:synthetic-{i}", name, "person", country, rng.choice(SECTORS)))
    places = [
        (f"Place {i}", rng.choice(COUNTRIES), rng.uniform(-50, 65), rng.uniform(-170, 175))
        for i in range(n_places)
    ]
    weights = [1 / (rank + 1) ** 0.9 for rank in range(n_actors)]  # a few actors dominate
    return Pools(actors=actors, places=places, weights=weights)


def build_corpus(path: Path, n_articles: int, *, seed: int = 14) -> None:
    """Write N synthetic articles' records into a migrated SQLite store at ``path``."""
    from newsevents.store import open_store

    open_store(str(path)).close()  # creates the schema through the migrations
    rng = random.Random(seed)
    pools = make_pools(rng)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    con.executemany(
        "INSERT INTO actors (id, name, type, country, sector, wikidata) VALUES (?,?,?,?,?,NULL)",
        pools.actors,
    )
    start = date(2024, 1, 1)
    now = datetime.now(UTC).replace(tzinfo=None)
    batch: dict[str, list[tuple[object, ...]]] = {}
    sql = {
        "articles": "INSERT INTO articles VALUES "
        "(?,?,?,?,?,?,'en',?,?,?,?,'newsevents/1','0','1',?)",
        "article_actors": "INSERT INTO article_actors VALUES (?,?,?,?)",
        "mentions": "INSERT INTO mentions VALUES (?,?,?,?,NULL,?,?,?)",
        "places": "INSERT INTO places VALUES (?,?,?,?,?,?,'city',NULL)",
        "times": "INSERT INTO times VALUES (?,?,?,?,?,?,?,'day')",
        "quotes": "INSERT INTO quotes VALUES "
        "(?,?,?,?,?,?,'direct',?,NULL,NULL,NULL,'said',NULL,NULL)",
        "events": "INSERT INTO events VALUES (?,?,?,?,NULL,?,?,?,?,?,?,?,?,?,?,NULL,?)",
        "event_actors": "INSERT INTO event_actors VALUES (?,?,?,?,?)",
        "sentences": "INSERT INTO sentences VALUES (?,?,?,?,'report',0.0)",
    }
    column_order = list(sql)

    def flush() -> None:
        for table in column_order:
            con.executemany(sql[table], batch.get(table, []))
        batch.clear()
        con.commit()

    for n in range(n_articles):
        key = f"{n:016x}"
        day = (start + timedelta(days=n * 700 // n_articles)).isoformat()
        chosen = rng.choices(range(len(pools.actors)), weights=pools.weights, k=4)
        actor_ids = list(dict.fromkeys(pools.actors[i][0] for i in chosen))
        sentences = []
        text_parts = []
        offset = 0
        for _ in range(6):
            names = [pools.actors[i][1] for i in rng.sample(chosen, 2)]
            words = " ".join(rng.choices(WORDS, k=10))
            sentence = f"{names[0]} and {names[1]} discussed {words}."
            sentences.append((offset, offset + len(sentence)))
            text_parts.append(sentence)
            offset += len(sentence) + 1
        text = " ".join(text_parts)
        title = f"{pools.actors[chosen[0]][1]} {rng.choice(WORDS)} {rng.choice(WORDS)}"
        batch.setdefault("articles", []).append(
            (key, f"synthetic-{n}", f"https://synthetic.example/{n}", "Synthetic Wire", title,
             day, text, 0.0, 0.0, 0.0, now)
        )  # fmt: skip
        for i, actor_id in enumerate(actor_ids):
            batch.setdefault("article_actors", []).append((key, i, actor_id, None))
            batch.setdefault("mentions", []).append((key, i, actor_id, i, "name", 0, 4))
        places = rng.sample(pools.places, 3)
        for i, (name, country, lat, lon) in enumerate(places):
            batch.setdefault("places", []).append((key, i, name, country, lat, lon))
        batch.setdefault("times", []).append((key, 0, "Tuesday", 0, 7, day, day))
        for s, (a, b) in enumerate(sentences):
            batch.setdefault("sentences", []).append((key, s, a, b))
        for q in range(2):
            a, b = sentences[q + 3]
            speaker = actor_ids[q % len(actor_ids)]
            batch.setdefault("quotes", []).append((key, q, f"q{q}", text[a:b], a, b, speaker))
        for e in range(5):
            event_type, cameo = rng.choice(TYPES)
            a, _ = sentences[e]
            source, target = rng.sample(actor_ids, 2) if len(actor_ids) > 1 else (actor_ids[0],) * 2
            batch.setdefault("events", []).append(
                (key, e, f"e{e}", event_type, cameo, rng.choice(MODALITIES), "discussed",
                 a, a + 9, rng.randrange(3), day, day, day, e, 0.8)
            )  # fmt: skip
            batch.setdefault("event_actors", []).append((key, e, "source", 0, source))
            if target != source:
                batch.setdefault("event_actors", []).append((key, e, "target", 0, target))
        if (n + 1) % 5000 == 0:
            flush()
            print(f"  {n + 1:,} articles", file=sys.stderr, end="\r")
    flush()
    con.execute("ANALYZE")
    con.commit()
    con.close()
    print(file=sys.stderr)


# ------------------------------------------------------------------------------- load


def endpoints(pools: Pools, rng: random.Random) -> dict[str, object]:
    """Per endpoint, a function giving the next request's path and parameters."""

    def some_actor() -> tuple[str, str, str, str, str]:
        return rng.choices(pools.actors, weights=pools.weights, k=1)[0]

    def month() -> tuple[str, str]:
        first = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 660))
        return first.isoformat(), (first + timedelta(days=30)).isoformat()

    def events_by_type() -> tuple[str, dict[str, str]]:
        return "/api/events", {"type": rng.choice(TYPES)[0]}

    def events_by_actor() -> tuple[str, dict[str, str]]:
        return "/api/events", {"actor": some_actor()[0]}

    def events_by_name() -> tuple[str, dict[str, str]]:
        return "/api/events", {"actor": some_actor()[1]}

    def events_by_country_type() -> tuple[str, dict[str, str]]:
        return "/api/events", {"country": rng.choice(COUNTRIES), "type": rng.choice(TYPES)[0]}

    def events_by_dates() -> tuple[str, dict[str, str]]:
        since, until = month()
        return "/api/events", {"since": since, "until": until, "modality": "occurred"}

    def events_by_cameo_sector() -> tuple[str, dict[str, str]]:
        return "/api/events", {"cameo": rng.choice(TYPES)[1][:2], "sector": "MIL"}

    def events_by_place() -> tuple[str, dict[str, str]]:
        return "/api/events", {"place": rng.choice(pools.places)[0]}

    def quotes_by_speaker() -> tuple[str, dict[str, str]]:
        return "/api/quotes", {"speaker": some_actor()[0]}

    def actor_search() -> tuple[str, dict[str, str]]:
        return "/api/actors", {"q": rng.choice(FAMILY).lower()}

    def actor_timeline() -> tuple[str, dict[str, str]]:
        return f"/api/actors/{some_actor()[0]}/timeline", {}

    def actor_network() -> tuple[str, dict[str, str]]:
        since, until = month()
        return f"/api/actors/{some_actor()[0]}/network", {"since": since, "until": until}

    def stats_month() -> tuple[str, dict[str, str]]:
        since, until = month()
        return "/api/stats", {"since": since, "until": until}

    def articles() -> tuple[str, dict[str, str]]:
        return "/api/articles", {"offset": str(rng.randrange(0, 5000))}

    def article() -> tuple[str, dict[str, str]]:
        return f"/api/articles/{rng.randrange(0, 100_000):016x}", {}

    return {
        "events ?type": events_by_type,
        "events ?actor=id": events_by_actor,
        "events ?actor=name": events_by_name,
        "events ?country&type": events_by_country_type,
        "events ?since&until&modality": events_by_dates,
        "events ?cameo&sector": events_by_cameo_sector,
        "events ?place": events_by_place,
        "quotes ?speaker": quotes_by_speaker,
        "actors ?q": actor_search,
        "actors/{id}/timeline": actor_timeline,
        "actors/{id}/network ?month": actor_network,
        "stats ?month": stats_month,
        "articles (page)": articles,
        "articles/{key}": article,
    }


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    def pct(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


async def load(
    base: str, make: object, *, clients: int, requests: int, seconds: float, think: float
) -> Result:
    """``clients`` concurrent clients until ``requests`` answers or ``seconds`` pass."""
    result = Result()
    deadline = time.perf_counter() + seconds
    sent = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:

        async def client(n: int) -> None:
            nonlocal sent
            jitter = random.Random(n)
            if think:
                await asyncio.sleep(jitter.uniform(0, think))  # clients do not start in step
            while sent < requests and time.perf_counter() < deadline:
                sent += 1
                path, params = make()  # type: ignore[operator]
                began = time.perf_counter()
                try:
                    response = await http.get(path, params=params)
                    ok = response.status_code < 400 or (response.status_code == 404 and "{" in path)
                except httpx.HTTPError:
                    ok = False
                result.latencies.append(time.perf_counter() - began)
                result.errors += not ok
                if think:
                    await asyncio.sleep(jitter.expovariate(1 / think))

        began = time.perf_counter()
        await asyncio.gather(*(client(n) for n in range(clients)))
        result.seconds = time.perf_counter() - began
    return result


def drain(base: str, *, quiet_ms: float = 100.0, seconds: float = 120.0) -> None:
    """Wait until the server answers a cheap request quickly: requests that outlived the
    last phase's clients must not slow the next endpoint's."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        began = time.perf_counter()
        with contextlib.suppress(httpx.HTTPError):
            httpx.get(f"{base}/api/articles", params={"limit": 1}, timeout=seconds)
        if (time.perf_counter() - began) * 1000 < quiet_ms:
            return
        time.sleep(0.5)


def serve(db: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    """The server, its messages to ``log`` (an unread pipe would fill and stall it)."""
    newsevents = Path(sys.executable).with_name("newsevents")
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [str(newsevents), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=sink,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats?since=2100-01-01").status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(
        f"the server did not start: {process.stderr.read().decode() if process.stderr else ''}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="reuse (or build once) this corpus file")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=500, help="per endpoint and model")
    parser.add_argument("--seconds", type=float, default=10.0, help="per endpoint and model")
    parser.add_argument("--think", type=float, default=2.0, help="users' pause, seconds")
    parser.add_argument("--models", default="users,saturate")
    args = parser.parse_args()

    from newsevents.api.serving import free_port

    folder = tempfile.TemporaryDirectory(prefix="bench-api-")
    db = args.db or Path(folder.name) / "corpus.db"
    if not db.exists():
        began = time.perf_counter()
        print(f"building {args.articles:,} synthetic articles into {db}", file=sys.stderr)
        build_corpus(db, args.articles)
        print(f"built in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    pools = make_pools(random.Random(14))
    port = free_port()
    log = Path(folder.name) / "serve.log"
    process = serve(db, port, log)
    base = f"http://127.0.0.1:{port}"
    rng = random.Random(7)
    failed_goal = []
    try:
        counts = httpx.get(f"{base}/api/stats").json()
        articles = httpx.get(f"{base}/api/articles?limit=1").json()["total"]
        print(f"corpus: {articles:,} articles, {counts['events']:,} events; {args.clients} clients")
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
        for model in args.models.split(","):
            think = args.think if model == "users" else 0.0
            pause = f"{think:g} s mean pause between requests" if think else "no pause"
            print(f"\n{model}: {args.clients} clients, {pause}, up to {args.requests} requests"
                  f" or {args.seconds:g} s per endpoint")  # fmt: skip
            print(f"{'endpoint':32} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
                  f" {'err':>4} {'req/s':>7}")  # fmt: skip
            for name, make in endpoints(pools, rng).items():
                result = asyncio.run(
                    load(base, make, clients=args.clients, requests=args.requests,
                         seconds=args.seconds, think=think)
                )  # fmt: skip
                drain(base)
                n = len(result.latencies)
                p95 = result.pct(95)
                print(f"{name:32} {n:5d} {result.pct(50):8.1f} {p95:8.1f} {result.pct(99):8.1f} "
                      f"{result.errors:4d} {n / result.seconds:7.1f}")  # fmt: skip
                if (
                    model == "users"
                    and name.startswith("events")
                    and (p95 > GOAL_P95_MS or result.errors)
                ):
                    failed_goal.append(name)
        print(f"\nload average {os.getloadavg()[0]:.1f} at the end (other work on this machine)")
    finally:
        process.terminate()
        process.wait(timeout=30)
        problems = log.read_text(errors="replace").strip().splitlines()
        if len(problems) > 1:
            print("\nserver messages (last lines):", *problems[-15:], sep="\n  ")
        folder.cleanup()
    if "users" in args.models:
        verdict = "met" if not failed_goal else f"missed by {', '.join(failed_goal)}"
        print(f"\ngoal (filtered event queries, users model): p95 <= {GOAL_P95_MS:g} ms, "
              f"0 errors: {verdict}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
