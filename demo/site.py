"""A demo council site: a read-only mapping from relative URLs to HTTP responses.

`load_site` builds one of the bundled sites; `Site.get` answers a request target
(path and query, with or without a leading slash, raw spaces or ``%20``) the way a
ModernGov install would: ``*.aspx`` pages as uncacheable HTML, documents with
``ETag``/``Last-Modified`` and ``304 Not Modified`` on a matching conditional request.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Mapping
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from typing import NamedTuple
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from demo import faults, pages, pdfs
from demo.bench import BenchCouncil
from demo.markup import d_param
from demo.story import load_story

HTML = "text/html; charset=utf-8"
ROBOTS = b"User-agent: *\nDisallow: /mgRss.aspx\n"
PAGE_SIZE = 3


class Response(NamedTuple):
    """An HTTP answer: status code, headers and body (empty for 304 and HEAD)."""

    status: int
    headers: dict
    body: bytes


def load_site(name: str, *, slow_seconds: float = 5.0) -> Site:
    """Build a bundled site: "demo" (demo/council.yml), "faults" or "bench:N"."""
    if name == "demo":
        return Site(load_story())
    if name == "faults":
        return Site(faults.build_council(slow_seconds), malformed_page=faults.MALFORMED_PAGE)
    if name.startswith("bench:") and name[6:].isdigit():
        return Site(BenchCouncil(int(name[6:])))
    raise ValueError(f"unknown site {name!r}: use demo, faults or bench:N")


class Site(Mapping):
    """Routes of one council rendered on request from its model.

    As a mapping, keys are the relative URLs the site links to (raw spaces, as in its
    pages) and values are `Response` objects; unknown keys raise KeyError. Unlike
    ``Mapping.get``, `get` never returns a default: an unknown target gives a 404 response.
    """

    def __init__(self, council, malformed_page: bytes = b""):
        self.council = council
        self._malformed_page = malformed_page
        self._builders = {**pdfs.BUILDERS, **faults.BUILDERS}
        self._body = functools.lru_cache(maxsize=512)(self._build)
        self._routes = {
            "robots.txt": lambda params: Response(200, {"Content-Type": "text/plain; charset=utf-8"}, ROBOTS),
            "mglistcommittees.aspx": lambda params: self._html(pages.committee_list(self.council)),
            "mgcommitteedetails.aspx": self._committee,
            "ielistmeetings.aspx": self._meetings,
            "ielistdocuments.aspx": self._meeting,
            "mgai.aspx": self._item,
        }

    # -- requests ---------------------------------------------------------------

    def get(self, target: str, headers=None) -> Response:
        """Answer a GET for ``target``; ``headers`` may carry If-None-Match / If-Modified-Since."""
        parts = urlsplit(target)
        path = unquote(parts.path).lstrip("/")
        if path.startswith("documents/"):
            return self._document(path, {k.lower(): v for k, v in (headers or {}).items()})
        params = {k.lower(): v for k, v in parse_qsl(parts.query, keep_blank_values=True)}
        route = self._routes.get(path.lower())
        return (route and route(params)) or self._error(404)

    def size(self, doc) -> int:
        """Size in bytes of a document's body."""
        return len(self._body(doc.path))

    def __getitem__(self, key: str) -> Response:
        response = self.get(key)
        if response.status == 404:
            raise KeyError(key)
        return response

    def __iter__(self):
        council = self.council
        yield "robots.txt"
        yield "mgListCommittees.aspx?bcr=1"
        for committee in council.committees:
            yield f"mgCommitteeDetails.aspx?ID={committee.cid}"
            yield from self._listing_targets(committee.cid)
        for meeting in council.all_meetings():
            yield f"ieListDocuments.aspx?CId={meeting.committee.cid}&MId={meeting.mid}&Ver=4"
            if meeting.malformed:
                continue
            for item in meeting.items:
                yield f"mgAi.aspx?ID={item.aiid}"
            for doc in meeting.documents:
                yield doc.href

    def __len__(self) -> int:
        return sum(1 for _ in self)

    # -- pages ------------------------------------------------------------------

    def _html(self, text: str) -> Response:
        return Response(200, {"Content-Type": HTML, "Cache-Control": "private"}, text.encode("utf-8"))

    def _error(self, status: int) -> Response:
        render = pages.not_found if status == 404 else pages.server_error
        return Response(status, {"Content-Type": HTML}, render(self.council).encode("utf-8"))

    def _committee(self, params):
        committee = self.council.committee(_int(params.get("id")))
        return committee and self._html(pages.committee_details(self.council, committee))

    def _meetings(self, params):
        cid = _int(params.get("committeeid") or params.get("cid") or params.get("hcommitteeid"))
        committee = self.council.committee(cid)
        if committee is None:
            return None
        meetings = self.council.meetings_of(cid)
        years = sorted({m.start.year for m in meetings})
        act = params.get("act", "").lower()
        if act in ("earlier", "later"):
            try:
                since = datetime.strptime(params.get("d", ""), "%Y%m%d%H%M")
            except ValueError:
                return None
            if act == "earlier":
                shown = [m for m in meetings if m.start < since][-PAGE_SIZE:]
            else:
                shown = [m for m in meetings if m.start > since][:PAGE_SIZE]
        elif "year" in params or "yearselect" in params:
            year = _int(params.get("year", params.get("yearselect")))
            if year is None:
                return None
            html = pages.meeting_list(self.council, committee,
                                      [m for m in reversed(meetings) if year in (0, m.start.year)], years=years)
            return self._html(html)
        else:
            shown = meetings[-PAGE_SIZE:]
        earlier = shown[0].start if shown and meetings[0].start < shown[0].start else None
        later = shown[-1].start if shown and meetings[-1].start > shown[-1].start else None
        html = pages.meeting_list(self.council, committee, shown[::-1], earlier, later, years)
        return self._html(html)

    def _listing_targets(self, cid: int):
        """Every meeting-list URL of a committee that its pages link to, plus year lists."""
        yield f"ieListMeetings.aspx?CommitteeId={cid}"
        meetings = self.council.meetings_of(cid)
        for oldest in range(len(meetings) - PAGE_SIZE, 0, -PAGE_SIZE):
            yield f"ieListMeetings.aspx?Act=earlier&CId={cid}&D={d_param(meetings[oldest].start)}&MD=ielistmeetings"
            yield f"ieListMeetings.aspx?Act=later&CId={cid}&D={d_param(meetings[oldest - 1].start)}&MD=ielistmeetings"
        for year in sorted({m.start.year for m in meetings}):
            yield f"ieListMeetings.aspx?CId={cid}&Year={year}"

    def _meeting(self, params):
        meeting = self.council.meeting(_int(params.get("mid")))
        cid = params.get("cid")
        if meeting is None or (cid is not None and _int(cid) != meeting.committee.cid):
            return None
        if meeting.malformed:
            return Response(200, {"Content-Type": HTML, "Cache-Control": "private"}, self._malformed_page)
        return self._html(pages.meeting_page(self.council, meeting, self.size))

    def _item(self, params):
        found = self.council.item(_int(params.get("id")))
        return found and self._html(pages.item_page(self.council, *found, self.size))

    # -- documents --------------------------------------------------------------

    def _build(self, path: str) -> bytes:
        meeting, doc = self.council.document(path)
        return self._builders[doc.kind](doc, meeting, self.council)

    def _document(self, path: str, headers: dict) -> Response:
        found = self.council.document(path)
        if found is None:
            return self._error(404)
        doc = found[1]
        if doc.delay:
            time.sleep(doc.delay)
        if doc.status == 302:
            return Response(302, {"Location": "/" + quote(doc.href, safe="/?="),
                                  "Content-Type": HTML}, b"")
        if doc.status != 200:
            return self._error(doc.status)
        body = self._body(doc.path)
        modified = doc.published.replace(tzinfo=timezone.utc)
        validators = {"ETag": '"' + hashlib.sha256(body).hexdigest()[:32] + '"',
                      "Last-Modified": format_datetime(modified, usegmt=True)}
        if _not_modified(headers, validators["ETag"], modified):
            return Response(304, validators, b"")
        return Response(200, {"Content-Type": doc.content_type, **validators}, body)


def _not_modified(headers: dict, etag: str, modified: datetime) -> bool:
    """RFC 9110 rules: If-None-Match wins; otherwise If-Modified-Since at or after the date."""
    if "if-none-match" in headers:
        tags = [tag.strip().removeprefix("W/") for tag in headers["if-none-match"].split(",")]
        return "*" in tags or etag in tags
    if "if-modified-since" in headers:
        try:
            since = parsedate_to_datetime(headers["if-modified-since"])
        except (TypeError, ValueError):
            return False
        return since.tzinfo is not None and modified <= since
    return False


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
