"""The council registry (councils.yml) and how crawl targets resolve against it."""

import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml

REGISTRY = Path(__file__).with_name("councils.yml")


@cache
def load_registry(path: Path = REGISTRY) -> dict[str, dict]:
    """Councils by slug, each with its slug filled in."""
    councils = yaml.safe_load(Path(path).read_text(encoding="utf-8"))["councils"]
    return {slug: {"slug": slug, **entry} for slug, entry in councils.items()}


def normalise_base_url(url: str) -> str:
    """A base URL with a scheme and a trailing slash, without any page name or query."""
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    path = parts.path
    if re.search(r"/[^/]+\.(aspx|asmx|html?)$", path, re.I):
        path = path.rsplit("/", 1)[0]
    return f"{parts.scheme}://{parts.netloc}{path.rstrip('/')}/"


def slug_for_url(base_url: str) -> str:
    """A slug for a site that is not in the registry, made from its host and path."""
    parts = urlsplit(base_url)
    return re.sub(r"[^a-z0-9]+", "-", f"{parts.netloc}{parts.path}".lower()).strip("-")


def resolve_target(target: str, news_only: bool = False, path: Path = REGISTRY) -> dict:
    """A registry entry for a slug or base URL; a base URL not in the registry gets a made-up entry.

    Raises ValueError for an unknown slug, or for a council on a platform whose meetings the crawler
    does not read yet unless only its news is wanted.
    """
    registry = load_registry(Path(path))
    if "/" in target or "." in target:
        base_url = normalise_base_url(target)
        for council in registry.values():
            if council.get("base_url") and _site(council["base_url"]) == _site(base_url):
                return council
        return {"slug": slug_for_url(base_url), "name": urlsplit(base_url).netloc,
                "platform": "moderngov", "base_url": base_url, "verified": False}
    if target not in registry:
        raise ValueError(
            f"unknown council {target!r}: give a slug from scrapers/councils.yml "
            "(see `promises crawl --list`) or a ModernGov base URL"
        )
    council = registry[target]
    if council.get("platform") != "moderngov" and not news_only:
        raise ValueError(f"{target} runs {council.get('platform')}; only ModernGov meetings can be crawled yet "
                         "(its news can: --only news)")
    return council


def _site(url: str) -> str:
    """A base URL without its scheme, so http and https spellings of one site match."""
    return normalise_base_url(url).split("://", 1)[1].lower()


def feed_source(url: str, organisation: str | None = None, kind: str = "news") -> dict:
    """A news source entry for a feed given on the command line."""
    host = urlsplit(url).hostname or "feed"
    return {"id": slug_for_url(f"{host}/"), "name": organisation or host, "organisation": organisation or host,
            "kind": kind, "party": None, "url": url, "feed": url, "verified": False}


def feed_council(url: str, organisation: str | None, source: dict) -> dict:
    """The entry a feed's articles are kept under when no council is named: its publisher's site."""
    parts = urlsplit(url)
    return {"slug": source["id"], "name": organisation or parts.hostname, "platform": "news",
            "base_url": f"{parts.scheme}://{parts.netloc}/", "verified": False, "news": [source]}
