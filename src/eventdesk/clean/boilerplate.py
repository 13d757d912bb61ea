"""Lines that are page furniture, not reporting.

Only unambiguous furniture is removed from the canonical text (calls to
subscribe, comment notices, share buttons, lone social handles). Bylines and
author bios stay in the text, where an analyst may want them, and the
extract stage declines to code them.
"""

from __future__ import annotations

import re

__all__ = ["is_boilerplate"]

_PATTERNS = [
    r"subscribe( now)?( to| for)? (our|the) (newsletter|channel|updates)\b.*",
    r"(sign up|register) (for|to) (our|the) newsletter\b.*",
    r"comments (are|have been) (closed|disabled)\.?",
    r"(leave|post|add) a (comment|reply)\.?",
    r"(share|tweet|email|print)( this( article| story)?)?( on \w+)?:?",
    r"follow us( on [\w ,&]+)?[.!]?",
    r"advertisement|sponsored( content)?|ad",
    r"(read more|related( articles| stories)?|recommended( for you)?|most read)[:.]?",
    r"@\w{1,30}",
    r"(©|\(c\)|copyright)\s.*all rights reserved\.?",
    r"(skip to (main )?content|back to top|main menu|menu)",
    r"we use cookies\b.*",
]
_BOILERPLATE = re.compile(r"^\s*(?:" + "|".join(_PATTERNS) + r")\s*$", re.IGNORECASE)


def is_boilerplate(line: str) -> bool:
    """True when the whole line is page furniture."""
    return bool(_BOILERPLATE.match(line))
