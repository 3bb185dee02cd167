"""The demo council's news sources: newsroom RSS, a party listing, a paper's sitemap and another's Atom feed."""

from __future__ import annotations

import itertools
import json
import re
import urllib.request
from datetime import date

import lxml.etree
import lxml.html
import pytest

from demo import news
from demo.server import serve
from demo.site import load_site

HOST = {"Host": "127.0.0.1:8123"}
BASE = "http://127.0.0.1:8123/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ORIGINAL = "news/send-investment-8-million.html"
CLUTTERED = "libdems/news/council-backs-faster-send-improvement.html"
ARTICLES = news.articles()
REPRINTS = [a for a in ARTICLES if a.syndicated_of]


@pytest.fixture(scope="module")
def site():
    return load_site("demo")


def shingles(paragraphs, size: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", " ".join(paragraphs).lower())
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b)


def rss_items(body: bytes) -> list[tuple[str, str]]:
    channel = lxml.etree.fromstring(body).find("channel")
    return [(item.findtext("link"), item.findtext("pubDate")) for item in channel.findall("item")]


def atom_entries(body: bytes) -> list[tuple[str, str]]:
    feed = lxml.etree.fromstring(body)
    return [(entry.find(f"{ATOM}link").get("href"), entry.findtext(f"{ATOM}published"))
            for entry in feed.findall(f"{ATOM}entry")]


def sitemap_entries(body: bytes) -> list[tuple[str, str]]:
    urlset = lxml.etree.fromstring(body)
    return [(url.findtext(f"{SITEMAP}loc"), url.findtext(f"{SITEMAP}lastmod"))
            for url in urlset.findall(f"{SITEMAP}url")]


def paths_of(source: str) -> set[str]:
    return {a.path for a in ARTICLES if a.source == source}


# -- discovery --------------------------------------------------------------------


@pytest.mark.parametrize("target, content_type, entries, source", [
    ("news/rss.xml", "application/rss+xml; charset=utf-8", rss_items, "newsroom"),
    ("herald/atom.xml", "application/atom+xml; charset=utf-8", atom_entries, "herald"),
    ("gazette/sitemap.xml", "application/xml; charset=utf-8", sitemap_entries, "gazette"),
])
def test_feed_or_sitemap_lists_every_article_of_its_source_with_absolute_links_that_open(
        site, target, content_type, entries, source):
    response = site.get(target, HOST)
    assert (response.status, response.headers["Content-Type"]) == (200, content_type)
    listed = entries(response.body)
    assert {link.removeprefix(BASE) for link, _ in listed} == paths_of(source)
    assert all(stamp for _, stamp in listed)
    for link, _ in listed:
        page = site.get(link.removeprefix(BASE), HOST)
        assert (page.status, page.headers["Content-Type"]) == (200, "text/html; charset=utf-8"), link


def test_rss_pubdates_are_rfc_822_and_match_the_articles(site):
    dates = dict(rss_items(site.get("news/rss.xml", HOST).body))
    assert dates[BASE + ORIGINAL] == "Tue, 18 Jul 2023 10:30:00 +0000"


def test_sitemap_index_points_to_the_sitemap(site):
    index = lxml.etree.fromstring(site.get("gazette/sitemap_index.xml", HOST).body)
    assert [loc.text for loc in index.iter(f"{SITEMAP}loc")] == [BASE + "gazette/sitemap.xml"]


@pytest.mark.parametrize("target, expected_links, next_link", [
    ("libdems/news/", ["/libdems/news/kestwick-short-breaks-centre-scrapped.html", "/" + CLUTTERED],
     "/libdems/news/?page=2"),
    ("libdems/news/?page=2", ["/libdems/news/send-casework-motion-voted-down.html"], None),
])
def test_party_listing_pages_two_posts_at_a_time_newest_first(site, target, expected_links, next_link):
    page = lxml.html.fromstring(site.get(target).body)
    assert [a.get("href") for a in page.cssselect("h2.entry-title a")] == expected_links
    assert len(page.cssselect("article time[datetime]")) == len(expected_links)
    assert [a.get("href") for a in page.cssselect("a.next")] == ([next_link] if next_link else [])


@pytest.mark.parametrize("target", ["libdems/news/?page=3", "libdems/news/?page=0", "libdems/news/?page=two",
                                    "libdems/news/?page=%C2%B2", "libdems/news/?page="])
def test_listing_page_out_of_range_is_404(site, target):
    assert site.get(target).status == 404


def test_source_registry_entries_point_at_the_served_targets(site):
    entries = {entry["id"]: entry for entry in news.sources(BASE)}
    assert list(entries) == ["newsroom", "libdems", "gazette", "herald"]
    assert entries["libdems"]["listing"] == {"url": BASE + "libdems/news/", "links": "h2.entry-title a",
                                             "next": "a.next"}
    assert entries["libdems"]["party"] == "Forward Demoshire"
    for entry in entries.values():
        for key in ("url", "feed", "sitemap"):
            if key in entry:
                assert site.get(entry[key].removeprefix(BASE)).status == 200, entry[key]


def test_site_iterates_every_news_target(site):
    keys = set(site)
    assert set(news.targets()) <= keys
    assert {a.path for a in ARTICLES} <= keys


# -- links and the Host header ----------------------------------------------------


@pytest.mark.parametrize("headers, link", [
    (HOST, BASE + ORIGINAL),
    ({"Host": "news.demo:80"}, "http://news.demo:80/" + ORIGINAL),
    ({}, "/" + ORIGINAL),
    ({"Host": "evil/<script>"}, "/" + ORIGINAL),
])
def test_feed_links_are_absolute_for_the_request_host_else_root_relative(site, headers, link):
    assert link in dict(rss_items(site.get("news/rss.xml", headers).body))


@pytest.mark.parametrize("path", [a.path for a in ARTICLES])
def test_article_pages_link_root_relative_except_canonical_and_og_url(site, path):
    page = lxml.html.fromstring(site.get(path, HOST).body)
    hrefs = [h for h in page.xpath("//a/@href") if not h.startswith(("mailto:", "tel:"))]
    assert hrefs and all(h.startswith("/") for h in hrefs), path
    assert page.xpath("//link[@rel='canonical']/@href") == [BASE + path]


# -- article pages ----------------------------------------------------------------


def page_date(page) -> date:
    """The publication date a page states: article:published_time, else JSON-LD datePublished."""
    stamps = page.xpath("//meta[@property='article:published_time']/@content") or [
        json.loads(page.xpath("//script[@type='application/ld+json']/text()")[0])["datePublished"]]
    return date.fromisoformat(stamps[0][:10])


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.path)
def test_article_page_holds_its_paragraphs_date_title_and_furniture(site, article):
    response = site.get(article.path, HOST)
    page = lxml.html.fromstring(response.body)
    assert [" ".join(p.text_content().split()) for p in page.xpath("//p") if p.text_content() in article.paragraphs] \
        == list(article.paragraphs)
    assert page_date(page) == article.published
    assert page.xpath("//meta[@property='og:title']/@content") == [article.title]
    assert article.title in page.findtext(".//title")
    assert page.cssselect("header nav a") and page.cssselect("footer a")
    assert page.xpath("//meta[@name='author']/@content") == [article.author]


@pytest.mark.parametrize("path, byline", [
    ("gazette/2023/12/councillors-demand-faster-send-plan.html", "By Hannah Pryce, Local Democracy Reporter"),
    ("gazette/2023/07/send-services-to-get-8m-boost.html", "By Gazette Newsdesk"),
    ("herald/send-programme-closing-report.html", "By Amrit Sandhu, Local Democracy Reporter"),
])
def test_paper_stories_carry_a_byline(site, path, byline):
    page = lxml.html.fromstring(site.get(path).body)
    assert byline in " ".join(page.text_content().split())


def test_cluttered_post_carries_cookie_banner_share_buttons_related_articles_and_comments(site):
    page = lxml.html.fromstring(site.get(CLUTTERED).body)
    banner = page.cssselect("div#cookie-notice.cookie-banner")[0].text_content()
    assert "This website uses cookies" in banner and "Accept all cookies" in banner and "Reject" in banner
    shares = [a.text_content() for a in page.cssselect(".share-buttons a")]
    assert {"Share on Facebook", "Share on X"} <= set(shares)
    assert page.cssselect(".related-articles a")
    comments = page.cssselect("section#comments li.comment .comment-text")
    openings = ("Thank you for raising this.", "Will the monthly figures be published anyway?")
    assert len(comments) == 2 and all(c.text_content().startswith(o) for c, o in zip(comments, openings))
    assert page.cssselect("article div.entry-content p") and page.cssselect("h1.entry-title")
    assert page.xpath("//meta[@property='article:published_time']/@content") == ["2023-12-15T10:00:00+00:00"]


def test_only_one_post_is_cluttered(site):
    cluttered = [a.path for a in ARTICLES if b'id="cookie-notice"' in site.get(a.path).body]
    assert cluttered == [CLUTTERED]


# -- syndication ------------------------------------------------------------------


@pytest.mark.parametrize("reprint", REPRINTS, ids=lambda a: a.path)
def test_reprint_shares_at_least_85_percent_of_shingles_with_the_original(reprint):
    original = next(a for a in ARTICLES if a.path == reprint.syndicated_of)
    assert jaccard(shingles(reprint.paragraphs), shingles(original.paragraphs)) >= 0.85
    assert reprint.title != original.title and reprint.standfirst
    assert 1 <= (reprint.published - original.published).days <= 2


def test_the_july_2023_release_is_reprinted_by_both_papers():
    assert sorted((a.source, a.syndicated_of) for a in REPRINTS) == [("gazette", ORIGINAL), ("herald", ORIGINAL)]


def test_articles_that_are_not_reprints_of_one_another_are_not_near_duplicates():
    family = {ORIGINAL} | {a.path for a in REPRINTS}
    for a, b in itertools.combinations(ARTICLES, 2):
        if not {a.path, b.path} <= family:
            assert jaccard(shingles(a.paragraphs), shingles(b.paragraphs)) < 0.2, (a.path, b.path)


# -- caching and errors -----------------------------------------------------------


@pytest.mark.parametrize("target", [*(a.path for a in ARTICLES), "news/rss.xml", "herald/atom.xml",
                                    "gazette/sitemap.xml", "libdems/news/"])
def test_news_target_answers_304_to_its_etag_and_last_modified(site, target):
    first = site.get(target, HOST)
    assert first.status == 200 and first.headers["ETag"] and first.headers["Last-Modified"]
    assert site.get(target, {**HOST, "If-None-Match": first.headers["ETag"]}).status == 304
    assert site.get(target, {**HOST, "If-Modified-Since": first.headers["Last-Modified"]}).status == 304
    assert site.get(target, {**HOST, "If-None-Match": '"other"'}).status == 200


@pytest.mark.parametrize("target", [
    "news/no-such-release.html", "news/rss", "libdems/", "libdems/news/no-such-post.html",
    "gazette/2023/07/", "gazette/2023/07/no-such-story.html", "herald/rss.xml", "herald/atom.xml/extra",
])
def test_unknown_news_path_is_404(site, target):
    assert site.get(target).status == 404


def test_faults_site_serves_no_news():
    assert load_site("faults", slow_seconds=0).get("news/rss.xml").status == 404


# -- over HTTP --------------------------------------------------------------------


def test_served_feeds_link_to_articles_on_the_server_itself():
    with serve("demo") as server:
        def fetch(url):
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.status, response.headers["Content-Type"], response.read()

        feeds = [(server.url + "news/rss.xml", rss_items), (server.url + "herald/atom.xml", atom_entries),
                 (server.url + "gazette/sitemap.xml", sitemap_entries)]
        for url, entries in feeds:
            links = [link for link, _ in entries(fetch(url)[2])]
            assert links and all(link.startswith(server.url) for link in links), url
            for link in links:
                status, content_type, body = fetch(link)
                assert (status, content_type) == (200, "text/html; charset=utf-8"), link
                assert b"<article" in body or b'class="story"' in body
