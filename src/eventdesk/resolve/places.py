"""Place resolution: toponyms in an article -> GeoNames places with a precision.

Disambiguation, in the order the evidence is weighed (see ``_score``):

1. population prior: news mentions big places far more often than small ones;
2. feature class: a name that is a country's or a US state's own name
   usually means the country or the state, not a hamlet named after it;
3. the article's country focus (passed in, or voted by its toponyms and
   demonyms);
4. admin context written next to the name ("Paris, Texas", "Idlib province",
   "Springfield, Ill."), the strongest evidence there is;
5. coherence: closeness to the other places of the same article.

One unresolvable toponym gives ``None`` in its slot; the others are kept.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from eventdesk.geo import haversine_km
from eventdesk.lexicons import table
from eventdesk.records import Place
from eventdesk.resolve.demonyms import demonym_countries, demonym_country
from eventdesk.resolve.gazetteer import (
    FEATURE_ADM1,
    FEATURE_ADM2,
    FEATURE_CONTINENT,
    FEATURE_COUNTRY,
    FEATURE_PLACE,
    Gazetteer,
    GazetteerEntry,
)
from eventdesk.resolve.normalize import fold
from eventdesk.resolve.toponyms import Toponym, admin_words, find_toponyms, function_words

__all__ = [
    "ACLED_TOWN",
    "DEFAULT_WEIGHTS",
    "Weights",
    "ACLED_NEAR",
    "ACLED_REGION",
    "us_state_abbreviations",
    "country_focus",
    "event_place",
    "place_by_id",
    "resolve_places",
    "ucdp_where_prec",
]

#: ACLED geo_precision levels, used as ``Place.precision``.
ACLED_TOWN = 1
ACLED_NEAR = 2
ACLED_REGION = 3


#: AP-style and postal abbreviations of US states, for "Springfield, Ill.".
@functools.cache
def us_state_abbreviations() -> Mapping[str, str]:
    """AP-style and postal abbreviation -> postal code (data/lexicons/us-state-abbreviations.json)."""
    return table("us-state-abbreviations")


# Words before or after a toponym that make it "near X", not "in X".
_NEAR_BEFORE = re.compile(
    r"(?:near|outside|around|outskirts of|north of|south of|east of|west of|"
    r"(?:north|south|east|west)(?:east|west)? of|km (?:from|of)|kilometres (?:from|of)|"
    r"kilometers (?:from|of)|miles (?:from|of)|countryside of|suburbs of|(?:region|area|vicinity|environs) of)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_NEAR_AFTER = re.compile(
    r"^(?:'s|’s)?\s*(?:area|suburbs?|outskirts|countryside|surroundings|vicinity|environs)\b", re.I
)


@functools.cache
def _admin_after() -> re.Pattern[str]:
    """An admin word right after a name: "Idlib province"."""
    return re.compile(r"^\s+(" + "|".join(sorted(admin_words())) + r")\b", re.IGNORECASE)


_LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|inside|around|within|"
    r"outskirts of|north of|south of|east of|west of|village of|town of|city of)"
    r"\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central|rural|besieged|"
    r"town|city|village|province|region|district|area)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
# Weaker cues: motion and origin ("fighters from Homs") say where someone came
# from or went, so they count only when no "in/at/near" toponym is present.
_WEAK_LOCATIVE = re.compile(r"\b(?:from|into|onto|on|across|towards?|to)\s+(?:the\s+)?$", re.IGNORECASE)
_AFTER_COMMA = re.compile(r"^\s*,\s*([A-Z][\w.'’ -]{1,40}?)(?=[,.;:)\n]|\s+[a-z]|$)")


@dataclass(frozen=True, slots=True)
class _Option:
    entry: GazetteerEntry
    primary: bool


def _special(name: str, gazetteer: Gazetteer) -> list[GazetteerEntry] | None:
    """Readings that beat a plain name lookup, or None to do the lookup.

    Demonyms ("Russian", "Palestinians") stand for their country, AP state
    abbreviations ("W.Va.", "Ill.") for their state, and a short all-capital
    token ("US", "EU", "UK") for a country or continent, never for the
    French village "Us".
    """
    key = fold(name).replace(" ", "")
    country = demonym_country(name)
    if country is not None:
        entry = gazetteer.country(country) if len(country) == 2 else None
        if entry is not None:
            return [entry]
        return [e for e in gazetteer.candidates(country) if e.feature == FEATURE_CONTINENT]
    if "." in name and key in _CITY_ABBREVIATIONS:
        return gazetteer.candidates(_CITY_ABBREVIATIONS[key])[:1]
    if "." in name and key in us_state_abbreviations():
        state = _state_names().get(us_state_abbreviations()[key], "")
        return [e for e in gazetteer.candidates(state) if e.feature == FEATURE_ADM1]
    if name.isupper() and len(key) <= 3:
        return [e for e in gazetteer.candidates(name) if e.feature != FEATURE_PLACE]
    return None


_TITLE_PREFIX = re.compile(r"^(?:the )?(?:Republic|Kingdom|State|Commonwealth|Federation|Emirate) of ", re.IGNORECASE)


def _inner_place(words: list[str], gazetteer: Gazetteer) -> list[GazetteerEntry]:
    """The longest capitalised sub-span that names a place: "Colorado State
    University" -> Colorado, "Dubai World Cup" -> Dubai."""
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size + 1):
            part = words[i : i + size]
            if not all(w[:1].isupper() for w in part):
                continue
            if size == 1 and (part[0].lower() in function_words() or part[0].lower() in admin_words()):
                continue
            found = gazetteer.candidates(" ".join(part))
            if found:
                return found
    return []


def _candidates(surface: str, gazetteer: Gazetteer) -> tuple[list[_Option], bool, bool]:
    """Gazetteer options for a surface form, whether it named an admin area,
    and whether only a place inside the name matched (a facility or event
    named after its place).

    "Idlib province" and "Rapides Parish" are looked up whole first, then
    without the admin word; possessives ("Syria's") lose their "'s"; "the
    Republic of Armenia" is Armenia.
    """
    name = re.sub(r"(?:'s|’s)$", "", surface.strip())
    special = _special(name, gazetteer)
    if special is not None:
        return [_Option(e, True) for e in special], False, False
    found = gazetteer.matches(name)
    words = name.split()
    is_admin = bool(words) and words[-1].lower() in admin_words()
    if not found and is_admin and len(words) > 1:
        found = gazetteer.matches(" ".join(words[:-1]))
    if not found and _TITLE_PREFIX.match(name):
        found = gazetteer.matches(_TITLE_PREFIX.sub("", name))
    if not found and words and words[0].lower() == "the":
        found = gazetteer.matches(" ".join(words[1:]))
    if not found and len(words) > 1 and not is_admin:
        inner = _inner_place(words, gazetteer)
        return [_Option(e, False) for e in inner[:200]], False, bool(inner)
    return [_Option(e, p) for e, p in found[:200]], is_admin, False


def _admin_hint(text: str, end: int, gazetteer: Gazetteer) -> GazetteerEntry | None:
    """The state or country written after a comma: "Paris, Texas" -> Texas."""
    m = _AFTER_COMMA.match(text[end : end + 48])
    if not m:
        return None
    hint = m.group(1).strip().rstrip(".")
    abbrev = us_state_abbreviations().get(fold(hint).replace(" ", ""))
    for entry in gazetteer.candidates(hint):
        if entry.feature in (FEATURE_ADM1, FEATURE_COUNTRY):
            return entry
    if abbrev:
        return next(
            (e for e in gazetteer.candidates(_state_names().get(abbrev, "")) if e.feature == FEATURE_ADM1), None
        )
    return None


_CITY_ABBREVIATIONS: dict[str, str] = {"la": "Los Angeles", "nyc": "New York City"}


@functools.cache
def _state_names() -> Mapping[str, str]:
    return table("us-state-names")


@dataclass(frozen=True, slots=True)
class Weights:
    """Evidence weights of ``_score`` (log10-population units).

    Tuned on LGL and GeoWebNews as a whole (no per-article rules); the
    values and the figures they give are in docs/resolution.md.
    """

    primary: float = 1.0  # the place's own name, not an alternate spelling
    country_or_state: float = 1.5  # "Georgia", "Jordan": the country/state
    continent: float = 2.0
    big_city: int = 500_000  # a state named like a city this big means the city
    admin_word_town: float = -0.5  # "Idlib province" is not the town
    focus: float = 2.5
    share: float = 2.0
    hint_admin1: float = 6.0
    hint_country: float = 4.0
    hint_mismatch: float = -3.0
    near_50: float = 2.0
    near_150: float = 1.5
    near_400: float = 0.7
    same_admin1: float = 1.5
    lone_hamlet: int = 10_000


DEFAULT_WEIGHTS = Weights()


_CITIES500_FLOOR = 500


def _prior(option: _Option, is_admin: bool, big_city: bool = False, w: Weights = DEFAULT_WEIGHTS) -> float:
    e = option.entry
    # cities500 holds towns of 500+ people and admin seats; a town whose
    # population GeoNames does not give (0) counts as 500, not as empty.
    population = max(e.population, _CITIES500_FLOOR) if e.feature == FEATURE_PLACE else e.population
    score = math.log10(population + 1)
    if option.primary:
        score += w.primary
    if option.primary and (e.feature == FEATURE_COUNTRY or e.feature == FEATURE_ADM1):
        # A state named like a big city ("Washington", "New York") is usually the city.
        score += -w.country_or_state if big_city and e.feature == FEATURE_ADM1 else w.country_or_state
    if e.feature == FEATURE_CONTINENT and option.primary:
        score += w.continent
    if is_admin and e.feature == FEATURE_PLACE:
        score += w.admin_word_town
    return score


def _hint_score(e: GazetteerEntry, hint: GazetteerEntry | None, w: Weights) -> float:
    if hint is None:
        return 0.0
    if hint.feature == FEATURE_ADM1:
        return w.hint_admin1 if (e.country, e.admin1) == (hint.country, hint.admin1) else w.hint_mismatch
    return w.hint_country if e.country == hint.country else w.hint_mismatch


def _proximity(e: GazetteerEntry, anchors: Sequence[GazetteerEntry], w: Weights) -> float:
    """Bonus for lying close to the other places of the article: in the same
    state or province as an admin area it names, or near one of its towns or
    districts (a district has its own point since the admin2 data)."""
    if e.feature not in (FEATURE_PLACE, FEATURE_ADM2):
        return 0.0
    # Two kinds of evidence add up: lying inside an area the article names,
    # and lying near a town it names (Khanpur in Gujarat, near Godhra).
    inside = near = 0.0
    for a in anchors:
        if a.feature in (FEATURE_ADM1, FEATURE_ADM2) and (a.country, a.admin1) == (e.country, e.admin1):
            inside = w.same_admin1
        if a.feature in (FEATURE_PLACE, FEATURE_ADM2) and a.geonameid != e.geonameid and a.geonameid:
            d = haversine_km(e.latitude, e.longitude, a.latitude, a.longitude)
            near = max(near, w.near_50 if d < 50 else w.near_150 if d < 150 else w.near_400 if d < 400 else 0.0)
    return inside + near


@dataclass(frozen=True, slots=True)
class _Context:
    focus: str | None
    shares: dict[str, float]
    anchors: tuple[GazetteerEntry, ...]
    weights: Weights = DEFAULT_WEIGHTS


def _score(option: _Option, is_admin: bool, big_city: bool, hint: GazetteerEntry | None, ctx: _Context) -> float:
    e, w = option.entry, ctx.weights
    score = _prior(option, is_admin, big_city, w) + _hint_score(e, hint, w)
    if ctx.focus and e.country == ctx.focus:
        score += w.focus
    if e.country:
        score += w.share * ctx.shares.get(e.country, 0.0)
    return score + _proximity(e, ctx.anchors, w)


def _precision(entry: GazetteerEntry, text: str, start: int, end: int, is_admin: bool, partial: bool = False) -> int:
    """ACLED geo_precision: 1 the town itself, 2 near a town or a district
    (admin2), 3 a province, region or country."""
    if entry.feature == FEATURE_ADM2:
        return ACLED_NEAR
    if entry.feature != FEATURE_PLACE or is_admin or _admin_after().match(text[end : end + 20]):
        return ACLED_REGION
    if partial or _NEAR_BEFORE.search(text[max(0, start - 30) : start]) or _NEAR_AFTER.match(text[end : end + 20]):
        return ACLED_NEAR
    return ACLED_TOWN


def place_by_id(place_id: str, gazetteer: Gazetteer) -> Place | None:
    """The Place of a gazetteer id (a reviewer's choice), None for an id the
    gazetteer lacks; its precision is its kind's: a town 1, a district 2, a
    province or country 3."""
    entry = gazetteer.by_place_id(place_id)
    if entry is None:
        return None
    precision = {FEATURE_PLACE: ACLED_TOWN, FEATURE_ADM2: ACLED_NEAR}.get(entry.feature, ACLED_REGION)
    return _to_place(entry, precision, gazetteer)


def _to_place(entry: GazetteerEntry, precision: int, gazetteer: Gazetteer) -> Place:
    """The Place record; its admin1 is the area's name, as ACLED's admin1 column has it."""
    return Place(
        id=entry.place_id,
        name=entry.name,
        latitude=entry.latitude,
        longitude=entry.longitude,
        admin1=gazetteer.admin1_name(entry.country, entry.admin1) or entry.admin1,
        country=entry.country,
        feature=entry.feature,
        precision=precision,
    )


def _choose(
    options: list[_Option], is_admin: bool, hint: GazetteerEntry | None, ctx: _Context
) -> GazetteerEntry | None:
    if not options:
        return None
    big_city = any(o.entry.feature == FEATURE_PLACE and o.entry.population >= ctx.weights.big_city for o in options)
    return max(options, key=lambda o: _score(o, is_admin, big_city, hint, ctx)).entry


def _plausible_choice(
    entry: GazetteerEntry | None, hint: GazetteerEntry | None, ctx: _Context
) -> GazetteerEntry | None:
    """None rather than a hamlet abroad: a small town (under
    ``Weights.lone_hamlet`` people) in a country that neither the focus, the
    admin context nor any other toponym of the article supports is more
    likely a region or a word ("Atlantic", "Middle East") than that town."""
    if entry is None or entry.feature != FEATURE_PLACE or entry.population >= ctx.weights.lone_hamlet:
        return entry
    supported = entry.country == ctx.focus or hint is not None or ctx.shares.get(entry.country or "", 0.0) > 0
    return entry if supported else None


def _shares(chosen: Sequence[GazetteerEntry | None], skip: int) -> dict[str, float]:
    counts = Counter(e.country for i, e in enumerate(chosen) if e is not None and i != skip and e.country)
    total = sum(counts.values())
    return {c: n / total for c, n in counts.items()} if total else {}


def resolve_places(
    toponyms: Sequence[Toponym],
    *,
    text: str,
    gazetteer: Gazetteer,
    country_focus: str | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
    found: Sequence[Toponym] | None = None,
) -> list[Place | None]:
    """Resolve each (start, end, surface) toponym of ``text`` to a Place or None.

    Other toponyms that the gazetteer scan finds in ``text`` serve as
    context (focus, shares, distances) but get no output slot. ``found`` is
    that scan when the caller already has it (:func:`find_toponyms` of
    ``text``); without it ``text`` is scanned here.
    """
    given = list(toponyms)
    scanned = find_toponyms(text, gazetteer) if found is None else found
    extra = [t for t in scanned if not any(t[0] < g[1] and g[0] < t[1] for g in given)]
    context = given + extra
    focus = country_focus or _vote_focus(text, context, gazetteer)
    looked = [_candidates(surface, gazetteer) for _s, _e, surface in context]
    hints = [_admin_hint(text, end, gazetteer) for _s, end, _t in context]
    empty = _Context(focus, {}, (), weights)
    chosen = [_choose(o, a, h, empty) for (o, a, _p), h in zip(looked, hints, strict=True)]
    # Second pass: re-score every toponym against the first-pass choices of
    # the *other* toponyms (country shares and distances).
    final: list[GazetteerEntry | None] = []
    for i in range(len(given)):
        (options, is_admin, _partial), hint = looked[i], hints[i]
        surface_key = fold(context[i][2])
        anchors = tuple(e for j, e in enumerate(chosen) if e is not None and fold(context[j][2]) != surface_key)
        ctx = _Context(focus, _shares(chosen, i), anchors, weights)
        final.append(_plausible_choice(_choose(options, is_admin, hint, ctx), hint, ctx))
    return [
        None if e is None else _to_place(e, _precision(e, text, s, t, looked[i][1], looked[i][2]), gazetteer)
        for i, (e, (s, t, _x)) in enumerate(zip(final, given, strict=True))
    ]


def country_focus(text: str, toponyms: Sequence[Toponym], gazetteer: Gazetteer) -> str | None:
    """The ISO2 country an article is mostly about, or None (see ``_vote_focus``)."""
    return _vote_focus(text, toponyms, gazetteer)


# Phrases only US local news uses for its admin areas, law enforcement and
# schools ("Rapides Parish", "Sheriff's Office"; Irish "County Cork" has the
# name after). Each kind found is one US vote, so a local paper's story about
# "Paris" or "Dublin" leans to the US town.
_US_CUES = (
    re.compile(r"\b[A-Z][a-z]+ (?:County|Parish)\b"),
    re.compile(
        r"\bSheriff(?:'s|’s)? (?:Office|Department|deputies)\b|\bsheriff(?:'s|’s) (?:office|department|deputies)\b"
    ),
    re.compile(r"\b[A-Z][a-z]+ Township\b|\bInterstate \d|\bI-\d"),
    re.compile(r"\b(?:Police|Fire) Department\b|\b(?:police|fire) department\b"),
    re.compile(r"\b(?:High|Elementary|Middle) School\b|\b(?:School Board|Board of Education|school district)\b"),
    re.compile(r"\b(?:Gov|Sen|Rep)\. [A-Z]|\bstate (?:legislature|lawmakers|senator)\b"),
)
_US_CUE_VOTE = 1.0


def _vote_focus(text: str, toponyms: Sequence[Toponym], gazetteer: Gazetteer) -> str | None:
    """The ISO2 country an article is mostly about, or None.

    Votes: each toponym's most populous reading (a country named outright
    counts double) and each demonym ("Syrian", "Iraqi"). Needs a clear
    plurality, so a two-country story gives the bigger one or None on a tie.
    """
    votes: dict[str, float] = {}

    def vote(cc: str, weight: float) -> None:
        votes[cc] = votes.get(cc, 0.0) + weight

    # One vote per distinct name: "Paris" written six times in a Texas paper
    # is still one ambiguous name, not six votes for France.
    distinct = {fold(t[2]): t[2] for t in reversed(list(toponyms))}  # first spelling of each name
    for surface in distinct.values():
        options, _admin, partial = _candidates(surface, gazetteer)
        if partial:
            continue  # "Colorado State University" says little about the focus
        if not options:
            continue
        top = max(options, key=lambda o: _prior(o, False)).entry
        if top.country:
            vote(top.country, 1.0 if top.feature == FEATURE_COUNTRY else 0.5)
        # Half a vote spread over every country holding a place of that name:
        # a name found in one country only ("Cottonport") is strong evidence,
        # one found everywhere ("Paris") is weak.
        held = {o.entry.country for o in options if o.entry.country}
        for cc in held:
            vote(cc, 0.5 / len(held))
    for cc in demonym_countries(text):
        vote(cc, 1.0)
    for cue in _US_CUES:
        if cue.search(text):
            vote("US", _US_CUE_VOTE)
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if not ranked:
        return None
    return None if len(ranked) > 1 and ranked[1][1] == ranked[0][1] else ranked[0][0]


def event_place(toponyms: Sequence[Toponym], *, text: str, trigger: int) -> Toponym | None:
    """The toponym where an event happened, given its trigger offset.

    Toponyms under a locative preposition ("in", "at", "near", "outside",
    "the town of" ...) qualify first, the closest to the trigger winning
    (same sentence preferred). Origin and motion cues ("fighters from Homs",
    "marched to Hama") count only when no locative toponym exists. Places
    merely mentioned otherwise are left out: None when nothing qualifies.
    """
    best: tuple[int, float, Toponym] | None = None
    for top in toponyms:
        start, end, _surface = top
        before = text[max(0, start - 40) : start]
        tier = 0 if _LOCATIVE.search(before) else 1 if _WEAK_LOCATIVE.search(before) else None
        if tier is None:
            continue
        lo, hi = min(end, trigger), max(start, trigger)
        distance = float(abs(hi - lo))
        if re.search(r"[.!?]\s", text[lo:hi]):
            distance += 10_000  # another sentence
        if best is None or (tier, distance) < best[:2]:
            best = (tier, distance, top)
    return None if best is None else best[2]


def ucdp_where_prec(place: Place) -> int:
    """UCDP GED where_prec (1 exact .. 7 international) for a resolved Place."""
    if place.feature == FEATURE_CONTINENT:
        return 7
    if place.feature == FEATURE_COUNTRY:
        return 6
    if place.feature == FEATURE_ADM2:
        return 3
    if place.feature == FEATURE_ADM1 or place.precision == ACLED_REGION:
        return 4
    return 2 if place.precision == ACLED_NEAR else 1
