"""Store round trips and the link stage, on hand-built records."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from eventdesk.link import link
from eventdesk.records import Actor, Article, CasualtyCount, Mention, Place, Review, Role, Span, TimeRange
from eventdesk.store import open_store

REPORT_A = "Militants attacked an army post in Gao on Monday, killing four soldiers."
REPORT_B = "Four soldiers died when jihadists stormed a military post in Gao, officials said."


def _span(article: Article, sub: str) -> Span:
    start = article.text.index(sub)
    return Span(article_id=article.id, start=start, end=start + len(sub), text=sub)


def _article(text: str, published: dt.date = dt.date(2026, 3, 10)) -> Article:
    return Article(
        id=Article.make_id(text),
        text=text,
        raw_hash=Article.make_id(text),
        published=published,
        language="en",
        outlet="Wire",
    )


def _mention(
    article: Article,
    trigger: str,
    *,
    actor: str,
    killed: int,
    place_id: str | None = "2457163",
    status: str = "asserted",
) -> Mention:
    trig = _span(article, trigger)
    day = dt.date(2026, 3, 9)
    return Mention(
        id=Mention.make_id(article.id, trig, "Armed clash"),
        article_id=article.id,
        event_type="Battles",
        sub_event_type="Armed clash",
        trigger=trig,
        sentence=_span(article, article.text),
        roles=(
            Role(role="actor", span=_span(article, actor), resolved_id="jnim"),
            Role(role="place", span=_span(article, "Gao"), resolved_id=place_id),
        ),
        casualties=(
            CasualtyCount(
                kind="killed",
                low=killed,
                best=killed,
                high=killed,
                span=_span(article, "four" if "four" in article.text else "Four"),
            ),
        ),
        time=TimeRange(span=None, start=day, end=day, precision="day"),
        status=status,  # type: ignore[arg-type]
    )


def test_two_reports_of_one_attack_link_into_one_event(tmp_path: Path) -> None:
    a, b = _article(REPORT_A), _article(REPORT_B, published=dt.date(2026, 3, 11))
    ma = _mention(a, "attacked", actor="Militants", killed=4)
    mb = _mention(b, "stormed", actor="jihadists", killed=5)
    published = {a.id: a.published, b.id: b.published}
    [event] = link([mb, ma], published=published)
    assert event.mention_ids == (ma.id, mb.id)  # earliest published first, whatever the order given
    assert event.source_count == 2
    assert (event.fatalities_low, event.fatalities_best, event.fatalities_high) == (4, 4, 5)
    # The anchor is the earliest-published mention: a later report joining keeps the id.
    [alone] = link([ma], published=published)
    assert alone.id == event.id
    assert link([ma, mb], published=published) == [event]


def test_different_places_stay_apart() -> None:
    a, b = _article(REPORT_A), _article(REPORT_B)
    events = link(
        [
            _mention(a, "attacked", actor="Militants", killed=4),
            _mention(b, "stormed", actor="jihadists", killed=4, place_id="2460596"),
        ]
    )
    assert len(events) == 2


def test_plans_are_never_events() -> None:
    a = _article(REPORT_A)
    assert link([_mention(a, "attacked", actor="Militants", killed=4, status="planned")]) == []


def test_document_is_stored_once(tmp_path: Path) -> None:
    a = _article(REPORT_A)
    m = _mention(a, "attacked", actor="Militants", killed=4)
    place = Place(id="2457163", name="Gao", latitude=16.27, longitude=-0.04, country="ML", precision=1)
    actor = Actor(id="jnim", name="Jama'at Nusrat al-Islam wal-Muslimin", actor_type="rebel group")
    with open_store(tmp_path / "e.db") as store:
        assert store.put_document(a, extracted=True, mentions=[m], actors=[actor], places=[place])
        before = store.snapshot()
        assert not store.put_document(a, extracted=True, mentions=[m], actors=[actor], places=[place])
        assert store.snapshot() == before
        assert store.has_input(a.raw_hash)
        assert store.mentions() == [m]
        assert store.place("2457163") == place and store.actor("jnim") == actor


def test_reviews_are_append_only_and_survive_relinking(tmp_path: Path) -> None:
    a = _article(REPORT_A)
    m = _mention(a, "attacked", actor="Militants", killed=4)
    with open_store(tmp_path / "e.db") as store:
        store.put_document(a, extracted=True, mentions=[m])
        [event] = link(store.mentions())
        store.replace_events([event])
        when = dt.datetime(2026, 3, 11, 9, 0, tzinfo=dt.UTC)
        review = Review(
            id=Review.make_id(event.id, "fatalities_best", "ana", when),
            target_kind="event",
            target_id=event.id,
            action="edit",
            reviewer="ana",
            created_at=when,
            field="fatalities_best",
            value=5,
            reason="hospital figure",
        )
        store.add_review(review)
        store.replace_events(link(store.mentions()))
        assert store.reviews(event.id) == [review]
        assert store.event(event.id) is not None


@settings(max_examples=30, deadline=None)
@given(st.text(min_size=1, max_size=300).filter(lambda t: t.strip() != ""))
def test_any_article_text_round_trips(text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "e.db") as store:
        article = Article(id=Article.make_id(text), text=text, raw_hash="r", language="en")
        store.put_document(article, extracted=False)
        assert store.article(article.id) == article


def test_within_one_report_an_alleged_second_strike_is_its_own_event() -> None:
    a = _article(REPORT_A + " It is alleged that militants also attacked a second post in Gao.")
    reported = _mention(a, "attacked", actor="Militants", killed=4)
    second = a.text.index("attacked", a.text.index("alleged"))
    trig = Span(article_id=a.id, start=second, end=second + len("attacked"), text="attacked")
    alleged = dataclasses.replace(
        reported, id=Mention.make_id(a.id, trig, "Armed clash"), trigger=trig, status="alleged"
    )
    claimed = dataclasses.replace(alleged, id="claimed", status="claimed")
    assert len(link([reported, alleged])) == 2
    [one] = link([reported, claimed])
    assert one.status == "asserted" and one.mention_ids == (reported.id, "claimed")
