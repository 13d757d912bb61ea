"""Peak memory of reading hostile inputs stays small (issue 12: a 1.46 MB
gzip-bombed .warc.gz took 2.9 GB, a 9-byte .xml more than 3.8 GB).

Each input is read in a fresh interpreter so that its peak resident size
(``ru_maxrss``) is its own; no timing is asserted.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Growth of the peak over the interpreter with eventdesk imported (about
#: 220 MB); the issue allows 1 GB per input, and the bombs needed 2.9-3.8 GB.
GROWTH_MB = 100

_CHILD = """
import json, resource, sys
from eventdesk.ingest.sources import read_sources
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
codes = [getattr(r, "code", "ok") for r in read_sources([sys.argv[1]])]
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"codes": codes, "before_mb": before / 1024, "peak_mb": peak / 1024}))
"""


def _peak(path: Path) -> dict[str, object]:
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, env=env, check=True)
    return dict(json.loads(out.stdout))


def _growth(result: dict[str, object]) -> float:
    return float(result["peak_mb"]) - float(result["before_mb"])  # type: ignore[arg-type]


def gzip_bomb(size_mb: float) -> bytes:
    """About ``size_mb`` MB of gzip members, each 100 MB of text lines when inflated (1000x)."""
    member = gzip.compress(b"WARC/1.0\r\n" + b"A" * 99 + b"\n" * (100_000_000 - 109), compresslevel=9)
    return member * -(-int(size_mb * 1_000_000) // len(member))


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bomb") / "bomb.warc.gz"
    path.write_bytes(gzip_bomb(1.5))
    return path


def test_gzip_bomb_warc_is_refused_in_small_memory(bomb: Path) -> None:
    assert 1_400_000 <= bomb.stat().st_size <= 1_700_000
    result = _peak(bomb)
    assert result["codes"] == ["ED005"]
    assert _growth(result) < GROWTH_MB, result


@pytest.mark.parametrize("content", [b"/dev/zero", b"/dev/urandom"])
def test_feed_naming_a_device_is_refused_in_small_memory(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "tiny.xml").write_bytes(content)
    result = _peak(tmp_path / "tiny.xml")
    assert result["codes"] == ["ED010"]
    assert _growth(result) < GROWTH_MB, result
