"""A place the gazetteer cannot resolve still shows, as the report wrote it."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk.errors import EventdeskError
from eventdesk.link import link
from eventdesk.query import Desk
from eventdesk.records import Article, Mention, Role, Span
from eventdesk.resolve import Gazetteer
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


def _tell_qarah_db(path: Path) -> Path:
    article = Article(id=Article.make_id(TEXT), text=TEXT, raw_hash="r1", language="en")
    trigger = _span(article, "overran")
    mention = Mention(
        id=Mention.make_id(article.id, trigger, "Armed clash"),
        article_id=article.id,
        event_type="Battles",
        sub_event_type="Armed clash",
        trigger=trigger,
        sentence=_span(article, TEXT),
        roles=(Role(role="place", span=_span(article, "Tell Qarah")),),
    )
    with open_store(path) as store:
        store.put_document(article, extracted=True, mentions=[mention])
        store.replace_events(link(store.mentions()))
    return path


#: A two-entry gazetteer written by hand (GeoNames ids and points of Idlib town and district).
SMALL_GAZETTEER = Gazetteer(
    [
        (169389, "Idlib", 35.93062, 36.63393, "SY", "12", 128840, "PPL", None),
        (11201937, "Idlib District", 35.9, 36.6, "SY", "12", 300000, "ADM2", None),
    ],
    {},
)


def test_a_reviewer_places_an_event_at_any_gazetteer_id_or_coordinate(tmp_path: Path) -> None:
    db = _tell_qarah_db(tmp_path / "e.db")
    with Desk(open_store(db), gazetteer=SMALL_GAZETTEER) as desk:
        (event_id,) = [v.id for v in desk.select()]
        desk.review(event_id, action="edit", field="place_id", value="169389", reviewer="ana")
        [view] = desk.select()
        assert (view.place_id, view.location, view.latitude, view.geo_precision) == ("169389", "Idlib", 35.93062, 1)
        desk.review(event_id, action="edit", field="place_id", value="11201937", reviewer="ana")
        assert desk.select()[0].geo_precision == 2  # a district
        review = desk.review(event_id, action="edit", field="place_id", value=" 35.65, 36.67@1 ", reviewer="ana")
        assert review.value == "geo:35.65000,36.67000@1"
        [view] = desk.select()
        assert (view.latitude, view.longitude, view.geo_precision) == (35.65, 36.67, 1)


@pytest.mark.parametrize("value", ["999999999", "Idlib", "91,36.6", "35.6,181", "35.6,36.6@4"])
def test_an_unknown_place_or_a_coordinate_out_of_range_is_a_coded_error(tmp_path: Path, value: str) -> None:
    db = _tell_qarah_db(tmp_path / "e.db")
    with Desk(open_store(db), gazetteer=SMALL_GAZETTEER) as desk:
        (event_id,) = [v.id for v in desk.select()]
        with pytest.raises(EventdeskError, match=r"ED042"):
            desk.review(event_id, action="edit", field="place_id", value=value, reviewer="ana")
        assert desk.event(event_id).reviews == ()
