"""The dashboard end to end in headless Chromium: map, filters, event table, article view with
the evidence highlighted, timeline and the Analyze page. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import gzip
import json
import socket
import threading
import time
from pathlib import Path

import pytest

from newswatch.api import create_app
from newswatch.pipeline import ArticleInput

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
BBC_ARTICLES = 20

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip("headless browser test needs Debian's chromium and chromium-driver "
                "(apt-get install -y chromium chromium-driver)", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def bbc_inputs(request) -> list[ArticleInput]:
    """A few BBC politics stories to sit beside the example; none when the shared data is absent."""
    try:
        data = request.getfixturevalue("shared_data")
    except pytest.skip.Exception:
        return []
    inputs = []
    with gzip.open(data / "streams" / "bbc.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["category"] == "politics":
                inputs.append(ArticleInput(text=record["text"], title=record["title"], outlet="BBC"))
            if len(inputs) == BBC_ARTICLES:
                break
    return inputs


@pytest.fixture(scope="module")
def store(tmp_path_factory, analyzer, example_brief, bbc_inputs):
    from newswatch.store import Store

    with Store(tmp_path_factory.mktemp("dashboard") / "dashboard.duckdb") as opened:
        opened.add_briefs([example_brief, *analyzer.analyze_many(bbc_inputs)])
        yield opened


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server_url(store, analyzer):
    import uvicorn

    app = create_app(store=store, analyzer_factory=lambda: analyzer, api_key="", rate_per_minute=None)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--window-size=1400,1000",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def wait_for_view(driver, view: str, action=None, timeout: float = 30) -> None:
    """Run `action` (a click, a navigation) and wait until the dashboard has rendered `view`."""
    driver.execute_script("document.body && (document.body.dataset.ready = 'pending')")
    if action:
        action()
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script(
        "return document.body.dataset.view === arguments[0] && document.body.dataset.ready === 'true'", view))


def open_fresh(driver, url: str):
    """Load the page anew (a change of #fragment alone would keep the previous filters)."""
    return lambda: (driver.get("about:blank"), driver.get(url))


def text_of(element) -> str:
    return element.get_attribute("textContent")


def javascript_errors(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def chosen_event(brief):
    """An event of the example with a quote and a place, so every part of the view is exercised."""
    places = {p.id: p for p in brief.places}
    return next(e for e in brief.events if e.quote_id and e.location in places), places


def test_filtering_then_clicking_an_event_shows_its_evidence_highlighted(browser, server_url, store, example_brief):
    event, places = chosen_event(example_brief)
    place = places[event.location].name

    wait_for_view(browser, "map", open_fresh(browser, server_url + "/#/map"))
    dots = browser.find_elements(By.CSS_SELECTOR, "#map svg .event-point circle")
    assert len(dots) > 0
    assert len(browser.find_elements(By.CSS_SELECTOR, "#map svg path.country")) > 100
    assert "Material conflict" in browser.find_element(By.ID, "map-legend").text
    browser.save_screenshot(str(SCREENSHOTS / "01-map.png"))

    wait_for_view(browser, "events", lambda: browser.find_element(By.CSS_SELECTOR, "#nav a[data-view=events]").click())
    Select(browser.find_element(By.CSS_SELECTOR, "#filters select[name=type]")).select_by_visible_text(event.type)
    browser.find_element(By.CSS_SELECTOR, "#filters input[name=place]").send_keys(place)
    wait_for_view(browser, "events", lambda: browser.find_element(By.ID, "apply-filters").click())
    rows = browser.find_elements(By.CSS_SELECTOR, "#event-table tbody tr.event-row")
    expected = store.count_events(type=event.type, place=place)
    assert len(rows) == min(expected, 25)
    assert browser.find_element(By.ID, "events-count").text == f"{expected} events"
    assert all(row.find_element(By.CSS_SELECTOR, ".badge").text == event.type for row in rows)
    browser.save_screenshot(str(SCREENSHOTS / "02-events-filtered.png"))

    row = next(r for r in rows if f"event={event.id}&" in r.get_attribute("data-href"))
    wait_for_view(browser, "article", row.click)
    marks = browser.find_elements(By.CSS_SELECTOR, "#article-text mark.evidence")
    assert [text_of(m) for m in marks] == [event.evidence.text]
    quote = next(q for q in example_brief.quotes if q.id == event.quote_id)
    quoted = "".join(text_of(m) for m in browser.find_elements(By.CSS_SELECTOR, "#article-text mark.quote"))
    assert quoted == example_brief.article.text[quote.span.start : quote.span.end]
    assert browser.find_element(By.ID, "event-modality").text == event.modality
    source = browser.find_element(By.ID, "event-source").text
    assert source.startswith("ANONYMOUS") if event.attribution.anonymous else not source.startswith("ANONYMOUS")
    browser.save_screenshot(str(SCREENSHOTS / "03-article-evidence.png"))
    assert javascript_errors(browser) == []


def test_the_timeline_stacks_counts_per_day(browser, server_url, store):
    wait_for_view(browser, "timeline", open_fresh(browser, server_url + "/#/timeline"))
    bars = browser.find_elements(By.CSS_SELECTOR, "#timeline svg rect")
    dated = sum(row["count"] for row in store.series("type", "day"))
    assert dated > 0 and len(bars) > 0
    assert browser.find_element(By.ID, "timeline-count").text.startswith(f"{dated} dated events from ")
    browser.save_screenshot(str(SCREENSHOTS / "04-timeline.png"))
    assert javascript_errors(browser) == []


def test_the_analyze_page_renders_a_pasted_article(browser, server_url):
    text = ("MOSCOW (Reuters) - Russia deployed fighter jets to the Latakia air base in Syria on Monday, "
            "a U.S. official said. \"We are watching closely,\" the official said.")
    wait_for_view(browser, "analyze", open_fresh(browser, server_url + "/#/analyze"))
    browser.find_element(By.ID, "analyze-text").send_keys(text)
    browser.find_element(By.ID, "analyze-button").click()
    WebDriverWait(browser, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#analyze-text-view"))
    places = [text_of(td) for td in browser.find_elements(By.CSS_SELECTOR, "#analyze-result table.compact td:first-child")]
    assert "Latakia" in places
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#analyze-map svg"))
    assert browser.find_elements(By.CSS_SELECTOR, "#analyze-map svg .event-point circle")
    browser.save_screenshot(str(SCREENSHOTS / "05-analyze.png"))
    assert javascript_errors(browser) == []

