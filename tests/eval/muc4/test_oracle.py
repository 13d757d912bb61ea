"""The mapping loses little: mentions built from the gold dev templates, mapped back, score high.

Each gold filler becomes a role of an untyped kind (no resolved ids, no
places), so this measures what the slot heuristics and the merging lose.
Dev split only: nothing here is tuned on test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eventdesk.eval.files import read_jsonl
from eventdesk.eval.muc4.data import load_grit_gold, load_gtt_gold
from eventdesk.eval.muc4.mapping import mentions_to_muc_templates
from eventdesk.eval.muc4.metrics import ROLES, ceaf_ree, gtt_template_f1
from eventdesk.eval.runners import templates_to_extracts
from eventdesk.records import Mention, Role, Span

SUB_EVENT = {
    "attack": ("Violence against civilians", "Attack"),
    "bombing": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "kidnapping": ("Violence against civilians", "Abduction/forced disappearance"),
    "arson": ("Strategic developments", "Looting/property destruction"),
    "robbery": ("Strategic developments", "Looting/property destruction"),
    "forced work stoppage": ("Strategic developments", "Other"),
}
ROLE = {"PerpInd": "actor", "PerpOrg": "actor", "Target": "target", "Victim": "target", "Weapon": "weapon"}


def _oracle_mentions(doc: dict[str, Any]) -> list[Mention]:
    text = doc["doctext"]
    whole = Span(article_id="a", start=0, end=len(text), text=text)
    out = []
    for k, t in enumerate(doc["templates"]):
        roles = [
            Role(role=ROLE[r], span=Span(article_id="a", start=off, end=off + len(s), text=s))  # type: ignore[arg-type]
            for r in ROLES
            for (s, off), *_ in t[r]
            if text[off : off + len(s)] == s
        ]
        kind = t["incident_type"].split(" / ")[0]
        event_type, sub_event_type = SUB_EVENT[kind]
        trigger = roles[0].span if roles else Span(article_id="a", start=0, end=1, text=text[0])
        cue_needed = kind in ("arson", "robbery", "forced work stoppage")
        mention = Mention(
            id=str(k),
            article_id="a",
            event_type=event_type,
            sub_event_type=sub_event_type,
            trigger=trigger,
            sentence=whole if cue_needed else trigger,
            roles=tuple(roles),
        )
        out.append(mention)
    return out


def test_oracle_mentions_round_trip_on_dev(muc4_dir: Path) -> None:
    docs = list(read_jsonl(muc4_dir / "gtt_processed" / "dev.json"))
    preds = {d["docid"]: mentions_to_muc_templates(_oracle_mentions(d), d["doctext"]) for d in docs}
    gtt = gtt_template_f1(preds, load_gtt_gold(muc4_dir / "gtt_processed" / "dev.json"))
    extracts = {k: templates_to_extracts(v) for k, v in preds.items()}
    ree = ceaf_ree(extracts, load_grit_gold(muc4_dir / "grit_processed" / "dev.json"))["micro_avg"]
    assert ree["f1"] > 90.0, ree
    assert gtt["f1"] > 80.0, gtt
