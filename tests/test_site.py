"""The published site: a real Datasette server over the demo database, read in headless Chromium."""

import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """`promises demo` as a newcomer runs it: the demo council's site and Datasette, both kept up."""
    data_dir = tmp_path_factory.mktemp("site")
    port = free_port()
    demo = subprocess.Popen([sys.executable, "-m", "promises.cli", "demo", "--data-dir", str(data_dir),
                             "--port", str(port), "--site-port", str(free_port())],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(f"http://127.0.0.1:{port}/-/versions.json", seconds=120)
        yield f"http://127.0.0.1:{port}"
    finally:
        demo.terminate()
        demo.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    if not shutil.which("chromium") and not shutil.which(CHROMIUM):
        pytest.fail("Debian chromium is not installed: run `make test`, which installs it")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    page = browser.new_page()
    yield page
    page.close()


@pytest.mark.browser
def test_home_page_names_the_project_and_lists_tables(site, page):
    page.goto(f"{site}/")
    assert page.inner_text("h1") == "Council Promises"
    assert "special educational needs" in page.inner_text("body")
    page.goto(f"{site}/promises")
    text = page.inner_text("body")
    for table in ("meetings", "agenda_items", "motions", "documents", "crawl_runs"):
        assert table in text


@pytest.mark.browser
def test_meetings_table_shows_every_demo_meeting_with_its_committee(site, page):
    page.goto(f"{site}/promises/meeting_overview")
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() >= 9
    assert "County Council" in page.inner_text("table.rows-and-columns")


@pytest.mark.browser
def test_motions_facet_by_outcome(site, page):
    page.goto(f"{site}/promises/motions")
    facets = page.inner_text(".facet-results")
    assert "carried" in facets and "lost" in facets


@pytest.mark.browser
def test_document_search_finds_the_caseworkers_with_page_and_link(site, page):
    page.goto(f"{site}/promises/search_documents?q=caseworkers")
    table = page.locator("table.rows-and-columns")
    assert table.locator("tbody tr").count() >= 1
    assert "[caseworkers]" in table.inner_text().lower()
    links = table.locator("a[href*='documents/']")
    assert links.count() >= 1


@pytest.mark.browser
def test_document_search_takes_words_as_typed(site, page):
    page.goto(f"{site}/promises/search_documents?q=%C2%A38+million")
    table = page.locator("table.rows-and-columns")
    assert table.locator("tbody tr").count() >= 1
    assert table.locator("a[href*='#page=']").count() >= 1


@pytest.mark.browser
def test_send_commitments_view_shows_promises_with_deadlines_and_sources(site, page):
    page.goto(f"{site}/promises/send_commitments?_size=200")
    table = page.locator("table.rows-and-columns")
    assert table.locator("tbody tr").count() >= 20
    text = table.inner_text()
    assert "£8 million" in text or "8 million" in text
    assert table.locator("a[href*='#page=']").count() >= 1


@pytest.mark.browser
def test_newcomer_finds_a_promise_by_words_sees_why_and_follows_it_to_the_source(site, page, tmp_path):
    page.goto(f"{site}/")
    page.fill("#home-q", "special school places")
    page.press("#home-q", "Enter")
    page.wait_for_url("**/-/search?q=special+school+places")
    first = page.locator("li.result").first
    assert "promise" in first.locator(".kind").inner_text().lower()
    assert "special school places" in first.locator("mark").first.inner_text().lower()
    first.locator("a.title").click()
    page.wait_for_url("**/promise/demoshire/*")
    badge = page.locator(".status-line .badge").inner_text()
    assert any(label in badge for label in ("Delayed", "Partly delivered", "Delivered", "In progress", "Overdue"))
    assert page.locator(".reason").inner_text().strip()
    assert page.locator("ol.timeline li.entry").count() >= 3
    assert page.locator("table.history tbody tr").count() >= 2
    page.screenshot(path=str(_screenshots(tmp_path) / "promise-page.png"), full_page=True)
    links = [link.get_attribute("href") for link in page.locator("a.source-link").all()]
    assert all(page.request.get(href.split("#")[0]).ok for href in links)
    archived = page.locator("a.archive-link").first.get_attribute("href")
    assert page.request.get(f"{site}{archived}").headers["content-type"] == "application/pdf"
    council_page = next(href for href in links if "ieListDocuments.aspx" in href)
    page.locator(f'a.source-link[href="{council_page}"]').first.click()
    page.wait_for_load_state()
    assert page.url.startswith(council_page.split("#")[0])
    assert "Demoshire" in page.title() or "Demoshire" in page.inner_text("body")


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/-/search?q=demoshireXss",
                                  "/promises/agenda_items/demoshire~2F20240716~2F3850~2Fai23403",
                                  "/promises/search?q=demoshireXss"])
def test_scraped_xss_payload_is_inert_text_in_the_browser(site, page, path):
    page.goto(f"{site}{path}")
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.demoshireXss") == "undefined"
    assert "<script>window.demoshireXss = 1</script>" in page.inner_text("body")


@pytest.mark.browser
def test_status_badges_show_a_symbol_and_a_word(site, page):
    page.goto(f"{site}/")
    badges = page.locator("dl.statuses .badge")
    assert badges.count() == 8
    for text in badges.all_inner_texts():
        symbol, _, word = text.strip().partition(" ")
        assert symbol and word


def _screenshots(tmp_path):
    """Where screenshots go: PROMISES_SCREENSHOTS=docs (to refresh the README's picture) or a temporary folder."""
    import os
    from pathlib import Path

    return Path(os.environ.get("PROMISES_SCREENSHOTS") or tmp_path)
