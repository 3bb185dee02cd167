"""Run ModernGov crawls in this process (Scrapy's reactor runs once per process)."""

import shutil
from datetime import date
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from scrapers.spiders.moderngov import ModernGovSpider


def crawl_settings(data_dir: Path, overrides: dict | None = None) -> Settings:
    """The project's Scrapy settings pointed at data_dir, with overrides applied."""
    settings = Settings()
    settings.setmodule("scrapers.settings", priority="project")
    settings.set("PROMISES_DATA_DIR", str(data_dir), priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


def run_crawls(
    councils: list[dict], data_dir: Path, since: date | None = None, until: date | None = None,
    resume: bool = False, overrides: dict | None = None, browser: bool = False, incremental: bool = False,
) -> None:
    """Crawl each council (concurrently, one crawler each) into data_dir; blocks until all finish.

    Each council keeps its Scrapy job state in data_dir/jobs/<slug>, so an interrupted crawl can be
    continued with resume=True; without it, a crawl starts afresh. browser=True fetches pages through
    headless Chromium (scrapers.browser; raises BrowserUnavailable when it is not installed);
    incremental=True visits only what can have changed since the last crawl (see ModernGovSpider).
    """
    if browser:
        from scrapers.browser import browser_settings

        overrides = {**browser_settings(), **(overrides or {})}
    settings = crawl_settings(data_dir, overrides)
    process = CrawlerProcess(settings)
    for council in councils:
        jobdir = Path(data_dir) / "jobs" / council["slug"]
        if not resume and jobdir.exists():
            shutil.rmtree(jobdir)
        crawler = process.create_crawler(ModernGovSpider)
        crawler.settings.set("JOBDIR", str(jobdir), priority="cmdline")
        process.crawl(crawler, council=council, since=since, until=until, incremental=incremental)
    process.start()
