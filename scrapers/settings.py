"""Scrapy settings: polite by default (robots.txt, honest User-Agent, AutoThrottle, conditional requests)."""

from promises import __version__

BOT_NAME = "council-promises"
SPIDER_MODULES = ["scrapers.spiders"]
NEWSPIDER_MODULE = "scrapers.spiders"

USER_AGENT = f"CouncilPromises/{__version__} (+https://github.com/council-promises/council-promises)"
ROBOTSTXT_OBEY = True

# About one request a second per council, slower when the server is slow.
DOWNLOAD_DELAY = 1.0
CONCURRENT_REQUESTS_PER_DOMAIN = 4
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Self-hosted ModernGov installs can take a minute to answer.
DOWNLOAD_TIMEOUT = 90
RETRY_TIMES = 2
DOWNLOAD_MAXSIZE = 50 * 1024 * 1024
DOWNLOAD_WARNSIZE = 0
REDIRECT_MAX_TIMES = 10

# Responses pass middlewares from high numbers to low. Loops must be seen before RedirectMiddleware
# (600); the archive must see bodies after HttpCompressionMiddleware (590) has decoded them and after
# DownloaderStats (850) has counted what really came over the wire.
DOWNLOADER_MIDDLEWARES = {
    "scrapers.middlewares.RedirectLoopMiddleware": 650,
    "scrapers.middlewares.ConditionalRequestsMiddleware": 580,
}
ITEM_PIPELINES = {"scrapers.pipelines.StorePipeline": 300}
EXTENSIONS = {"scrapers.extensions.CrawlReport": 500, "scrapy.extensions.telnet.TelnetConsole": None}

# Where the crawl writes: set by `promises crawl` (PROMISES_DATA_DIR) for every crawl.
PROMISES_DATA_DIR = "data"
PROMISES_PROGRESS_INTERVAL = 5.0
# How many pages of a news source's HTML listing to follow.
PROMISES_NEWS_MAX_PAGES = 50
# With --browser: how long a refused page (403, 429, 503) may take to pass a firewall's challenge.
PROMISES_BROWSER_CHALLENGE_WAIT = 20.0

LOG_LEVEL = "WARNING"
FEED_EXPORT_ENCODING = "utf-8"
