"""The original 1992 MUC-4 answer keys: parse them and score the slots the 5-role task drops.

The REE and template-filling benchmarks keep incident type and five string
roles. The original keys also record when and where the incident happened,
its stage of execution, how sure the report is of the perpetrator
organisation, and what happened to the human targets. Those are exactly the
fields eventdesk exists to get right (date, place, certainty, casualties), so
we score them too, per aligned template; docs/evaluation.md defines each.

Key syntax honoured here (raw_muc34/taskdoc/template-doc-part*.v7):
``-`` no fill, ``*`` not applicable, a leading ``?`` marks an optional fill,
``A / B`` are alternative fills, ``(A) / (B)`` alternative hierarchical
locations, ``VALUE: "STRING"`` a set fill cross-referenced to a string.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventdesk.errors import EventdeskError
from eventdesk.eval.matching import max_weight_matching
from eventdesk.eval.muc4.metrics import ROLES, _norm_template, template_pair_hits

__all__ = [
    "EXTRA_FIELDS",
    "SLOT_NAMES",
    "Fill",
    "KeyTemplate",
    "align_to_keys",
    "key_files",
    "key_templates_as_gold",
    "load_original_keys",
    "parse_date_fill",
    "parse_fill",
    "parse_location_fill",
    "parse_muc_keys",
    "score_extra_fields",
]

#: The 25 slots of a MUC-4 template, in key order.
SLOT_NAMES: tuple[str, ...] = (
    "MESSAGE: ID", "MESSAGE: TEMPLATE", "INCIDENT: DATE", "INCIDENT: LOCATION", "INCIDENT: TYPE",
    "INCIDENT: STAGE OF EXECUTION", "INCIDENT: INSTRUMENT ID", "INCIDENT: INSTRUMENT TYPE",
    "PERP: INCIDENT CATEGORY", "PERP: INDIVIDUAL ID", "PERP: ORGANIZATION ID", "PERP: ORGANIZATION CONFIDENCE",
    "PHYS TGT: ID", "PHYS TGT: TYPE", "PHYS TGT: NUMBER", "PHYS TGT: FOREIGN NATION", "PHYS TGT: EFFECT OF INCIDENT",
    "PHYS TGT: TOTAL NUMBER", "HUM TGT: NAME", "HUM TGT: DESCRIPTION", "HUM TGT: TYPE", "HUM TGT: NUMBER",
    "HUM TGT: FOREIGN NATION", "HUM TGT: EFFECT OF INCIDENT", "HUM TGT: TOTAL NUMBER",
)  # fmt: skip

#: Extra fields scored on aligned templates (the keys a predicted template may carry).
EXTRA_FIELDS: tuple[str, ...] = (
    "date", "country", "city", "event_place", "stage", "perp_org_confidence", "hum_tgt_effect", "hum_tgt_number",
)  # fmt: skip

#: Key files per split (dev = TST1+TST2, test = TST3+TST4, train = DEV).
_KEY_GLOBS: dict[str, tuple[str, ...]] = {
    "train": ("dev/key-dev-*.muc4",),
    "dev": ("tst1/key-tst1.*", "tst2/key-tst2.*"),
    "test": ("tst3/key-tst3.*", "tst4/key-tst4.*"),
}

_SLOT_LINE = re.compile(r"^\s*(\d+)\.\s+(\S.*)$")
_MONTHS = {
    m: i for i, m in enumerate(["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1)
}
_DATE = re.compile(r"(\d{1,2}) ([A-Z]{3}) (\d{2})")


@dataclass(frozen=True, slots=True)
class Fill:
    """One line of a slot: its alternatives (already split on " / ") and whether it is optional."""

    alternatives: tuple[str, ...]
    optional: bool = False


@dataclass(frozen=True, slots=True)
class KeyTemplate:
    """One answer-key template: its message id, number, optionality and raw slot lines."""

    message_id: str
    number: str
    optional: bool
    slots: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def relevant(self) -> bool:
        """``*`` templates mark messages with no relevant incident."""
        return self.number != "*"


def _split_slot(rest: str) -> tuple[str, str]:
    for name in SLOT_NAMES:
        if rest.startswith(name):
            return name, rest[len(name) :].strip()
    raise EventdeskError("ED030", f"unknown MUC-4 slot in key line: {rest[:60]!r}")


def _template_blocks(text: str) -> Iterator[dict[str, list[str]]]:
    block: dict[str, list[str]] = {}
    last: str | None = None
    for line in text.splitlines():
        m = _SLOT_LINE.match(line)
        if m:
            name, value = _split_slot(m.group(2))
            if name == "MESSAGE: ID" and block:
                yield block
                block = {}
            block.setdefault(name, []).append(value)
            last = name
        elif line.strip() and last is not None:
            block[last].append(line.strip())  # continuation: one more fill of the same slot
        elif not line.strip():
            last = None if not block else last
    if block:
        yield block


def parse_muc_keys(text: str) -> list[KeyTemplate]:
    """Every template of a key file, in file order (ED030 when a template lacks its id)."""
    out: list[KeyTemplate] = []
    for block in _template_blocks(text):
        if "MESSAGE: ID" not in block or "MESSAGE: TEMPLATE" not in block:
            raise EventdeskError("ED030", "MUC-4 key template without MESSAGE: ID / TEMPLATE")
        number = block["MESSAGE: TEMPLATE"][0]
        optional = "(OPTIONAL)" in number
        number = number.replace("(OPTIONAL)", "").strip()
        slots = {k: tuple(v) for k, v in block.items()}
        out.append(KeyTemplate(block["MESSAGE: ID"][0].strip(), number, optional, slots))
    return out


def key_files(raw_dir: Path, split: str) -> list[Path]:
    """The original key files of a split; ED030 when none exist."""
    if split not in _KEY_GLOBS:
        raise EventdeskError("ED030", f"unknown MUC-4 split {split!r}; use one of {sorted(_KEY_GLOBS)}")
    files = sorted(p for pattern in _KEY_GLOBS[split] for p in raw_dir.glob(pattern))
    if not files:
        raise EventdeskError("ED030", f"no MUC-4 key files for split {split!r} under {raw_dir}")
    return files


def load_original_keys(raw_dir: Path, split: str) -> dict[str, list[KeyTemplate]]:
    """{message id: its relevant key templates} for a split (irrelevant messages map to [])."""
    out: dict[str, list[KeyTemplate]] = {}
    for path in key_files(raw_dir, split):
        text = path.read_text(encoding="latin-1")
        for t in parse_muc_keys(text):
            out.setdefault(t.message_id, [])
            if t.relevant:
                out[t.message_id].append(t)
    return out


def parse_fill(line: str) -> Fill | None:
    """One slot line -> its alternatives; None for ``-`` (no fill) and ``*`` (not applicable)."""
    line = line.strip()
    optional = line.startswith("?")
    line = line.lstrip("?").strip()
    if line in ("", "-", "*"):
        return None
    return Fill(tuple(a.strip() for a in re.split(r"\s+/\s+", line)), optional)


def _set_value(alternative: str) -> str:
    """``DEATH: "JESUITS"`` -> ``DEATH`` (the set value without its cross-reference)."""
    return alternative.split(":")[0].strip().strip('"')


def _set_values(lines: Sequence[str]) -> tuple[list[set[str]], bool]:
    """Set fills of a slot as one set of acceptable values per line, and whether all are optional."""
    values: list[set[str]] = []
    optional = True
    for line in lines:
        fill = parse_fill(line)
        if fill is None:
            continue
        optional = optional and fill.optional
        values.append({_set_value(a) for a in fill.alternatives})
    return values, optional


def _date(text: str) -> dt.date | None:
    m = _DATE.search(text)
    if not m:
        return None
    day, month, year = int(m.group(1)), _MONTHS.get(m.group(2)), int(m.group(3))
    if month is None:
        return None
    return dt.date(1900 + year if year > 30 else 2000 + year, month, day)


def parse_date_fill(line: str) -> tuple[list[tuple[dt.date | None, dt.date]], bool] | None:
    """A DATE fill -> alternative (earliest, latest) ranges and its optional flag.

    "16 NOV 89" -> [(d, d)]; "11 NOV 89 - 12 NOV 89" -> [(a, b)]; "- 13 NOV 89"
    (on or before) -> [(None, d)]; "(A) / (B)" -> one range per alternative.
    """
    line = line.strip()
    optional = line.startswith("?")
    line = line.lstrip("?").strip()
    if line in ("", "-", "*"):
        return None
    ranges: list[tuple[dt.date | None, dt.date]] = []
    for alt in re.split(r"\)\s*/\s*\(|\s+/\s+", line):
        alt = alt.strip("() ")
        if alt.startswith("-"):
            start, end = None, _date(alt)
        elif " - " in alt:
            left, right = alt.split(" - ", 1)
            start, end = _date(left), _date(right)
        else:
            start = end = _date(alt)
        if end is not None:
            ranges.append((start, end))
    return (ranges, optional) if ranges else None


def parse_location_fill(line: str) -> tuple[list[tuple[str, str | None]], bool] | None:
    """A LOCATION fill -> alternative (country, city or None) pairs.

    "PERU: LIMA (CITY): SAN ISIDRO (NEIGHBORHOOD)" -> [("PERU", "LIMA")].
    """
    line = line.strip()
    optional = line.startswith("?")
    line = line.lstrip("?").strip()
    if line in ("", "-", "*"):
        return None
    prefix = ""
    nested = re.match(r"^([^:()]+):\s*(\(.*\))$", line)  # "COLOMBIA: (A) / (B)"
    if nested:
        prefix, line = nested.group(1).strip() + ": ", nested.group(2)
    if line.startswith("(") and line.endswith(")") and re.search(r"\)\s*/\s*\(", line):
        line = line[1:-1]  # "(A) / (B)": drop the outer parentheses, then split
    out: list[tuple[str, str | None]] = []
    for alt in re.split(r"\)\s*/\s*\(", line):
        country, _, rest = (prefix + alt).partition(":")
        city = re.search(r"([A-Z][A-Z .'-]*?)\s*\(CITY\)", rest)
        out.append((country.strip(), city.group(1).strip() if city else None))
    return out, optional


def _strings(lines: Sequence[str]) -> list[list[str]]:
    """Quoted string fills -> entities (each line one entity; its " / " alternatives its mentions)."""
    ents = []
    for line in lines:
        fill = parse_fill(line)
        if fill is None:
            continue
        mentions = [a.split('":')[0].strip('"? ') for a in fill.alternatives if a.strip().startswith('"')]
        if mentions:
            ents.append(mentions)
    return ents


def key_templates_as_gold(templates: Sequence[KeyTemplate]) -> list[dict[str, Any]]:
    """Key templates in the 5-role shape the GTT scorer aligns (used to align predictions to keys)."""
    out = []
    for t in templates:
        s = t.slots
        kind = (parse_fill(s.get("INCIDENT: TYPE", ("-",))[0]) or Fill(("",))).alternatives
        out.append({
            "incident_type": " / ".join(k.lower() for k in kind),
            "PerpInd": _strings(s.get("PERP: INDIVIDUAL ID", ())),
            "PerpOrg": _strings(s.get("PERP: ORGANIZATION ID", ())),
            "Target": _strings(s.get("PHYS TGT: ID", ())),
            "Victim": _strings(s.get("HUM TGT: NAME", ())) + _strings(s.get("HUM TGT: DESCRIPTION", ())),
            "Weapon": _strings(s.get("INCIDENT: INSTRUMENT ID", ())),
        })  # fmt: skip
    return out


# --- scoring the extra fields of one aligned (prediction, key) pair -------------------------

Verdict = bool | None  # None: the field is not scored on this template

_CONFIDENCE = {
    "REPORTED AS FACT": "REPORTED AS FACT",
    "CLAIMED OR ADMITTED": "CLAIMED OR ADMITTED",
    "SUSPECTED OR ACCUSED": "SUSPECTED OR ACCUSED",
    "SUSPECTED OR ACCUSED BY AUTHORITIES": "SUSPECTED OR ACCUSED",
    "POSSIBLE": "POSSIBLE",
}


def _first(slots: Mapping[str, tuple[str, ...]], name: str) -> str:
    return slots.get(name, ("-",))[0]


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        return dt.date.fromisoformat(value[:10])
    return None


def _norm_place(name: Any) -> str:
    return " ".join(str(name).upper().replace(".", "").split()) if name else ""


def score_date(key: KeyTemplate, pred: Any) -> Verdict:
    """Right when the predicted (start, end) lies inside one alternative key range."""
    parsed = parse_date_fill(_first(key.slots, "INCIDENT: DATE"))
    if parsed is None:
        return None
    ranges, optional = parsed
    start, end = (_as_date(pred[0]), _as_date(pred[1])) if pred else (None, None)
    if start is None or end is None:
        return None if optional else False
    return any((lo is None or start >= lo) and end <= hi for lo, hi in ranges)


def score_place(key: KeyTemplate, pred: Any, level: str) -> Verdict:
    """Country (level "country") or city (level "city", only where the key names a city)."""
    parsed = parse_location_fill(_first(key.slots, "INCIDENT: LOCATION"))
    if parsed is None:
        return None
    alts, optional = parsed
    if level == "country":  # "COLOMBIA / VENEZUELA": either country is right
        wanted = {_norm_place(x) for c, _ in alts for x in c.split(" / ")} - {""}
    else:
        wanted = {_norm_place(city) for _, city in alts} - {""}
    if not wanted:
        return None
    if not pred:
        return None if optional else False
    return _norm_place(pred) in wanted


def _simple_set(key: KeyTemplate, slot: str, pred: Any, canon: Mapping[str, str] | None = None) -> Verdict:
    values, optional = _set_values(key.slots.get(slot, ()))
    if not values:
        return None
    allowed = {canon.get(v, v) if canon else v for line in values for v in line}
    if not pred:
        return None if optional else False
    value = str(pred).upper()
    return (canon.get(value, value) if canon else value) in allowed


def score_stage(key: KeyTemplate, pred: Any) -> Verdict:
    """ACCOMPLISHED / ATTEMPTED / THREATENED; alternatives honoured."""
    return _simple_set(key, "INCIDENT: STAGE OF EXECUTION", pred)


def score_confidence(key: KeyTemplate, pred: Any) -> Verdict:
    """Perpetrator-organisation confidence; "... BY AUTHORITIES" counts as "SUSPECTED OR ACCUSED"."""
    return _simple_set(key, "PERP: ORGANIZATION CONFIDENCE", pred, _CONFIDENCE)


def score_effect(key: KeyTemplate, pred: Any) -> Verdict:
    """Human-target effect restricted to DEATH and INJURY.

    Every predicted effect must be allowed by some key line, and every
    non-optional key line that only allows DEATH/INJURY must be hit.
    """
    lines = [f for f in (parse_fill(x) for x in key.slots.get("HUM TGT: EFFECT OF INCIDENT", ())) if f]
    if not lines:
        return None
    got = {str(p).upper() for p in pred or ()} & {"DEATH", "INJURY"}
    per_line = [({_set_value(a) for a in f.alternatives}, f.optional) for f in lines]
    allowed = set().union(*(vals for vals, _ in per_line)) & {"DEATH", "INJURY"}
    required = [vals for vals, opt in per_line if not opt and vals <= {"DEATH", "INJURY"}]
    return got <= allowed and all(got & vals for vals in required)


def _number_range(alternative: str) -> tuple[float, float] | None:
    value = alternative.split(":")[0].strip()
    if value == "PLURAL":
        return 2, float("inf")
    nums = [int(n) for n in re.findall(r"\d+", value)]
    if not nums:
        return None
    if value.startswith("-"):
        return 0, nums[0]
    if value.endswith("-"):
        return nums[0], float("inf")
    return min(nums), max(nums)


def score_number(key: KeyTemplate, pred: Any) -> Verdict:
    """Number of human targets: the key's per-target numbers add up to a range the prediction must hit."""
    lo = hi = 0.0
    scored, optional = False, True
    for fill in (parse_fill(x) for x in key.slots.get("HUM TGT: NUMBER", ())):
        ranges = [r for r in (_number_range(a) for a in fill.alternatives) if r] if fill else []
        if not fill or not ranges:
            continue
        scored, optional = True, optional and fill.optional
        lo += min(r[0] for r in ranges)
        hi += max(r[1] for r in ranges)
    if not scored:
        return None
    if pred is None:
        return None if optional else False
    return lo <= float(pred) <= hi


def score_event_place(key: KeyTemplate, pred: Mapping[str, Any]) -> Verdict:
    """The event's place at the finest level the key gives: its city where
    the key names one ("EL SALVADOR: SAN SALVADOR (CITY)"), else its country."""
    city = score_place(key, pred.get("city"), "city")
    return city if city is not None else score_place(key, pred.get("country"), "country")


def _field_verdicts(key: KeyTemplate, pred: Mapping[str, Any]) -> dict[str, Verdict]:
    return {
        "date": score_date(key, pred.get("date")),
        "country": score_place(key, pred.get("country"), "country"),
        "city": score_place(key, pred.get("city"), "city"),
        "event_place": score_event_place(key, pred),
        "stage": score_stage(key, pred.get("stage")),
        "perp_org_confidence": score_confidence(key, pred.get("perp_org_confidence")),
        "hum_tgt_effect": score_effect(key, pred.get("hum_tgt_effect")),
        "hum_tgt_number": score_number(key, pred.get("hum_tgt_number")),
    }


def align_to_keys(pred: Sequence[Mapping[str, Any]], keys: Sequence[KeyTemplate]) -> list[tuple[int, int]]:
    """Align predicted templates with key templates as the GTT metric does (type, then role hits)."""
    gold = [_norm_template(t, ROLES) for t in key_templates_as_gold(keys)]
    preds = [_norm_template(t, ROLES) for t in pred]
    hits = [[template_pair_hits(p, g) for g in gold] for p in preds]
    weights = [[float(sum(h)) if h else 0.0 for h in row] for row in hits]
    _, pairs = max_weight_matching(weights)
    return [(i, j) for i, j in pairs if hits[i][j] is not None]


def score_extra_fields(
    preds: Mapping[str, Sequence[Mapping[str, Any]]], keys: Mapping[str, Sequence[KeyTemplate]]
) -> dict[str, Any]:
    """Accuracy of each extra field over aligned templates where the key fills it.

    Also reports how many key templates were aligned at all: a field can only
    be right on a template the system found.
    """
    correct = {f: 0 for f in EXTRA_FIELDS}
    scored = {f: 0 for f in EXTRA_FIELDS}
    aligned = total_keys = total_preds = placed_keys = 0
    for docid, key_ts in keys.items():
        pred_ts = list(preds.get(docid, ()))
        total_keys, total_preds = total_keys + len(key_ts), total_preds + len(pred_ts)
        placed_keys += sum(score_event_place(k, {}) is not None for k in key_ts)
        for i, j in align_to_keys(pred_ts, key_ts):
            aligned += 1
            for name, verdict in _field_verdicts(key_ts[j], pred_ts[i]).items():
                if verdict is not None:
                    scored[name] += 1
                    correct[name] += int(verdict)
    fields = {
        f: {"accuracy": 100 * correct[f] / scored[f] if scored[f] else 0.0, "correct": correct[f], "scored": scored[f]}
        for f in EXTRA_FIELDS
    }
    # The event-place score over every key template with a place, found or
    # not: a template the system missed has no place to match.
    placed = correct["event_place"]
    fields["event_place_all_keys"] = {
        "accuracy": 100 * placed / placed_keys if placed_keys else 0.0,
        "correct": placed,
        "scored": placed_keys,
    }
    return {"key_templates": total_keys, "pred_templates": total_preds, "aligned": aligned, "fields": fields}
