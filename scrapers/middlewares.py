"""Downloader middleware: conditional requests backed by the raw archive, and redirect loops."""

from urllib.parse import urljoin

from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.responsetypes import responsetypes
from w3lib.url import safe_url_string

from db import store
from pipeline.archive import archive_bytes, read_archived
from scrapers.context import crawl_context


class ConditionalRequestsMiddleware:
    """Send If-None-Match / If-Modified-Since for anything fetched before; complete a 304 from the archive.

    Scrapy's own HTTP cache keys entries by the full URL, so a site served from another host or port
    (the demo council is served on a free port) would miss it. Here the key is the URL relative to
    the council's base URL, and a 304 answer is completed with the archived body, so callbacks see
    the page as before and document bodies are never downloaded twice.

    A request with ``meta["archive"] = False`` (councillors' own pages, which can show home
    addresses) is neither archived nor remembered.
    """

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request):
        if request.meta.get("archive") is False:
            return None
        context = crawl_context(self.crawler)
        cached = store.get_row(context.db, "fetches", _key(context, request), "key")
        if cached and (cached["etag"] or cached["last_modified"]):
            if cached["etag"]:
                request.headers.setdefault("If-None-Match", cached["etag"])
            if cached["last_modified"]:
                request.headers.setdefault("If-Modified-Since", cached["last_modified"])
        return None

    def process_response(self, request, response: Response):
        if request.meta.get("archive") is False:
            return response
        context = crawl_context(self.crawler)
        key = _key(context, request)
        if response.status == 304:
            cached = store.get_row(context.db, "fetches", key, "key")
            body = read_archived(context.archive, cached["sha256"]) if cached else None
            if body is None:
                return response
            self.crawler.stats.inc_value("promises/not_modified")
            request.meta["sha256"] = cached["sha256"]
            headers = response.headers.copy()
            if cached["content_type"]:
                headers["Content-Type"] = cached["content_type"]
            response_class = responsetypes.from_args(headers=headers, url=response.url, body=body)
            return response_class(
                url=response.url, status=200, headers=headers, body=body, request=request,
                flags=[*response.flags, "not-modified"],
            )
        if response.status == 200:
            sha256 = archive_bytes(context.archive, response.body)
            request.meta["sha256"] = sha256
            header = response.headers.get
            store.put_fetch(context.db, {
                "key": key, "url": request.url, "sha256": sha256,
                "content_type": _text(header("Content-Type")), "etag": _text(header("ETag")),
                "last_modified": _text(header("Last-Modified")), "fetched": store.now(),
            })
        return response


class RedirectLoopMiddleware:
    """Fail a request whose redirect leads back to a URL of its own chain.

    Without this, Scrapy's duplicate filter drops the repeated URL silently and the document
    vanishes without a trace; failing it sends it to the spider's errback and into crawl_errors.
    """

    def process_response(self, request, response: Response):
        location = response.headers.get("Location")
        if response.status in (301, 302, 303, 307, 308) and location:
            target = safe_url_string(urljoin(request.url, location.decode("latin-1")))
            if target in (*request.meta.get("redirect_urls", ()), request.url):
                raise IgnoreRequest(f"redirect loop: {target} redirects back to itself")
        return response


def _key(context, request) -> str:
    """A document's fetch key is its id, so the two URLs one document has (the web service's
    mgConvert2PDF.aspx?ID= and the page's documents/s<id>/...) share validators and archive."""
    document = request.meta.get("document")
    return f"{context.target}:{document}" if isinstance(document, str) else context.key(request.url)


def _text(value: bytes | None) -> str | None:
    return value.decode("latin-1") if value else None
