"""The desk at an analyst's laptop size (1366x768) and a phone's (390 px): issue 13 item 6."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
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
