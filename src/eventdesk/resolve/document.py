"""Resolve everything one article's extraction found, together.

Places are resolved jointly (each toponym is context for the others, and the
article's country focus steers generic actors like "government forces"),
so this runs per article, after extraction and before the store.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from eventdesk.geo import haversine_km
from eventdesk.records import Actor, Article, Mention, Place, Role, Span, StatClaim, TimeRange
from eventdesk.resolve.actors import ActorDictionary
from eventdesk.resolve.dates import historical_status, resolve_time
from eventdesk.resolve.gazetteer import FEATURE_CONTINENT, FEATURE_COUNTRY, Gazetteer
from eventdesk.resolve.generic import target_type
from eventdesk.resolve.places import ACLED_NEAR, country_focus, resolve_places
from eventdesk.resolve.toponyms import ArticleToponyms, Toponym

__all__ = ["ResolvedDocument", "resolve_document"]


@dataclass(frozen=True, kw_only=True, slots=True)
class ResolvedDocument:
    mentions: tuple[Mention, ...]
    stat_claims: tuple[StatClaim, ...]
    actors: tuple[Actor, ...]
    places: tuple[Place, ...]


def _place_spans(mentions: Sequence[Mention]) -> list[tuple[int, int, str]]:
    spans = {(r.span.start, r.span.end, r.span.text) for m in mentions for r in m.roles_of("place")}
    return sorted(spans)


#: With no time expression, a news report speaks of the week before it was
#: published: the event range is that week (precision "week", no span, so
#: it is visibly not read from the text). Without a publication date it
#: stays unresolved: a date is never invented.
REPORTING_WINDOW = dt.timedelta(days=6)


def _time(time: TimeRange | None, published: dt.date | None) -> TimeRange | None:
    if time is not None and time.span is not None:
        resolved = resolve_time(time.span.text, published, span=time.span)
        if resolved.start is not None or published is None:
            return resolved
    if published is None:
        return time
    return TimeRange(span=None, start=published - REPORTING_WINDOW, end=published, precision="week")


def _focus(
    scan: ArticleToponyms, mentions: Sequence[Mention], actors: ActorDictionary, gazetteer: Gazetteer
) -> str | None:
    """The country the article is about: its toponyms and demonyms, headline
    included (wire copy often names the country only there), else the
    country most of its named actors belong to."""
    focus = country_focus(scan.text, scan.toponyms, gazetteer)
    if focus is not None:
        return focus
    countries = Counter(
        a.country
        for m in mentions
        for r in m.roles
        if r.role in ("actor", "side", "target") and (a := actors.resolve(r.span.text)).known and a.country
    )
    return countries.most_common(1)[0][0] if countries else None


#: An article's places lie in one region. A reading abroad that is farther
#: than this from every other place the article names, in a country nothing
#: else in the article supports, is more likely a same-named village the
#: gazetteer lacks (Kani township, Myanmar read as Kani, Japan) than that town.
LONE_PLACE_KM = 2500.0


def _context_places(scan: ArticleToponyms, gazetteer: Gazetteer, focus: str | None) -> list[tuple[Toponym, Place]]:
    """Every toponym of headline and text, resolved (in ``scan.text``
    offsets): the article's geography."""
    tops = scan.toponyms
    found = resolve_places(tops, text=scan.text, gazetteer=gazetteer, country_focus=focus, found=tops)
    return [(t, p) for t, p in zip(tops, found, strict=True) if p is not None and p.latitude is not None]


#: Features too coarse to stand in for a place the report names but the
#: gazetteer lacks ("the base at Wadi Daif"): never a country's centroid.
_COARSE = frozenset({FEATURE_COUNTRY, FEATURE_CONTINENT})
_SENTENCE_END = re.compile(r"[.!?][\s\"”’]")


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the paragraph (line) holding ``text[start:end]``."""
    hi = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if hi < 0 else hi


def _fallback_place(span: Span, text: str, offset: int, context: Sequence[tuple[Toponym, Place]]) -> Place | None:
    """The place of an unresolved place role, from the places the article
    resolves, in order: the same sentence, the same paragraph, the paragraphs
    just before and after it, then the headline (dateline). Only towns,
    districts and provinces qualify, never the rejected reading of the role's
    own words; the nearest in the text wins within a tier. The result is at
    least precision 2 (ACLED: "near" a town, part of a district). None when no
    tier has a place: a place the whole article merely mentions is too weak
    (it would also make an incident differ from its neighbours')."""
    fine = [
        (s - offset, e - offset, p)
        for (s, e, _w), p in context
        if p.feature not in _COARSE and not (s - offset < span.end and span.start < e - offset)
    ]
    body = [(s, e, p) for s, e, p in fine if s >= 0]
    para_lo, para_hi = _paragraph(text, span.start, span.end)
    near_lo = _paragraph(text, max(para_lo - 1, 0), max(para_lo - 1, 0))[0]
    near_hi = _paragraph(text, min(para_hi + 1, len(text)), min(para_hi + 1, len(text)))[1]
    in_para = [(s, e, p) for s, e, p in body if para_lo <= s < para_hi]
    same_sentence = [
        (s, e, p) for s, e, p in in_para if not _SENTENCE_END.search(text[min(e, span.end) : max(s, span.start)])
    ]
    neighbours = [(s, e, p) for s, e, p in body if near_lo <= s < near_hi]
    for tier in (same_sentence, in_para, neighbours, [(s, e, p) for s, e, p in fine if s < 0]):
        if tier:
            place = min(tier, key=lambda t: abs(t[0] - span.start))[2]
            return dataclasses.replace(place, precision=max(place.precision, ACLED_NEAR))
    return None


def _plausible_in_article(place: Place, focus: str | None, context: Sequence[tuple[Toponym, Place]]) -> bool:
    if focus is None or place.country in (None, focus) or place.latitude is None or place.longitude is None:
        return True
    others = [p for _t, p in context if p.id != place.id]
    if not others or any(p.country == place.country for p in others):
        return True
    nearest = min(haversine_km(place.latitude, place.longitude, p.latitude, p.longitude) for p in others)  # type: ignore[arg-type]
    return nearest <= LONE_PLACE_KM


class _Resolver:
    """Per-article resolution state: the focus country and what was resolved."""

    def __init__(self, article: Article, mentions: Sequence[Mention], actors: ActorDictionary, gazetteer: Gazetteer):
        self.article = article
        self.dictionary = actors
        # The article's text is scanned for place names once; focus, the
        # mentions' places and the article's geography all read that scan.
        scan = ArticleToponyms.scan(article.title, article.text, gazetteer)
        self.focus = _focus(scan, mentions, actors, gazetteer)
        spans = _place_spans(mentions)
        resolved = resolve_places(
            spans, text=article.text, gazetteer=gazetteer, country_focus=self.focus, found=scan.body_toponyms
        )
        context = _context_places(scan, gazetteer, self.focus)
        # A reading the article does not support (Kani, Japan, in a Myanmar
        # report) is no place to stand in for another either.
        context = [(t, p) for t, p in context if _plausible_in_article(p, self.focus, context)]
        self.place_at: dict[tuple[int, int], Place] = {
            (s, e): p
            for (s, e, _), p in zip(spans, resolved, strict=True)
            if p is not None and _plausible_in_article(p, self.focus, context)
        }
        self.context = context
        self.body_offset = len(article.title) + 1 if article.title else 0
        self.fallback_at: dict[tuple[int, int], Place] = {}
        self.actors: dict[str, Actor] = {}

    def actor_role(self, role: Role) -> Role:
        actor = self.dictionary.resolve(role.span.text, country_focus=self.focus, on=self.article.published)
        self.actors[actor.id] = actor
        return dataclasses.replace(role, resolved_id=actor.id, name=actor.name, kind=actor.actor_type or role.kind)

    def target_role(self, role: Role) -> Role:
        """A target has a target type (civilians, military, ...); a named group is also an actor."""
        actor = self.dictionary.resolve(role.span.text, country_focus=self.focus, on=self.article.published)
        # The resolver's target types are finer than extraction's hint ("a
        # police patrol" is police, not military), so they go first.
        of_target = target_type(role.span.text) or role.kind
        if actor.known:
            self.actors[actor.id] = actor
            if of_target is None and actor.actor_type == "state forces":
                of_target = "military"
            return dataclasses.replace(role, resolved_id=actor.id, name=actor.name, kind=of_target)
        return dataclasses.replace(role, kind=of_target)

    def place_role(self, role: Role) -> Role:
        key = (role.span.start, role.span.end)
        place = self.place_at.get(key)
        if place is None:
            # A place the gazetteer lacks ("the base at Wadi Daif") is placed
            # by the article's nearest places; the role keeps its own words.
            place = _fallback_place(role.span, self.article.text, self.body_offset, self.context)
            if place is None:
                return role  # nothing to place it by: kept with its words, never dropped
            self.fallback_at[key] = place
        return dataclasses.replace(role, resolved_id=place.id, name=place.name)

    def role(self, role: Role) -> Role:
        if role.role in ("actor", "side"):
            return self.actor_role(role)
        if role.role == "target":
            return self.target_role(role)
        if role.role == "place":
            return self.place_role(role)
        return role

    def mention(self, m: Mention) -> Mention:
        time = _time(m.time, self.article.published)
        status = historical_status(m.status, time, self.article.published)
        return dataclasses.replace(
            m,
            roles=tuple(self.role(r) for r in m.roles),
            time=time,
            status=status,
        )

    def stat_claim(self, claim: StatClaim) -> StatClaim:
        period = claim.period
        if period is not None and period.span is not None:
            period = resolve_time(period.span.text, self.article.published, span=period.span)
        return dataclasses.replace(claim, period=period)


def _used_places(resolver: _Resolver, used: set[str]) -> dict[str, Place]:
    """One Place per id: a place named outright keeps its own precision over
    the same place standing in for one the gazetteer lacks."""
    out = {p.id: p for p in resolver.fallback_at.values() if p.id in used}
    out.update({p.id: p for p in resolver.place_at.values() if p.id in used})
    return out


def resolve_document(
    article: Article,
    mentions: Sequence[Mention],
    stat_claims: Sequence[StatClaim],
    *,
    actors: ActorDictionary,
    gazetteer: Gazetteer,
) -> ResolvedDocument:
    """Fill resolved ids, names, actor and target types and date ranges into an article's records."""
    resolver = _Resolver(article, mentions, actors, gazetteer)
    resolved = tuple(resolver.mention(m) for m in mentions)
    claims = tuple(resolver.stat_claim(c) for c in stat_claims)
    used_places = {r.resolved_id for m in resolved for r in m.roles_of("place") if r.resolved_id}
    return ResolvedDocument(
        mentions=resolved,
        stat_claims=claims,
        actors=tuple(sorted(resolver.actors.values(), key=lambda a: a.id)),
        places=tuple(sorted(_used_places(resolver, used_places).values(), key=lambda p: p.id)),
    )
