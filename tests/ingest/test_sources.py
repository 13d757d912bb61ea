"""Folder walks, file names and the per-file reading boundary (issue 12)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventdesk.errors import DocumentError
from eventdesk.ingest import sources
from eventdesk.ingest.raw import RawDocument, ReadResult
from eventdesk.ingest.sources import display_name, read_sources

REPORT = b"Gunmen attacked an army post near Gao on Monday, killing four soldiers."


def _codes(results: list[ReadResult]) -> list[str]:
    return [r.code if isinstance(r, DocumentError) else "ok" for r in results]


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_bytes(b"root:x:0:0:root:/root:/bin/bash")
    return secret


def test_folder_walk_does_not_follow_links_out_of_the_folder(tmp_path: Path, outside: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_bytes(REPORT)
    (folder / "passwd.txt").symlink_to(outside)
    (folder / "elsewhere").symlink_to(outside.parent, target_is_directory=True)
    results = list(read_sources([str(folder)]))
    assert _codes(results) == ["ok", "ED017", "ED017"]
    assert all(b"root:" not in (r.text or "").encode() for r in results if isinstance(r, RawDocument))


def test_links_inside_the_named_folders_are_read(tmp_path: Path, outside: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_bytes(REPORT)
    (folder / "also-a.txt").symlink_to(folder / "a.txt")
    (folder / "secret.txt").symlink_to(outside)
    # The link leads into another folder the user named: that is allowed.
    assert _codes(list(read_sources([str(folder), str(outside.parent)]))) == ["ok", "ok", "ok", "ok"]


def test_follow_symlinks_reads_links_out_of_the_folder(tmp_path: Path, outside: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "passwd.txt").symlink_to(outside)
    (folder / "elsewhere").symlink_to(outside.parent, target_is_directory=True)
    (folder / "loop").symlink_to(folder, target_is_directory=True)  # a loop ends, it does not spin
    assert _codes(list(read_sources([str(folder)], follow_symlinks=True))) == ["ok", "ok"]


def test_non_utf8_file_name_is_read_and_named_with_escapes(tmp_path: Path) -> None:
    name = os.fsdecode(os.fsencode(str(tmp_path)) + b"/caf\xe9-report.txt")
    Path(name).write_bytes(REPORT)
    [doc] = list(read_sources([str(tmp_path)]))
    assert isinstance(doc, RawDocument)
    assert doc.source.endswith("caf\\xe9-report.txt")
    doc.source.encode("utf-8")  # storable: no lone surrogates left
    assert display_name(name) == doc.source


def test_missing_non_utf8_path_is_a_storable_ed001(tmp_path: Path) -> None:
    name = os.fsdecode(os.fsencode(str(tmp_path)) + b"/gone-\xff.txt")
    [err] = list(read_sources([name]))
    assert isinstance(err, DocumentError) and err.code == "ED001"
    err.source.encode("utf-8")


def test_a_reader_that_raises_costs_only_its_own_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data: bytes, source: str, *args: object) -> Iterator[ReadResult]:
        raise MemoryError("simulated")
        yield  # pragma: no cover

    monkeypatch.setitem(sources.READERS, ".md", broken)
    (tmp_path / "a.md").write_bytes(REPORT)
    (tmp_path / "b.txt").write_bytes(REPORT)
    results = list(read_sources([str(tmp_path)]))
    assert _codes(results) == ["ED018", "ok"]
    assert "MemoryError" in results[0].message  # type: ignore[union-attr]


def test_special_files_in_a_folder_are_not_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(REPORT)
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block forever
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    assert _codes(list(read_sources([str(tmp_path)], follow_symlinks=True))) == ["ok"]
