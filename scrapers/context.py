"""State shared by one crawl's middleware, item pipeline and report: database, archive, run id."""

from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from db import store
from db.schema import open_db


@dataclass
class CrawlContext:
    data_dir: Path
    db: sqlite_utils.Database
    target: str
    base_url: str
    spider_name: str
    run: int | None = None
    counts: dict = field(default_factory=lambda: dict.fromkeys(
        ("new", "changed", "unchanged", "refused", "downloaded", "meetings", "committees"), 0))

    @property
    def archive(self) -> Path:
        return self.data_dir / "archive"

    def key(self, url: str) -> str:
        """A request's cache and error key: the URL relative to the council's base, so it does not
        depend on the host or port the site was served from."""
        relative = url[len(self.base_url):] if url.startswith(self.base_url) else url
        return f"{self.target}:{relative}"

    def record_error(self, url: str, reason: str, severity: str = "error") -> None:
        store.record_error(self.db, self.run, self.target, self.key(url), url, self.spider_name, reason, severity)


def crawl_context(crawler) -> CrawlContext:
    """The one CrawlContext of a crawler, made on first use."""
    context = getattr(crawler, "_promises_context", None)
    if context is None:
        data_dir = Path(crawler.settings.get("PROMISES_DATA_DIR"))
        data_dir.mkdir(parents=True, exist_ok=True)
        spider = crawler.spider
        context = CrawlContext(
            data_dir=data_dir, db=open_db(data_dir / "promises.db"),
            target=getattr(spider, "target", spider.council["slug"]), base_url=spider.council.get("base_url") or "",
            spider_name=spider.name,
        )
        crawler._promises_context = context
    return context
