"""The crawl benchmark's baseline: a plain Scrapy spider that fetches a fixed list of URLs and does nothing.

    python benchmarks/noop_spider.py URLS.txt STATS.json [-s NAME=VALUE ...]

URLS.txt holds one URL a line (the URLs our crawl fetched, without robots.txt: this spider obeys
robots.txt like ours, so Scrapy's RobotsTxtMiddleware fetches it). The callback ignores every
response. Settings are Scrapy's defaults plus the project's User-Agent, robots.txt rule and
downloader limits (timeout, retries, size cap, redirects), plus the -s overrides the benchmark
also gives our crawl (delay, AutoThrottle, concurrency). None of the project's middlewares,
pipelines or extensions run. Scrapy's stats are written to STATS.json when the crawl ends.
"""

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

import scrapy
from scrapy.crawler import CrawlerProcess

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scrapers import settings as project  # noqa: E402  (only for the values copied below)

COPIED = ("USER_AGENT", "ROBOTSTXT_OBEY", "DOWNLOAD_TIMEOUT", "RETRY_TIMES", "DOWNLOAD_MAXSIZE",
          "DOWNLOAD_WARNSIZE", "REDIRECT_MAX_TIMES", "LOG_LEVEL")


class NoopSpider(scrapy.Spider):
    name = "noop"

    def __init__(self, urls: list[str], **kwargs):
        super().__init__(**kwargs)
        self.urls = urls

    async def start(self):
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse)

    def parse(self, response):
        return None


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", type=Path)
    parser.add_argument("stats", type=Path)
    parser.add_argument("-s", "--set", dest="overrides", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args(argv)
    settings = {name: getattr(project, name) for name in COPIED}
    settings["TELNETCONSOLE_ENABLED"] = False  # ours disables it too
    for pair in args.overrides:
        name, _, value = pair.partition("=")
        settings[name] = value
    urls = [line.strip() for line in args.urls.read_text(encoding="utf-8").splitlines() if line.strip()]
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(NoopSpider)
    process.crawl(crawler, urls=urls)
    process.start()
    stats = {key: (value.isoformat() if isinstance(value, datetime) else value)
             for key, value in crawler.stats.get_stats().items()}
    args.stats.write_text(json.dumps(stats, indent=1, sort_keys=True), encoding="utf-8")
    print(f"noop: {stats.get('downloader/request_count', 0)} requests in "
          f"{stats.get('elapsed_time_seconds', 0):.1f} s", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
