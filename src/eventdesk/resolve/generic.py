"""Generic descriptions -> ACLED actor types and GTD target families.

Reports often name no group: "gunmen", "rebels", "protesters". Counting by
actor type still works if those resolve to the ACLED "inter" family, and
counting targets ("what share hit state forces?") needs the GTD-like target
family of phrases like "Syrian security forces" or "a peasant".

Both tables are ordered lists of (family, words): the first family with a
word in the phrase wins, so more specific families come first (a "police
station" is police, not business; "journalists" before "civilians").
"""

from __future__ import annotations

import re

from eventdesk.resolve.normalize import fold_keep_articles

__all__ = ["ACTOR_TYPES", "TARGET_TYPES", "actor_type_of", "target_type"]

#: ACLED "inter" families, the values of ``Actor.actor_type``.
ACTOR_TYPES: tuple[str, ...] = (
    "state forces",
    "rebel group",
    "political militia",
    "identity militia",
    "rioters",
    "protesters",
    "civilians",
    "external forces",
)

_ACTOR_WORDS: tuple[tuple[str, str], ...] = (
    (
        "external forces",
        r"peacekeepers?|peacekeeping|coalition (?:forces|troops|aircraft|jets|warplanes)|foreign (?:forces|troops)|international forces|nato",
    ),
    ("protesters", r"protesters?|protestors?|demonstrators?|marchers|activists staged|strikers"),
    ("rioters", r"rioters?|mobs?|looters?|rampaging"),
    (
        "identity militia",
        r"(?:tribal|ethnic|communal|clan|village|vigilante|self defen[cs]e) (?:militias?|fighters|gunmen|groups?)|vigilantes?|herders? militias?|tribesmen|clansmen",
    ),
    (
        "political militia",
        r"militias?|militiamen|gunmen|armed men|unidentified (?:armed )?(?:men|assailants|attackers)|assailants|attackers|cartels?|gangs?|gang members|hitmen|paramilitar(?:y|ies)",
    ),
    (
        "rebel group",
        r"rebels?|insurgents?|militants?|jihadists?|jihadis|extremists?|terrorists?|guerrillas?|separatists?|fighters|mujahideen|islamists?",
    ),
    (
        "state forces",
        r"soldiers?|troops|army|military|armed forces|security forces|government forces|regime forces|pro government forces|police(?:men|man| officers?)?|policemen|gendarmes?|gendarmerie|air force|navy|marines|national guard|border guards?|warplanes|jets|airstrikes?|drones?",
    ),
    (
        "civilians",
        r"civilians?|villagers?|residents?|farmers?|peasants?|herders?|worshippers?|pilgrims|passers? by|pedestrians|students?|children|women|families|people|shoppers|displaced|refugees?|inhabitants",
    ),
)

#: GTD-like target families, the values of :func:`target_type`.
TARGET_TYPES: tuple[str, ...] = (
    "journalists",
    "diplomatic",
    "religious",
    "educational",
    "police",
    "military",
    "government",
    "non-state militia",
    "ngo",
    "tourists",
    "airports",
    "maritime",
    "transportation",
    "utilities",
    "telecommunication",
    "business",
    "civilians",
)

_TARGET_WORDS: tuple[tuple[str, str], ...] = (
    (
        "journalists",
        r"journalists?|reporters?|photographers?|photojournalists?|cameram[ae]n|media|newspapers?|broadcasters?|tv stations?|radio stations?|bloggers?",
    ),
    ("diplomatic", r"embass(?:y|ies)|consulates?|diplomats?|ambassadors?|diplomatic"),
    (
        "religious",
        r"mosques?|churche?s?|imams?|priests?|clerics?|pastors?|monks?|nuns?|rabbis?|synagogues?|temples?|shrines?|worshippers?|pilgrims?|religious|sheikhs?|scholars?|madrass?as?|seminar(?:y|ies)",
    ),
    (
        "educational",
        r"schools?|students?|teachers?|pupils|universit(?:y|ies)|colleges?|schoolchildren|schoolgirls|campus",
    ),
    (
        "police",
        r"police(?:m[ae]n| officers?| stations?| posts?| checkpoints?)?|gendarmes?|gendarmerie|constables?|traffic officers?",
    ),
    (
        "military",
        r"soldiers?|troops|army|military|armed forces|security forces|government forces|regime forces|state forces|base|barracks|checkpoints?|convoys?|marines|national guard|border guards?|officers|commanders?|generals?|peshmerga",
    ),
    (
        "government",
        r"officials?|governors?|ministers?|ministr(?:y|ies)|mayors?|lawmakers?|parliament(?:arians?)?|mps|government|judges?|courts?|councill?ors?|politicians?|polling stations?|election|candidates?|civil servants?|administration",
    ),
    (
        "non-state militia",
        r"militants?|rebels?|insurgents?|fighters|militias?|militiamen|jihadists?|gunmen|extremists?|members of|commanders? of",
    ),
    ("ngo", r"aid workers?|ngos?|humanitarian|charity|charities|red cross|red crescent|un staff|relief workers?"),
    ("tourists", r"tourists?|holidaymakers|foreign visitors"),
    ("airports", r"airports?|aircraft|airplanes?|planes?|airliners?|helicopters?"),
    ("maritime", r"ships?|vessels?|boats?|tankers?|ports?|fishermen"),
    (
        "transportation",
        r"buse?s?|trains?|railways?|roads?|bridges?|highways?|trucks?|lorr(?:y|ies)|taxis?|passengers?|travell?ers?|commuters?",
    ),
    (
        "utilities",
        r"power (?:plants?|stations?|lines?)|electricity|pipelines?|water (?:supply|plants?)|dams?|oil (?:fields?|facilit(?:y|ies))|gas (?:fields?|facilit(?:y|ies))",
    ),
    ("telecommunication", r"telecoms?|telecommunications?|phone masts?|cell towers?|internet"),
    (
        "business",
        r"shops?|markets?|banks?|business(?:es|men|man)?|hotels?|restaurants?|compan(?:y|ies)|factor(?:y|ies)|merchants?|traders?|shopkeepers?|stores?|contractors?|workers?|employees?",
    ),
    (
        "civilians",
        r"civilians?|villagers?|residents?|farmers?|peasants?|herders?|herdsmen|people|m[ae]n|wom[ae]n|child(?:ren)?|famil(?:y|ies)|boys?|girls?|elders?|passers? by|pedestrians|displaced|refugees?|citizens?|inhabitants|villages?|homes?|houses?|neighbou?rhoods?|camps?|wedding|funeral|mourners|crowds?|shoppers|worshipers",
    ),
)


def _compile(table: tuple[tuple[str, str], ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((family, re.compile(rf"\b(?:{words})\b")) for family, words in table)


_ACTOR_RE = _compile(_ACTOR_WORDS)
_TARGET_RE = _compile(_TARGET_WORDS)


def _first(table: tuple[tuple[str, re.Pattern[str]], ...], phrase: str) -> str | None:
    text = fold_keep_articles(phrase)
    return next((family for family, rx in table if rx.search(text)), None)


def actor_type_of(phrase: str) -> str | None:
    """The ACLED actor type a generic description implies, or None.

    >>> actor_type_of("unidentified gunmen")
    'political militia'
    """
    return _first(_ACTOR_RE, phrase)


def target_type(phrase: str) -> str | None:
    """The GTD-like target family of a noun phrase, or None.

    >>> target_type("Syrian security forces")
    'military'
    >>> target_type("a peasant")
    'civilians'
    """
    return _first(_TARGET_RE, phrase)
