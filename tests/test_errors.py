"""Coded errors survive the trip back from a worker process."""

from __future__ import annotations

import pickle

from eventdesk.errors import DocumentError, EventdeskError


def test_errors_pickle_with_their_code_and_source() -> None:
    err = pickle.loads(pickle.dumps(DocumentError("ED014", "extraction failed", source="a.txt")))
    assert (type(err), err.code, err.message, err.source) == (DocumentError, "ED014", "extraction failed", "a.txt")
    assert str(err) == "[ED014] extraction failed"
    plain = pickle.loads(pickle.dumps(EventdeskError("ED020", "disk full")))
    assert (plain.code, str(plain)) == ("ED020", "[ED020] disk full")
