"""News crawls end to end: `promises crawl` in a subprocess against the Testshire fixture sites on 127.0.0.1.

tests/fixtures/news holds a county newsroom (RSS), a local paper (Atom), the ruling group's site (sitemap index),
an opposition group's site (HTML listing over two pages) and an independent group's site whose feed is broken
(it falls back to its listing). One crawl of all five is run, then run again on the same folder.
"""

import hashlib
import sqlite3
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from demo.server import serve
from demo.site import Response
from scrapers.spiders.news import article_id
from tests.conftest import run_promises

NEWS = Path(__file__).parent / "fixtures" / "news"
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_START_DELAY=0", "-s", "PROMISES_PROGRESS_INTERVAL=0"]
CONTENT_TYPES = {
    "feed.xml": "application/rss+xml; charset=UTF-8",
    "atom.xml": "application/atom+xml; charset=utf-8",
    "windows-1252.html": "text/html",  # its charset is declared only in a <meta> tag
}


class FixtureSite:
    """Files of tests/fixtures/news by path, with `{base}` replaced by the address the request came to,
    an ETag (and 304 for a matching If-None-Match), a robots.txt that allows everything and 404 for the rest."""

    def __init__(self, root: Path = NEWS):
        self.root = root.resolve()
        self.requests: list[str] = []

    def get(self, target, headers=None):
        headers = headers or {}
        self.requests.append(target)
        path = unquote(urlsplit(target).path).lstrip("/")
        if path == "robots.txt":
            return Response(200, {"Content-Type": "text/plain; charset=utf-8"}, b"User-agent: *\nAllow: /\n")
        file = (self.root / path).resolve()
        if file.is_dir():
            file = file / "index.html"
        if self.root not in file.parents or not file.is_file():
            return Response(404, {"Content-Type": "text/html; charset=utf-8"},
                            b"<html><head><title>Page not found</title></head><body><h1>Page not found</h1></body>"
                            b"</html>")
        base = f"http://{headers.get('Host', '127.0.0.1')}"
        body = file.read_bytes().replace(b"{base}", base.encode())
        etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
        if headers.get("If-None-Match") == etag:
            return Response(304, {"ETag": etag}, b"")
        content_type = CONTENT_TYPES.get(file.name) or (
            "application/xml" if file.suffix == ".xml" else "text/html; charset=utf-8")
        return Response(200, {"Content-Type": content_type, "ETag": etag}, body)


def registry(base: str) -> dict:
    """Testshire with its five news sources and no meetings of its own (base has no trailing slash)."""
    return {"councils": {"testshire": {
        "name": "Testshire County Council", "platform": "moderngov", "base_url": f"{base}/", "verified": False,
        "news": [
            {"id": "newsroom", "name": "Testshire County Council newsroom", "organisation": "Testshire County Council",
             "kind": "press_release", "party": None, "url": f"{base}/council/news/", "feed": f"{base}/council/feed.xml",
             "verified": True},
            {"id": "echo", "name": "Testshire Echo", "organisation": "Testshire Echo", "kind": "news", "party": None,
             "url": f"{base}/echo/", "feed": f"{base}/echo/atom.xml", "verified": True},
            {"id": "conservatives", "name": "Testshire Conservatives", "organisation": "Testshire Conservatives",
             "kind": "press_release", "party": "Conservative", "url": f"{base}/conservatives/",
             "sitemap": f"{base}/conservatives/sitemap.xml", "verified": True},
            {"id": "libdems", "name": "Testshire Liberal Democrats", "organisation": "Testshire Liberal Democrats",
             "kind": "press_release", "party": "Liberal Democrat", "url": f"{base}/libdems/",
             "listing": {"url": f"{base}/libdems/news/", "links": "article.post h2.entry-title a",
                         "next": "nav.pagination a.next"},
             "verified": True},
            {"id": "independents", "name": "Testshire Independents", "organisation": "Testshire Independents",
             "kind": "press_release", "party": "Independent", "url": f"{base}/independents/",
             "feed": f"{base}/independents/feed.xml",
             "listing": {"url": f"{base}/independents/news.html", "links": "ul.news-list li.news-item > a",
                         "next": "a.next"},
             "verified": False},
        ],
    }}}


def write_registry(folder: Path, base: str) -> Path:
    path = folder / "councils.yml"
    path.write_text(yaml.safe_dump(registry(base), sort_keys=False), encoding="utf-8")
    return path


def connect(data_dir: Path) -> sqlite3.Connection:
    db = sqlite3.connect(data_dir / "promises.db")
    db.row_factory = sqlite3.Row
    return db


def counts(db: sqlite3.Connection) -> dict:
    return {table: db.execute(f"select count(*) from {table}").fetchone()[0]
            for table in ("documents", "article_copies", "document_pages", "document_versions", "news_sources",
                          "crawl_errors")}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """One news crawl of Testshire, then the same crawl again; the database with the counts after each."""
    data_dir = tmp_path_factory.mktemp("testshire")
    site = FixtureSite()
    with serve(site) as server:
        base = server.url.rstrip("/")
        path = write_registry(data_dir.parent, base)
        args = ("crawl", "testshire", "--registry", str(path), "--only", "news", "--data-dir", str(data_dir), *FAST)
        first = run_promises(*args)
        assert first.returncode == 0, first.stderr
        db = connect(data_dir)
        after_first = counts(db)
        requests_first = len(site.requests)
        second = run_promises(*args)
        assert second.returncode == 0, second.stderr
    return {"db": db, "base": base, "first": after_first, "second": counts(db), "stderr": first.stderr,
            "site": site, "requests_first": requests_first}


def copy_by_url(crawled, path: str):
    return crawled["db"].execute("select * from article_copies where url = ?", [f"{crawled['base']}/{path}"]).fetchone()


COUNCIL = ("newsroom", "press_release", "Testshire County Council", None)
ECHO = ("echo", "news", "Testshire Echo", None)
CONSERVATIVES = ("conservatives", "press_release", "Testshire Conservatives", "Conservative")
LIBDEMS = ("libdems", "press_release", "Testshire Liberal Democrats", "Liberal Democrat")
INDEPENDENTS = ("independents", "press_release", "Testshire Independents", "Independent")
ARTICLES = [  # path, source, title, published, where the date came from
    ("council/news/send-assessment-plan.html", COUNCIL,
     "Council sets out plan to cut waiting times for SEND assessments", "2024-03-04", "page"),
    ("council/news/danebury-special-school.html", COUNCIL,
     "Work starts on new special school in Danebury", "2024-02-20", "feed"),  # pubDate; the page has no date
    ("echo/news/cabinet-panel-backs-send-strategy.html", ECHO,
     "Cabinet panel backs new SEND strategy for Testshire", "2024-02-13", "page"),
    ("echo/news/plan-to-cut-send-waiting-times.html", ECHO,
     "Plan to cut SEND waiting times agreed by Testshire cabinet", "2024-03-05", "page"),
    ("conservatives/news/welcome-for-send-assessment-plan.html", CONSERVATIVES,
     "Conservative cabinet agrees plan to cut SEND waiting times", "2024-03-05", "page"),
    ("conservatives/news/more-school-places.html", CONSERVATIVES,
     "More school places for children with SEND", "2024-01-22", "sitemap"),  # lastmod; the page has no date
    ("libdems/news/send-motion-carried.html", LIBDEMS,
     "Council backs Lib Dem call for faster help for children with SEND", "2024-02-16", "page"),
    ("libdems/news/bus-pass-petition.html", LIBDEMS, "Lib Dems hand in bus pass petition", "2024-01-10", "page"),
    ("libdems/news/send-drop-in-sessions.html", LIBDEMS,  # on the listing's second page; no date anywhere
     "Lib Dem councillors hold SEND drop-in sessions for parents", None, None),
    ("independents/news/short-breaks-review.html", INDEPENDENTS,
     "Independents call for review of short breaks for disabled children", "2024-01-30", "page"),
]


@pytest.mark.parametrize("path, source, title, published, date_source", ARTICLES, ids=[row[0] for row in ARTICLES])
def test_each_source_stores_its_articles_with_title_date_kind_organisation_and_party(
        crawled, path, source, title, published, date_source):
    source_id, kind, organisation, party = source
    copy = copy_by_url(crawled, path)
    assert copy is not None, f"{path} was not stored"
    assert (copy["id"], copy["council"], copy["source"]) == (
        f"testshire/{source_id}/{Path(path).stem}", "testshire", f"testshire/{source_id}")
    assert (copy["title"], copy["published"], copy["date_source"]) == (title, published, date_source)
    assert (copy["kind"], copy["organisation"], copy["party"]) == (kind, organisation, party)
    assert copy["document"], "every copy names its document"


def test_only_the_expected_articles_are_stored(crawled):
    stored = {row["url"] for row in crawled["db"].execute("select url from article_copies")}
    assert stored == {f"{crawled['base']}/{row[0]}" for row in ARTICLES}


@pytest.mark.parametrize("source, method", [
    ("newsroom", "feed"), ("echo", "feed"), ("conservatives", "sitemap"), ("libdems", "listing"),
    ("independents", "listing"),  # its feed is broken: the listing was used instead
])
def test_each_source_is_recorded_with_the_way_its_articles_were_found(crawled, source, method):
    row = crawled["db"].execute("select * from news_sources where id = ?", [f"testshire/{source}"]).fetchone()
    assert row is not None
    assert (row["council"], row["source"], row["method"]) == ("testshire", source, method)
    assert row["kind"] == next(copy[1][1] for copy in ARTICLES if copy[1][0] == source)


def test_syndicated_release_is_one_document_with_three_copies(crawled):
    db, base = crawled["db"], crawled["base"]
    document_id = "testshire/newsroom/send-assessment-plan"
    document = db.execute("select * from documents where id = ?", [document_id]).fetchone()
    assert document is not None
    assert (document["copies"], document["published"], document["kind"], document["organisation"],
            document["party"], document["url"], document["title"]) == (
        3, "2024-03-04", "press_release", "Testshire County Council", None,
        f"{base}/council/news/send-assessment-plan.html",
        "Council sets out plan to cut waiting times for SEND assessments")
    urls = {row["url"] for row in db.execute("select url from article_copies where document = ?", [document_id])}
    assert urls == {f"{base}/council/news/send-assessment-plan.html",
                    f"{base}/echo/news/plan-to-cut-send-waiting-times.html",
                    f"{base}/conservatives/news/welcome-for-send-assessment-plan.html"}


def test_other_articles_are_documents_of_one_copy_each(crawled):
    db = crawled["db"]
    documents = {row["id"]: row for row in db.execute(
        "select * from documents where kind in ('press_release', 'news')")}
    copies = db.execute("select count(*) from article_copies").fetchone()[0]
    assert len(documents) == copies - 2
    assert sorted(row["copies"] for row in documents.values()) == [1] * (copies - 3) + [3]
    for path, (source, kind, organisation, party), title, published, _ in ARTICLES:
        copy = copy_by_url(crawled, path)
        document = documents[copy["document"]]
        if document["copies"] == 1:
            assert (document["id"], document["title"], document["published"], document["kind"],
                    document["organisation"], document["party"]) == (
                copy["id"], title, published, kind, organisation, party)


def test_document_page_is_the_title_a_blank_line_and_the_body(crawled):
    db = crawled["db"]
    copy = copy_by_url(crawled, "libdems/news/send-motion-carried.html")
    (page,) = db.execute("select * from document_pages where document = ?", [copy["document"]]).fetchall()
    assert page["page"] == 1
    assert page["text"] == f"{copy['title']}\n\n{copy['text']}"
    assert page["text"].startswith("Council backs Lib Dem call for faster help for children with SEND\n\n"
                                   "Testshire County Council has agreed a Liberal Democrat motion")
    assert "cookies" not in page["text"].lower() and "Margaret Hollis" not in page["text"]


ERRORS = [  # path (or full URL), severity, what the reason says
    ("https://news.testshire-ics.example/articles/neurodiversity-service", "warning",
     "feed item of newsroom points off-site (news.testshire-ics.example): not fetched"),
    ("council/news/half-term-activities.html", "error", "HTTP 404"),
    ("libdems/news/send-drop-in-sessions.html", "warning",
     "no publication date on the page or in its feed, sitemap or listing: kept, date unknown"),
    ("echo/news/send-tribunal-appeals-double.html", "error", "paywall or consent wall"),
    ("echo/news/school-transport-contract.html", "error", "paywall or consent wall"),
    ("independents/feed.xml", "error", "malformed feed"),
]


def error_url(crawled, path: str) -> str:
    return path if "://" in path else f"{crawled['base']}/{path}"


@pytest.mark.parametrize("path, severity, reason", ERRORS, ids=[row[0].rsplit("/", 1)[-1] for row in ERRORS])
def test_each_problem_leaves_one_crawl_error_row(crawled, path, severity, reason):
    rows = crawled["db"].execute("select * from crawl_errors where url = ?", [error_url(crawled, path)]).fetchall()
    assert [(row["severity"], reason in row["reason"]) for row in rows] == [(severity, True)], \
        [dict(row) for row in rows]
    assert (rows[0]["spider"], rows[0]["target"]) == ("news", "testshire/news")


def test_no_other_crawl_errors_are_recorded(crawled):
    urls = {row["url"] for row in crawled["db"].execute("select url from crawl_errors")}
    assert urls - {error_url(crawled, path) for path, _, _ in ERRORS} == set()


@pytest.mark.parametrize("path", [
    "echo/news/send-tribunal-appeals-double.html",  # paywall
    "echo/news/school-transport-contract.html",  # consent wall
    "council/news/half-term-activities.html",  # 404
])
def test_refused_and_missing_pages_are_not_stored(crawled, path):
    db, url = crawled["db"], f"{crawled['base']}/{path}"
    assert db.execute("select count(*) from article_copies where url = ?", [url]).fetchone()[0] == 0
    assert db.execute("select count(*) from documents where url = ?", [url]).fetchone()[0] == 0


def test_off_site_item_is_not_fetched(crawled):
    assert not any("neurodiversity" in target for target in crawled["site"].requests[:crawled["requests_first"]])


def test_malformed_feed_falls_back_to_the_listing(crawled):
    db, base = crawled["db"], crawled["base"]
    (error,) = db.execute("select * from crawl_errors where url = ?", [f"{base}/independents/feed.xml"]).fetchall()
    assert error["reason"].startswith("malformed feed: ") and error["reason"].endswith("; trying the listing instead")
    assert copy_by_url(crawled, "independents/news/short-breaks-review.html") is not None
    source = db.execute("select method from news_sources where id = 'testshire/independents'").fetchone()
    assert source["method"] == "listing"


def test_listing_is_followed_to_its_second_page(crawled):
    requested = {urlsplit(target).path for target in crawled["site"].requests[:crawled["requests_first"]]}
    assert {"/libdems/news/", "/libdems/news/page-2.html"} <= requested
    assert copy_by_url(crawled, "libdems/news/send-drop-in-sessions.html") is not None


def test_first_crawl_prints_how_many_pages_made_how_many_documents(crawled):
    copies, documents = crawled["first"]["article_copies"], crawled["first"]["documents"]
    assert documents == copies - 2
    assert (f"Articles: {copies} pages read make {documents} documents (2 syndicated copies joined another "
            "site's release)") in crawled["stderr"]


def test_second_crawl_adds_no_rows(crawled):
    assert crawled["second"] == crawled["first"]


def test_second_crawl_marks_every_article_unchanged(crawled):
    runs = crawled["db"].execute(
        "select * from crawl_runs where target = 'testshire/news' order by id").fetchall()
    assert len(runs) == 2
    first, second = runs
    stored = crawled["first"]["article_copies"]
    assert (first["documents_new"], first["documents_changed"], first["documents_unchanged"]) == (stored, 0, 0)
    assert (second["documents_new"], second["documents_changed"], second["documents_unchanged"],
            second["documents_downloaded"]) == (0, 0, stored, 0)
    assert second["status"] == "finished"
    seen = crawled["db"].execute("select count(*) from article_copies where last_seen >= ?",
                                 [second["started"]]).fetchone()[0]
    assert seen == stored


def test_syndicated_document_keeps_its_id_and_copies_after_the_second_crawl(crawled):
    document = crawled["db"].execute(
        "select copies, published from documents where id = 'testshire/newsroom/send-assessment-plan'").fetchone()
    assert tuple(document) == (3, "2024-03-04")


# Other ways in: a feed given on the command line, and --only meetings.

def test_feed_option_stores_articles_under_the_given_organisation_as_press_releases(tmp_path):
    with serve(FixtureSite()) as server:
        base = server.url.rstrip("/")
        result = run_promises("crawl", "--feed", f"{base}/forum/feed.xml", "--org", "Testshire Parent Carer Forum",
                              "--kind", "press_release", "--data-dir", str(tmp_path), *FAST)
    assert result.returncode == 0, result.stderr
    db = connect(tmp_path)
    copies = [dict(row) for row in db.execute("select * from article_copies")]
    assert [(copy["url"], copy["title"], copy["published"], copy["date_source"], copy["kind"],
             copy["organisation"], copy["party"]) for copy in copies] == [
        (f"{base}/forum/news/survey-results.html", "Forum survey: two in three families wait longer than 20 weeks",
         "2024-02-09", "feed", "press_release", "Testshire Parent Carer Forum", None)]
    (document,) = db.execute("select * from documents").fetchall()
    assert (document["kind"], document["organisation"], document["copies"], document["published"]) == (
        "press_release", "Testshire Parent Carer Forum", 1, "2024-02-09")
    (source,) = db.execute("select * from news_sources").fetchall()
    assert (source["organisation"], source["kind"], source["method"]) == (
        "Testshire Parent Carer Forum", "press_release", "feed")


def test_only_meetings_on_a_council_that_has_only_news_stores_no_articles(tmp_path):
    site = FixtureSite()
    with serve(site) as server:
        base = server.url.rstrip("/")
        path = write_registry(tmp_path, base)
        data_dir = tmp_path / "data"
        result = run_promises("crawl", "testshire", "--registry", str(path), "--only", "meetings",
                              "--data-dir", str(data_dir), *FAST, "-s", "RETRY_TIMES=0")
    assert result.returncode == 0, result.stderr
    assert "Articles:" not in result.stderr
    db = connect(data_dir)
    assert db.execute("select count(*) from article_copies").fetchone()[0] == 0
    assert db.execute("select count(*) from news_sources").fetchone()[0] == 0
    assert db.execute("select count(*) from documents where kind in ('press_release', 'news')").fetchone()[0] == 0
    assert not [target for target in site.requests
                if urlsplit(target).path.startswith(("/council/", "/echo/", "/conservatives/", "/libdems/",
                                                     "/independents/"))]


# article_id: the same article has the same id wherever the site is served from.

@pytest.mark.parametrize("urls, expected", [
    (["http://127.0.0.1:8123/council/news/send-assessment-plan.html",
      "http://127.0.0.1:50017/council/news/send-assessment-plan.html",
      "https://www.testshire.gov.uk/council/news/send-assessment-plan.html",
      "https://www.testshire.gov.uk/council/news/send-assessment-plan"], "testshire/newsroom/send-assessment-plan"),
    (["http://localhost:8000/news/2024/03/Plan-Agreed/", "https://news.example.org/news/2024/03/Plan-Agreed/"],
     "testshire/newsroom/plan-agreed"),
    (["http://127.0.0.1:9/News/Article.aspx?id=42", "https://www.testshire.gov.uk/News/Article.aspx?id=42"],
     "testshire/newsroom/article-id-42"),
    (["http://127.0.0.1:9/", "https://www.testshire.gov.uk"], "testshire/newsroom/index"),
])
def test_article_id_is_stable_across_hosts_and_ports(urls, expected):
    assert {article_id("testshire", "newsroom", url) for url in urls} == {expected}
