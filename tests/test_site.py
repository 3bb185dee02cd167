"""The published site: a real Datasette server over the demo database, read in headless Chromium."""

import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import run_promises

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
    data_dir = tmp_path_factory.mktemp("site")
    built = run_promises("demo", "--no-serve", "--data-dir", str(data_dir))
    assert built.returncode == 0, built.stderr
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "promises.cli", "serve", "--data-dir", str(data_dir),
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(f"http://127.0.0.1:{port}/-/versions.json")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


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
