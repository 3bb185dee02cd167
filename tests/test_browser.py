"""`promises crawl --browser`: the demo site behind a browser check, crawled through headless Chromium."""

import hashlib
import itertools
from urllib.parse import unquote, urlsplit

import pytest

from db.schema import open_db
from demo.challenge import serve_challenged
from demo.server import serve
from demo.site import Response, load_site
from scrapers.browser import BrowserUnavailable, browser_settings
from scrapers.crawl import crawl_settings
from tests.conftest import run_promises

pytestmark = pytest.mark.browser

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "PROMISES_PROGRESS_INTERVAL=0"]
WINDOW = ["--since", "2021-01-01"]
# One report, under both of the URLs a ModernGov site serves it at.
REPORT = ("documents/s14210/", "mgConvert2PDF.aspx?ID=14210")
ROBOTS = ("User-agent: *\n" + "".join(f"Disallow: /{path}\n" for path in REPORT)).encode()
# Chromium asks for /favicon.ico by itself; Playwright cannot see or change that request.
BROWSER_OWN = {"favicon.ico"}


def crawl(url, data_dir, *options):
    result = run_promises("crawl", url, "--data-dir", str(data_dir), *WINDOW, *FAST, *options)
    assert result.returncode == 0, result.stderr
    return open_db(data_dir / "promises.db"), result


def target(url: str) -> str:
    """The request target of a URL as the demo site takes it: path and query."""
    parts = urlsplit(url)
    return unquote(parts.path) + (f"?{parts.query}" if parts.query else "")


def user_agent(seen) -> str:
    return {name.lower(): value for name, value in seen.headers.items()}.get("user-agent", "")


@pytest.fixture(scope="module")
def site():
    return load_site("demo")


@pytest.fixture(scope="module")
def browser_crawl(site, tmp_path_factory):
    """The challenged demo site crawled once with --browser: database, server, its requests, data folder."""
    data_dir = tmp_path_factory.mktemp("browser")
    with serve_challenged(site, robots=ROBOTS) as server:
        db, _ = crawl(server.url, data_dir, "--browser")
        yield db, server, list(server.site.requests), data_dir


def test_browser_crawl_passes_the_check_and_stores_meetings_and_items(browser_crawl):
    db, _, _, _ = browser_crawl
    assert db["meetings"].count >= 9
    assert db["agenda_items"].count >= 30
    assert db["crawl_errors"].count_where("reason like '%blocked%' or reason like '%no #modgov%'") == 0


def test_browser_crawl_keeps_pdfs_byte_for_byte_with_text_by_page(browser_crawl, site):
    db, _, _, _ = browser_crawl
    pdfs = list(db.query("select * from documents where content_type = 'application/pdf' and status = 'ok'"))
    assert len(pdfs) >= 10
    for document in pdfs:
        served = site.get(target(document["url"]))
        assert document["sha256"] == hashlib.sha256(served.body).hexdigest(), document["url"]
        assert db["document_pages"].count_where("version = ?", [document["current_version"]]) == document["pages"] > 0
    assert list(db.query("select * from document_pages where text like '%£8 million%'"))


def test_browser_crawl_fetches_robots_txt_first_and_obeys_it(browser_crawl):
    db, _, requests, _ = browser_crawl
    assert requests[0].path == "robots.txt"
    assert not [seen for seen in requests if "14210" in seen.target]
    (row,) = db["crawl_errors"].rows_where("url like ?", ["%14210%"])
    assert "Forbidden by robots.txt" in row["reason"]


def test_browser_crawl_sends_the_browsers_user_agent_followed_by_ours(browser_crawl):
    _, _, requests, _ = browser_crawl
    agents = {user_agent(seen) for seen in requests if seen.path not in BROWSER_OWN}
    assert len(agents) == 1
    agent = agents.pop()
    assert "HeadlessChrome/" in agent and agent.endswith("(+https://github.com/council-promises/council-promises)")
    assert " CouncilPromises/" in agent


def test_browser_passes_the_check_once_and_keeps_its_cookie(browser_crawl):
    _, _, requests, _ = browser_crawl
    refused = [seen for seen in requests if seen.status == 403]
    assert 1 <= len(refused) <= 4  # only the first pages, fetched at the same time, meet the check
    documents = [seen for seen in requests if seen.path.startswith("documents/")]
    assert documents and all(seen.status == 200 and "challenge=passed" in seen.headers.get("Cookie", "")
                             for seen in documents)


def test_second_browser_crawl_downloads_no_document_again(browser_crawl):
    _, server, _, data_dir = browser_crawl
    db, _ = crawl(server.url, data_dir, "--browser")
    run = next(db.query("select * from crawl_runs order by id desc limit 1"))
    assert (run["documents_new"], run["documents_changed"], run["documents_downloaded"]) == (0, 0, 0)
    assert run["documents_unchanged"] == db["documents"].count > 0


def test_without_browser_the_challenged_site_is_recorded_as_blocked(site, tmp_path):
    with serve_challenged(site) as server:
        db, result = crawl(server.url, tmp_path)
    assert db["meetings"].count == 0
    assert "the site may be blocking this client" in result.stderr
    (row,) = db["crawl_errors"].rows_where("url like ?", ["%mgListCommittees.aspx?bcr=1"])
    assert row["reason"] == "HTTP 403: blocked, the site refuses this client"


class RefusesEveryone:
    """A site that answers 403 to every request, browsers included."""

    def get(self, target, headers=None):
        return Response(403, {"Content-Type": "text/html"}, b"<html><title>Access denied</title></html>")


def test_browser_crawl_of_a_site_refusing_browsers_too_says_so_clearly(tmp_path):
    with serve(RefusesEveryone()) as server:
        db, result = crawl(server.url, tmp_path, "--browser", "-s", "PROMISES_BROWSER_CHALLENGE_WAIT=1")
    assert "the site may be blocking this client" in result.stderr
    (row,) = db["crawl_errors"].rows_where("url like ?", ["%mgListCommittees.aspx?bcr=1"])
    assert row["reason"] == "HTTP 403: blocked, the site refuses this client"


def test_faults_give_the_same_crawl_errors_with_and_without_browser(tmp_path):
    errors = {}
    options = ["-s", "DOWNLOAD_TIMEOUT=1", "-s", "RETRY_TIMES=1", "--max-document-mb", "1"]
    with serve(load_site("faults", slow_seconds=3)) as server:
        for mode, flags in (("browser", ["--browser"]), ("plain", [])):
            db, _ = crawl(server.url, tmp_path / mode, *options, *flags)
            errors[mode] = {(row["url"], row["reason"]) for row in db["crawl_errors"].rows}
    assert len(errors["browser"]) >= 10
    assert errors["browser"] == errors["plain"]


def test_browser_crawl_still_waits_between_requests(site, tmp_path):
    with serve_challenged(site) as server:
        run_promises("crawl", server.url, "--data-dir", str(tmp_path), "--browser", *WINDOW,
                     "-s", "DOWNLOAD_DELAY=1", "-s", "RANDOMIZE_DOWNLOAD_DELAY=False", "-s", "AUTOTHROTTLE_START_DELAY=1",
                     "-s", "CLOSESPIDER_PAGECOUNT=6", "-s", "CONCURRENT_REQUESTS=4")
        requests = list(server.site.requests)
    refused = {seen.path for seen in requests if seen.status == 403}
    # A challenge's reload follows its 403 at once: the browser's doing, not a new request of the crawl.
    crawl_requests = [seen for seen in requests if seen.status != 403 and seen.path not in refused | BROWSER_OWN]
    gaps = [later.time - earlier.time for earlier, later in itertools.pairwise(crawl_requests)]
    assert len(gaps) >= 5
    # 1 s apart when they leave Scrapy; opening a browser page shifts each arrival by a few tenths.
    assert min(gaps) >= 0.6, gaps


@pytest.mark.parametrize("name", [
    "ROBOTSTXT_OBEY", "USER_AGENT", "DOWNLOAD_DELAY", "AUTOTHROTTLE_ENABLED", "AUTOTHROTTLE_START_DELAY",
    "AUTOTHROTTLE_TARGET_CONCURRENCY", "CONCURRENT_REQUESTS_PER_DOMAIN", "DOWNLOAD_MAXSIZE",
])
def test_browser_mode_keeps_the_politeness_settings(name, tmp_path):
    assert crawl_settings(tmp_path, browser_settings())[name] == crawl_settings(tmp_path)[name]


def test_browser_mode_keeps_the_project_middlewares(tmp_path):
    middlewares = crawl_settings(tmp_path, browser_settings()).getdict("DOWNLOADER_MIDDLEWARES")
    assert {"scrapers.middlewares.ConditionalRequestsMiddleware", "scrapers.middlewares.RedirectLoopMiddleware",
            "scrapers.browser.BrowserMiddleware"} <= set(middlewares)


def test_browser_mode_never_downloads_a_browser(tmp_path):
    with pytest.raises(BrowserUnavailable, match="install Debian's chromium package.*never downloads a browser"):
        browser_settings(chromium=str(tmp_path / "chromium"))
