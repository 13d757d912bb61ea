"""A place role the gazetteer lacks is placed by the article's own places."""

from __future__ import annotations

from eventdesk.geo import haversine_km
from eventdesk.records import Article, Mention, Role, Span
from eventdesk.resolve import ActorDictionary, Gazetteer
from eventdesk.resolve.document import resolve_document


def _article(title: str | None, text: str) -> Article:
    return Article(id=Article.make_id(text), title=title, text=text)


def _mention(article: Article, trigger: str, place: str) -> Mention:
    def span(words: str) -> Span:
        start = article.text.index(words)
        return Span(article_id=article.id, start=start, end=start + len(words), text=words)

    t = span(trigger)
    sentence_start = article.text.rfind("\n", 0, t.start) + 1
    sentence_end = article.text.find(".", t.end) + 1
    sentence = Span(
        article_id=article.id,
        start=sentence_start,
        end=sentence_end,
        text=article.text[sentence_start:sentence_end],
    )
    return Mention(
        id=Mention.make_id(article.id, t, "Armed clash"),
        article_id=article.id,
        event_type="Battles",
        sub_event_type="Armed clash",
        trigger=t,
        sentence=sentence,
        roles=(Role(role="place", span=span(place)),),
    )


def _place_of(article: Article, mention: Mention, gazetteer: Gazetteer, actors: ActorDictionary) -> tuple[str, int]:
    doc = resolve_document(article, [mention], [], actors=actors, gazetteer=gazetteer)
    (role,) = doc.mentions[0].roles_of("place")
    assert role.span == mention.roles[0].span  # the role keeps the words the report wrote
    place = next(p for p in doc.places if p.id == role.resolved_id)
    assert place.latitude is not None and place.longitude is not None
    return place.name, place.precision


def test_an_unknown_base_is_placed_by_the_paragraphs_town(gazetteer: Gazetteer, actors: ActorDictionary) -> None:
    text = (
        "Rebels massed east of Idlib in Syria on Sunday.\n"
        "Fighters overran the Zabdiyat base after a day of fighting near Saraqib."
    )
    article = _article(None, text)
    name, precision = _place_of(article, _mention(article, "overran", "Zabdiyat"), gazetteer, actors)
    assert name == "Saraqib" and precision == 2  # the same sentence's town, not the paragraph before


def test_with_nothing_nearby_the_headline_places_it_not_the_country(
    gazetteer: Gazetteer, actors: ActorDictionary
) -> None:
    text = "Syrian rebels said they took the Zabdiyat outpost on Monday.\nThe army did not comment."
    article = _article("Fighting flares north of Idlib", text)
    name, precision = _place_of(article, _mention(article, "took", "Zabdiyat"), gazetteer, actors)
    assert name == "Idlib" and precision == 2


def test_the_syria_example_base_at_wadi_daif_lies_within_50_km(gazetteer: Gazetteer, actors: ActorDictionary) -> None:
    text = (
        "It is alleged that they were planning to attack rebels in the Idlib area.\n"
        "Shortly thereafter the sprawling base at Wadi Daif was overrun by the rebels.\n"
        "The rebels were too well fortified in Idlib's suburbs."
    )
    article = _article(None, text)
    doc = resolve_document(article, [_mention(article, "overrun", "Wadi Daif")], [], actors=actors, gazetteer=gazetteer)
    place = doc.places[0]
    assert place.latitude is not None and place.longitude is not None
    # The Wadi al-Deif base lies south-east of Maarat al-Numan, about 35.65 N, 36.67 E.
    assert haversine_km(place.latitude, place.longitude, 35.65, 36.67) < 50
