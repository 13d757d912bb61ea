"""The desk's speed on large databases (``eventdesk bench --query``).

A synthetic database of N events is built through the project's own store API
(``put_document`` for articles and mentions, the link stage for events,
``add_review`` for a small share of reviews). Then the four reads an analyst
waits on are timed through ``Desk``, the function every face calls:

- ``page``: a filtered list of 50 events (one country, newest first);
- ``counts``: events counted by sub-event type;
- ``share``: the share of one actor's attacks that hit civilians, with its interval;
- ``export``: the whole CSV export, reported as rows per second.

Each database is built in one child process and read in another, so the peak
memory reported is that of the reads alone. Wall and CPU seconds are both
reported because these machines are shared: CPU time is what the code costs.

The distributions follow what conflict data looks like: a few countries and
actors account for most events (Zipf weights), sub-event types are uneven,
dates spread over three years, most events have no or few deaths.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventdesk.eval.bench import peak_rss_mib
from eventdesk.records import Actor, Article, CasualtyCount, Mention, Place, Review, Role, Span, TimeRange, content_id

__all__ = ["QueryBench", "QueryTiming", "bench_queries", "build_database", "synthetic_reports", "time_queries"]

#: (sub-event type, event type, verb, weight): uneven like real coding.
_KINDS: tuple[tuple[str, str, str, int], ...] = (
    ("Armed clash", "Battles", "clashed with", 30),
    ("Attack", "Violence against civilians", "attacked", 20),
    ("Air/drone strike", "Explosions/Remote violence", "struck", 12),
    ("Shelling/artillery/missile attack", "Explosions/Remote violence", "shelled", 10),
    ("Remote explosive/landmine/IED", "Explosions/Remote violence", "bombed", 8),
    ("Peaceful protest", "Protests", "marched against", 8),
    ("Abduction/forced disappearance", "Violence against civilians", "abducted", 5),
    ("Arrests", "Strategic developments", "arrested", 4),
    ("Violent demonstration", "Riots", "rioted against", 3),
)
_COUNTRIES = ("SO", "NG", "ML", "BF", "SY", "IQ", "YE", "AF", "UA", "MX", "CO", "MM", "SD", "CD", "ET")
#: (target words, target type): civilians are a third of targets.
_TARGETS = (
    ("villagers", "civilians"),
    ("a market", "business"),
    ("soldiers", "military"),
    ("a police post", "police"),
    ("militants", "non-state militia"),
    ("officials", "government"),
)
_FIRST_DAY = dt.date(2023, 1, 1)
_DAYS = 3 * 365
_PAGE = 50


@dataclass(frozen=True, slots=True)
class QueryTiming:
    """One read: its wall and CPU seconds and how many rows it handed out."""

    name: str
    wall_s: float
    cpu_s: float
    rows: int


@dataclass(frozen=True, slots=True)
class QueryBench:
    """The figures for one database size."""

    events: int
    build_wall_s: float
    timings: tuple[QueryTiming, ...]
    peak_rss_mib: float

    def timing(self, name: str) -> QueryTiming:
        return next(t for t in self.timings if t.name == name)


def _zipf(n: int) -> list[float]:
    return [1.0 / (rank + 1) for rank in range(n)]


def _actor_name(country: str, rank: int) -> str:
    return f"Front {rank} of {country}"


def _report(i: int, rng: random.Random) -> tuple[Article, Mention, Actor, Place]:
    """One short report of one event, with spans that hold in its text."""
    country = rng.choices(_COUNTRIES, weights=_zipf(len(_COUNTRIES)))[0]
    rank = rng.choices(range(12), weights=_zipf(12))[0]
    sub, event_type, verb, _ = rng.choices(_KINDS, weights=[k[3] for k in _KINDS])[0]
    target_words, target_type = rng.choice(_TARGETS)
    town = rng.randrange(40)
    day = _FIRST_DAY + dt.timedelta(days=rng.randrange(_DAYS))
    killed = rng.choices((0, 1, 2, 3, 5, 8, 13, 40), weights=(40, 15, 12, 10, 8, 6, 5, 4))[0]
    actor = _actor_name(country, rank)
    place = f"Town {town} {country}"
    text = f"{actor} {verb} {target_words} in {place} on {day.isoformat()}, killing {killed} people, report {i} said."
    article = Article(
        id=Article.make_id(text), text=text, published=day, outlet=f"Outlet {i % 97}", raw_hash=content_id("bench", i)
    )

    def span(words: str) -> Span:
        start = text.index(words)
        return Span(article_id=article.id, start=start, end=start + len(words), text=words)

    actor_id, place_id = f"bench:{country}:{rank}", f"bench:{country}:{town}"
    trigger = span(verb)
    roles = (
        Role(role="actor", span=span(actor), resolved_id=actor_id, kind="rebel group", name=actor),
        Role(role="target", span=span(target_words), kind=target_type),
        Role(role="place", span=span(place), resolved_id=place_id, name=place),
    )
    mention = Mention(
        id=Mention.make_id(article.id, trigger, sub),
        article_id=article.id,
        event_type=event_type,
        sub_event_type=sub,
        trigger=trigger,
        sentence=span(text),
        roles=roles,
        casualties=(CasualtyCount(kind="killed", low=killed, best=killed, high=killed, span=span(f"{killed} people")),),
        time=TimeRange(span=span(day.isoformat()), start=day, end=day, precision="day"),
        status="reported",
        extractor="bench",
    )
    latitude, longitude = rng.uniform(-10, 30), rng.uniform(-20, 60)
    return (
        article,
        mention,
        Actor(id=actor_id, name=actor, actor_type="rebel group", country=country),
        Place(id=place_id, name=place, latitude=latitude, longitude=longitude, country=country, precision=1),
    )


def synthetic_reports(n: int, seed: int = 0) -> Iterator[tuple[Article, Mention, Actor, Place]]:
    """``n`` one-event reports, the same ones for the same seed."""
    rng = random.Random(seed)
    for i in range(n):
        yield _report(i, rng)


def build_database(path: Path, n: int, *, seed: int = 0, review_share: float = 0.02) -> None:
    """Write ``n`` reports through the store, link them, review a small share, and
    build the current values (as an ingest ends), so the reads time reads only."""
    from eventdesk.link import link
    from eventdesk.query.current import refresh
    from eventdesk.store import open_store

    mentions: list[Mention] = []
    with open_store(path) as store:
        for article, mention, actor, place in synthetic_reports(n, seed):
            store.put_document(article, extracted=True, mentions=[mention], actors=[actor], places=[place])
            mentions.append(mention)
        events = link(mentions)
        store.replace_events(events)
        rng = random.Random(seed + 1)
        stamp = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        for event in rng.sample(list(events), int(len(events) * review_share)):
            review = Review(
                id=content_id("review", event.id),
                target_kind="event",
                target_id=event.id,
                action="edit",
                reviewer="bench",
                created_at=stamp,
                field="fatalities_best",
                value=(event.fatalities_best or 0) + 1,
            )
            store.add_review(review)
        refresh(store)


def _timed(name: str, read: Callable[[], int]) -> QueryTiming:
    wall, cpu = time.perf_counter(), time.process_time()
    rows = read()
    return QueryTiming(name=name, wall_s=time.perf_counter() - wall, cpu_s=time.process_time() - cpu, rows=rows)


def time_queries(path: Path) -> tuple[QueryTiming, ...]:
    """The four reads through ``Desk``, each on a freshly opened desk (nothing cached between them)."""
    from eventdesk.export import render
    from eventdesk.query import Desk, EventFilter

    def page() -> int:
        with Desk.open(path, migrate=False) as desk:
            return len(desk.query(EventFilter.build(country=_COUNTRIES[0]), limit=_PAGE, sort="-date").events)

    def counts() -> int:
        with Desk.open(path, migrate=False) as desk:
            return len(desk.counts(by="sub_type").rows)

    def share() -> int:
        with Desk.open(path, migrate=False) as desk:
            return desk.share(actor=f"bench:{_COUNTRIES[0]}:0", target_type="civilians").denominator

    def export() -> int:
        with Desk.open(path, migrate=False) as desk:
            return render(desk, "csv").written

    return tuple(
        _timed(name, read) for name, read in (("page", page), ("counts", counts), ("share", share), ("export", export))
    )


def _child_build(path: str, n: int, seed: int) -> float:
    start = time.perf_counter()
    build_database(Path(path), n, seed=seed)
    return time.perf_counter() - start


def _child_time(path: str) -> tuple[tuple[QueryTiming, ...], float]:
    return time_queries(Path(path)), peak_rss_mib()


def _in_child(target: Callable[..., Any], *args: object) -> Any:
    """``target(*args)`` in a fresh process (spawned, as the ingest benchmark's passes
    are), so its peak memory is its own."""
    with mp.get_context("spawn").Pool(1) as pool:
        return pool.apply(target, args)


def bench_queries(sizes: Sequence[int], folder: Path, *, seed: int = 0) -> list[QueryBench]:
    """Build one database per size under ``folder`` and time the desk's reads on it."""
    results = []
    for n in sizes:
        path = folder / f"bench-{n}.db"
        path.unlink(missing_ok=True)
        build_wall: float = _in_child(_child_build, str(path), n, seed)
        timings: tuple[QueryTiming, ...]
        peak: float
        timings, peak = _in_child(_child_time, str(path))
        results.append(QueryBench(events=n, build_wall_s=build_wall, timings=timings, peak_rss_mib=peak))
    return results
