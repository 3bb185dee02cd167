"""Web articles (press releases, party news, local papers) to clean text with trafilatura.

Page furniture goes in two passes: elements that `pipeline/patterns/articles.yml` names (cookie notices,
share buttons, related articles, comments) are dropped before trafilatura reads the page, and lines of its
text that are furniture by their words (a cookie banner written as plain paragraphs, an "as it happened"
footer) are dropped after. A paywall or consent wall raises `ArticleRefused`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

import lxml.html
import trafilatura
from lxml import etree
from lxml.cssselect import CSSSelector

from pipeline.dates import iso_day
from pipeline.text import charset_parameter, decode_html
from pipeline.vocabulary import vocabulary

MIN_WORDS = 25  # fewer words than this after cleaning is no article (a wall, a stub, an error page)
DATE_OPTIONS = {"extensive_search": False, "original_date": True}  # metadata and markup, never the text
META_DATES = ("//meta[@property='article:published_time' or @property='og:published_time' or "
              "@name='date' or @name='DC.date' or @name='dcterms.created' or @itemprop='datePublished']/@content")


class ArticleRefused(Exception):
    """A page that holds no article: a paywall, a consent wall or no text; str() says which."""


@dataclass
class Article:
    title: str
    text: str
    published: date | None
    date_source: str | None  # "page" (its metadata or markup), or the discovery hint's source, or None
    author: str | None


def extract_article(body: bytes | str, url: str, content_type: str | None = None, hint_title: str | None = None,
                    hint_date: date | None = None, hint_source: str | None = None) -> Article:
    """The article of an HTML page: title, date (the page's own first, then the hint from the feed,
    sitemap or listing that led to it), author and body text without furniture.

    Raises ArticleRefused for a paywall, a consent wall or a page with no article text.
    """
    html = decode_html(body, charset_parameter(content_type))[0] if isinstance(body, bytes) else body
    tree = _tree(html)
    if tree is None:
        raise ArticleRefused("not an HTML page")
    page_text = " ".join(tree.xpath("string(//body)").split())  # before furniture goes: a wall can be furniture
    _drop_furniture(tree)
    found = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True,
        date_extraction_params=DATE_OPTIONS,
    )
    title = " ".join(((found and found.title) or hint_title or "").split())
    text = _without_headline(clean_text(found.text if found else ""), title)
    _refuse_walls(text, page_text)
    published, date_source = _metadata_date(tree) or iso_day(found and found.date), "page"
    if published is None:
        published, date_source = hint_date, hint_source if hint_date else None
    return Article(title=title, text=text, published=published, date_source=date_source,
                   author=(found and found.author) or None)


def clean_text(text: str) -> str:
    """Article text without furniture lines, one paragraph per line."""
    noise = _noise()
    lines = (" ".join(line.split()) for line in (text or "").splitlines())
    return "\n".join(line for line in lines if line and not noise.fullmatch(line))


def is_wall(text: str) -> bool:
    """True when the text is what a paywall or consent wall says."""
    return bool(_walls().search(text))


def _refuse_walls(text: str, page_text: str) -> None:
    """Refuse a page whose article text shows a wall's words, or that has too little text to be an
    article: then the whole page says why, if a wall is what it shows."""
    wall = _walls().search(text)
    words = len(text.split())
    if wall is None and words >= MIN_WORDS:
        return
    wall = wall or _walls().search(page_text)
    if wall:
        raise ArticleRefused(f"paywall or consent wall, not an article: page says {wall.group(0)!r}")
    raise ArticleRefused(f"no article text ({words} words after removing page furniture)")


def _without_headline(text: str, title: str) -> str:
    """The text without leading lines that repeat the title (many pages put their <h1> in the article)."""
    lines = text.split("\n")
    while lines and title and lines[0].casefold() == title.casefold():
        lines.pop(0)
    return "\n".join(lines)


def _metadata_date(tree) -> date | None:
    """The publication date the page's metadata states (meta tags, then JSON-LD), before any guess:
    htmldate also reads dates out of addresses, and "/2020/05/25.3m-school" is not 25 May."""
    for value in tree.xpath(META_DATES):
        if day := iso_day(value):
            return day
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        found = re.search(r'"datePublished"\s*:\s*"([^"]+)"', script)
        if day := iso_day(found and found.group(1)):
            return day
    return None


def _tree(html: str):
    """The page's tree; None when it is not HTML."""
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _drop_furniture(tree) -> None:
    """Drop the elements articles.yml names (never the page, its body or its article)."""
    for selector in _removals():
        for element in selector(tree):
            if element.getparent() is not None and element.tag not in ("html", "body", "article", "main"):
                element.drop_tree()


@cache
def _removals() -> tuple[CSSSelector, ...]:
    return tuple(CSSSelector(pattern) for pattern in vocabulary("articles")["remove"])


@cache
def _noise() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in vocabulary("articles")["noise"]), re.IGNORECASE)


@cache
def _walls() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in vocabulary("articles")["walls"]), re.IGNORECASE)
