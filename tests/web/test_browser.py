"""Real-browser tests: uvicorn on a free port, Debian's headless Chromium via selenium.

Set EVENTDESK_SCREENSHOTS=/some/dir to keep a screenshot of each page.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

pytestmark = pytest.mark.browser

HOSTILE_MARKERS = ("window.__pwned", "onerror", "javascript:")


def open_page(browser, url: str) -> None:
    browser.get(url)
    WebDriverWait(browser, 20).until(
        lambda b: (
            b.execute_script("return document.body.dataset.ready === '1'") or b.find_elements(By.CSS_SELECTOR, ".error")
        )
    )
    errors = browser.find_elements(By.CSS_SELECTOR, ".error")
    assert not errors, errors[0].text


def shot(browser, name: str) -> None:
    where = os.environ.get("EVENTDESK_SCREENSHOTS")
    if where:
        Path(where).mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(Path(where) / f"{name}.png"))


def rows(browser):
    return browser.find_elements(By.CSS_SELECTOR, "#events tbody tr.event-row")


def markers(browser):
    return browser.find_elements(By.CSS_SELECTOR, "#map path.event-marker")


def shown_events(browser) -> int:
    """Events drawn on the map: single markers plus the counts of the clusters."""
    clustered = browser.execute_script(
        "return [...document.querySelectorAll('#map .event-cluster')].reduce((n, c) => n + Number(c.dataset.count), 0)"
    )
    return len(markers(browser)) + clustered


def severe_logs(browser):
    return [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]


def assert_nothing_ran(browser) -> None:
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    # Only the page's own scripts exist; no element carries an inline handler or a
    # javascript: link.
    srcs = browser.execute_script("return [...document.scripts].map(s => s.getAttribute('src'))")
    assert all(s and s.startswith("/static/") for s in srcs), srcs
    assert (
        browser.execute_script(
            "return [...document.querySelectorAll('*')].filter(e => [...e.attributes].some("
            "a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value))).length"
        )
        == 0
    )
    assert browser.find_elements(By.CSS_SELECTOR, "img, iframe, object, embed") == []
    textareas = browser.find_elements(By.CSS_SELECTOR, "textarea")
    assert [t.get_attribute("id") for t in textareas] in ([], ["r-reason"])


def test_table_filters_and_map_markers(browser, live, db):
    open_page(browser, live.url + "/")
    WebDriverWait(browser, 10).until(lambda b: shown_events(b) == 6)
    assert len(rows(browser)) == 7
    assert "7 events match" in browser.find_element(By.ID, "summary").text
    assert "1 without coordinates" in browser.find_element(By.ID, "summary").text
    assert browser.find_elements(By.CSS_SELECTOR, "#map path.leaflet-interactive, #map svg path")  # basemap drawn
    assert len(browser.find_elements(By.CSS_SELECTOR, "#timeline rect.bar")) == 5
    shot(browser, "index")

    Select(browser.find_element(By.ID, "f-target_type")).select_by_visible_text("civilians")
    browser.find_element(By.ID, "apply").click()
    WebDriverWait(browser, 10).until(lambda b: len(rows(b)) == 2 and shown_events(b) == 2)
    ids = {r.get_attribute("data-id") for r in rows(browser)}
    assert ids == {db.ids["e_market"], db.ids["e_shelling"]}
    assert "target_type=civilians" in browser.current_url  # the view is shareable

    browser.find_element(By.ID, "f-actor").send_keys("Daesh")
    Select(browser.find_element(By.ID, "f-target_type")).select_by_visible_text("any")
    browser.find_element(By.ID, "apply").click()
    WebDriverWait(browser, 10).until(lambda b: len(rows(b)) == 4)

    Select(browser.find_element(By.ID, "share-target")).select_by_visible_text("military")
    browser.find_element(By.ID, "share-run").click()
    WebDriverWait(browser, 10).until(lambda b: "50.0%" in b.find_element(By.ID, "share-out").text)
    assert "2 of 4" in browser.find_element(By.ID, "share-out").text
    assert "Wilson" in browser.find_element(By.ID, "share-out").text
    assert severe_logs(browser) == []


def test_event_page_shows_highlighted_evidence(browser, live, db):
    open_page(browser, f"{live.url}/events/{db.ids['e_police']}")
    mentions = browser.find_elements(By.CSS_SELECTOR, "article.mention")
    assert len(mentions) == 2
    marks = {
        (m.get_attribute("data-kind"), m.text) for m in browser.find_elements(By.CSS_SELECTOR, "mark.hl[data-kind]")
    }
    assert ("actor", "ISIS gunmen") in marks and ("actor", "Daesh militants") in marks
    assert ("target", "a police station") in marks and ("place", "Idlib") in marks
    assert ("casualties", "killing 1 officer") in marks and ("trigger", "stormed") in marks
    legend = browser.find_element(By.CSS_SELECTOR, ".legend").text
    assert "actor" in legend and "casualties" in legend
    shot(browser, "event")

    mentions[0].find_element(By.CSS_SELECTOR, "a.article-link").click()
    WebDriverWait(browser, 10).until(lambda b: "/articles/" in b.current_url)
    open_page(browser, browser.current_url)
    assert "police station" in browser.find_element(By.ID, "a-text").text
    assert browser.find_elements(By.CSS_SELECTOR, "#a-text mark.hl-actor")
    assert severe_logs(browser) == []


def test_review_survives_a_server_restart(browser, live, db):
    url = f"{live.url}/events/{db.ids['e_checkpoint']}"
    open_page(browser, url)
    browser.find_element(By.ID, "r-token").send_keys("tok-alice")
    Select(browser.find_element(By.ID, "r-action")).select_by_value("edit")
    Select(browser.find_element(By.ID, "r-field")).select_by_value("fatalities_best")
    browser.find_element(By.ID, "r-value").send_keys("6")
    browser.find_element(By.ID, "r-reason").send_keys("hospital count")
    browser.find_element(By.ID, "r-submit").click()
    WebDriverWait(browser, 10).until(lambda b: "Saved" in b.find_element(By.ID, "r-result").text)
    shot(browser, "event-reviewed")

    live.restart()
    open_page(browser, url)
    shown = browser.find_element(By.CSS_SELECTOR, "tr[data-field=fatalities_best] td.shown").text
    machine = browser.find_element(By.CSS_SELECTOR, "tr[data-field=fatalities_best] td.machine").text
    assert shown.startswith("6") and machine == "4"
    history = browser.find_element(By.ID, "reviews").text
    assert "alice" in history and "hospital count" in history


def test_review_with_a_bad_token_is_refused(browser, live, db):
    open_page(browser, f"{live.url}/events/{db.ids['e_market']}")
    browser.find_element(By.ID, "r-token").send_keys("wrong")
    Select(browser.find_element(By.ID, "r-action")).select_by_value("reject")
    browser.find_element(By.ID, "r-submit").click()
    WebDriverWait(browser, 10).until(lambda b: "ED041" in b.find_element(By.ID, "r-result").text)


def test_hostile_article_never_runs(browser, live, db):
    pages = [
        f"{live.url}/events/{db.ids['e_hostile']}",
        f"{live.url}/articles/{db.articles['hostile']}",
        f"{live.url}/",
    ]
    for url in pages:
        open_page(browser, url)
        assert_nothing_ran(browser)
    # The hostile text is shown, as text.
    open_page(browser, pages[0])
    evidence = browser.find_element(By.CSS_SELECTOR, "blockquote.evidence").text
    assert "<script>window.__pwned = 1;" in evidence and "</textarea>" in evidence
    assert '<img src=x onerror="window.__pwned = 2">' in evidence
    outlet = browser.find_element(By.CSS_SELECTOR, ".mention .outlet").text
    assert outlet.startswith("<b>Evil</b> Times<script>")
    shot(browser, "hostile")
    open_page(browser, pages[1])
    assert browser.find_element(By.ID, "a-title").text.startswith("<img src=x onerror=")
    # The map popup is built from nodes too.
    open_page(browser, pages[2])
    WebDriverWait(browser, 10).until(lambda b: shown_events(b) == 6)
    assert_nothing_ran(browser)
    assert not [e for e in severe_logs(browser) if any(m in e["message"] for m in HOSTILE_MARKERS)]


def test_missing_chromium_fails_under_ci(monkeypatch):
    import desk_support

    monkeypatch.setattr(desk_support, "_chromium", lambda: None)
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception):
        desk_support.require_chromium()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        desk_support.require_chromium()


def test_an_analyst_splits_a_merge_and_links_it_back_from_the_event_page(browser, live, db):
    from eventdesk.query import Desk, EventFilter
    from eventdesk.records import STATUSES

    open_page(browser, f"{live.url}/events/{db.ids['e_police']}")
    browser.find_element(By.ID, "r-token").send_keys("tok-alice")
    boxes = browser.find_elements(By.CSS_SELECTOR, "input.split-box")
    assert len(boxes) == 2
    both = {b.get_attribute("value") for b in boxes}
    boxes[1].click()
    browser.find_element(By.ID, "link-reason").send_keys("two raids")
    browser.find_element(By.ID, "split-submit").click()
    WebDriverWait(browser, 10).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "article.mention")) == 1)
    here = browser.current_url.rsplit("/", 1)[-1]
    with Desk.open(db.path) as desk:
        everything = desk.select(EventFilter(statuses=STATUSES, include_rejected=True))
        (other,) = [e.id for e in everything if both & set(e.mention_ids) and e.id != here]
    browser.find_element(By.ID, "link-other").send_keys(other)
    browser.find_element(By.ID, "link-submit").click()
    WebDriverWait(browser, 10).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "article.mention")) == 2)
    WebDriverWait(browser, 10).until(lambda b: "analyst-link" in b.find_element(By.ID, "merges").text)
    shot(browser, "event-linked")
    assert severe_logs(browser) == []
