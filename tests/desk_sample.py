"""A small hand-built events database for the desk tests.

Texts are written here; every Span is computed from them with ``str.find``,
so ``article.text[span.start:span.end] == span.text`` holds by construction.
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
from dataclasses import dataclass, field
from pathlib import Path

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

#: Reviewer tokens of the API and browser tests (token -> reviewer).
TOKENS = {"tok-alice": "alice", "tok-bob": "bob"}

HOSTILE_TEXT = (
    "Breaking <script>window.__pwned = 1; alert('x')</script> gunmen "
    '<img src=x onerror="window.__pwned = 2"> attacked a checkpoint in Idlib on Monday, '
    'killing 3 guards, according to <a href="javascript:window.__pwned=3">javascript:alert(1)</a> '
    "sources. </textarea><script>window.__pwned = 4</script> '\"><svg onload=window.__pwned=5>"
)

ACTORS = [
    Actor(
        id="isis",
        name="Islamic State",
        actor_type="rebel groups",
        aliases=("ISIS", "ISIL", "Daesh"),
    ),
    Actor(
        id="isis-raqqa",
        name="Islamic State (Raqqa faction)",
        actor_type="rebel groups",
        parent_id="isis",
    ),
    Actor(
        id="syr-army",
        name="Military Forces of Syria",
        actor_type="state forces",
        country="Syria",
        aliases=("Syrian army", "SAA"),
    ),
    Actor(id="nusra", name="Jabhat al-Nusra", actor_type="rebel groups", aliases=("al-Nusra Front",)),
    Actor(id="civ-syria", name="Civilians (Syria)", actor_type="civilians"),
]

PLACES = [
    Place(
        id="163915",
        name="Ar Raqqa",
        latitude=35.95,
        longitude=39.01,
        admin1="Ar Raqqah",
        country="Syria",
        feature="PPLA",
        precision=1,
    ),
    Place(
        id="170063",
        name="Al Bab",
        latitude=36.37,
        longitude=37.52,
        admin1="Aleppo",
        country="Syria",
        feature="PPL",
        precision=1,
    ),
    Place(
        id="169389",
        name="Idlib",
        latitude=35.93,
        longitude=36.63,
        admin1="Idlib",
        country="Syria",
        feature="PPLA",
        precision=1,
    ),
    Place(
        id="99072",
        name="Mosul",
        latitude=36.34,
        longitude=43.13,
        admin1="Nineveh",
        country="Iraq",
        feature="PPLA",
        precision=2,
    ),
    Place(id="wadi-daif", name="Wadi Daif", admin1="Idlib", country="Syria", precision=3),
]


@dataclass
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


ARTICLES = {
    "raqqa": dict(
        outlet="Raqqa Post",
        published=dt.date(2025, 3, 2),
        title="Checkpoint attacked near Raqqa",
        text=(
            "Islamic State fighters attacked a Syrian army checkpoint near Ar Raqqa on Saturday, "
            "killing 4 soldiers. Subscribe to our newsletter."
        ),
    ),
    "albab": dict(
        outlet="Levant Wire",
        published=dt.date(2025, 3, 11),
        title="Market bombing in Al Bab",
        text=(
            "A suicide bomber from ISIS blew himself up in a crowded market in Al Bab on Monday, "
            "killing 12 civilians, according to the Syrian Observatory."
        ),
    ),
    "patrol": dict(
        outlet="Raqqa Post",
        published=dt.date(2025, 4, 6),
        title="Patrol ambushed",
        text=("A faction of Islamic State ambushed an army patrol outside Ar Raqqa, killing 7 soldiers."),
    ),
    "mosul": dict(
        outlet="Iraq Daily",
        published=dt.date(2025, 4, 21),
        title="Shepherds",
        text="It is alleged that Islamic State executed three shepherds near Mosul on Sunday.",
    ),
    "wadi": dict(
        outlet="Levant Wire",
        published=dt.date(2025, 2, 15),
        title="Base overrun",
        text="The base at Wadi Daif was overrun by Jabhat al-Nusra on Friday.",
    ),
    "idlib": dict(
        outlet="Idlib Today",
        published=dt.date(2025, 5, 3),
        title="Shelling and denials",
        text=(
            "Syrian army artillery shelled Idlib on Friday, killing 2 civilians. "
            "The army denied that it bombed a hospital in Idlib on Saturday."
        ),
    ),
    "police1": dict(
        outlet="Idlib Today",
        published=dt.date(2025, 5, 21),
        title="Police station hit",
        text="ISIS gunmen attacked a police station in Idlib, killing 1 officer.",
    ),
    "police2": dict(
        outlet="Levant Wire",
        published=dt.date(2025, 5, 21),
        title="Idlib police attacked",
        text="Daesh militants stormed a police station in Idlib on Tuesday, one officer died.",
    ),
    "hostile": dict(
        outlet="<b>Evil</b> Times<script>window.__pwned=6</script>",
        published=dt.date(2025, 6, 2),
        title="<img src=x onerror=window.__pwned=7>Hostile",
        text=HOSTILE_TEXT,
    ),
}

SPECS = [
    Spec(
        key="e_checkpoint",
        article="raqqa",
        event_type="Battles",
        sub_event_type="Armed clash",
        trigger="attacked",
        sentence=ARTICLES["raqqa"]["text"].split(" Subscribe")[0],
        day=dt.date(2025, 3, 1),
        actor=("Islamic State fighters", "isis", "rebel groups"),
        target=("Syrian army checkpoint", "military"),
        place=("Ar Raqqa", "163915"),
        killed=("killing 4 soldiers", 4),
    ),
    Spec(
        key="e_market",
        article="albab",
        event_type="Explosions/Remote violence",
        sub_event_type="Suicide bomb",
        trigger="blew himself up",
        sentence=ARTICLES["albab"]["text"],
        day=dt.date(2025, 3, 10),
        actor=("ISIS", "isis", "rebel groups"),
        target=("crowded market", "civilians"),
        place=("Al Bab", "170063"),
        killed=("killing 12 civilians", 12),
        status="reported",
        attribution="according to the Syrian Observatory",
    ),
    Spec(
        key="e_patrol",
        article="patrol",
        event_type="Battles",
        sub_event_type="Armed clash",
        trigger="ambushed",
        sentence=ARTICLES["patrol"]["text"],
        day=dt.date(2025, 4, 5),
        actor=("A faction of Islamic State", "isis-raqqa", "rebel groups"),
        target=("army patrol", "military"),
        place=("Ar Raqqa", "163915"),
        killed=("killing 7 soldiers", 7),
    ),
    Spec(
        key="e_shepherds",
        article="mosul",
        event_type="Violence against civilians",
        sub_event_type="Attack",
        trigger="executed",
        sentence=ARTICLES["mosul"]["text"],
        day=dt.date(2025, 4, 20),
        actor=("Islamic State", "isis", "rebel groups"),
        target=("three shepherds", "civilians"),
        place=("Mosul", "99072"),
        killed=("three shepherds", 3),
        status="alleged",
        status_cue="It is alleged",
    ),
    Spec(
        key="e_wadi",
        article="wadi",
        event_type="Strategic developments",
        sub_event_type="Non-state actor overtakes territory",
        trigger="overrun",
        sentence=ARTICLES["wadi"]["text"],
        day=dt.date(2025, 2, 14),
        actor=("Jabhat al-Nusra", "nusra", "rebel groups"),
        target=("The base", "military"),
        place=("Wadi Daif", "wadi-daif"),
    ),
    Spec(
        key="e_shelling",
        article="idlib",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        trigger="shelled",
        sentence="Syrian army artillery shelled Idlib on Friday, killing 2 civilians.",
        day=dt.date(2025, 5, 2),
        actor=("Syrian army artillery", "syr-army", "state forces"),
        target=("killing 2 civilians", "civilians"),
        place=("Idlib", "169389"),
        killed=("killing 2 civilians", 2),
    ),
    Spec(
        key="e_hospital",
        article="idlib",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        trigger="bombed",
        sentence="The army denied that it bombed a hospital in Idlib on Saturday.",
        day=dt.date(2025, 5, 3),
        actor=("The army", "syr-army", "state forces"),
        target=("a hospital", "civilians"),
        place=("Idlib", "169389"),
        status="denied",
        status_cue="denied",
    ),
    Spec(
        key="e_police",
        article="police1",
        event_type="Battles",
        sub_event_type="Armed clash",
        trigger="attacked",
        sentence=ARTICLES["police1"]["text"],
        day=dt.date(2025, 5, 20),
        actor=("ISIS gunmen", "isis", "rebel groups"),
        target=("a police station", "police"),
        place=("Idlib", "169389"),
        killed=("killing 1 officer", 1),
    ),
    Spec(
        key="e_police#2",
        article="police2",
        event_type="Battles",
        sub_event_type="Armed clash",
        trigger="stormed",
        sentence=ARTICLES["police2"]["text"],
        day=dt.date(2025, 5, 20),
        actor=("Daesh militants", "isis", "rebel groups"),
        target=("a police station", "police"),
        place=("Idlib", "169389"),
        killed=("one officer died", 1),
        status="reported",
    ),
    Spec(
        key="e_hostile",
        article="hostile",
        event_type="Battles",
        sub_event_type="Armed clash",
        trigger="attacked",
        sentence=HOSTILE_TEXT,
        day=dt.date(2025, 6, 1),
        actor=("<script>window.__pwned = 1; alert('x')</script> gunmen", None, None),
        target=('<img src=x onerror="window.__pwned = 2">', "military"),
        place=("Idlib", "169389"),
        killed=("killing 3 guards", 3),
        attribution='<a href="javascript:window.__pwned=3">javascript:alert(1)</a>',
        status_cue="</textarea><script>window.__pwned = 4</script>",
    ),
]


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
    for key, meta in ARTICLES.items():
        text = str(meta["text"])
        out[key] = Article(
            id=Article.make_id(text),
            # The hostile article's URL is a javascript: link too.
            url="javascript:window.__pwned=8" if key == "hostile" else f"https://example.org/{key}",
            outlet=str(meta["outlet"]),
            published=meta["published"],
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
    mentions: dict[str, Mention] = {}
    for spec in SPECS:
        mentions[spec.key] = _mention(spec, articles[spec.article])
    sample = Sample(path=path)
    with SQLiteStore.open(path) as store:
        for key, article in articles.items():
            store.put_document(
                article,
                extracted=True,
                mentions=[mentions[s.key] for s in SPECS if s.article == key],
                actors=ACTORS,
                places=PLACES,
            )
        sample.events = _events(mentions)
        store.replace_events(sample.events)
    sample.articles = {k: a.id for k, a in articles.items()}
    sample.ids = {e_key: ev.id for e_key, ev in zip(_event_keys(), sample.events, strict=True)}
    return sample


def _event_keys() -> list[str]:
    return [s.key for s in SPECS if "#" not in s.key]


def _events(mentions: dict[str, Mention]) -> list[Event]:
    events = []
    for key in _event_keys():
        group = [m for k, m in mentions.items() if k.split("#")[0] == key]
        first = group[0]
        spec = next(s for s in SPECS if s.key == key)
        killed = first.casualty("killed")
        actor2 = {
            "e_checkpoint": "syr-army",
            "e_patrol": "syr-army",
            "e_shelling": "civ-syria",
        }.get(key)
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
