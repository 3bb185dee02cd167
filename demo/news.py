"""News about the demo council's SEND story, served by the demo `Site` under path prefixes.

Four sources tell the story of demo/council.yml from outside the minutes (content in demo/news.yml):

- ``news/``: the council's newsroom: an index page, an RSS 2.0 feed ``news/rss.xml`` and press
  releases ``news/<slug>.html``;
- ``libdems/news/``: the opposition group's site (Forward Demoshire): a listing paginated two to a
  page (``libdems/news/?page=2``) and posts ``libdems/news/<slug>.html``, one of them cluttered with a
  cookie banner, share buttons, related articles and reader comments;
- ``gazette/``: the Demoshire Gazette: a front page, ``gazette/sitemap_index.xml`` pointing to
  ``gazette/sitemap.xml`` and stories ``gazette/<yyyy>/<mm>/<slug>.html``;
- ``herald/``: the Westby Herald: a front page, an Atom feed ``herald/atom.xml`` and stories
  ``herald/<slug>.html``.

Both papers reprint the council's July 2023 release almost word for word.

Absolute links: feeds and sitemaps need absolute URLs, but the demo server learns its host and port
only from each request. `render` therefore takes a ``base`` that `base_url` makes from the request's
Host header (``http://127.0.0.1:8123/``), or ``/`` when there is no usable Host header, so that a
`Site.get` without headers still gets well-formed, root-relative links. HTML pages link
root-relative, like the rest of the demo; only their canonical and ``og:url`` use ``base``.
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import NamedTuple

import yaml
from lxml import etree

from demo.story import paragraphs as split_paragraphs

NEWS = Path(__file__).with_name("news.yml")
HTML = "text/html; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
XML = "application/xml; charset=utf-8"
PREFIXES = ("news/", "libdems/", "gazette/", "herald/")
LISTING = "libdems/news/"
LISTING_PAGE_SIZE = 2
ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_HOST = re.compile(r"(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?")


@dataclass(frozen=True)
class Comment:
    """A reader's comment under a post."""

    name: str
    posted: datetime
    text: str


@dataclass(frozen=True)
class Furniture:
    """The clutter of the one cluttered post: cookie banner sentences and reader comments."""

    cookie_banner: tuple[str, ...]
    comments: tuple[Comment, ...]


@dataclass(frozen=True)
class Article:
    """One news article; ``syndicated_of`` is the path of the original when it is a reprint."""

    source: str
    path: str
    title: str
    published: date
    posted: datetime  # publication time, UTC
    author: str
    paragraphs: tuple[str, ...]
    summary: str
    role: str = ""
    standfirst: str = ""
    syndicated_of: str | None = None
    furniture: Furniture | None = None


class Page(NamedTuple):
    """A rendered news target: content type, body and when it last changed."""

    content_type: str
    body: bytes
    modified: datetime


# -- data -------------------------------------------------------------------------


@functools.cache
def _data() -> dict:
    return yaml.safe_load(NEWS.read_text(encoding="utf-8"))


def sources(base_url: str) -> list[dict]:
    """Registry entries of the four news sources, their URLs joined to ``base_url`` (ending in "/")."""
    entries = []
    for spec in _data()["sources"]:
        entry = {key: base_url + value if key in ("url", "feed", "sitemap") else value
                 for key, value in spec.items()}
        if "listing" in entry:
            entry["listing"] = {**entry["listing"], "url": base_url + entry["listing"]["url"]}
        entries.append(entry)
    return entries


@functools.cache
def articles() -> tuple[Article, ...]:
    """Every article of every source, in the order of demo/news.yml."""
    specs = {spec["path"]: spec for spec in _data()["articles"]}
    return tuple(_article(spec, specs) for spec in specs.values())


def _article(spec: dict, specs: dict) -> Article:
    original = specs.get(spec.get("reprint_of"), {})
    paragraphs = split_paragraphs(spec.get("paragraphs") or original["paragraphs"])
    for old, new in spec.get("replace", []):
        paragraphs = tuple(p.replace(old, new) for p in paragraphs)
    furniture, posted = spec.get("furniture"), _when(spec["published"])
    return Article(
        source=spec["source"], path=spec["path"], title=spec["title"], published=posted.date(), posted=posted,
        author=spec["author"], paragraphs=paragraphs[:spec.get("keep")],
        summary=" ".join((spec.get("summary") or original["summary"]).split()),
        role=spec.get("role", ""), standfirst=spec.get("standfirst", ""),
        syndicated_of=spec.get("reprint_of"),
        furniture=furniture and Furniture(
            tuple(furniture["cookie_banner"]),
            tuple(Comment(c["name"], _when(c["posted"]), " ".join(c["text"].split()))
                  for c in furniture["comments"])))


def _when(value: str) -> datetime:
    return datetime.strptime(value, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def _source(source_id: str) -> dict:
    return next(spec for spec in _data()["sources"] if spec["id"] == source_id)


def _of(source_id: str) -> list[Article]:
    """A source's articles, newest first."""
    return sorted((a for a in articles() if a.source == source_id), key=lambda a: a.posted, reverse=True)


@functools.cache
def _by_path() -> dict[str, Article]:
    return {article.path.lower(): article for article in articles()}


# -- routing ----------------------------------------------------------------------


def owns(path: str) -> bool:
    """True when a request path (no leading slash) belongs to the news sources."""
    return path.lower().startswith(PREFIXES)


def base_url(host: str | None) -> str:
    """The base for absolute links: ``http://<host>/`` for a well-formed Host header, else ``/``."""
    return f"http://{host}/" if host and _HOST.fullmatch(host) else "/"


def targets():
    """Every news target the site serves: front pages, feeds, sitemaps, listing pages and articles."""
    yield "news/"
    yield "news/rss.xml"
    yield from (a.path for a in _of("newsroom"))
    yield LISTING
    yield from (f"{LISTING}?page={n}" for n in range(2, _listing_pages() + 1))
    yield from (a.path for a in _of("libdems"))
    yield "gazette/"
    yield "gazette/sitemap_index.xml"
    yield "gazette/sitemap.xml"
    yield from (a.path for a in _of("gazette"))
    yield "herald/"
    yield "herald/atom.xml"
    yield from (a.path for a in _of("herald"))


def render(path: str, params: Mapping, base: str) -> Page | None:
    """The page for a news path (no leading slash) and its lower-cased query ``params``;
    ``base`` comes from `base_url`. None when there is no such page."""
    path = path.lower()
    fixed = {"news/": _newsroom_index, "news/rss.xml": _rss, "gazette/": _gazette_index,
             "gazette/sitemap_index.xml": _sitemap_index, "gazette/sitemap.xml": _sitemap,
             "herald/": _herald_index, "herald/atom.xml": _atom}
    if path in fixed:
        return fixed[path](base)
    if path == LISTING:
        return _listing(_page_number(params.get("page")))
    article = _by_path().get(path)
    return article and _ARTICLE_PAGES[article.source](article, base)


def _page_number(value) -> int | None:
    if value is None:
        return 1
    return int(value) if value.isascii() and value.isdigit() and 1 <= int(value) <= _listing_pages() else None


def _listing_pages() -> int:
    return math.ceil(len(_of("libdems")) / LISTING_PAGE_SIZE)


# -- feeds and sitemaps -----------------------------------------------------------


def _xml(root, content_type: str, modified: datetime) -> Page:
    return Page(content_type, etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True),
                modified)


def _sub(parent, tag: str, text: str = "", **attrs):
    element = etree.SubElement(parent, tag, attrs)
    element.text = text or None
    return element


def _rss(base: str) -> Page:
    items, source = _of("newsroom"), _source("newsroom")
    rss = etree.Element("rss", version="2.0", nsmap={"atom": ATOM_NS})
    channel = _sub(rss, "channel")
    _sub(channel, "title", source["name"])
    _sub(channel, "link", base + source["url"])
    _sub(channel, "description", "Press releases from Demoshire County Council")
    _sub(channel, "language", "en-gb")
    _sub(channel, "lastBuildDate", format_datetime(items[0].posted))
    _sub(channel, f"{{{ATOM_NS}}}link", href=base + source["feed"], rel="self", type="application/rss+xml")
    for article in items:
        item = _sub(channel, "item")
        _sub(item, "title", article.title)
        _sub(item, "link", base + article.path)
        _sub(item, "description", article.summary)
        _sub(item, "pubDate", format_datetime(article.posted))
        _sub(item, "guid", base + article.path, isPermaLink="true" if "://" in base else "false")
    return _xml(rss, RSS, items[0].posted)


def _atom(base: str) -> Page:
    entries, source = _of("herald"), _source("herald")
    feed = etree.Element(f"{{{ATOM_NS}}}feed", nsmap={None: ATOM_NS})
    _sub(feed, f"{{{ATOM_NS}}}title", source["name"])
    _sub(feed, f"{{{ATOM_NS}}}id", "tag:westbyherald.example,2023:news")
    _sub(feed, f"{{{ATOM_NS}}}updated", entries[0].posted.isoformat())
    _sub(feed, f"{{{ATOM_NS}}}link", rel="self", href=base + source["feed"])
    _sub(feed, f"{{{ATOM_NS}}}link", rel="alternate", href=base + source["url"])
    for article in entries:
        entry = _sub(feed, f"{{{ATOM_NS}}}entry")
        _sub(entry, f"{{{ATOM_NS}}}title", article.title)
        _sub(entry, f"{{{ATOM_NS}}}link", rel="alternate", type="text/html", href=base + article.path)
        _sub(entry, f"{{{ATOM_NS}}}id", f"tag:westbyherald.example,{article.published.isoformat()}:{article.path}")
        _sub(entry, f"{{{ATOM_NS}}}published", article.posted.isoformat())
        _sub(entry, f"{{{ATOM_NS}}}updated", article.posted.isoformat())
        _sub(_sub(entry, f"{{{ATOM_NS}}}author"), f"{{{ATOM_NS}}}name", article.author)
        _sub(entry, f"{{{ATOM_NS}}}summary", article.summary)
    return _xml(feed, ATOM, entries[0].posted)


def _sitemap(base: str) -> Page:
    stories = _of("gazette")
    urlset = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS})
    for article in stories:
        url = _sub(urlset, f"{{{SITEMAP_NS}}}url")
        _sub(url, f"{{{SITEMAP_NS}}}loc", base + article.path)
        _sub(url, f"{{{SITEMAP_NS}}}lastmod", article.posted.isoformat())
    return _xml(urlset, XML, stories[0].posted)


def _sitemap_index(base: str) -> Page:
    newest = _of("gazette")[0].posted
    index = etree.Element(f"{{{SITEMAP_NS}}}sitemapindex", nsmap={None: SITEMAP_NS})
    sitemap = _sub(index, f"{{{SITEMAP_NS}}}sitemap")
    _sub(sitemap, f"{{{SITEMAP_NS}}}loc", base + _source("gazette")["sitemap"])
    _sub(sitemap, f"{{{SITEMAP_NS}}}lastmod", newest.isoformat())
    return _xml(index, XML, newest)


# -- HTML -------------------------------------------------------------------------


def _e(value: str) -> str:
    """Escape text for element content."""
    return html.escape(value, quote=False)


def _a(value: str) -> str:
    """Escape text for a double-quoted attribute value."""
    return html.escape(value, quote=True)


def _href(path: str) -> str:
    """A root-relative link to a target of the demo site."""
    return _a("/" + path)


def _long_date(when: datetime) -> str:
    return f"{when.day} {when:%B %Y}"


def _paragraphs(article: Article) -> str:
    return "\n".join(f"<p>{_e(p)}</p>" for p in article.paragraphs)


def _links(pairs) -> str:
    return "\n".join(f'<li><a href="{_href(path)}">{_e(label)}</a></li>' for label, path in pairs)


def _document(title: str, head: str, body: str, body_class: str) -> str:
    """A whole HTML page; ``head`` holds extra head elements (may be empty)."""
    head_lines = ['<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">',
                  f"<title>{_e(title)}</title>", *([head] if head else [])]
    return ('<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n' + "\n".join(head_lines) + "\n</head>\n"
            f'<body class="{body_class}">\n{body}\n</body>\n</html>\n')


def _html(text: str, modified: datetime) -> Page:
    return Page(HTML, text.encode("utf-8"), modified)


def _article_head(article: Article, base: str, site_name: str) -> str:
    """Meta tags every article page carries: description, author, canonical and Open Graph."""
    url = _a(base + article.path)
    return "\n".join([
        f'<meta name="description" content="{_a(article.summary)}">',
        f'<meta name="author" content="{_a(article.author)}">',
        f'<link rel="canonical" href="{url}">',
        f'<meta property="og:site_name" content="{_a(site_name)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{_a(article.title)}">',
        f'<meta property="og:url" content="{url}">',
    ])


def _published_meta(article: Article) -> str:
    return f'<meta property="article:published_time" content="{article.posted.isoformat()}">'


def _json_ld(article: Article, base: str, publisher: str) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title,
            "datePublished": article.posted.isoformat(), "dateModified": article.posted.isoformat(),
            "author": {"@type": "Person", "name": article.author},
            "publisher": {"@type": "Organization", "name": publisher},
            "mainEntityOfPage": base + article.path}
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>'


def _footer_links(pairs, email: str, label: str) -> str:
    return f'{_links(pairs)}\n<li><a href="mailto:{_a(email)}">{_e(label)}</a></li>'


def _time(stamp: str, text: str, css: str = "") -> str:
    css = f' class="{css}"' if css else ""
    return f'<time{css} datetime="{stamp}">{_e(text)}</time>'


def _alternate(content_type: str, title: str, path: str) -> str:
    return f'<link rel="alternate" type="{content_type}" title="{_a(title)}" href="{_href(path)}">'


def _breadcrumbs(trail, title: str) -> str:
    return (f'<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>\n{_links(trail)}\n'
            f'<li aria-current="page">{_e(title)}</li>\n</ol></nav>')


# -- council newsroom ---------------------------------------------------------------

_MEMBER_INDEX = "mgMemberIndex.aspx?FN=ALPHA&VW=TABLE&PIC=0"
_COUNCIL_MENU = (("Home", "news/"), ("Council meetings", "mgListCommittees.aspx?bcr=1"),
                 ("Your councillors", _MEMBER_INDEX), ("News", "news/"))
_COUNCIL_FOOTER = (("News feed (RSS)", "news/rss.xml"), ("Council meetings", "mgListCommittees.aspx?bcr=1"))


def _council_chrome(main: str) -> str:
    header = ('<header class="site-header">\n<a class="logo" href="/news/">Demoshire County Council</a>\n'
              f'<nav class="main-menu" aria-label="Main menu"><ul>\n{_links(_COUNCIL_MENU)}\n</ul></nav>\n</header>')
    footer = ('<footer class="site-footer">\n<ul class="footer-links">\n'
              f'{_footer_links(_COUNCIL_FOOTER, "press.office@demoshire.example", "Contact the press office")}\n'
              '</ul>\n<p class="copyright">&copy; Demoshire County Council, County Hall, Pelham Street, Demsbury</p>\n'
              '</footer>')
    return f"{header}\n{main}\n{footer}"


def _newsroom_index(base: str) -> Page:
    items = _of("newsroom")
    rows = "\n".join(f'<li class="news-item"><a href="{_href(a.path)}">{_e(a.title)}</a>\n'
                     f'{_time(a.published.isoformat(), _long_date(a.posted))}\n<p>{_e(a.summary)}</p></li>'
                     for a in items)
    main = (f'<main id="main-content">\n{_breadcrumbs((("Home", "news/"),), "News")}\n<h1>News</h1>\n'
            f'<ul class="news-list">\n{rows}\n</ul>\n</main>')
    head = _alternate("application/rss+xml", "Council news", "news/rss.xml")
    return _html(_document("News - Demoshire County Council", head, _council_chrome(main), "newsroom"),
                 items[0].posted)


def _press_release(article: Article, base: str) -> Page:
    head = _article_head(article, base, "Demoshire County Council") + "\n" + _published_meta(article)
    trail = (("Home", "news/"), ("News", "news/"))
    main = (f'<main id="main-content">\n{_breadcrumbs(trail, article.title)}\n'
            f'<article class="press-release">\n<h1>{_e(article.title)}</h1>\n'
            f'<p class="published">Published: {_time(article.published.isoformat(), _long_date(article.posted))}</p>\n'
            f'<div class="release-body">\n{_paragraphs(article)}\n</div>\n'
            '<aside class="media-enquiries"><h2>Media enquiries</h2>\n'
            '<p>Press office: <a href="tel:+441632960100">01632 960100</a></p></aside>\n</article>\n</main>')
    return _html(_document(f"{article.title} - Demoshire County Council", head, _council_chrome(main), "newsroom"),
                 article.posted)


# -- opposition group ---------------------------------------------------------------

_PARTY_MENU = (("Home", LISTING), ("News", LISTING), ("Find your councillor", _MEMBER_INDEX))


def _party_chrome(main: str, banner: str = "") -> str:
    header = ('<header id="masthead" class="site-header">\n'
              f'<p class="site-title"><a href="{_href(LISTING)}">Forward Demoshire</a></p>\n'
              '<p class="site-description">Your Forward Demoshire councillors on Demoshire County Council</p>\n'
              f'<nav id="site-navigation" class="main-navigation"><ul class="menu">\n{_links(_PARTY_MENU)}\n'
              '</ul></nav>\n</header>')
    footer = ('<footer id="colophon" class="site-footer">\n<ul class="footer-menu">\n'
              f'{_footer_links((("News", LISTING),), "group@forwarddemoshire.example", "Contact us")}\n</ul>\n'
              '<p class="imprint">Promoted by the Forward Demoshire county group, County Hall, Pelham Street, '
              'Demsbury.</p>\n</footer>')
    return f"{banner}{header}\n{main}\n{footer}"


def _listing(page: int | None) -> Page | None:
    if page is None:
        return None
    posts = _of("libdems")
    shown = posts[(page - 1) * LISTING_PAGE_SIZE:page * LISTING_PAGE_SIZE]
    entries = "\n".join(
        f'<article class="post">\n<h2 class="entry-title"><a href="{_href(a.path)}">{_e(a.title)}</a></h2>\n'
        f'<div class="entry-meta">{_time(a.published.isoformat(), _long_date(a.posted))} by Cllr {_e(a.author)}</div>\n'
        f'<div class="entry-summary"><p>{_e(a.summary)}</p></div>\n</article>'
        for a in shown)
    links = []
    if page > 1:
        previous = LISTING if page == 2 else f"{LISTING}?page={page - 1}"
        links.append(f'<a class="prev" href="{_href(previous)}">Previous page</a>')
    if page < _listing_pages():
        links.append(f'<a class="next" href="{_href(f"{LISTING}?page={page + 1}")}">Next page</a>')
    main = (f'<main id="primary" class="site-main">\n<h1 class="page-title">News</h1>\n{entries}\n'
            f'<div class="pagination">{" ".join(links)}</div>\n</main>')
    title = "News - Forward Demoshire" + (f" - Page {page}" if page > 1 else "")
    return _html(_document(title, "", _party_chrome(main), "blog"), posts[0].posted)


def _party_post(article: Article, base: str) -> Page:
    clutter = article.furniture
    head = _article_head(article, base, "Forward Demoshire") + "\n" + _published_meta(article)
    posted = _time(article.posted.isoformat(), _long_date(article.posted), "entry-date published")
    main = (f'<main id="primary" class="site-main">\n<article class="post">\n<header class="entry-header">\n'
            f'<h1 class="entry-title">{_e(article.title)}</h1>\n<div class="entry-meta">Posted on {posted} by '
            f'<span class="author vcard">Cllr {_e(article.author)}</span></div>\n</header>\n'
            f'<div class="entry-content">\n{_paragraphs(article)}\n</div>\n'
            f'{_share_buttons(article) if clutter else ""}</article>\n'
            f'{_related(article) + _comments(clutter.comments) if clutter else ""}</main>')
    banner = _cookie_banner(clutter.cookie_banner) if clutter else ""
    return _html(_document(f"{article.title} - Forward Demoshire", head, _party_chrome(main, banner), "single-post"),
                 article.posted)


def _cookie_banner(sentences) -> str:
    return ('<div id="cookie-notice" class="cookie-banner" role="dialog" aria-label="Cookie consent">\n'
            f'<p>{_e(" ".join(sentences))}</p>\n<button type="button" class="accept">Accept all cookies</button>\n'
            '<button type="button" class="reject">Reject optional cookies</button>\n</div>\n')


def _share_buttons(article: Article) -> str:
    page = _href(article.path)
    return ('<div class="share-buttons">\n'
            f'<a class="share-facebook" href="{page}#share-facebook">Share on Facebook</a>\n'
            f'<a class="share-x" href="{page}#share-x">Share on X</a>\n'
            f'<a class="share-email" href="mailto:?subject={_a(article.title)}">Share by email</a>\n</div>\n')


def _related(article: Article) -> str:
    others = [(a.title, a.path) for a in _of(article.source) if a.path != article.path]
    return f'<section class="related-articles">\n<h2>Related articles</h2>\n<ul>\n{_links(others)}\n</ul>\n</section>\n'


def _comments(comments) -> str:
    items = "\n".join(
        f'<li class="comment">\n<p class="comment-author">{_e(c.name)}</p>\n'
        f'{_time(c.posted.isoformat(), f"{_long_date(c.posted)} at {c.posted:%H:%M}", "comment-date")}\n'
        f'<div class="comment-text"><p>{_e(c.text)}</p></div>\n</li>' for c in comments)
    return ('<section id="comments" class="comments-area">\n'
            f'<h2 class="comments-title">{len(comments)} comments</h2>\n<ol class="comment-list">\n{items}\n</ol>\n'
            '<p class="comment-respond">Leave a comment below.</p>\n</section>\n')


# -- local papers -----------------------------------------------------------------

_GAZETTE_MENU = (("Home", "gazette/"), ("News", "gazette/#latest"), ("Newsletter", "gazette/#newsletter"))
_GAZETTE_FOOTER = (("Sitemap", "gazette/sitemap_index.xml"), ("Home", "gazette/"))
_HERALD_MENU = (("News", "herald/"), ("Atom feed", "herald/atom.xml"))


def _byline(article: Article) -> str:
    role = f", {_e(article.role)}" if article.role else ""
    return f'By <span class="author">{_e(article.author)}</span>{role}'


def _clock(when: datetime) -> str:
    """A paper's dateline: "Wednesday, 19 July 2023, 7:00am"."""
    return f"{when:%A}, {_long_date(when)}, {when.hour % 12 or 12}:{when:%M}{'am' if when.hour < 12 else 'pm'}"


def _gazette_chrome(main: str) -> str:
    header = ('<header class="masthead">\n<a class="brand" href="/gazette/">Demoshire Gazette</a>\n'
              f'<nav class="primary-nav" aria-label="Sections"><ul>\n{_links(_GAZETTE_MENU)}\n</ul></nav>\n</header>')
    footer = ('<footer class="site-footer">\n<ul>\n'
              f'{_footer_links(_GAZETTE_FOOTER, "newsdesk@demoshiregazette.example", "Contact the newsdesk")}\n'
              '</ul>\n<p>&copy; Demoshire Gazette. All rights reserved.</p>\n</footer>')
    return f"{header}\n{main}\n{footer}"


def _newsletter(paper: str) -> str:
    return ('<aside id="newsletter" class="newsletter-signup">\n<h2>Sign up to our free newsletter</h2>\n'
            f"<p>The day's top stories from the {_e(paper)}, in your inbox every morning.</p>\n"
            '<form method="post" action="#newsletter"><label>Email address <input type="email" name="email">'
            '</label> <button type="submit">Sign up</button></form>\n</aside>')


def _story_list(stories, css: str, heading: str) -> str:
    return (f'<aside class="{css}">\n<h2>{_e(heading)}</h2>\n<ol>\n{_links((a.title, a.path) for a in stories)}\n'
            '</ol>\n</aside>')


def _gazette_index(base: str) -> Page:
    stories = _of("gazette")
    main = (f'<main>\n<section id="latest">\n<h1>Latest news</h1>\n{_story_list(stories, "latest-news", "Top stories")}'
            f'\n</section>\n{_newsletter("Demoshire Gazette")}\n</main>')
    return _html(_document("Demoshire Gazette - news for Demoshire", "", _gazette_chrome(main), "home"),
                 stories[0].posted)


def _gazette_story(article: Article, base: str) -> Page:
    others = [a for a in _of("gazette") if a.path != article.path]
    head = _article_head(article, base, "Demoshire Gazette") + "\n" + _json_ld(article, base, "Demoshire Gazette")
    standfirst = f'<p class="standfirst">{_e(article.standfirst)}</p>\n' if article.standfirst else ""
    main = (f'<main>\n{_breadcrumbs(_GAZETTE_MENU[:2], article.title)}\n'
            f'<article class="article">\n<h1 class="headline">{_e(article.title)}</h1>\n{standfirst}'
            f'<div class="byline">{_byline(article)}</div>\n'
            f'<p class="dateline">{_time(article.posted.isoformat(), _clock(article.posted))}</p>\n'
            f'<div class="article-body">\n{_paragraphs(article)}\n</div>\n</article>\n'
            f'{_newsletter("Demoshire Gazette")}\n{_story_list(others, "read-more", "Read more")}\n'
            f'{_story_list(_of("gazette"), "most-read", "Most read")}\n</main>')
    return _html(_document(f"{article.title} | Demoshire Gazette", head, _gazette_chrome(main), "article-page"),
                 article.posted)


def _herald_chrome(main: str) -> str:
    header = ('<header class="herald-header">\n<p class="herald-logo"><a href="/herald/">Westby Herald</a></p>\n'
              f'<nav aria-label="Menu"><ul>\n{_links(_HERALD_MENU)}\n</ul></nav>\n</header>')
    footer = ('<footer class="herald-footer">\n<ul>\n'
              f'{_footer_links((("Home", "herald/"),), "news@westbyherald.example", "Send us a story")}\n</ul>\n'
              '<p>The Westby Herald is published by Westby Media.</p>\n</footer>')
    return f"{header}\n{main}\n{footer}"


def _herald_index(base: str) -> Page:
    stories = _of("herald")
    head = _alternate("application/atom+xml", "Westby Herald", "herald/atom.xml")
    main = f'<main>\n<h1>Westby Herald news</h1>\n{_story_list(stories, "story-list", "Latest")}\n</main>'
    return _html(_document("Westby Herald", head, _herald_chrome(main), "front"), stories[0].posted)


def _herald_story(article: Article, base: str) -> Page:
    others = [a for a in _of("herald") if a.path != article.path]
    head = "\n".join([_article_head(article, base, "Westby Herald"), _published_meta(article),
                      _json_ld(article, base, "Westby Herald")])
    standfirst = f'<p class="story-intro"><em>{_e(article.standfirst)}</em></p>\n' if article.standfirst else ""
    main = (f'<main>\n{_breadcrumbs(_HERALD_MENU[:1], article.title)}\n<div class="story">\n'
            f'<h1 class="story-title">{_e(article.title)}</h1>\n{standfirst}'
            f'<p class="story-byline">{_byline(article)}</p>\n'
            f'<p class="story-date">{_time(article.posted.isoformat(), _long_date(article.posted))}</p>\n'
            f'<div class="story-body">\n{_paragraphs(article)}\n</div>\n</div>\n'
            f'{_story_list(others, "related-stories", "More from the Herald")}\n'
            f'{_newsletter("Westby Herald")}\n</main>')
    return _html(_document(f"{article.title} - Westby Herald", head, _herald_chrome(main), "story-page"),
                 article.posted)


_ARTICLE_PAGES = {"newsroom": _press_release, "libdems": _party_post, "gazette": _gazette_story,
                  "herald": _herald_story}
