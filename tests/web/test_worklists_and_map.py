"""The review queue, the unlinked view and the map's clusters, detail and admin1
layer in a real browser, at an analyst's laptop (1366x768) and a phone (390 px)."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait
from test_browser import open_page, severe_logs, shot, shown_events
from test_desk_layout import viewport

import desk_sample

pytestmark = pytest.mark.browser

SIZES = [(1366, 768), (390, 844)]


def no_sideways_scroll(browser) -> None:
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= browser.execute_script("return window.innerWidth"), width


@pytest.mark.parametrize("size", SIZES, ids=["1366", "390"])
def test_the_queue_one_event_at_a_time(browser, live, db, size):
    viewport(browser, *size)
    open_page(browser, live.url + "/queue")
    position = browser.find_element(By.ID, "q-position")
    assert position.text == f"1 of {len(db.ids)} waiting"
    first = browser.find_element(By.CSS_SELECTOR, "#q-list li.current").get_attribute("data-event")
    assert first in (db.ids["e_shepherds"], db.ids["e_hospital"])  # alleged or denied first
    reasons = [r.text for r in browser.find_elements(By.CSS_SELECTOR, "#q-reasons li")]
    assert "single source" in reasons and any(r.startswith("status ") for r in reasons)
    WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.CSS_SELECTOR, "#q-mentions article.mention"))
    no_sideways_scroll(browser)
    shot(browser, f"queue-{size[0]}")

    browser.find_element(By.ID, "q-next").click()  # skip: no review
    assert browser.find_element(By.ID, "q-position").text.startswith("2 of")
    browser.find_element(By.ID, "q-prev").click()
    browser.find_element(By.ID, "q-token").send_keys("tok-alice")
    browser.find_element(By.ID, "q-reason").send_keys("checked against a second source")
    browser.find_element(By.ID, "q-accept").click()
    WebDriverWait(browser, 10).until(
        lambda b: f"of {len(db.ids) - 1} waiting" in b.find_element(By.ID, "q-position").text
    )
    assert "Saved: accept by alice" in browser.find_element(By.ID, "q-result").text
    ids = [li.get_attribute("data-event") for li in browser.find_elements(By.CSS_SELECTOR, "#q-list li")]
    assert first not in ids  # reviewed, so out of the queue

    # An edit of one field, from the queue.
    Select(browser.find_element(By.ID, "q-field")).select_by_value("fatalities_best")
    browser.find_element(By.ID, "q-value").send_keys("not a number")
    browser.find_element(By.ID, "q-edit").click()
    WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.CSS_SELECTOR, "#q-result .error"))
    assert "ED042" in browser.find_element(By.ID, "q-result").text  # refused, with its code
    assert severe_logs(browser) == [] or all("400" in e["message"] for e in severe_logs(browser))


@pytest.mark.parametrize("size", SIZES, ids=["1366", "390"])
def test_the_unlinked_view(browser, live, db, size):
    left_out = desk_sample.add_unlinked(db)
    viewport(browser, *size)
    open_page(browser, live.url + "/unlinked")
    (mention,) = browser.find_elements(By.CSS_SELECTOR, "#u-mentions tbody tr[data-mention]")
    assert mention.get_attribute("data-mention") == left_out["planned_mention"]
    assert "status planned: never an event" in mention.text and "called off" in mention.text
    articles = {
        r.get_attribute("data-article") for r in browser.find_elements(By.CSS_SELECTOR, "#u-articles tr[data-article]")
    }
    assert articles == {left_out["planned"], left_out["budget"], left_out["french"]}
    assert browser.find_element(By.ID, "u-article-count").get_attribute("textContent") == "3 in all"
    no_sideways_scroll(browser)
    shot(browser, f"unlinked-{size[0]}")
    assert severe_logs(browser) == []


#: Three events near Idlib, 8 to 25 km apart, and one at Aleppo: one cluster at a
#: country's zoom, four points at a town's. Drawn through the page's own map code.
NEARBY = [
    ("a", 35.9306, 36.6339, "Idlib"),
    ("b", 35.8623, 36.8043, "Idlib"),  # Saraqib, ~17 km
    ("c", 35.7968, 36.5906, "Idlib"),  # ~15 km south
    ("d", 36.2021, 37.1343, "Aleppo"),
]

SHOW_NEARBY = """
const features = arguments[0].map(([id, lat, lon, admin1]) => ({type: "Feature", id,
  geometry: {type: "Point", coordinates: [lon, lat]},
  properties: {event_id: id, event_type: "Battles", sub_event_type: "Armed clash", fatalities: 1,
               admin1, country: "Syria", event_date: "2025-05-01"}}));
const view = EDViz.views[0];
EDViz.showEvents(view, {type: "FeatureCollection", features});
view.map.setView([35.9, 36.8], arguments[1], {animate: false});
"""


@pytest.mark.parametrize("size", SIZES, ids=["1366", "390"])
def test_the_map_clusters_and_parts_them_when_zoomed_in(browser, live, size):
    viewport(browser, *size)
    open_page(browser, live.url + "/")
    WebDriverWait(browser, 10).until(lambda b: shown_events(b) == 6)
    # The sample's events at one town (three in Idlib, two in Ar Raqqa) are clusters
    # (on a phone's smaller map Al Bab, 90 km from Idlib, may join Idlib's).
    counts = sorted(
        int(c.get_attribute("data-count")) for c in browser.find_elements(By.CSS_SELECTOR, "#map .event-cluster")
    )
    assert counts in ([2, 3], [2, 4]), counts
    shot(browser, f"map-clusters-{size[0]}")

    browser.execute_script("document.getElementById('map').scrollIntoView()")
    browser.execute_script(SHOW_NEARBY, NEARBY, 7)
    WebDriverWait(browser, 10).until(lambda b: shown_events(b) == 4)
    (cluster,) = browser.find_elements(By.CSS_SELECTOR, "#map .event-cluster")
    assert cluster.get_attribute("data-count") == "3"
    assert browser.find_element(By.ID, "map").get_attribute("data-basemap") == "50m"  # detail outlines
    cluster.click()  # zooms to the three, which part
    WebDriverWait(browser, 10).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#map path.event-marker")) >= 3)
    assert browser.find_elements(By.CSS_SELECTOR, "#map .event-cluster") == []
    assert browser.execute_script("return EDViz.views[0].map.getZoom()") > 7
    shot(browser, f"map-zoomed-{size[0]}")
    # Zoomed out to the world, the coarse outlines come back and the four are one cluster.
    browser.execute_script(SHOW_NEARBY, NEARBY, 2)
    WebDriverWait(browser, 10).until(lambda b: b.find_element(By.ID, "map").get_attribute("data-basemap") == "110m")
    assert [c.get_attribute("data-count") for c in browser.find_elements(By.CSS_SELECTOR, "#map .event-cluster")] == [
        "4"
    ]
    assert severe_logs(browser) == []


def test_the_admin1_layer_counts_events_per_area(browser, live):
    viewport(browser, 1366, 768)
    open_page(browser, live.url + "/")
    WebDriverWait(browser, 10).until(lambda b: shown_events(b) == 6)
    toggle = next(
        label
        for label in browser.find_elements(By.CSS_SELECTOR, ".leaflet-control-layers-overlays label")
        if "admin1" in label.text
    )
    toggle.find_element(By.TAG_NAME, "input").click()
    WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.CSS_SELECTOR, "#map .admin1-count"))
    areas = {
        a.get_attribute("data-admin1"): int(a.get_attribute("data-count"))
        for a in browser.find_elements(By.CSS_SELECTOR, "#map .admin1-count")
    }
    assert areas["Ar Raqqah"] == 2 and sum(areas.values()) == 6, areas
    shot(browser, "map-admin1")
    assert severe_logs(browser) == []
