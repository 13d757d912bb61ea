"""The link stage's rules, merge reasons and analysts' corrections, on hand-built
mentions of short reports (tests/link_reports.py)."""

from __future__ import annotations

import datetime as dt

import link_reports as lr
from eventdesk.link import LinkDecision, MentionFix, linking, mention_fixes
from eventdesk.records import Review

PUBLISHED = {lr.article(r).id: r.published for r in lr.BY_KEY.values()}


def _mentions(*keys: str) -> list:  # type: ignore[type-arg]
    return [m for k in keys for m in lr.mentions(lr.BY_KEY[k])]


def _keys(mention_ids: tuple[str, ...]) -> list[str]:
    names = {m.id: r.key for r in lr.REPORTS for m in lr.mentions(r)}
    return [names[m] for m in mention_ids]


def test_a_report_of_two_blasts_in_one_city_on_one_day_gives_two_events() -> None:
    made = linking(_mentions("kismayo-two-blasts"), published=PUBLISHED)
    assert len(made.events) == 2 and made.merges == []


def test_a_second_blast_never_joins_the_first_through_another_report() -> None:
    made = linking(_mentions("kismayo-two-blasts", "kismayo-bomb", "kismayo-checkpoint"), published=PUBLISHED)
    both = [m.id for m in _mentions("kismayo-two-blasts")]
    holders = [e for e in made.events if set(e.mention_ids) & set(both)]
    assert len(holders) == 2


def test_a_background_bombing_years_ago_is_not_folded_into_this_week_s_event() -> None:
    made = linking(_mentions("kismayo-background", "kismayo-bomb"), published=PUBLISHED)
    old = next(m for m in _mentions("kismayo-background") if m.time and m.time.start and m.time.start.year == 2017)
    (alone,) = [e for e in made.events if old.id in e.mention_ids]
    assert alone.mention_ids == (old.id,)
    assert len(made.events) == 2


def test_an_undated_background_bombing_whose_words_name_another_year_stays_apart() -> None:
    made = linking(_mentions("kismayo-since"), published=PUBLISHED)
    assert len(made.events) == 2 and made.merges == []


def test_a_report_naming_no_actor_never_joins_two_attacks_by_different_actors() -> None:
    made = linking(_mentions("baidoa-shabaab", "baidoa-isis", "baidoa-gunmen"), published=PUBLISHED)
    assert sorted(len(e.mention_ids) for e in made.events) == [1, 2]
    assert {e.actor1 for e in made.events} == {"al-shabaab", "isis"}


def test_every_merge_says_which_rule_and_which_features_matched() -> None:
    made = linking(_mentions("kismayo-bomb", "kismayo-checkpoint"), published=PUBLISHED)
    (event,) = made.events
    (merge,) = made.merges
    assert merge.event_id == event.id and {merge.left, merge.right} == set(event.mention_ids)
    assert merge.rule == "same-place-and-dates"
    assert merge.matched == ("type Explosions/Remote violence", "place 55671", "dates overlap")


def _decision(action: str, left: list[str], right: list[str], minute: int) -> LinkDecision:
    at = dt.datetime(2026, 3, 12, 9, minute, tzinfo=dt.UTC)
    return LinkDecision(
        id=LinkDecision.make_id(action, left, right, "ana", at),
        action=action,  # type: ignore[arg-type]
        left=tuple(left),
        right=tuple(right),
        reviewer="ana",
        created_at=at,
    )


def test_a_split_holds_and_a_later_link_of_the_same_mentions_undoes_it() -> None:
    bomb, checkpoint = (m.id for m in _mentions("kismayo-bomb", "kismayo-checkpoint"))
    mentions = _mentions("kismayo-bomb", "kismayo-checkpoint")
    split = _decision("split", [bomb], [checkpoint], 0)
    assert len(linking(mentions, published=PUBLISHED, decisions=[split]).events) == 2
    again = _decision("link", [bomb], [checkpoint], 5)
    made = linking(mentions, published=PUBLISHED, decisions=[split, again])
    (event,) = made.events
    (merge,) = made.merges
    assert (merge.rule, merge.decision_id) == ("analyst-link", again.id)


def test_a_forced_link_beats_the_rules() -> None:
    shabaab, isis = (m.id for m in _mentions("baidoa-shabaab", "baidoa-isis"))
    made = linking(
        _mentions("baidoa-shabaab", "baidoa-isis"),
        published=PUBLISHED,
        decisions=[_decision("link", [shabaab], [isis], 0)],
    )
    assert len(made.events) == 1


def _review(mention_id: str, action: str, field: str | None = None, value: object = None) -> Review:
    at = dt.datetime(2026, 3, 12, tzinfo=dt.UTC)
    return Review(
        id=Review.make_id(mention_id, field, "ana", at),
        target_kind="mention",
        target_id=mention_id,
        action=action,  # type: ignore[arg-type]
        reviewer="ana",
        created_at=at,
        field=field,
        value=value,
    )


def test_a_rejected_mention_stands_behind_no_event() -> None:
    bomb, checkpoint = _mentions("kismayo-bomb", "kismayo-checkpoint")
    fixes = mention_fixes([_review(checkpoint.id, "reject")])
    assert fixes == {checkpoint.id: MentionFix(rejected=True, values={})}
    (event,) = linking([bomb, checkpoint], published=PUBLISHED, fixes=fixes).events
    assert event.mention_ids == (bomb.id,)


def test_an_edited_mention_is_linked_and_fused_with_its_new_values() -> None:
    bomb, checkpoint = _mentions("kismayo-bomb", "kismayo-checkpoint")
    moved = mention_fixes([_review(checkpoint.id, "edit", "place_id", lr.BAIDOA.id)])
    assert len(linking([bomb, checkpoint], published=PUBLISHED, fixes=moved).events) == 2
    toll = mention_fixes([_review(bomb.id, "edit", "fatalities_best", 4)])
    (event,) = linking([bomb, checkpoint], published=PUBLISHED, fixes=toll).events
    assert event.fatalities_best == 4
    typed = mention_fixes([_review(checkpoint.id, "edit", "sub_event_type", "Armed clash")])
    events = linking([bomb, checkpoint], published=PUBLISHED, fixes=typed).events
    assert sorted(e.event_type for e in events) == ["Battles", "Explosions/Remote violence"]


def test_an_analyst_s_actor_for_a_mention_is_the_event_s_actor() -> None:
    bomb, checkpoint = _mentions("kismayo-bomb", "kismayo-checkpoint")
    fixes = mention_fixes([_review(checkpoint.id, "edit", "actor1", "al-shabaab")])
    (event,) = linking([bomb, checkpoint], published=PUBLISHED, fixes=fixes).events
    assert event.actor1 == "al-shabaab"
    (claimed,) = _mentions("baidoa-isis")
    moved = mention_fixes([_review(claimed.id, "edit", "actor1", "al-shabaab")])
    (joined,) = linking(_mentions("baidoa-shabaab", "baidoa-isis"), published=PUBLISHED, fixes=moved).events
    assert joined.actor1 == "al-shabaab"
