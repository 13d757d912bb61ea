"""Assertions shared by the model-backed tests."""

from __future__ import annotations

from eventdesk.records import CasualtyCount, Mention, Span

HAPPENED = ("asserted", "reported")


def role_texts(m: Mention, role: str) -> list[str]:
    return [r.span.text for r in m.roles_of(role)]


def find(mentions: tuple[Mention, ...], sub: str, status: str | None = None) -> Mention:
    for m in mentions:
        if m.sub_event_type == sub and (status is None or m.status == status):
            return m
    got = [(m.sub_event_type, m.status, m.trigger.text) for m in mentions]
    raise AssertionError(f"no {sub} / {status} mention among {got}")


def happened(mentions: tuple[Mention, ...]) -> list[Mention]:
    return [m for m in mentions if m.status in HAPPENED]


def cas(m: Mention, kind: str) -> CasualtyCount:
    count = m.casualty(kind)
    assert count is not None, f"no {kind} count in {m.trigger.text!r} mention"
    return count


def txt(span: Span | None) -> str | None:
    return None if span is None else span.text
