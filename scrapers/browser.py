"""The opt-in `--browser` crawl: pages fetched by Debian's headless Chromium through scrapy-playwright.

Only for a site that refuses scripted clients (HTTP 403 or a firewall's JavaScript challenge).
Nothing else changes: robots.txt is fetched and obeyed, the throttle stays, and the User-Agent is the browser's own followed by the project's (``... HeadlessChrome/156.0.0.0
Safari/537.36 CouncilPromises/0.1.0 (+https://...)``), so the site sees a headless browser run by
this tool, and robots.txt rules for ``CouncilPromises`` still apply.

Documents do not go through the browser: Chromium shows a PDF in its viewer (the navigation's body
is the viewer's page, not the file) and aborts a navigation answered 304 Not Modified. They are
fetched by Scrapy's own client with the browser's cookies and User-Agent, which keeps the size cap,
conditional requests and the archive exactly as in a normal crawl. Pages are fetched whole each time.

Chromium itself asks for /favicon.ico now and then, with its plain User-Agent: Playwright can neither
see nor change that request.
"""

import os
import time
from functools import partial
from pathlib import Path

from scrapy.http import Headers
from scrapy.responsetypes import responsetypes

from scrapers import settings as defaults

CHROMIUM = "/usr/bin/chromium"
HANDLER = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
# Keep Chromium from calling home while it crawls for us.
CHROMIUM_ARGS = ["--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps"]
CHALLENGE_STATUSES = (403, 429, 503)
SKIPPED_RESOURCES = frozenset({"image", "media", "font", "stylesheet"})
NAVIGATIONS = "browser_navigations"


class BrowserUnavailable(RuntimeError):
    """Debian's Chromium is not installed."""


def browser_settings(chromium: str = CHROMIUM) -> dict:
    """The Scrapy settings `--browser` adds to the project's; raise BrowserUnavailable without Chromium.

    Politeness settings (ROBOTSTXT_OBEY, DOWNLOAD_DELAY, AutoThrottle, CONCURRENT_REQUESTS_PER_DOMAIN)
    are left as they are.
    """
    if not Path(chromium).is_file():
        raise BrowserUnavailable(
            f"{chromium} is missing: install Debian's chromium package (apt-get install chromium); "
            "--browser never downloads a browser"
        )
    args = CHROMIUM_ARGS + (["--no-sandbox"] if os.geteuid() == 0 else [])
    timeout_ms = defaults.DOWNLOAD_TIMEOUT * 1000
    return {
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        "DOWNLOAD_HANDLERS": {"http": HANDLER, "https": HANDLER},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": {"executable_path": chromium, "headless": True, "args": args},
        "PLAYWRIGHT_MAX_CONTEXTS": 1,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": defaults.CONCURRENT_REQUESTS_PER_DOMAIN,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": timeout_ms,
        "PLAYWRIGHT_PROCESS_REQUEST_HEADERS": "scrapers.browser.browser_headers",
        "PLAYWRIGHT_ABORT_REQUEST": "scrapers.browser.skip_resource",
        # The browser keeps the cookies (a passed challenge is one); documents get them from it.
        "COOKIES_ENABLED": False,
        "DOWNLOADER_MIDDLEWARES": {**defaults.DOWNLOADER_MIDDLEWARES, "scrapers.browser.BrowserMiddleware": 950},
    }


async def browser_headers(*, browser_type_name: str, playwright_request, scrapy_request_data: dict) -> dict:
    """Headers of every browser request: the browser's own, its User-Agent followed by the project's."""
    headers = await playwright_request.all_headers()
    browser = headers.get("user-agent", "")
    ours = (scrapy_request_data["headers"].get("User-Agent") or b"").decode("latin-1")
    # scrapy-playwright copies the first navigation's final headers back into the Scrapy request,
    # so a later navigation of the same page (a challenge's reload) finds both already joined.
    headers["user-agent"] = ours if ours.startswith(browser) else f"{browser} {ours}".strip()
    return headers


def skip_resource(playwright_request) -> bool:
    """Images, fonts, media and stylesheets are never fetched: the crawl needs none of them."""
    return playwright_request.resource_type in SKIPPED_RESOURCES


async def watch_navigations(page, request) -> None:
    """Page init callback: keep the page's main-frame navigation responses in request.meta."""
    navigations = request.meta[NAVIGATIONS] = []

    def seen(response):
        if is_main_navigation(page, response):
            navigations.append(response)

    page.on("response", seen)


def is_main_navigation(page, response) -> bool:
    """True for the answer to a navigation of the page itself (not a frame's, not a script's)."""
    return response.frame == page.main_frame and response.request.is_navigation_request()


def is_document(request) -> bool:
    """True for a request the spider marked as a document download (meta "document": its id)."""
    return bool(request.meta.get("document"))


class BrowserMiddleware:
    """Send pages (and robots.txt) through the browser, documents through Scrapy with its cookies.

    A page answered with a refusal (403, 429, 503) is given time to run its challenge: when the
    browser then navigates again (a challenge page sets a cookie and reloads), the answer of the
    last navigation is the response. The response body is always the bytes the server sent, not
    the browser's rendering, so the archive and sha256 are as in a normal crawl.
    """

    def __init__(self, challenge_wait: float):
        self.challenge_wait = challenge_wait
        self.context = None
        self.user_agent = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.getfloat("PROMISES_BROWSER_CHALLENGE_WAIT"))

    async def process_request(self, request):
        if not is_document(request):
            request.meta.update(
                playwright=True, playwright_include_page=True,
                playwright_page_init_callback="scrapers.browser.watch_navigations",
                playwright_page_goto_kwargs={"wait_until": "commit"},
            )
            return
        if self.user_agent:
            request.headers["User-Agent"] = self.user_agent
        if self.context is not None:
            cookies = await self.context.cookies(request.url)
            if cookies:
                request.headers["Cookie"] = "; ".join(f"{c['name']}={c['value']}" for c in cookies)

    async def process_response(self, request, response):
        page = request.meta.pop("playwright_page", None)
        navigations = request.meta.pop(NAVIGATIONS, None)
        if page is None:
            return response
        try:
            if "playwright_suggested_filename" in request.meta:
                return response  # a download: scrapy-playwright read its bytes from the saved file
            final = await self._after_challenge(page, navigations)
            self.context = page.context
            self.user_agent = await final.request.header_value("user-agent")
            body = await final.body()
            headers = Headers(await final.all_headers())
        finally:
            await page.close()
        # The browser has decoded the body already.
        headers.pop("Content-Encoding", None)
        headers.pop("Content-Length", None)
        response_class = responsetypes.from_args(headers=headers, url=final.url, body=body)
        return response_class(url=final.url, status=final.status, headers=headers, body=body, request=request,
                              flags=response.flags)

    async def process_exception(self, request, exception):
        request.meta.pop(NAVIGATIONS, None)
        page = request.meta.pop("playwright_page", None)
        if page is not None and not page.is_closed():
            await page.close()

    async def _after_challenge(self, page, navigations: list):
        """The last navigation's response, once a refused page has had its chance to run a challenge."""
        from playwright.async_api import TimeoutError as PlaywrightTimeout

        deadline = time.monotonic() + self.challenge_wait
        while navigations[-1].status in CHALLENGE_STATUSES and (left := deadline - time.monotonic()) > 0:
            try:
                await page.wait_for_event("response", predicate=partial(is_main_navigation, page),
                                          timeout=left * 1000)
            except PlaywrightTimeout:
                break
        return navigations[-1]
