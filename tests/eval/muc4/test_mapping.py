"""mentions_to_muc_templates on hand-built mentions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eventdesk.eval.muc4.mapping import mentions_to_muc_templates
from eventdesk.records import Place

TEXT = (
    "Urban guerrillas of the FMLN bombed the power station in San Miguel on Monday, "
    "killing 3 guards. Gunmen later kidnapped the mayor. Troops and rebels clashed near the base."
)


def test_types_roles_and_extra_fields(make_mention: Any) -> None:
    mention = make_mention
    bomb = mention(
        TEXT, "bombed", "Explosions/Remote violence", "Remote explosive/landmine/IED",
        roles=(("actor", "Urban guerrillas", "rebel groups", None), ("actor", "FMLN", "rebel groups", "fmln"),
               ("target", "power station", "utilities", None), ("place", "San Miguel", None, "3583361")),
        casualties=(("killed", 3),), date=dt.date(1989, 11, 13),
    )  # fmt: skip
    kidnap = mention(
        TEXT, "kidnapped", "Violence against civilians", "Abduction/forced disappearance",
        roles=(("actor", "Gunmen", None, None), ("target", "mayor", "government", None)),
    )  # fmt: skip
    clash = mention(
        TEXT, "clashed", "Battles", "Armed clash",
        roles=(("actor", "Troops", "state forces", None), ("target", "rebels", "rebel groups", None)),
    )  # fmt: skip
    places = {"3583361": Place(id="3583361", name="San Miguel", country="SV", feature="PPLA")}
    out = mentions_to_muc_templates([kidnap, clash, bomb], TEXT, places=places)
    assert [t["incident_type"] for t in out] == ["bombing", "kidnapping"]  # the clash is not a MUC incident
    bombing, kidnapping = out
    assert bombing["PerpInd"] == [["Urban guerrillas"]]
    assert bombing["PerpOrg"] == [["FMLN"]]
    assert bombing["Target"] == [["power station"]]
    assert bombing["Victim"] == []
    assert bombing["date"] == ("1989-11-13", "1989-11-13")
    assert (bombing["country"], bombing["city"]) == ("EL SALVADOR", "SAN MIGUEL")
    assert bombing["stage"] == "ACCOMPLISHED"
    assert bombing["perp_org_confidence"] == "REPORTED AS FACT"
    assert bombing["hum_tgt_effect"] == ["DEATH"] and bombing["hum_tgt_number"] == 3
    # MUC-4's scored victims are names (HUM TGT: NAME): "the mayor" describes, it does not name.
    assert kidnapping["PerpInd"] == [["Gunmen"]] and kidnapping["Victim"] == []


def test_statuses_and_merging(make_mention: Any) -> None:
    mention = make_mention
    text = (
        "Rebels attacked the town hall. The attack on the town hall was claimed by the ELN. "
        "Rebels planned to burn a bus."
    )
    a1 = mention(text, "attacked", "Violence against civilians", "Attack",
                 roles=(("actor", "Rebels", "rebel groups", None), ("target", "town hall", None, None)))  # fmt: skip
    a2 = mention(text, "attack", "Violence against civilians", "Attack", status="claimed",
                 roles=(("actor", "ELN", "rebel groups", "eln"),))  # fmt: skip
    denied = mention(text, "attacked", "Violence against civilians", "Attack", status="denied")
    planned = mention(text, "burn", "Strategic developments", "Looting/property destruction", status="planned",
                      roles=(("target", "bus", None, None),))  # fmt: skip
    out = mentions_to_muc_templates([a1, a2, denied, planned], text)
    assert [t["incident_type"] for t in out] == ["attack", "arson"]
    attack, arson = out
    assert attack["PerpOrg"] == [["ELN"]] and attack["Target"] == [["town hall"]]
    assert attack["perp_org_confidence"] == "CLAIMED OR ADMITTED"
    assert arson["stage"] == "THREATENED"


def test_different_places_make_different_templates(make_mention: Any) -> None:
    mention = make_mention
    text = "A bomb exploded in Lima. Another bomb exploded in Cusco."
    m1 = mention(text, "exploded", "Explosions/Remote violence", "Remote explosive/landmine/IED",
                 roles=(("place", "Lima", None, "1"),))  # fmt: skip
    trig2 = text.index("exploded", text.index("Another"))
    m2 = mention(text[:0] + text, "Another bomb exploded", "Explosions/Remote violence",
                 "Remote explosive/landmine/IED", roles=(("place", "Cusco", None, "2"),))  # fmt: skip
    assert trig2 > 0
    assert len(mentions_to_muc_templates([m1, m2], text)) == 2
    assert mentions_to_muc_templates([], text) == []
