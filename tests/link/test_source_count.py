"""The link stage counts sources, not articles: versions of one page are one source."""

from __future__ import annotations

import datetime as dt

import pytest

from eventdesk.link import link, source_key
from eventdesk.records import Article, CasualtyCount, Mention, Role, Span, TimeRange

URL = "https://News.Example.org/africa/mali-bombing/"
FIRST = "A car bomb went off at the main market in Gao on Tuesday."
UPDATE = "A car bomb went off at the main market in Gao on Tuesday, killing seven people."
OTHER_OUTLET = "Seven people died when a car bomb exploded in a Gao market, police said."


def _article(text: str, url: str | None) -> Article:
    return Article(id=Article.make_id(text), url=url, text=text, raw_hash=Article.make_id(text), language="en")


def _span(article: Article, sub: str) -> Span:
    start = article.text.index(sub)
    return Span(article_id=article.id, start=start, end=start + len(sub), text=sub)


def _bombing(article: Article, trigger: str = "bomb", *, killed: int | None = None) -> Mention:
    trig = _span(article, trigger)
    day = dt.date(2026, 5, 12)
    casualties = ()
    if killed is not None:
        casualties = (CasualtyCount(kind="killed", low=killed, best=killed, high=killed, span=_span(article, "even")),)
    return Mention(
        id=Mention.make_id(article.id, trig, "Remote explosive/landmine/IED"),
        article_id=article.id,
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        trigger=trig,
        sentence=_span(article, article.text),
        roles=(Role(role="place", span=_span(article, "Gao"), resolved_id="2457163"),),
        casualties=casualties,
        time=TimeRange(span=None, start=day, end=day, precision="day"),
    )


def _sources(*articles: Article) -> dict[str, str]:
    return {a.id: source_key(a.url, a.id) for a in articles}


def test_an_update_at_the_same_url_is_one_source() -> None:
    first, update = _article(FIRST, URL), _article(UPDATE, URL)
    m1, m2 = _bombing(first), _bombing(update, killed=7)
    [event] = link([m1, m2], _sources(first, update))
    assert event.source_count == 1
    assert event.mention_ids == (m1.id, m2.id)  # both versions' mentions are kept
    assert {first.id, update.id} == {m1.article_id, m2.article_id}
    assert event.fatalities_best == 7  # the update's toll is not lost


def test_a_second_outlet_is_a_second_source() -> None:
    first, update = _article(FIRST, URL), _article(UPDATE, URL)
    other = _article(OTHER_OUTLET, "https://wire.example.com/story/123")
    mentions = [_bombing(first), _bombing(update, killed=7), _bombing(other, killed=7)]
    [event] = link(mentions, _sources(first, update, other))
    assert event.source_count == 2


def test_without_a_url_each_article_is_its_own_source() -> None:
    first, update = _article(FIRST, None), _article(UPDATE, None)
    [event] = link([_bombing(first), _bombing(update, killed=7)], _sources(first, update))
    assert event.source_count == 2


def test_without_a_mapping_each_article_is_its_own_source() -> None:
    first, update = _article(FIRST, URL), _article(UPDATE, URL)
    [event] = link([_bombing(first), _bombing(update, killed=7)])
    assert event.source_count == 2


@pytest.mark.parametrize(
    "a, b",
    [
        ("https://News.Example.org/a/b/", "https://news.example.org/a/b"),
        ("HTTPS://news.example.org/a/b#comments", "https://news.example.org/a/b"),
        ("https://news.example.org/a/b/#top", "https://news.example.org/a/b"),
    ],
)
def test_url_spellings_of_one_page_are_one_source(a: str, b: str) -> None:
    assert source_key(a, "x") == source_key(b, "y")


@pytest.mark.parametrize(
    "a, b",
    [
        ("https://news.example.org/story?id=1", "https://news.example.org/story?id=2"),
        ("https://news.example.org/A", "https://news.example.org/a"),  # the path is case-sensitive
        ("https://one.example.org/a", "https://two.example.org/a"),
    ],
)
def test_different_pages_are_different_sources(a: str, b: str) -> None:
    assert source_key(a, "x") != source_key(b, "x")


def test_no_url_falls_back_to_the_article_id() -> None:
    assert source_key(None, "x") != source_key(None, "y")
    assert source_key("", "x") == source_key(None, "x")
    assert source_key("http://[bad", "x") == source_key("http://[bad", "y")  # unparseable, still one page


def test_a_second_event_in_the_update_is_its_own_event() -> None:
    text = UPDATE + " Separately, a bomb hit a convoy near Menaka on Wednesday."
    first, update = _article(FIRST, URL), _article(text, URL)
    trig = _span(update, "hit")
    menaka = Mention(
        id=Mention.make_id(update.id, trig, "Remote explosive/landmine/IED"),
        article_id=update.id,
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        trigger=trig,
        sentence=_span(update, "Separately, a bomb hit a convoy near Menaka on Wednesday."),
        roles=(Role(role="place", span=_span(update, "Menaka"), resolved_id="2453347"),),
        time=TimeRange(span=None, start=dt.date(2026, 5, 13), end=dt.date(2026, 5, 13), precision="day"),
    )
    events = link([_bombing(first), _bombing(update, killed=7), menaka], _sources(first, update))
    assert sorted((e.place_id, e.source_count, len(e.mention_ids)) for e in events) == [
        ("2453347", 1, 1),
        ("2457163", 1, 2),
    ]
