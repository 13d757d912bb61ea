"""From eventdesk mentions to MUC-4 templates, so the pipeline can be scored on MUC-4.

MUC-4 records *terrorist incidents* (template-doc-part1.v7, section 1.0):
violence by clandestine groups against non-combatants, or by the state
against civilians. Clashes between guerrillas and the military are not
relevant, nor are protests. Accomplished, attempted and threatened incidents
all get a template (slot 5). The tables below say how our ACLED sub-event
types become MUC incident types; they are data so docs/evaluation.md can
show them and a reviewer can change them in one place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from eventdesk.eval.muc4.metrics import ROLES, normalize_mention
from eventdesk.records import Mention, Place, Role

__all__ = [
    "COUNTRY_NAMES",
    "STATUS_CONFIDENCE",
    "SUB_EVENT_TO_MUC",
    "mentions_to_muc_templates",
    "muc_incident_type",
]

#: ACLED sub-event type -> MUC incident type. "?attack" means: an attack only
#: when some target is not military (MUC excludes guerrilla-vs-army combat).
#: Sub-types absent here (protests, agreements, arrests, ...) never make a template.
SUB_EVENT_TO_MUC: dict[str, str] = {
    "Attack": "attack",
    "Sexual violence": "attack",
    "Abduction/forced disappearance": "kidnapping",
    "Remote explosive/landmine/IED": "bombing",
    "Suicide bomb": "bombing",
    "Grenade": "bombing",
    "Disrupted weapons use": "bombing",  # a bomb found or defused: an ATTEMPTED bombing in MUC
    "Air/drone strike": "?attack",
    "Shelling/artillery/missile attack": "?attack",
    "Chemical weapon": "attack",
    "Armed clash": "?attack",
    "Government regains territory": "?attack",
    "Non-state actor overtakes territory": "?attack",
    "Looting/property destruction": "attack",  # refined to arson / robbery by cue words
    "Mob violence": "?attack",
    "Other": "",  # only a forced work stoppage, by cue words
}

#: Cue words (in the mention's sentence) that refine an incident type.
_ARSON_CUES = ("burn", "arson", "set fire", "set on fire", "torch", "ablaze", "incendiar", "molotov")
_ROBBERY_CUES = ("rob", "loot", "steal", "stole", "hold-up", "holdup", "plunder")
_STOPPAGE_CUES = ("work stoppage", "armed strike", "armed stoppage", "paro armado", "transport strike")
_ATTEMPT_CUES = ("attempt", "tried to", "foiled", "defused", "deactivated", "failed to explode", "thwarted")

#: Our epistemic status -> MUC stage of execution; statuses absent here make no template
#: (denied, negated and hypothetical events did not happen or are not even threatened).
_STATUS_STAGE: dict[str, str] = {
    "asserted": "ACCOMPLISHED",
    "reported": "ACCOMPLISHED",
    "alleged": "ACCOMPLISHED",
    "claimed": "ACCOMPLISHED",
    "planned": "THREATENED",
}

#: Our status -> MUC perpetrator-organisation confidence (slot 11).
STATUS_CONFIDENCE: dict[str, str] = {
    "asserted": "REPORTED AS FACT",
    "reported": "REPORTED AS FACT",
    "claimed": "CLAIMED OR ADMITTED",
    "alleged": "SUSPECTED OR ACCUSED",
    "planned": "POSSIBLE",
}

#: ISO 3166 alpha-2 -> the country name the MUC-4 keys use.
COUNTRY_NAMES: dict[str, str] = {
    "SV": "EL SALVADOR", "GT": "GUATEMALA", "HN": "HONDURAS", "AR": "ARGENTINA", "BO": "BOLIVIA",
    "CL": "CHILE", "CO": "COLOMBIA", "EC": "ECUADOR", "PE": "PERU", "NI": "NICARAGUA", "PA": "PANAMA",
    "VE": "VENEZUELA", "BR": "BRAZIL", "MX": "MEXICO", "CU": "CUBA", "US": "UNITED STATES", "ES": "SPAIN",
    "JM": "JAMAICA", "CR": "COSTA RICA",
}  # fmt: skip

_MILITARY_KINDS = {"military", "police", "state forces", "terrorists/non-state militia", "rebel groups"}
_PEOPLE_KINDS = {"civilians", "private citizens", "journalists", "tourists", "religious figures", "ngo"}
_THING_KINDS = {
    "business", "infrastructure", "utilities", "transportation", "telecommunication", "airports",
    "maritime", "food or water supply", "educational institution", "property",
}  # fmt: skip
_THING_HEADS = {
    "building", "buildings", "office", "offices", "headquarters", "station", "substation", "tower", "towers",
    "pipeline", "bus", "buses", "car", "cars", "vehicle", "vehicles", "truck", "house", "houses", "home",
    "residence", "embassy", "bank", "church", "bridge", "plant", "post", "posts", "line", "lines", "store",
    "stores", "shop", "school", "facilities", "installations", "airport", "train", "trains", "helicopter",
    "aircraft", "plane", "farm", "mill", "premises", "branch", "hotel", "restaurant", "market", "road",
    "highway", "poles", "pylons", "dam", "well", "camp", "base", "barracks", "garrison", "outpost", "chapel",
    "hall", "center", "centre", "factory", "warehouse", "port", "terminal", "antenna", "transformer",
    "transformers", "installation", "property", "properties", "vessel", "ship", "boat", "jeep", "motorcycle",
    "system", "hospital", "ambulance", "wagon", "institute", "institutes", "firm", "branches", "corporation",
    "drugstore", "consulate", "embassies", "structures", "shops", "businesses", "newspaper", "flagship", "mansion",
    "powerline", "pylon", "department", "council", "company", "agency", "ministry", "apartment",
    "headquarter", "stations", "substations", "plants", "banks", "churches", "bridges", "schools", "university",
    "residences", "homes", "airplane", "centers", "centres", "727",
}  # fmt: skip
_ORG_HEADS = {
    "army", "front", "party", "group", "cartel", "path", "movement", "forces", "police", "government",
    "brigade", "command", "organization", "organisation", "union", "alliance", "guard", "battalion",
    "military", "administration", "extraditables", "council", "ministry", "state", "militia", "coalition",
    "department", "force", "armies", "detachment", "association", "federation", "embassy",
}  # fmt: skip
_STAGE_RANK = {"ACCOMPLISHED": 3, "ATTEMPTED": 2, "THREATENED": 1}
_CONFIDENCE_RANK = {
    v: i for i, v in enumerate(("POSSIBLE", "SUSPECTED OR ACCUSED", "CLAIMED OR ADMITTED", "REPORTED AS FACT"))
}


def _cue(text: str, cues: Sequence[str]) -> bool:
    low = text.lower()
    return any(c in low for c in cues)


def _sentence(mention: Mention, text: str) -> str:
    s = mention.sentence
    return text[s.start : s.end] if s.end <= len(text) else s.text


def _targets_only_armed(mention: Mention) -> bool:
    targets = mention.roles_of("target")
    return bool(targets) and all((t.kind or "").lower() in _MILITARY_KINDS for t in targets)


def muc_incident_type(mention: Mention, text: str) -> str | None:
    """The MUC incident type of one mention, or None when MUC-4 would not record it."""
    sentence = _sentence(mention, text)
    mapped = SUB_EVENT_TO_MUC.get(mention.sub_event_type)
    trigger = mention.trigger.text.lower()
    if (
        (trigger in _SEIZURE_TRIGGERS or _head(trigger) in _THING_WEAPON_HEADS)
        and _cue(sentence, _SEIZURE_CUES) and not mention.casualties
        and all(_head(_clean(_span_text(t, text))) in _THING_WEAPON_HEADS for t in mention.roles_of("target"))
    ):  # fmt: skip
        return None  # arms seized or found: no incident
    if mention.sub_event_type == "Other" or mapped is None:
        stoppage = mention.event_type in ("Strategic developments", "Protests") and _cue(sentence, _STOPPAGE_CUES)
        return "forced work stoppage" if stoppage else None
    if mapped.startswith("?"):
        # Combat counts only when it hits someone or something outside the armed forces.
        targets = mention.roles_of("target")
        if not targets or _targets_only_armed(mention):
            return None
        mapped = mapped[1:]
    if mention.sub_event_type == "Looting/property destruction":
        if _cue(sentence, _ARSON_CUES):
            return "arson"
        return "robbery" if _cue(sentence, _ROBBERY_CUES) else "attack"
    if mapped == "attack" and _cue(sentence, _ARSON_CUES) and not mention.casualties:
        return "arson"
    return mapped


def _stage(mention: Mention, text: str) -> str | None:
    stage = _STATUS_STAGE.get(mention.status)
    if stage == "ACCOMPLISHED" and (
        mention.sub_event_type == "Disrupted weapons use" or _cue(_sentence(mention, text), _ATTEMPT_CUES)
    ):
        return "ATTEMPTED"
    return stage


def _span_text(role: Role, text: str) -> str:
    s = role.span
    return text[s.start : s.end] if s.end <= len(text) and text[s.start : s.end] else s.text


#: Where a noun phrase's modifiers start: the head noun is the last word before the first of these.
_POSTMODIFIER = re.compile(
    r",|\(| (?:that|which|who|whom|where|of|belonging|located|in|on|at|from|with|near|carrying|dressed|wearing) "
)
#: Heads that make a phrase a set of individuals, even before "of" ("members of the FMLN").
_INDIVIDUAL_HEADS = {"members", "member", "group", "column", "band", "one", "some", "men", "unit", "squad", "commandos"}


def _head(phrase: str) -> str:
    """The head noun: the last word before any post-modifier ("offices of the mayor" -> "offices")."""
    words = normalize_mention(_POSTMODIFIER.split(phrase.lower(), maxsplit=1)[0]).split()
    return words[-1] if words else ""


def _is_acronym(phrase: str) -> bool:
    """An organisation's acronym, also in lower-cased archives: one short word with at most one vowel
    ("FMLN", "fmln", "urng", "eln"), not a common word."""
    word = normalize_mention(phrase)
    if " " in word or not word.isalpha() or not 2 <= len(word) <= 5:
        return False
    if phrase.strip().isupper():
        return True
    vowels = sum(ch in "aeiou" for ch in word)
    return len(word) >= 3 and vowels <= 1 and word not in _FUNCTION_WORDS and word not in _PERSON_WORDS


#: Heads of a phrase naming members of an organisation by a modifier ("army troops", "fmln guerrillas").
_MEMBER_HEADS = {
    "troops", "members", "soldiers", "units", "personnel", "agents", "elements", "officers", "commandos",
    "guerrillas", "rebels", "men", "fighters", "militants",
}  # fmt: skip


def _org_modifier(phrase: str) -> str | None:
    """The organisation in "guatemalan army troops" ("guatemalan army"), "national police members",
    "fmln guerrillas" ("fmln"): the words up to the last organisation word or acronym before the head."""
    words = phrase.split()
    if len(words) < 2 or " of " in phrase or _head(phrase) not in _MEMBER_HEADS:
        return None
    low = [normalize_mention(w) for w in words[:-1]]
    cut = max((i for i, w in enumerate(low) if w in _ORG_HEADS or _is_acronym(w)), default=-1)
    return " ".join(words[: cut + 1]) if cut >= 0 else None


def _actor_slot(role: Role, phrase: str) -> str:
    """PerpOrg for organisations (organisation heads, acronyms, resolved proper names), else PerpInd."""
    head = _head(phrase)
    if head in _INDIVIDUAL_HEADS:
        return "PerpInd"
    if head in _ORG_HEADS or (phrase.isupper() and len(phrase) >= 2 and " " not in phrase):
        return "PerpOrg"
    if head in _PERSON_WORDS:
        return "PerpInd"  # "Guerrillas attacked ...": individuals, even when the resolver knows the word
    if _is_acronym(phrase):
        return "PerpOrg"
    return "PerpOrg" if role.resolved_id and phrase[:1].isupper() else "PerpInd"


def _target_slot(role: Role, phrase: str) -> str:
    """Target for physical targets and institutions, Victim for people."""
    kind, head = (role.kind or "").lower(), _head(phrase)
    if head in _THING_HEADS:
        return "Target"  # "merino's home": a building, whoever lives there
    if kind in _PEOPLE_KINDS or head in _PERSON_WORDS:
        return "Victim"
    return "Target" if head in _THING_HEADS or kind in _THING_KINDS else "Victim"


#: Words that never start a MUC filler (gold keeps numbers, not determiners or vague quantifiers).
_LEADING_DROP = {
    "his", "her", "their", "its", "our", "my", "your", "this", "these", "those", "that", "such",
    "several", "many", "numerous", "various", "all", "much",
}  # fmt: skip
#: Function words and pronouns: a filler made only of these (or naming no one) is no filler.
_FUNCTION_WORDS = {
    "of", "and", "or", "the", "a", "an", "in", "on", "at", "for", "to", "from", "with", "by", "who", "whom",
    "which", "that", "this", "these", "those", "it", "its", "he", "him", "his", "she", "her", "they", "them",
    "their", "we", "us", "our", "i", "me", "my", "you", "your", "one", "no", "none", "nobody", "somebody",
    "someone", "anyone", "everyone", "anybody", "another", "other", "others", "all", "some", "several", "many",
    "much", "numerous", "various", "both", "each", "few", "more", "most", "such", "total", "number", "whose",
    "y", "de", "del", "la", "el", "los", "las",
}  # fmt: skip
#: Head nouns of events, abstractions and measures: never a perpetrator, target or victim.
_NON_ENTITY_HEADS = {
    "attack", "attacks", "attempt", "action", "actions", "operation", "operations", "crime", "crimes", "killing",
    "killings", "murder", "murders", "assassination", "bombing", "bombings", "impact", "determination",
    "plot", "order", "orders", "evidence", "invitation", "package", "threats", "threat", "violence", "terrorism",
    "trafficking", "corruption", "subversion", "extortion", "robbery", "assault", "battery", "activities",
    "freedom", "power", "time", "proportions", "interests", "objectives", "targets", "positions", "places",
    "shots", "gunfire", "gunshots", "kg", "kilograms", "pounds", "gmt", "imperialism", "words", "passage",
    "windows", "shelves", "documents", "ammunition", "materiel", "rounds", "backpacks", "arsenal",
}  # fmt: skip
#: Place nouns: a place is not a victim or perpetrator (the place slot is scored apart).
_PLACE_HEADS = {
    "neighborhood", "neighborhoods", "area", "areas", "outskirts", "capital", "nation", "country", "sector",
    "sectors", "avenue", "street", "floor", "village", "town", "city", "region", "zone", "zones", "department",
    "province", "jail", "prison",
}  # fmt: skip
#: Titles and descriptions that precede a name ("judge mariela espinosa arango", "colonel ponce"): MUC-4
#: victims are named people (HUM TGT: NAME), so the name is what follows the last of these.
_NAME_DESCRIPTORS = {
    "mr", "mrs", "ms", "miss", "dr", "doctor", "father", "msgr", "monsignor", "archbishop", "bishop", "priest",
    "priests", "reverend", "rev", "sister", "brother", "col", "colonel", "gen", "general", "maj", "major",
    "capt", "captain", "lt", "lieutenant", "sgt", "sergeant", "commander", "chief", "director", "governor",
    "mayor", "president", "vice", "minister", "secretary", "senator", "deputy", "congressman", "councilman",
    "judge", "justice", "attorney", "prosecutor", "ambassador", "consul", "candidate", "leader", "leaders",
    "journalist", "reporter", "writer", "editor", "publisher", "businessman", "industrialist", "engineer",
    "technician", "student", "professor", "rector", "peasant", "peasants", "minor", "son", "daughter", "wife",
    "husband", "widow", "official", "officer", "agent", "member", "activist", "unionist", "former", "late",
    "liberal", "conservative", "rightist", "leftist", "presidential", "police", "army", "national", "supreme",
    "court", "party", "union", "mr.", "dr.", "col.", "gen.", "u.s.", "us", "jesuit", "missionary",
}  # fmt: skip
#: Common nouns for people and groups: a phrase headed by one of these describes, it does not name.
_PERSON_WORDS = {
    "people", "persons", "person", "man", "men", "woman", "women", "child", "children", "boy", "boys", "girl",
    "girls", "civilian", "civilians", "citizen", "citizens", "peasant", "peasants", "farmer", "farmers",
    "worker", "workers", "student", "students", "youths", "youth", "priest", "priests", "jesuit", "jesuits",
    "judge", "judges", "official", "officials", "leader", "leaders", "member", "members", "soldier", "soldiers",
    "troops", "policeman", "policemen", "police", "guard", "guards", "bodyguard", "bodyguards", "driver",
    "passengers", "passenger", "crew", "passerby", "victims", "victim", "corpses", "prisoners", "prisoner",
    "hostages", "hostage", "suspects", "suspect", "guerrillas", "guerrilla", "rebel", "rebels", "terrorist",
    "terrorists", "subversives", "comrades", "brothers", "population", "foreigners", "americans", "journalists",
    "reporters", "lawyers", "engineers", "technician", "missionaries", "businessmen", "businessman", "fighters",
    "counterrevolutionaries", "individuals", "somebody", "lords", "clergyman", "archbishop", "institutions",
    "organizations", "units", "unit", "group", "groups", "army", "forces", "personnel", "officers", "officer",
    "regiment", "column", "assassins", "assassin", "killers", "killer", "gunmen", "gunman", "murderers",
    "kidnappers", "attackers", "assailants", "commandos", "mercenaries", "criminals", "militants", "sons", "son", "daughter", "brother", "family", "families",
}  # fmt: skip
_THING_WEAPON_HEADS = {
    "rifle", "rifles", "pistol", "pistols", "grenade", "grenades", "launcher", "launchers", "bomb", "bombs",
    "dynamite", "explosive", "explosives", "charge", "charges", "mine", "mines", "rocket", "rockets", "missile",
    "missiles", "mortar", "mortars", "machinegun", "machineguns", "guns", "gun", "carbines", "bullet", "bullets",
    "device", "devices", "car-bomb", "truck-bomb", "truck",
}  # fmt: skip
_NUMBER_WORD = re.compile(r"^\d[\d,.:]*$")
#: A leading count: MUC-4 target fillers never keep it ("seven private bank branches" -> "private bank branches").
_LEADING_COUNT = re.compile(
    r"^(?:(?:at\s+)?least\s+|more\s+than\s+|over\s+|about\s+|nearly\s+|some\s+)?"
    r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens of|hundreds of)\s+",
    re.IGNORECASE,
)
#: Seizing or finding arms is not a terrorist incident (an arms cache is not a bombing).
_SEIZURE_CUES = ("seiz", "confiscat", "cache", "arsenal", "war materiel", "recovered", "found")
_SEIZURE_TRIGGERS = ("seize", "seized", "seizure", "confiscate", "confiscated", "capture", "captured", "found")


def _words(phrase: str) -> list[str]:
    """The phrase's words without surrounding punctuation and without a final possessive "'s" (case kept)."""
    out = [w for w in (w.strip('.,;:!?"()[]{}`') for w in phrase.split()) if w]
    if out and out[-1].lower().endswith(("'s", "\u2019s")):
        out[-1] = out[-1][:-2]
    if out and out[-1].endswith(("'", "\u2019")):
        out[-1] = out[-1][:-1]
    return [w for w in out if w]


def _clean(phrase: str) -> str:
    """The filler as MUC annotators write it: no possessive 's, no leading possessive or vague quantifier,
    "the number of guerrillas" -> "guerrillas"."""
    words = _words(phrase)
    low = [w.lower() for w in words]
    if len(low) > 3 and low[0] in ("the", "a") and low[1] in ("number", "group") and low[2] == "of":
        words, low = (words[3:], low[3:]) if low[1] == "number" else (words[1:], low[1:])
    while len(low) > 1 and (low[0] in _LEADING_DROP or low[0] in ("the", "a", "an")):
        words, low = words[1:], low[1:]
    return " ".join(words)


def _is_entity(words: list[str]) -> bool:
    """Not a pronoun, number, date, event, abstraction, measure or place."""
    words = [w.lower() for w in words]
    head = _head(" ".join(words))
    if not words or words[0] in ("no", "none") or all(w in _FUNCTION_WORDS or _NUMBER_WORD.match(w) for w in words):
        return False
    return head not in _NON_ENTITY_HEADS and head not in _PLACE_HEADS and not _NUMBER_WORD.match(head)


def _victim_name(phrase: str) -> str | None:
    """The person's name in a victim phrase ("antioquia governor antonio roldan" -> "antonio roldan"),
    or None when the phrase describes rather than names (MUC-4's scored victims are names)."""
    original = _words(phrase)
    words = [w.lower() for w in original]
    if any(ch.isdigit() for w in words for ch in w):
        return None
    cut = max((i for i, w in enumerate(words) if w in _NAME_DESCRIPTORS), default=-1)
    name = words[cut + 1 :]
    if not name or len(name) > 5 or any("," in w for w in name):
        return None
    blocked = _FUNCTION_WORDS - {"y", "de", "del", "la", "el", "los", "las"}
    for w in name:
        if (
            w in blocked or w in _PERSON_WORDS or w in _NON_ENTITY_HEADS or w in _PLACE_HEADS
            or w in _THING_HEADS or w in _ORG_HEADS or w in _THING_WEAPON_HEADS
            or w.endswith(("ing", "tion", "ment", "ness", "ity", "ism", "ians", "ans", "ists"))
        ):  # fmt: skip
            return None
    if name[0] in ("y", "de", "del", "la", "el", "los", "las") or name[-1] in ("y", "de", "del"):
        return None
    return " ".join(original[cut + 1 :])


_CLAUSE_WORDS = re.compile(r"[^\s,;:()\[\]\"]+")


_APPOSITION = re.compile(r"\s*,\s*([^,;:()\[\]\".]{3,80}?)\s*(?:,|\bwho\b|\bwere\b|\bwas\b)")


def _apposed_names(role: Role, text: str) -> list[str]:
    """Names apposed to a description: "two of her bodyguards, dagoberto rodriguez and alfonso de lima, were
    killed" -> the two names (only when every part of the apposition passes the name test)."""
    s = role.span
    m = _APPOSITION.match(text, s.end) if s.end <= len(text) else None
    if m is None:
        return []
    parts = [p.strip() for p in re.split(r"\s+and\s+|\s*,\s*", m.group(1)) if p.strip()]
    names = [_victim_name(p) for p in parts]
    return [n for n in names if n] if parts and all(n == p for n, p in zip(names, parts, strict=True)) else []


def _full_name(name: str, text: str) -> str:
    """The longest form of a victim's name the article gives after a title or description.

    "col quintero" is first named "colonel waldemar franklin quintero" elsewhere: the words
    between the last title/description word and the name are taken when they pass the name
    test. Only words of the same clause (no comma or parenthesis in between) count.
    """
    best = name
    pattern = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", re.IGNORECASE)
    for m in pattern.finditer(text):
        before = text[max(0, m.start() - 80) : m.start()]
        clause = re.split(r"[,;:()\[\]\"\n.]", before)[-1]
        words = _CLAUSE_WORDS.findall(clause)[-5:]
        low = [w.lower() for w in words]
        cut = max((i for i, w in enumerate(low) if w in _NAME_DESCRIPTORS), default=-1)
        if cut < 0 or cut == len(words) - 1:
            continue
        candidate = " ".join(words[cut + 1 :] + [m.group(0)])
        if _victim_name(candidate) == candidate and len(candidate) > len(best):
            best = candidate
    return best


def _fillers(mention: Mention, text: str) -> dict[str, list[tuple[str, str]]]:
    """(slot -> [(entity key, phrase)]) for one mention; the key groups coreferent mentions."""
    out: dict[str, list[tuple[str, str]]] = {role: [] for role in ROLES}
    for role in mention.roles:
        if role.role not in ("actor", "target", "weapon"):
            continue
        raw = _span_text(role, text)
        phrase = _clean(raw)
        words = phrase.split()
        key = role.resolved_id or normalize_mention(phrase)
        if role.role == "weapon":
            if words and not all(_NUMBER_WORD.match(w) for w in words):
                # "90-mm, 60-mm, and 81-mm mortars and 85-mm field guns": two weapons
                parts = [p.strip(" ,") for p in phrase.rsplit(" and ", 1)]
                if len(parts) > 1 and all(_head(p) in _THING_WEAPON_HEADS for p in parts):
                    out["Weapon"].extend((normalize_mention(p), p) for p in parts)
                else:
                    out["Weapon"].append((key, phrase))
            continue
        if not _is_entity(words):
            continue
        if _head(phrase) in _THING_WEAPON_HEADS:
            # "A powerful dynamite charge killed ...": the device, not a perpetrator or a victim.
            if role.role == "actor":
                out["Weapon"].append((key, phrase))
            continue
        if role.role == "actor":
            if _head(phrase) in _THING_HEADS:
                # "the avianca airlines plane exploded": a thing as subject is what was hit, not who hit it.
                out["Target"].append((key, _LEADING_COUNT.sub("", phrase) or phrase))
                continue
            slot = _actor_slot(role, raw if raw.isupper() else phrase)
            head_part, _, tail_part = phrase.partition(" of ")
            if (
                slot == "PerpInd"
                and tail_part
                and _head(head_part) in _MEMBER_HEADS - {"members"}
                and (_head(tail_part) in _ORG_HEADS or _is_acronym(_clean(tail_part)))
            ):
                out[slot].append((normalize_mention(head_part), head_part))  # "guerrillas of the eln": guerrillas
            else:
                out[slot].append((key, phrase))
            org = _org_modifier(phrase) if slot == "PerpInd" else None
            if org:
                out["PerpOrg"].append((normalize_mention(org), org))
            tail = phrase.split(" of ", 1)[1] if " of " in phrase else ""
            if slot == "PerpInd" and tail and (_head(tail) in _ORG_HEADS or _is_acronym(_clean(tail))):
                # "members of the Shining Path": the individuals, and the organisation they belong to.
                org = _clean(phrase.split(" of ", 1)[1])
                out["PerpOrg"].append((normalize_mention(org), org))
        elif _target_slot(role, phrase) == "Target":
            phrase = _LEADING_COUNT.sub("", phrase) or phrase
            out["Target"].append((role.resolved_id or normalize_mention(phrase), phrase))
        else:
            name = _victim_name(phrase)
            if name is not None:
                name = _full_name(name, text)
                out["Victim"].append((role.resolved_id or normalize_mention(name), name))
                continue
            for name in _apposed_names(role, text):
                out["Victim"].append((normalize_mention(name), name))
    return out


def _place_fields(mention: Mention, places: Mapping[str, Place]) -> tuple[str | None, str | None]:
    for role in mention.roles_of("place"):
        place = places.get(role.resolved_id or "")
        if place is None:
            continue
        country = COUNTRY_NAMES.get((place.country or "").upper(), (place.country or "").upper() or None)
        is_city = (place.feature or "").upper().startswith("PPL")
        return country, (place.name.upper() if is_city else None)
    return None, None


def _conflicts(a: Any, b: Any) -> bool:
    return a is not None and b is not None and a != b


def _dates_differ(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    return a is not None and b is not None and (a[1] < b[0] or b[1] < a[0])


def _places_differ(a: str | None, b: str | None, places: Mapping[str, Place]) -> bool:
    if a is None or b is None or a == b:
        return False
    pa, pb = places.get(a), places.get(b)
    if pa is None or pb is None:
        return True
    if pa.country and pb.country and pa.country != pb.country:
        return True
    towns = all((p.feature or "").upper().startswith("PPL") for p in (pa, pb))
    return towns


class _Draft:
    """A template being assembled from the mentions of one incident."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.fillers: dict[str, dict[str, str]] = {role: {} for role in ROLES}
        self.place: str | None = None
        self.date: tuple[str, str] | None = None
        self.country: str | None = None
        self.city: str | None = None
        self.stage: str | None = None
        self.confidence: str | None = None
        self.effects: set[str] = set()
        self.counts: dict[str, int] = {}

    def accepts(self, place: str | None, date: tuple[str, str] | None, orgs: set[str],
                places: Mapping[str, Place] | None = None) -> bool:  # fmt: skip
        """MUC splits instances of one type that differ in place, date or perpetrator (section 5.0).

        Dates differ when their ranges do not overlap ("this week" holds "Monday"); places differ
        when they lie in different countries or are two different towns (a town and the department
        or country around it do not differ).
        """
        own_orgs = set(self.fillers["PerpOrg"])
        return not (
            _places_differ(self.place, place, places or {})
            or _dates_differ(self.date, date)
            or (own_orgs and orgs and not own_orgs & orgs)
        )

    def add(self, mention: Mention, text: str, places: Mapping[str, Place], place: str | None,
            date: tuple[str, str] | None) -> None:  # fmt: skip
        fillers = _fillers(mention, text)
        for slot, items in fillers.items():
            for key, phrase in items:
                self.fillers[slot].setdefault(key, phrase)  # first mention in the text stands for the entity
        self.place, self.date = self.place or place, self.date or date
        country, city = _place_fields(mention, places)
        self.country, self.city = self.country or country, self.city or city
        stage = _stage(mention, text)
        if stage and _STAGE_RANK[stage] > _STAGE_RANK.get(self.stage or "", 0):
            self.stage = stage
        # Confidence is about the perpetrator organisation: only mentions that name one say it.
        conf = STATUS_CONFIDENCE.get(mention.status) if fillers["PerpOrg"] else None
        if conf and _CONFIDENCE_RANK[conf] > _CONFIDENCE_RANK.get(self.confidence or "", -1):
            self.confidence = conf
        for c in mention.casualties:
            value = c.best if c.best is not None else c.low
            if value:
                self.counts[c.kind] = max(self.counts.get(c.kind, 0), value)
                self.effects |= {"killed": {"DEATH"}, "injured": {"INJURY"}}.get(c.kind, set())

    def template(self) -> dict[str, Any]:
        out: dict[str, Any] = {"incident_type": self.kind}
        for slot in ROLES:
            out[slot] = [[phrase] for phrase in self.fillers[slot].values()]
        victims = sum(self.counts.get(k, 0) for k in ("killed", "injured", "abducted"))
        out.update(
            date=self.date, country=self.country, city=self.city, stage=self.stage,
            perp_org_confidence=self.confidence if out["PerpOrg"] else None,
            hum_tgt_effect=sorted(self.effects), hum_tgt_number=victims or None,
        )  # fmt: skip
        return out


def mentions_to_muc_templates(
    mentions: Sequence[Mention], text: str, *, places: Mapping[str, Place] | None = None
) -> list[dict[str, Any]]:
    """MUC-4 templates (one per incident) from one document's mentions.

    Mentions of one incident type are merged into one template unless they
    differ in resolved place, in date, or in perpetrator organisation, which
    is how the MUC-4 annotators split instances. Each role entity is the
    first phrase in the text for that actor/target (grouped by resolved id,
    else by normalised text). Besides the five roles and the incident type,
    a template carries the fields the original keys score: ``date``
    (ISO start, end), ``country``, ``city`` (from ``places``, the resolved
    Place records by id), ``stage``, ``perp_org_confidence``,
    ``hum_tgt_effect`` and ``hum_tgt_number``.
    """
    places = places or {}
    drafts: list[_Draft] = []
    for mention in sorted(mentions, key=lambda m: (m.trigger.start, m.trigger.end)):
        kind = muc_incident_type(mention, text)
        if kind is None or mention.status not in _STATUS_STAGE:
            continue
        place = next((r.resolved_id for r in mention.roles_of("place") if r.resolved_id), None)
        t = mention.time
        date = (t.start.isoformat(), t.end.isoformat()) if t and t.start and t.end else None
        orgs = {k for k, _ in _fillers(mention, text)["PerpOrg"]}
        draft = next((d for d in drafts if d.kind == kind and d.accepts(place, date, orgs, places)), None)
        if draft is None:
            draft = _Draft(kind)
            drafts.append(draft)
        draft.add(mention, text, places, place, date)
    return [d.template() for d in drafts]
