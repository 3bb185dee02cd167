"""A demo council site: a read-only mapping from relative URLs to HTTP responses.

`load_site` builds one of the bundled sites; `Site.get` answers a request target
(path and query, with or without a leading slash, raw spaces or ``%20``) the way a
ModernGov install would: ``*.aspx`` pages as uncacheable HTML, documents with
``ETag``/``Last-Modified`` and ``304 Not Modified`` on a matching conditional request.
The demo site also serves news about its council under ``news/``, ``libdems/``, ``gazette/`` and
``herald/`` (see demo/news.py), with validators like documents.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Mapping
from datetime import date, datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from typing import NamedTuple
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from demo import decisions, faults, news, pages, pdfs, people, webservice
from demo.bench import BenchCouncil
from demo.markup import d_param
from demo.story import load_story

HTML = "text/html; charset=utf-8"
ROBOTS = b"User-agent: *\nDisallow: /mgRss.aspx\n"
PAGE_SIZE = 3
MEMBER_INDEX = "mgMemberIndex.aspx?FN=ALPHA&VW=TABLE&PIC=0"
WHATS_NEW = "mgWhatsNew.aspx?bcr=1"
DECISIONS = "mgDelegatedDecisions.aspx?DR=01/01/2000-31/12/2099&DS=2"  # every decision on one page


class Response(NamedTuple):
    """An HTTP answer: status code, headers and body (empty for 304 and HEAD)."""

    status: int
    headers: dict
    body: bytes


def load_site(name: str, *, slow_seconds: float = 5.0) -> Site:
    """Build a bundled site: "demo" (demo/council.yml), "faults" or "bench:N"."""
    if name == "demo":
        return Site(load_story(), web_service=True, news_sources=True)
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

    def __init__(self, council, malformed_page: bytes = b"", web_service: bool = False,
                 news_sources: bool = False):
        self.council = council
        self.web_service = web_service
        self.news_sources = news_sources
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
            "mgwhatsnew.aspx": lambda params: self._html(pages.whats_new(self.council, date.today())),
            "mgmemberindex.aspx": lambda params: self._html(people.member_index(self.council)),
            "mguserinfo.aspx": lambda params: self._page(people.member_page(self.council, _int(params.get("uid")))),
            "mgmeetingattendance.aspx": self._attendance,
            "mglistrecordedvotesshort.aspx": self._named_votes,
            "mgdelegateddecisions.aspx": self._decisions,
            "iedecisiondetails.aspx": self._decision,
        }

    # -- requests ---------------------------------------------------------------

    def get(self, target: str, headers=None) -> Response:
        """Answer a GET for ``target``; ``headers`` may carry If-None-Match / If-Modified-Since."""
        parts = urlsplit(target)
        path = unquote(parts.path).lstrip("/")
        if path.startswith("documents/"):
            return self._document(path, _lower(headers))
        params = {k.lower(): v for k, v in parse_qsl(parts.query, keep_blank_values=True)}
        if self.news_sources and news.owns(path):
            return self._news(path, params, _lower(headers))
        if path.lower().startswith("mgwebservice.asmx/"):
            return self._service(path.split("/", 1)[1], params)
        if path.lower() == "mgconvert2pdf.aspx":
            found = webservice.attachment_path(self.council, _int(params.get("id")))
            return self._document(found, _lower(headers)) if found else self._error(404)
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
            yield f"mgMeetingAttendance.aspx?ID={meeting.mid}"
            for item in meeting.items:
                yield f"mgAi.aspx?ID={item.aiid}"
                if item.votes:
                    yield f"mgListRecordedVotesShort.aspx?AIID={item.aiid}&MID={meeting.mid}"
            for doc in meeting.documents:
                yield doc.href
        yield WHATS_NEW
        yield MEMBER_INDEX
        for person in people.members(council):
            yield f"mgUserInfo.aspx?UID={person.uid}"
        yield DECISIONS
        for decision in decisions.decisions(council):
            yield f"ieDecisionDetails.aspx?ID={decision.id}"
        if self.news_sources:
            yield from news.targets()

    def __len__(self) -> int:
        return sum(1 for _ in self)

    # -- pages ------------------------------------------------------------------

    def _html(self, text: str) -> Response:
        return Response(200, {"Content-Type": HTML, "Cache-Control": "private"}, text.encode("utf-8"))

    def _service(self, operation: str, params: dict) -> Response:
        """mgWebService.asmx/<operation>: XML, or 404 where the site has the service switched off."""
        body = webservice.render(self.council, operation, params) if self.web_service else None
        if body is None:
            return self._error(404)
        return Response(200, {"Content-Type": "text/xml; charset=utf-8", "Cache-Control": "private"}, body)

    def _news(self, path: str, params: dict, headers: dict) -> Response:
        """A news page, feed or sitemap; its links are absolute for the request's Host (demo/news.py)."""
        page = news.render(path, params, news.base_url(headers.get("host")))
        if page is None:
            return self._error(404)
        validators = {"ETag": '"' + hashlib.sha256(page.body).hexdigest()[:32] + '"',
                      "Last-Modified": format_datetime(page.modified, usegmt=True)}
        if _not_modified(headers, validators["ETag"], page.modified):
            return Response(304, validators, b"")
        return Response(200, {"Content-Type": page.content_type, **validators}, page.body)

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

    def _page(self, html: str | None) -> Response | None:
        return html and self._html(html)

    def _attendance(self, params):
        meeting = self.council.meeting(_int(params.get("id")))
        return meeting and self._html(people.attendance_page(self.council, meeting))

    def _named_votes(self, params):
        found = self.council.item(_int(params.get("aiid")))
        if found is None or found[0].mid != _int(params.get("mid")):
            return None
        return self._page(people.named_votes_page(self.council, *found))

    def _decisions(self, params):
        window = decisions.date_range(params.get("dr", ""))
        return window and self._html(decisions.list_page(self.council, *window))

    def _decision(self, params):
        return self._page(decisions.detail_page(self.council, _int(params.get("id")), self.size))

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


def _lower(headers) -> dict:
    return {k.lower(): v for k, v in (headers or {}).items()}


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
