"""The line filter: which lines of a report are not reporting.

One line at a time, no parser. Two predicates, for two fates:

- :func:`is_furniture`: unambiguous page furniture (calls to subscribe,
  comment notices, share buttons, lone social handles). The clean stage
  removes it from the canonical text.
- :func:`is_non_reporting`: text that is not reporting but that an analyst
  may want to read (bylines, author bios, comment counts, photo credits,
  plus furniture-like openings). It stays in the canonical text, so every
  offset holds, and the extract stage never codes an event from it.
"""

from __future__ import annotations

import re

__all__ = ["is_furniture", "is_non_reporting"]

_FURNITURE_PATTERNS = [
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
_FURNITURE = re.compile(r"^\s*(?:" + "|".join(_FURNITURE_PATTERNS) + r")\s*$", re.IGNORECASE)


# Each pattern is one family of furniture seen in news pages; comments say which.
_NON_REPORTING = [
    # calls to subscribe / sign up / follow / share
    r"^\s*(subscribe|sign up|sign in|log in|register|follow us|share this|share on|click here|read more|"
    r"related( articles| stories)?|advertisement|sponsored|download (our|the) app|join our)\b",
    r"\bsubscribe to (our|the)\b.*\b(newsletter|channel|updates|podcast)\b",
    r"\bstay (updated|informed|tuned)\b.*\b(newsletter|subscribe|latest)\b",
    # comment widgets
    r"^\s*(comments? (are|is) (closed|disabled)|leave a (comment|reply)|\d+\s+comments?|no comments( yet)?)\W*$",
    # legal and navigation
    r"^\s*(©|\(c\)|copyright\b|all rights reserved|privacy policy|terms of (use|service)|cookie)",
    r"^\s*(home|menu|search|skip to (main )?content|back to top|next article|previous article)\s*(\W.*)?$",
    # social handles and bare links
    r"^\s*@\w{2,}\s*$",
    r"^\s*(https?://|www\.)\S+\s*$",
    r"^\s*(twitter|facebook|instagram|telegram|whatsapp|linkedin|x)\s*[:|]?\s*(@\w+)?\s*$",
    # bylines and datelines on their own line
    r"^\s*(by|written by|reporting by|editing by|additional reporting by)\s+[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,4}"
    r"(\s*(,|and|;)\s*[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,4})*\s*\.?\s*$",
    r"^\s*(photo|image|picture|file photo)\s*(:|credit)",
]
_BIO = re.compile(
    # "Jane Doe is an American journalist ..." / "X is a senior fellow at ..."
    r"^\s*[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,4}\s+(is|was)\s+(an?|the)\s+([\w-]+\s+){0,4}"
    r"(journalist|reporter|correspondent|writer|editor|analyst|author|filmmaker|photographer|"
    r"researcher|fellow|contributor|columnist|commentator|freelancer|producer|academic|professor|"
    r"lecturer|blogger)\b"
)
_NON_REPORTING_PATTERNS = [re.compile(p, re.IGNORECASE) for p in _NON_REPORTING]


def is_furniture(line: str) -> bool:
    """True when the whole line is page furniture, to be removed from the text."""
    return bool(_FURNITURE.match(line))


def is_non_reporting(line: str) -> bool:
    """True for lines kept in the text but never coded: subscribe calls,
    comment widgets, handles, bylines, author bios."""
    if not line.strip():
        return False
    return bool(_BIO.search(line)) or any(p.search(line) for p in _NON_REPORTING_PATTERNS)
