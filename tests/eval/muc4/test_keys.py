"""The original-key parser and extra-field scoring on a hand-written key snippet."""

from __future__ import annotations

import datetime as dt

from eventdesk.eval.muc4.keys import (
    parse_date_fill,
    parse_location_fill,
    parse_muc_keys,
    score_extra_fields,
)

# Hand-written in the 1992 key layout (invented incident, not from the corpus).
KEY = """\
0.  MESSAGE: ID                    TST9-MUC4-0001
1.  MESSAGE: TEMPLATE              1
2.  INCIDENT: DATE                 (02 OCT 88) / (01 OCT 88 - 02 OCT 88)
3.  INCIDENT: LOCATION             PERU: LIMA (CITY): SAN ISIDRO (NEIGHBORHOOD)
4.  INCIDENT: TYPE                 BOMBING
5.  INCIDENT: STAGE OF EXECUTION   ACCOMPLISHED / ATTEMPTED
6.  INCIDENT: INSTRUMENT ID        "CAR BOMB"
7.  INCIDENT: INSTRUMENT TYPE      VEHICLE BOMB: "CAR BOMB"
8.  PERP: INCIDENT CATEGORY        TERRORIST ACT
9.  PERP: INDIVIDUAL ID            "TERRORISTS" / "SUBVERSIVES"
10. PERP: ORGANIZATION ID          "SHINING PATH"
11. PERP: ORGANIZATION CONFIDENCE  SUSPECTED OR ACCUSED BY AUTHORITIES: "SHINING PATH"
12. PHYS TGT: ID                   "BANK"
13. PHYS TGT: TYPE                 FINANCIAL: "BANK"
14. PHYS TGT: NUMBER               1: "BANK"
15. PHYS TGT: FOREIGN NATION       -
16. PHYS TGT: EFFECT OF INCIDENT   SOME DAMAGE: "BANK"
17. PHYS TGT: TOTAL NUMBER         -
18. HUM TGT: NAME                  -
19. HUM TGT: DESCRIPTION           "GUARDS"
                                   "PASSERSBY"
20. HUM TGT: TYPE                  SECURITY GUARD: "GUARDS"
21. HUM TGT: NUMBER                2: "GUARDS"
                                   PLURAL: "PASSERSBY"
22. HUM TGT: FOREIGN NATION        -
23. HUM TGT: EFFECT OF INCIDENT    DEATH: "GUARDS"
                                   ? INJURY: "PASSERSBY"
24. HUM TGT: TOTAL NUMBER          -

0.  MESSAGE: ID                    TST9-MUC4-0002
1.  MESSAGE: TEMPLATE              *
2.  INCIDENT: DATE                 *
"""


def test_parse_keys() -> None:
    templates = parse_muc_keys(KEY)
    assert [(t.message_id, t.number, t.relevant) for t in templates] == [
        ("TST9-MUC4-0001", "1", True),
        ("TST9-MUC4-0002", "*", False),
    ]
    first = templates[0]
    assert first.slots["HUM TGT: DESCRIPTION"] == ('"GUARDS"', '"PASSERSBY"')
    assert first.slots["PERP: INDIVIDUAL ID"] == ('"TERRORISTS" / "SUBVERSIVES"',)


def test_parse_date_and_location() -> None:
    d = dt.date
    assert parse_date_fill("(02 OCT 88) / (01 OCT 88 - 02 OCT 88)") == (
        [(d(1988, 10, 2), d(1988, 10, 2)), (d(1988, 10, 1), d(1988, 10, 2))],
        False,
    )
    assert parse_date_fill("- 13 NOV 89") == ([(None, d(1989, 11, 13))], False)
    assert parse_date_fill("? 12 AUG 90") == ([(d(1990, 8, 12), d(1990, 8, 12))], True)
    assert parse_date_fill("-") is None
    assert parse_location_fill("PERU: LIMA (CITY): SAN ISIDRO (NEIGHBORHOOD)") == ([("PERU", "LIMA")], False)
    assert parse_location_fill("(HONDURAS: TEGUCIGALPA (CITY)) / (HONDURAS)") == (
        [("HONDURAS", "TEGUCIGALPA"), ("HONDURAS", None)],
        False,
    )


def test_score_extra_fields() -> None:
    keys = {t.message_id: [t] for t in parse_muc_keys(KEY) if t.relevant}
    keys["TST9-MUC4-0002"] = []
    pred = {
        "incident_type": "bombing", "PerpInd": [["terrorists"]], "PerpOrg": [["Shining Path"]], "Target": [],
        "Victim": [["guards"]], "Weapon": [], "date": ("1988-10-01", "1988-10-02"), "country": "Peru",
        "city": "Callao", "stage": "ATTEMPTED", "perp_org_confidence": "SUSPECTED OR ACCUSED",
        "hum_tgt_effect": ["DEATH"], "hum_tgt_number": 5,
    }  # fmt: skip
    result = score_extra_fields({"TST9-MUC4-0001": [pred]}, keys)
    assert result["aligned"] == 1 and result["key_templates"] == 1
    right = {name: f["correct"] == f["scored"] == 1 for name, f in result["fields"].items()}
    assert right == {
        "date": True, "country": True, "city": False, "stage": True, "perp_org_confidence": True,
        "hum_tgt_effect": True, "hum_tgt_number": True,  # 2 guards + at least 2 passersby
        # The key names a city (Lima), so the event's place is judged at the city.
        "event_place": False, "event_place_all_keys": False,
    }  # fmt: skip
    in_lima = score_extra_fields({"TST9-MUC4-0001": [dict(pred, city="Lima")]}, keys)["fields"]
    assert in_lima["event_place"]["correct"] == in_lima["event_place_all_keys"]["correct"] == 1
    wrong_type = dict(pred, incident_type="kidnapping")
    missed = score_extra_fields({"TST9-MUC4-0001": [wrong_type]}, keys)
    assert missed["aligned"] == 0
    # A key template the system did not find still counts against the event-place score.
    assert missed["fields"]["event_place_all_keys"] == {"accuracy": 0.0, "correct": 0, "scored": 1}
