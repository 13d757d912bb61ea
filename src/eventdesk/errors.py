"""Coded errors.

Every failure that reaches a user carries a code (``[ED001] ...``) that the
docs and the tests can name. A per-document error is stored in the errors
table and counted in the run summary; it never aborts a batch.
"""

from __future__ import annotations

__all__ = ["CODES", "DocumentError", "EventdeskError", "coded"]

#: code -> short meaning; docs/errors.md is generated from this table and a
#: test checks that every code raised in the package is listed here.
CODES: dict[str, str] = {
    "ED001": "path does not exist",
    "ED002": "empty document",
    "ED003": "binary or non-text content",
    "ED004": "undecodable text (invalid encoding)",
    "ED005": "document too large",
    "ED006": "malformed HTML: no main text found",
    "ED007": "malformed JSON line",
    "ED008": "JSON line lacks text or html",
    "ED009": "feed has no items",
    "ED010": "malformed feed",
    "ED011": "malformed WARC record or file",
    "ED012": "unsupported file type",
    "ED013": "bad metadata value (e.g. a publication date that does not parse)",
    "ED014": "extraction failed on this document",
    "ED015": "no text left after cleaning",
    "ED016": "document exceeds a structural limit (nesting, line length, record count, number width)",
    "ED017": "link leads outside the named folder (not followed)",
    "ED018": "unexpected failure on this document (the batch went on)",
    "ED019": "worker process died on this document",
    "ED020": "database error",
    "ED021": "database schema is newer than this eventdesk",
    "ED022": "no database at that path",
    "ED030": "gold data not found or malformed",
    "ED031": "evaluation floor broken",
    "ED040": "unknown record id",
    "ED041": "review refused: missing or bad reviewer token",
    "ED042": "bad query parameter or review value",
    "ED043": "ambiguous id prefix: several records start with it",
    "ED050": "request body too large",
    "ED051": "request for a host this server does not serve",
}


def coded(code: str, message: str) -> str:
    """``[EDnnn] message``: the one way a coded message is written, raised or stored."""
    if code not in CODES:
        raise ValueError(f"unregistered error code {code!r}")
    return f"[{code}] {message}"


class EventdeskError(Exception):
    """An error with a code; ``str()`` gives ``[EDnnn] message``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(coded(code, message))
        self.code = code
        self.message = message

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        # Pickled by worker processes; the default would call __init__ with str(self) alone.
        return (type(self), (self.code, self.message))


class DocumentError(EventdeskError):
    """An error confined to one input document; the batch goes on."""

    def __init__(self, code: str, message: str, *, source: str) -> None:
        super().__init__(code, message)
        self.source = source

    def __reduce__(self) -> tuple[object, tuple[str, str, str]]:  # type: ignore[override]
        return (_document_error, (self.code, self.message, self.source))


def _document_error(code: str, message: str, source: str) -> DocumentError:
    return DocumentError(code, message, source=source)
