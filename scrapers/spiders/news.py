"""The news spider: press releases and local news from a council's news sources.

A source is a registry entry (`news:` in councils.yml). Its articles are found, in order of preference,
from its RSS/Atom feed (feedparser), its sitemap (Scrapy's sitemap machinery) or an HTML listing read with
the CSS selectors the entry gives (`links`, `next`); when one way fails, the next one the entry gives is
tried. Every article page becomes an ArticleItem; extraction and syndicated copies are the pipeline's work.
"""

import re
from datetime import date
from urllib.parse import urlsplit

import feedparser
import scrapy
from scrapy.http import TextResponse
from scrapy.utils.gz import gunzip, gzip_magic_number
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from pipeline.dates import iso_day
from scrapers.items import ArticleItem, CouncilItem, CrawlErrorItem, NewsSourceItem
from scrapers.spiders.moderngov import describe_failure

METHODS = ("feed", "sitemap", "listing")


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(self, council: dict, sources: list[dict], since: date | None = None, **kwargs):
        super().__init__(**kwargs)
        self.council = council
        self.slug = council["slug"]
        self.target = f"{self.slug}/news"
        self.sources = sources
        self.since = since
        self.requested: set[str] = set()

    async def start(self):
        council = self.council
        yield CouncilItem(slug=self.slug, name=council["name"], platform=council.get("platform", "moderngov"),
                          base_url=council.get("base_url") or "", verified=bool(council.get("verified")))
        for source in self.sources:
            methods = [method for method in METHODS if source.get(method)]
            if not methods:
                yield CrawlErrorItem(source.get("url") or source["id"], f"news source {source['id']} gives no feed, "
                                     "sitemap or listing to find its articles in: skipped", "warning")
                continue
            yield self._discover(source, methods)

    def _discover(self, source: dict, methods: list[str]) -> scrapy.Request:
        """A request for the first of `methods`; the rest are fallbacks if it fails."""
        method = methods[0]
        url = source["listing"]["url"] if method == "listing" else source[method]
        callback = {"feed": self.parse_feed, "sitemap": self.parse_sitemap, "listing": self.parse_listing}[method]
        return scrapy.Request(url, callback=callback, errback=self.on_discovery_error,
                              cb_kwargs={"source": source, "methods": methods}, dont_filter=True)

    # Feeds

    def parse_feed(self, response, source: dict, methods: list[str]):
        feed = feedparser.parse(response.body)
        entries = [entry for entry in feed.entries if entry.get("link")]
        if feed.bozo and not entries:
            yield from self._fail(response.url, source, methods, f"malformed feed: {_bozo(feed)}")
            return
        if feed.bozo:
            yield CrawlErrorItem(response.url, f"malformed feed, read what could be read: {_bozo(feed)}", "warning")
        yield NewsSourceItem(self.slug, source, "feed")
        for entry in entries:
            when = _struct_date(entry.get("published_parsed") or entry.get("updated_parsed"))
            yield from self._article_request(response.urljoin(entry["link"]), source, "feed", when,
                                             entry.get("title"))

    # Sitemaps

    def parse_sitemap(self, response, source: dict, methods: list[str], depth: int = 0):
        if urlsplit(response.url).path.endswith("/robots.txt"):
            for url in sitemap_urls_from_robots(response.text, base_url=response.url):
                yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.on_error,
                                     cb_kwargs={"source": source, "methods": methods[:1], "depth": depth + 1})
            return
        sitemap = _sitemap(response)
        if sitemap is None:
            yield from self._fail(response.url, source, methods, "not a sitemap (no urlset or sitemapindex)")
            return
        if depth == 0:
            yield NewsSourceItem(self.slug, source, "sitemap")
        for entry in sitemap:
            when = iso_day(entry.get("lastmod"))
            if sitemap.type == "sitemapindex" and depth < 3:
                yield scrapy.Request(response.urljoin(entry["loc"]), callback=self.parse_sitemap, errback=self.on_error,
                                     cb_kwargs={"source": source, "methods": methods[:1], "depth": depth + 1})
            elif sitemap.type == "urlset":
                yield from self._article_request(response.urljoin(entry["loc"]), source, "sitemap", when)

    # HTML listings

    def parse_listing(self, response, source: dict, methods: list[str], page: int = 1):
        if not isinstance(response, TextResponse):
            yield from self._fail(response.url, source, methods, "listing is not an HTML page")
            return
        listing = source["listing"]
        links = response.css(listing["links"])
        if page == 1:
            if not links:
                yield from self._fail(response.url, source, methods,
                                      f"no article links match {listing['links']!r} on the listing")
                return
            yield NewsSourceItem(self.slug, source, "listing")
        for link in links:
            href = link.attrib.get("href")
            if href:
                yield from self._article_request(response.urljoin(href), source, "listing", None,
                                                 " ".join(link.css("::text").getall()).strip() or None)
        yield from self._next_page(response, source, methods, page)

    def _next_page(self, response, source: dict, methods: list[str], page: int):
        selector = source["listing"].get("next")
        href = response.css(selector).attrib.get("href") if selector else None
        if href and page < self.settings.getint("PROMISES_NEWS_MAX_PAGES"):
            yield scrapy.Request(response.urljoin(href), callback=self.parse_listing, errback=self.on_error,
                                 cb_kwargs={"source": source, "methods": methods[:1], "page": page + 1})

    # Articles

    def _article_request(self, url: str, source: dict, found_by: str, when: date | None, title: str | None = None):
        host = urlsplit(url).hostname
        if host not in _hosts(source):
            yield CrawlErrorItem(url, f"{found_by} item of {source['id']} points off-site ({host}): not fetched",
                                 "warning")
            return
        if self.since and when and when < self.since:
            return
        if url in self.requested:
            return
        self.requested.add(url)
        yield scrapy.Request(url, callback=self.parse_article, errback=self.on_error, cb_kwargs={
            "source": source, "hint": {"hint_title": title, "hint_source": found_by,
                                       "hint_date": when.isoformat() if when else None}})

    def parse_article(self, response, source: dict, hint: dict):
        content_type = response.headers.get("Content-Type")
        if not isinstance(response, TextResponse):
            yield CrawlErrorItem(response.url, "not an HTML page: no article read")
            return
        yield ArticleItem(
            id=article_id(self.slug, source["id"], response.url), council=self.slug, source=source, url=response.url,
            body=response.body, sha256=response.meta["sha256"],
            content_type=content_type.decode("latin-1") if content_type else None,
            not_modified="not-modified" in response.flags, **hint,
        )

    # Failures

    def _fail(self, url: str, source: dict, methods: list[str], reason: str):
        """Record why a way of finding articles failed and try the next one the source gives."""
        rest = methods[1:]
        yield CrawlErrorItem(url, reason + (f"; trying the {rest[0]} instead" if rest else ""))
        if rest:
            yield self._discover(source, rest)

    def on_discovery_error(self, failure):
        kwargs = failure.request.cb_kwargs
        yield from self._fail(failure.request.url, kwargs["source"], kwargs["methods"], describe_failure(failure))

    def on_error(self, failure):
        yield CrawlErrorItem(failure.request.url, describe_failure(failure))


def article_id(council: str, source: str, url: str) -> str:
    """council/source/slug, the slug made from the URL's last path segment and query (never its host)."""
    parts = urlsplit(url)
    segments = [segment for segment in parts.path.split("/") if segment]
    last = re.sub(r"\.(?:html?|aspx?|php|jsp)$", "", segments[-1], flags=re.I) if segments else ""
    slug = re.sub(r"[^a-z0-9]+", "-", f"{last} {parts.query}".lower()).strip("-")[:100]
    return f"{council}/{source}/{slug or 'index'}"


def _hosts(source: dict) -> set[str]:
    """The hosts a source's articles may live on: those of its pages, plus any `domains` it lists."""
    urls = [source.get("url"), source.get("feed"), source.get("sitemap"), (source.get("listing") or {}).get("url")]
    return {urlsplit(url).hostname for url in urls if url} | set(source.get("domains") or ())


def _sitemap(response):
    """The response's sitemap (gzipped or not), or None when it holds none."""
    body = gunzip(response.body) if gzip_magic_number(response) else response.body
    try:
        sitemap = Sitemap(body)
    except Exception:  # lxml raises several kinds for what is not XML
        return None
    return sitemap if sitemap.type in ("urlset", "sitemapindex") else None


def _bozo(feed) -> str:
    problem = feed.get("bozo_exception")
    return str(problem).strip() or type(problem).__name__ if problem else "not a feed"


def _struct_date(value) -> date | None:
    return date(*value[:3]) if value else None
