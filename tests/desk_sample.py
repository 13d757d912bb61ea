"""A small hand-built events database for the desk tests.

The records are data, in tests/desk_sample.json; this module writes them.
Every Span is computed from the texts with ``str.find``, so
``article.text[span.start:span.end] == span.text`` holds by construction.
Nothing depends on the extraction stage.

What is in it (ids in ``IDS``):

- e_checkpoint  ISIS attacks an army checkpoint near Ar Raqqa, 4 killed, military target
- e_market      ISIS suicide bomb in Al Bab market, 12 killed, civilians (reported)
- e_patrol      ISIS Raqqa faction ambushes an army patrol, 7 killed, military
- e_shepherds   alleged: ISIS executed three shepherds near Mosul (Iraq), civilians
- e_wadi        Jabhat al-Nusra overruns Wadi Daif base (a place without coordinates)
- e_shelling    Syrian army shells Idlib, 2 killed, civilians
- e_police      ISIS attacks a police station in Idlib, reported by two outlets
- e_hospital    denied: the army denies bombing a hospital in Idlib
- e_hostile     an article full of markup and script (the XSS probe)

ISIS (with its Raqqa faction) as perpetrator in 2025, default statuses:
checkpoint, market, patrol, police -> 2 of 4 hit military targets.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventdesk.records import (
    Actor,
    Article,
    CasualtyCount,
    Event,
    Mention,
    Place,
    Role,
    Span,
    TimeRange,
    content_id,
)
from eventdesk.store import SQLiteStore

DATA = Path(__file__).with_name("desk_sample.json")

#: Reviewer tokens of the API and browser tests (token -> reviewer).
TOKENS = {"tok-alice": "alice", "tok-bob": "bob"}


@dataclass(frozen=True, kw_only=True)
class Spec:
    """One mention to write: phrases are looked up in the article text."""

    key: str
    article: str
    event_type: str
    sub_event_type: str
    trigger: str
    sentence: str
    day: dt.date
    actor: tuple[str, str | None, str | None] | None = None  # phrase, resolved id, inter kind
    target: tuple[str, str | None] | None = None  # phrase, GTD kind
    place: tuple[str, str] | None = None  # phrase, place id
    killed: tuple[str, int] | None = None
    status: str = "asserted"
    status_cue: str | None = None
    attribution: str | None = None


@functools.cache
def _data() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def _spec(raw: dict[str, Any]) -> Spec:
    text = _data()["articles"][raw["article"]]["text"]
    spans = {k: tuple(raw[k]) for k in ("actor", "target", "place", "killed") if k in raw}
    return Spec(**{**raw, **spans, "sentence": raw.get("sentence", text), "day": dt.date.fromisoformat(raw["day"])})


def actors() -> list[Actor]:
    return [Actor.from_dict(a) for a in _data()["actors"]]


def places() -> list[Place]:
    return [Place.from_dict(p) for p in _data()["places"]]


def specs() -> list[Spec]:
    return [_spec(raw) for raw in _data()["mentions"]]


def _span(article: Article, phrase: str) -> Span:
    start = article.text.find(phrase)
    if start < 0:
        raise ValueError(f"{phrase!r} not in article {article.title!r}")
    return Span(article_id=article.id, start=start, end=start + len(phrase), text=phrase)


def _mention(spec: Spec, article: Article) -> Mention:
    s = lambda phrase: _span(article, phrase)  # noqa: E731
    roles = []
    if spec.actor:
        phrase, rid, kind = spec.actor
        roles.append(Role(role="actor", span=s(phrase), resolved_id=rid, kind=kind))
    if spec.target:
        roles.append(Role(role="target", span=s(spec.target[0]), kind=spec.target[1]))
    if spec.place:
        roles.append(Role(role="place", span=s(spec.place[0]), resolved_id=spec.place[1]))
    casualties = ()
    if spec.killed:
        n = spec.killed[1]
        casualties = (CasualtyCount(kind="killed", low=n, best=n, high=n, span=s(spec.killed[0])),)
    trigger = s(spec.trigger)
    return Mention(
        id=Mention.make_id(article.id, trigger, spec.sub_event_type),
        article_id=article.id,
        event_type=spec.event_type,
        sub_event_type=spec.sub_event_type,
        trigger=trigger,
        sentence=s(spec.sentence),
        roles=tuple(roles),
        casualties=casualties,
        time=TimeRange(span=None, start=spec.day, end=spec.day, precision="day"),
        status=spec.status,  # type: ignore[arg-type]
        status_cue=s(spec.status_cue) if spec.status_cue else None,
        attributed_to=s(spec.attribution) if spec.attribution else None,
        extractor="hand",
        extractor_version="1",
    )


@dataclass
class Sample:
    path: Path
    ids: dict[str, str] = field(default_factory=dict)
    articles: dict[str, str] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)


def _articles() -> dict[str, Article]:
    out = {}
    for key, meta in _data()["articles"].items():
        text = str(meta["text"])
        out[key] = Article(
            id=Article.make_id(text),
            # The hostile article's URL is a javascript: link too.
            url="javascript:window.__pwned=8" if key == "hostile" else f"https://example.org/{key}",
            outlet=str(meta["outlet"]),
            published=dt.date.fromisoformat(meta["published"]),
            language="en",
            title=str(meta["title"]),
            text=text,  # type: ignore[arg-type]
            raw_hash=content_id("raw", text),
            source=f"{key}.txt",
        )
    return out


def build(path: Path) -> Sample:
    """Write the sample database at ``path`` and return its ids."""
    articles = _articles()
    mentions = {spec.key: _mention(spec, articles[spec.article]) for spec in specs()}
    sample = Sample(path=path)
    with SQLiteStore.open(path) as store:
        for key, article in articles.items():
            store.put_document(
                article,
                extracted=True,
                mentions=[mentions[s.key] for s in specs() if s.article == key],
                actors=actors(),
                places=places(),
            )
        sample.events = _events(mentions)
        store.replace_events(sample.events)
    sample.articles = {k: a.id for k, a in articles.items()}
    sample.ids = {e_key: ev.id for e_key, ev in zip(_event_keys(), sample.events, strict=True)}
    return sample


def _event_keys() -> list[str]:
    return [s.key for s in specs() if "#" not in s.key]


def _events(mentions: dict[str, Mention]) -> list[Event]:
    events = []
    for key in _event_keys():
        group = [m for k, m in mentions.items() if k.split("#")[0] == key]
        first = group[0]
        spec = next(s for s in specs() if s.key == key)
        killed = first.casualty("killed")
        actor2 = _data()["actor2"].get(key)
        events.append(
            Event(
                id=content_id("event", first.id),
                mention_ids=tuple(m.id for m in group),
                event_type=first.event_type,
                sub_event_type=first.sub_event_type,
                status=first.status,
                actor1=spec.actor[1] if spec.actor else None,
                actor2=actor2,
                place_id=spec.place[1] if spec.place else None,
                start=spec.day,
                end=spec.day,
                fatalities_low=killed.low if killed else None,
                fatalities_best=killed.best if killed else None,
                fatalities_high=killed.high if killed else None,
                source_count=len(group),
            )
        )
    return events


#: Reports that linking leaves out (written for these tests): a planned attack
#: (a mention, never an event), a report with no event in it, and one in French
#: (stored, not coded).
UNLINKED_REPORTS = {
    "planned": (
        "Attack on Manbij called off",
        "Fighters planned to attack the market in Manbij on Friday, but the attack was called off, a resident said.",
    ),
    "budget": (
        "Ministry presents budget",
        "The finance ministry presented next year's budget to parliament on Monday.",
    ),
    "french": ("Réunion à Alep", "Les représentants se sont réunis à Alep lundi pour discuter de la reconstruction."),
}


def add_unlinked(sample: Sample) -> dict[str, str]:
    """Write ``UNLINKED_REPORTS`` into the sample's database; key -> article id, and
    "planned_mention" -> the planned attack's mention id."""
    ids: dict[str, str] = {}
    with SQLiteStore.open(sample.path) as store:
        for key, (title, text) in UNLINKED_REPORTS.items():
            article = Article(
                id=Article.make_id(text),
                url=f"https://example.org/{key}",
                outlet="Example Wire",
                published=dt.date(2025, 7, 4),
                language="fr" if key == "french" else "en",
                title=title,
                text=text,
                raw_hash=content_id("raw", text),
                source=f"{key}.txt",
            )
            mentions = []
            if key == "planned":
                span = _span(article, "attack")
                mentions.append(
                    Mention(
                        id=Mention.make_id(article.id, span, "Attack"),
                        article_id=article.id,
                        event_type="Violence against civilians",
                        sub_event_type="Attack",
                        trigger=span,
                        sentence=_span(article, text),
                        status="planned",
                        status_cue=_span(article, "called off"),
                        extractor="hand",
                        extractor_version="1",
                    )
                )
                ids["planned_mention"] = mentions[0].id
            store.put_document(article, extracted=key != "french", mentions=mentions)
            ids[key] = article.id
    return ids
