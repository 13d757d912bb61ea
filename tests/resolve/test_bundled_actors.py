"""Every armed group named in the bundled example reports resolves to a dictionary entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk.resolve import ActorDictionary

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "eventdesk" / "data" / "examples"

# (file, the name as the report writes it, the dictionary id it must resolve to)
NAMED = [
    ("somalia-shabaab-roadside-bomb.txt", "Al-Shabaab", "al-shabaab"),
    ("somalia-shabaab-market-attack.txt", "Al-Shabaab militants", "al-shabaab"),
    ("nigeria-iswap-base-overrun.txt", "Islamic State West Africa Province", "is-west-africa"),
    ("mali-jnim-execution.txt", "al-Qaeda-linked JNIM", "jnim"),
    ("syria-hts-factions.txt", "Hayat Tahrir al-Sham", "hayat-tahrir-al-sham"),
    ("syria-hts-factions.txt", "HTS", "hayat-tahrir-al-sham"),
    ("syria-hts-factions.txt", "the Jaish al-Ahrar wing", "jaysh-al-ahrar"),
    ("afghanistan-governor-assassination.txt", "The Taliban", "taliban"),
    ("myanmar-sagaing-raid.txt", "People's Defence Force", "pdf-myanmar"),
]


@pytest.mark.parametrize(("name", "phrase", "actor_id"), NAMED)
def test_group_in_bundled_report_resolves(actors: ActorDictionary, name: str, phrase: str, actor_id: str) -> None:
    assert phrase in (EXAMPLES / name).read_text(encoding="utf-8"), "the report no longer names it this way"
    found = actors.resolve(phrase)
    assert found.known and found.id == actor_id
