"""Static checks of the web UI: no HTML sinks in our scripts, vendored files with licences."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

STATIC = Path(str(resources.files("eventdesk.web").joinpath("static")))


def test_our_scripts_never_write_html():
    sinks = re.compile(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function")
    for script in (STATIC / "js").glob("*.js"):
        code = "\n".join(
            line for line in script.read_text("utf-8").splitlines() if not line.lstrip().startswith(("*", "/*", "//"))
        )
        assert not sinks.search(code), script.name


def test_pages_have_no_inline_script_or_style():
    for page in STATIC.glob("*.html"):
        html = page.read_text("utf-8")
        assert re.findall(r"<script(?![^>]*\bsrc=)", html) == [], page.name
        assert "<style" not in html and " style=" not in html, page.name
        assert not re.search(r"<[^>]*\son[a-z]+\s*=", html), page.name  # no inline handlers
        assert "http://" not in html and "https://" not in html, page.name  # nothing from a CDN


def test_vendored_files_carry_their_licences():
    vendor = STATIC / "vendor"
    for package in ("leaflet", "world-atlas", "topojson-client"):
        assert (vendor / package / "LICENSE.txt").is_file(), package
    assert (vendor / "leaflet" / "leaflet.js").read_text("utf-8").count("Leaflet 1.9.4") >= 1
    assert (vendor / "world-atlas" / "countries-110m.json").stat().st_size < 200_000
