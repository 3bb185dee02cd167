"""Progress lines while a crawl runs, and its summary at the end, also kept in crawl_runs."""

import sys

from scrapy import signals
from twisted.internet import task

from db import store
from scrapers.context import crawl_context


class CrawlReport:
    def __init__(self, crawler):
        self.crawler = crawler
        self.interval = crawler.settings.getfloat("PROMISES_PROGRESS_INTERVAL")
        self.loop = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider):
        context = crawl_context(self.crawler)
        context.run = store.start_run(context.db, context.target)
        _say(f"{context.target}: crawling {context.base_url} (run {context.run})")
        if self.interval > 0:
            self.loop = task.LoopingCall(lambda: _say(self._line(context, "…")))
            self.loop.start(self.interval, now=False)

    def spider_closed(self, spider, reason):
        if self.loop and self.loop.running:
            self.loop.stop()
        context = crawl_context(self.crawler)
        figures = self._figures(context)
        store.finish_run(context.db, context.run, {**figures, "status": reason})
        _say(self._line(context, f"done ({reason}):"))
        if context.spider_name != "news" and figures["meetings"] == 0 and context.counts["committees"] == 0 \
                and figures["errors"]:
            _say(f"{context.target}: no meetings were stored; the site may be blocking this client or is not"
                 f" a ModernGov site: see `crawl_errors` for run {context.run}")

    def _figures(self, context) -> dict:
        stats = self.crawler.stats
        return {
            "requests": stats.get_value("downloader/request_count", 0),
            "bytes": stats.get_value("downloader/response_bytes", 0),
            "meetings": context.counts["meetings"],
            "documents_new": context.counts["new"],
            "documents_changed": context.counts["changed"],
            "documents_unchanged": context.counts["unchanged"],
            "documents_downloaded": context.counts["downloaded"],
            "errors": store.run_errors(context.db, context.run),
        }

    def _line(self, context, state: str) -> str:
        f = self._figures(context)
        counts = (f"{f['documents_new']} new / {f['documents_changed']} changed / {f['documents_unchanged']} unchanged "
                  f"({f['documents_downloaded']} downloaded)")
        if context.spider_name == "news":
            found = f"articles {counts}, {context.counts['refused']} refused"
        else:
            found = f"{f['meetings']} meetings, documents {counts}"
        return f"{context.target}: {state} {f['requests']} requests, {f['bytes'] / 1e6:.1f} MB, {found}, {f['errors']} errors"


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)
