"""Short reports written for the linking tests, with their mentions built by hand.

Each report is one article and the mentions an extractor would give it; every
Span is found in the text, so ``article.text[span.start:span.end] == span.text``
holds by construction. Nothing depends on the extraction stage.

The pool is made to relink in interesting ways as reports arrive in any order:

- baidoa-shabaab, baidoa-isis: one police post attacked on Monday, claimed by
  two different groups: never one event (two actors contradict);
- baidoa-gunmen, baidoa-elders: the same attack with no actor named: each
  joins one of the two, and which one can change as reports arrive (a split
  of an earlier event);
- baidoa-claim: al-Shabaab's own claim (status claimed);
- kismayo-bomb, kismayo-checkpoint: one roadside bombing, two outlets;
- kismayo-two-blasts: "two separate blasts ... a second blast": one report
  telling of two events, which never become one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from eventdesk.records import Article, CasualtyCount, Mention, Place, Role, Span, TimeRange, content_id
from eventdesk.store import SQLiteStore

MONDAY = dt.date(2026, 3, 9)
TUESDAY = dt.date(2026, 3, 10)
BAIDOA = Place(id="64013", name="Baidoa", latitude=3.11, longitude=43.65, country="SO", precision=1)
KISMAYO = Place(id="55671", name="Kismayo", latitude=-0.36, longitude=42.55, country="SO", precision=1)
ATTACK = ("Battles", "Armed clash")
BOMB = ("Explosions/Remote violence", "Remote explosive/landmine/IED")


@dataclass(frozen=True, kw_only=True)
class Told:
    """One mention of a report: its phrases, as found in the text."""

    trigger: str
    sentence: str
    kind: tuple[str, str]
    day: dt.date | None
    place: Place | None = None
    place_words: str | None = None
    actor: tuple[str, str] | None = None  # phrase, resolved id
    killed: tuple[str, int] | None = None
    status: str = "asserted"
    #: The last day of a range (a year's background), else the one day.
    until: dt.date | None = None


@dataclass(frozen=True, kw_only=True)
class Report:
    key: str
    text: str
    published: dt.date
    told: tuple[Told, ...]


def _baidoa(sentence: str, actor: tuple[str, str] | None, killed: tuple[str, int] | None = None) -> Told:
    return Told(
        trigger="attacked",
        sentence=sentence,
        kind=ATTACK,
        day=MONDAY,
        place=BAIDOA,
        place_words="Baidoa",
        actor=actor,
        killed=killed,
    )


REPORTS: tuple[Report, ...] = (
    Report(
        key="baidoa-shabaab",
        text="Al-Shabaab fighters attacked a police post in Baidoa on Monday, killing three officers.",
        published=TUESDAY,
        told=(
            _baidoa(
                "Al-Shabaab fighters attacked a police post in Baidoa on Monday, killing three officers.",
                ("Al-Shabaab", "al-shabaab"),
                ("three", 3),
            ),
        ),
    ),
    Report(
        key="baidoa-isis",
        text="Islamic State militants attacked a police post in Baidoa on Monday, killing two officers.",
        published=TUESDAY,
        told=(
            _baidoa(
                "Islamic State militants attacked a police post in Baidoa on Monday, killing two officers.",
                ("Islamic State", "isis"),
                ("two", 2),
            ),
        ),
    ),
    Report(
        key="baidoa-gunmen",
        text="Gunmen attacked a police post in Baidoa on Monday, a local elder told reporters.",
        published=dt.date(2026, 3, 11),
        told=(_baidoa("Gunmen attacked a police post in Baidoa on Monday, a local elder told reporters.", None),),
    ),
    Report(
        key="baidoa-elders",
        text="Elders in Baidoa said unknown men attacked the police post there on Monday night.",
        published=TUESDAY,
        told=(_baidoa("Elders in Baidoa said unknown men attacked the police post there on Monday night.", None),),
    ),
    Report(
        key="baidoa-claim",
        text="Al-Shabaab said its fighters attacked a police post in Baidoa on Monday.",
        published=dt.date(2026, 3, 11),
        told=(
            Told(
                trigger="attacked",
                sentence="Al-Shabaab said its fighters attacked a police post in Baidoa on Monday.",
                kind=ATTACK,
                day=MONDAY,
                place=BAIDOA,
                place_words="Baidoa",
                actor=("Al-Shabaab", "al-shabaab"),
                status="claimed",
            ),
        ),
    ),
    Report(
        key="kismayo-bomb",
        text="A roadside bomb exploded in Kismayo on Tuesday, killing a soldier.",
        published=dt.date(2026, 3, 11),
        told=(
            Told(
                trigger="bomb",
                sentence="A roadside bomb exploded in Kismayo on Tuesday, killing a soldier.",
                kind=BOMB,
                day=TUESDAY,
                place=KISMAYO,
                place_words="Kismayo",
            ),
        ),
    ),
    Report(
        key="kismayo-checkpoint",
        text="A bomb went off beside a checkpoint in Kismayo on Tuesday, officials said.",
        published=dt.date(2026, 3, 12),
        told=(
            Told(
                trigger="bomb",
                sentence="A bomb went off beside a checkpoint in Kismayo on Tuesday, officials said.",
                kind=BOMB,
                day=TUESDAY,
                place=KISMAYO,
                place_words="Kismayo",
            ),
        ),
    ),
    Report(
        key="kismayo-two-blasts",
        text="Two separate blasts hit Kismayo on Tuesday. A second blast struck the port hours later.",
        published=dt.date(2026, 3, 11),
        told=(
            Told(
                trigger="blasts",
                sentence="Two separate blasts hit Kismayo on Tuesday.",
                kind=BOMB,
                day=TUESDAY,
                place=KISMAYO,
                place_words="Kismayo",
            ),
            Told(
                trigger="blast",
                sentence="A second blast struck the port hours later.",
                kind=BOMB,
                day=TUESDAY,
            ),
        ),
    ),
)

#: This week's bombing with a background bombing in the same city years ago,
#: in one report: never one event.
BACKGROUND = Report(
    key="kismayo-background",
    text="A roadside bomb exploded in Kismayo on Tuesday. In 2017 a bomb in Kismayo killed a district commissioner.",
    published=dt.date(2026, 3, 11),
    told=(
        Told(
            trigger="bomb",
            sentence="A roadside bomb exploded in Kismayo on Tuesday.",
            kind=BOMB,
            day=TUESDAY,
            place=KISMAYO,
            place_words="Kismayo",
        ),
        Told(
            trigger="bomb",
            sentence="In 2017 a bomb in Kismayo killed a district commissioner.",
            kind=BOMB,
            day=dt.date(2017, 1, 1),
            until=dt.date(2017, 12, 31),
            place=KISMAYO,
            place_words="Kismayo",
        ),
    ),
)

#: The same, with the background undated but for its year in the words.
SINCE = Report(
    key="kismayo-since",
    text="A roadside bomb exploded in Kismayo on Tuesday. It was the worst attack since the 2017 bombing of a hotel in Kismayo.",
    published=dt.date(2026, 3, 11),
    told=(
        Told(
            trigger="bomb",
            sentence="A roadside bomb exploded in Kismayo on Tuesday.",
            kind=BOMB,
            day=TUESDAY,
            place=KISMAYO,
            place_words="Kismayo",
        ),
        Told(
            trigger="bombing",
            sentence="It was the worst attack since the 2017 bombing of a hotel in Kismayo.",
            kind=BOMB,
            day=None,
            place=KISMAYO,
            place_words="Kismayo",
        ),
    ),
)

BY_KEY = {r.key: r for r in (*REPORTS, BACKGROUND, SINCE)}


def article(report: Report) -> Article:
    return Article(
        id=Article.make_id(report.text),
        url=f"https://example.org/{report.key}",
        outlet=f"Outlet {report.key.split('-')[-1]}",
        published=report.published,
        language="en",
        title=report.key,
        text=report.text,
        raw_hash=content_id("raw", report.text),
        source=f"{report.key}.txt",
    )


def _span(a: Article, phrase: str, after: int = 0) -> Span:
    start = a.text.index(phrase, after)
    return Span(article_id=a.id, start=start, end=start + len(phrase), text=phrase)


def mentions(report: Report) -> list[Mention]:
    a = article(report)
    out = []
    for t in report.told:
        sentence = _span(a, t.sentence)
        trigger = _span(a, t.trigger, sentence.start)
        roles = []
        if t.actor:
            roles.append(Role(role="actor", span=_span(a, t.actor[0]), resolved_id=t.actor[1]))
        if t.place and t.place_words:
            roles.append(Role(role="place", span=_span(a, t.place_words, sentence.start), resolved_id=t.place.id))
        killed = ()
        if t.killed:
            n = t.killed[1]
            killed = (CasualtyCount(kind="killed", low=n, best=n, high=n, span=_span(a, t.killed[0])),)
        out.append(
            Mention(
                id=Mention.make_id(a.id, trigger, t.kind[1]),
                article_id=a.id,
                event_type=t.kind[0],
                sub_event_type=t.kind[1],
                trigger=trigger,
                sentence=sentence,
                roles=tuple(roles),
                casualties=killed,
                time=TimeRange(span=None, start=t.day, end=t.until or t.day, precision="year" if t.until else "day")
                if t.day
                else None,
                status=t.status,  # type: ignore[arg-type]
                extractor="hand",
                extractor_version="1",
            )
        )
    return out


def store_report(store: SQLiteStore, report: Report) -> None:
    """Store one report as the pipeline would (without relinking)."""
    places = [t.place for t in report.told if t.place]
    store.put_document(article(report), extracted=True, mentions=mentions(report), places=places)
