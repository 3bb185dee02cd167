"""Run ModernGov and news crawls in this process (Scrapy's reactor runs once per process)."""

import shutil
from datetime import date
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from db.schema import open_db
from pipeline.article_store import collapse_articles
from scrapers.spiders.moderngov import ModernGovSpider
from scrapers.spiders.news import NewsSpider


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
    only: str | None = None,
) -> dict[str, int] | None:
    """Crawl each council's meetings and news (concurrently, one crawler each) into data_dir; blocks until
    all finish. Returns what grouping the articles into documents counted, or None when no news was crawled.

    only="meetings" or "news" narrows a crawl to one of the two; a council whose platform is not ModernGov
    has its news crawled only. Each crawler keeps its Scrapy job state in data_dir/jobs/<slug>[-news], so an
    interrupted crawl can be continued with resume=True; without it, a crawl starts afresh. browser=True
    fetches pages through headless Chromium (scrapers.browser; raises BrowserUnavailable when it is not
    installed); incremental=True visits only what can have changed since the last crawl (see ModernGovSpider).
    """
    if browser:
        from scrapers.browser import browser_settings

        overrides = {**browser_settings(), **(overrides or {})}
    settings = crawl_settings(data_dir, overrides)
    process = CrawlerProcess(settings)
    news = False
    for council in councils:
        if only != "news" and council.get("platform", "moderngov") == "moderngov":
            crawler = _crawler(process, ModernGovSpider, data_dir, council["slug"], resume)
            process.crawl(crawler, council=council, since=since, until=until, incremental=incremental)
        if only != "meetings" and council.get("news"):
            crawler = _crawler(process, NewsSpider, data_dir, f"{council['slug']}-news", resume)
            process.crawl(crawler, council=council, sources=council["news"], since=since)
            news = True
    process.start()
    if not news:
        return None
    return collapse_articles(open_db(Path(data_dir) / "promises.db"))


def _crawler(process: CrawlerProcess, spider, data_dir: Path, job: str, resume: bool):
    jobdir = Path(data_dir) / "jobs" / job
    if not resume and jobdir.exists():
        shutil.rmtree(jobdir)
    crawler = process.create_crawler(spider)
    crawler.settings.set("JOBDIR", str(jobdir), priority="cmdline")
    return crawler
