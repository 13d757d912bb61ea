"""The desk at an analyst's laptop size (1366x768) and a phone's (390 px): issue 13 item 6."""

from __future__ import annotations

import json
import urllib.request

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait
from test_browser import open_page, rows, severe_logs, shot

pytestmark = pytest.mark.browser


def viewport(browser, width: int, height: int) -> None:
    """Emulate a window of exactly this CSS size (headless window sizes include no chrome)."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )


def rect(browser, element_id: str) -> dict:
    return browser.execute_script(f"return document.getElementById('{element_id}').getBoundingClientRect().toJSON()")


def in_viewport(browser, element_id: str) -> bool:
    r = rect(browser, element_id)
    w, h = browser.execute_script("return [innerWidth, innerHeight]")
    return (
        r["width"] > 0 and r["height"] > 0 and r["top"] >= 0 and r["left"] >= 0 and r["bottom"] <= h and r["right"] <= w
    )


def test_apply_and_reset_stay_in_view_at_1366x768(browser, live):
    viewport(browser, 1366, 768)
    open_page(browser, live.url + "/")
    assert in_viewport(browser, "apply") and in_viewport(browser, "reset")
    # Scrolled to the bottom of the page the panel sticks, and its buttons stay visible.
    browser.execute_script("window.scrollTo(0, document.body.scrollHeight)")
    assert in_viewport(browser, "apply") and in_viewport(browser, "reset")
    # The panel scrolls inside itself, so its last control (the share statistic) is reachable.
    browser.execute_script("document.getElementById('share-run').scrollIntoView({block: 'nearest'})")
    assert in_viewport(browser, "share-run")
    assert in_viewport(browser, "apply")
    browser.find_element(By.ID, "apply").click()
    WebDriverWait(browser, 10).until(lambda b: len(rows(b)) == 7)
    shot(browser, "index-1366")
    assert severe_logs(browser) == []


def test_no_sideways_scroll_at_390px(browser, live):
    viewport(browser, 390, 844)
    open_page(browser, live.url + "/")
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= browser.execute_script("return window.innerWidth"), width
    # The table scrolls inside its own box instead.
    box = browser.execute_script(
        "const b = document.getElementById('table-box'); return [b.scrollWidth, b.clientWidth, getComputedStyle(b).overflowX]"
    )
    assert box[2] == "auto" and box[0] > box[1], box
    # The filter panel collapses above the content and opens on demand.
    panel, main = (
        rect(browser, "filter-panel"),
        browser.execute_script("return document.querySelector('main').getBoundingClientRect().toJSON()"),
    )
    assert panel["bottom"] <= main["top"]
    assert not browser.find_element(By.ID, "apply").is_displayed()
    toggle = browser.find_element(By.ID, "filters-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert browser.find_element(By.ID, "apply").is_displayed()
    browser.find_element(By.ID, "apply").click()
    WebDriverWait(browser, 10).until(lambda b: len(rows(b)) == 7)
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    shot(browser, "index-390")
    assert severe_logs(browser) == []


def month_span(keys: list[str]) -> int:
    idx = [int(k[:4]) * 12 + int(k[5:7]) - 1 for k in keys]
    return max(idx) - min(idx) + 1


def bars(browser):
    return browser.find_elements(By.CSS_SELECTOR, "#timeline rect.bar")


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)])
def test_timeline_is_a_time_axis_with_empty_months(browser, live, size):
    viewport(browser, *size)
    open_page(browser, live.url + "/")
    query = "by=month&status=asserted&status=reported"
    with urllib.request.urlopen(f"{live.url}/api/stats/counts?{query}") as response:
        keys = [r["key"] for r in json.load(response)["rows"] if r["key"]]
    assert len(bars(browser)) == month_span(keys)
    # 1985 and 2002 are not neighbours: every month between them gets a bar, empty ones too.
    browser.execute_script(
        "EDViz.timeline(document.getElementById('timeline'), {by: 'month', rows: ["
        "{key: '1985-03', label: '1985-03', events: 2, fatalities: 1},"
        "{key: '2002-01', label: '2002-01', events: 1, fatalities: 0}]})"
    )
    assert len(bars(browser)) == month_span(["1985-03", "2002-01"]) == 203
    assert len(browser.find_elements(By.CSS_SELECTOR, "#timeline rect.bar.empty")) == 201
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")


def test_timeline_brush_sets_the_period(browser, live):
    viewport(browser, 1366, 768)
    open_page(browser, live.url + "/")
    before = len(rows(browser))
    march, april = (
        browser.find_element(By.CSS_SELECTOR, f"#timeline rect.bar[data-key='{k}']") for k in ("2025-03", "2025-04")
    )
    ActionChains(browser).click_and_hold(march).move_to_element(april).release().perform()
    WebDriverWait(browser, 10).until(lambda b: "until=2025-04-30" in b.current_url)
    assert "since=2025-03-01" in browser.current_url
    assert browser.find_element(By.ID, "f-since").get_attribute("value") == "2025-03-01"
    assert browser.find_element(By.ID, "f-until").get_attribute("value") == "2025-04-30"
    WebDriverWait(browser, 10).until(lambda b: 0 < len(rows(b)) < before)
    dates = [r.find_element(By.CSS_SELECTOR, "a.event-link").text for r in rows(browser)]
    assert all("2025-03" in d or "2025-04" in d for d in dates), dates
    assert severe_logs(browser) == []


def legend_types(browser) -> list[str]:
    return browser.execute_script(
        "return [...document.querySelectorAll('#map-legend li.legend-type')].map(li => li.dataset.type)"
    )


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)])
def test_map_legend_lists_the_event_types_shown(browser, live, size):
    viewport(browser, *size)
    open_page(browser, live.url + "/")
    with urllib.request.urlopen(f"{live.url}/api/export.geojson?status=asserted&status=reported") as response:
        shown = {f["properties"]["event_type"] for f in json.load(response)["features"]}
    assert len(shown) > 1
    assert sorted(legend_types(browser)) == sorted(shown)
    sizes = browser.find_elements(By.CSS_SELECTOR, "#map-legend .legend-size")
    assert [s.get_attribute("data-fatalities") for s in sizes] == ["0", "10", "50"]
    radii = [float(s.find_element(By.TAG_NAME, "circle").get_attribute("r")) for s in sizes]
    assert radii == sorted(radii) and radii[0] < radii[-1]
    # Under the map, not over it: it hides no point.
    legend, box = (rect(browser, i) for i in ("map-legend", "map"))
    assert legend["top"] >= box["bottom"] - 1 and legend["height"] > 0
    if size[0] <= 900:
        browser.find_element(By.ID, "filters-toggle").click()
    # The legend follows the filters.
    one = sorted(shown)[0]
    Select(browser.find_element(By.ID, "f-event_type")).select_by_visible_text(one)
    browser.find_element(By.ID, "apply").click()
    WebDriverWait(browser, 10).until(lambda b: legend_types(b) == [one])
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    shot(browser, f"legend-{size[0]}")
    assert severe_logs(browser) == []


def test_event_pages_fit_390px(browser, live, db):
    viewport(browser, 390, 844)
    for event_id in db.ids.values():
        open_page(browser, f"{live.url}/events/{event_id}")
        assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth"), event_id
        assert "(null)" not in browser.find_element(By.TAG_NAME, "body").text, event_id
    open_page(browser, f"{live.url}/articles/{db.articles['hostile']}")
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
