"""A cheap line filter for page furniture that must never yield an event.

Both the clean stage and the extractor use it; it looks at one line at a time
and never needs the parser.
"""

from __future__ import annotations

import re

__all__ = ["is_boilerplate", "is_heading"]

# Each pattern is one family of furniture seen in news pages; comments say which.
_BOILERPLATE = [
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
_PATTERNS = [re.compile(p, re.IGNORECASE) for p in _BOILERPLATE]
_SENTENCE_END = re.compile(r"[.!?:;\"”’')]\s*$")


def is_boilerplate(line: str) -> bool:
    """True for page furniture: subscribe calls, comment widgets, handles, bylines, author bios."""
    if not line.strip():
        return False
    return bool(_BIO.search(line)) or any(p.search(line) for p in _PATTERNS)


def is_heading(line: str) -> bool:
    """True for a headline or section title: short, and not ended like a sentence.

    Headings repeat the body or name a topic ("Internal dispute and failed
    ambush"); the extractor codes events from body sentences only.
    """
    stripped = line.strip()
    if not stripped:
        return False
    return len(stripped.split()) <= 14 and not _SENTENCE_END.search(stripped)
