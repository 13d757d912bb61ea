"""A place the gazetteer cannot resolve still shows, as the report wrote it."""

from __future__ import annotations

from pathlib import Path

from eventdesk.link import link
from eventdesk.query import Desk
from eventdesk.records import Article, Mention, Role, Span
from eventdesk.store import open_store

TEXT = "Rebels overran the army outpost at Tell Qarah on Sunday."


def _span(article: Article, sub: str) -> Span:
    start = article.text.index(sub)
    return Span(article_id=article.id, start=start, end=start + len(sub), text=sub)


def test_unresolved_place_keeps_its_words(tmp_path: Path) -> None:
    article = Article(id=Article.make_id(TEXT), text=TEXT, raw_hash="r1", language="en")
    trigger = _span(article, "overran")
    mention = Mention(
        id=Mention.make_id(article.id, trigger, "Non-state actor overtakes territory"),
        article_id=article.id,
        event_type="Battles",
        sub_event_type="Non-state actor overtakes territory",
        trigger=trigger,
        sentence=_span(article, TEXT),
        roles=(
            Role(role="actor", span=_span(article, "Rebels")),
            Role(role="place", span=_span(article, "Tell Qarah")),
        ),
    )
    with open_store(tmp_path / "e.db") as store:
        store.put_document(article, extracted=True, mentions=[mention])
        store.replace_events(link(store.mentions()))
    with Desk.open(tmp_path / "e.db") as desk:
        [view] = desk.select()
    assert view.location == "Tell Qarah" and view.latitude is None and view.place_id is None
    assert all(r.role != "place" for r in view.roles)
