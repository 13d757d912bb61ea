"""The ``key: value`` header of a .txt document (dates are parsed by ``eventdesk.dates``)."""

from __future__ import annotations

import re

__all__ = ["HEADER_KEYS", "split_header"]

#: Keys accepted in a .txt metadata header ("key: value" lines, then a blank line).
HEADER_KEYS = frozenset({"title", "url", "outlet", "published", "date", "language"})
_HEADER_LINE = re.compile(r"^([A-Za-z]+):[ \t]*(.*?)[ \t]*$")


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Split an optional "key: value" header off a .txt document.

    The header counts only when every line before the first blank line is a
    known key, so a body that starts "Update: ..." is left alone.
    """
    head, sep, body = text.partition("\n\n")
    if not sep:
        return {}, text
    fields: dict[str, str] = {}
    for line in head.splitlines():
        m = _HEADER_LINE.match(line)
        if not m or m.group(1).lower() not in HEADER_KEYS:
            return {}, text
        fields[m.group(1).lower()] = m.group(2)
    return fields, body
