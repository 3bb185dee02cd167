"""The ModernGov spider: committees → meetings over a date window → meetings → documents; members;
decisions.

A council is configuration: pass its registry entry as `council`. Meetings come from the web service
(mgWebService.asmx) where it answers, and from the HTML pages otherwise; both give the same rows.
MODERNGOV.md §2-§8 describe what is read here.
"""

import hashlib
import re
from datetime import date, timedelta
from urllib.parse import urljoin, urlsplit

import scrapy
from lxml import html as lxml_html

from pipeline.dates import parse_meeting_datetime
from scrapers.context import crawl_context
from scrapers.items import (
    AttendanceItem,
    CommitteeItem,
    CouncilItem,
    CrawlErrorItem,
    DecisionItem,
    DocumentItem,
    MeetingItem,
    MemberItem,
    MinutesItem,
    NamedVotesItem,
    RecordedVotesItem,
)
from scrapers.moderngov import decisions, meeting_page, people, webservice
from scrapers.moderngov.markup import block_text as _block_text
from scrapers.moderngov.markup import fold as _fold
from scrapers.moderngov.markup import link_text as _link_text
from scrapers.moderngov.markup import query as _query

BLOCKED_STATUSES = (401, 403, 429)
PRINTED_KINDS = {"0": "agenda", "1": "minutes", "2": "decisions"}
RECENT_DAYS = 60  # an incremental crawl revisits meetings this recent, and every later one
MEMBER_INDEX = "mgMemberIndex.aspx?FN=ALPHA&VW=TABLE&PIC=0"
WHATS_NEW = "mgWhatsNew.aspx?bcr=1"


class ModernGovSpider(scrapy.Spider):
    name = "moderngov"

    def __init__(self, council: dict, since: date | None = None, until: date | None = None,
                 incremental: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.council = council
        self.slug = council["slug"]
        self.base_url = council["base_url"]
        self.since, self.until = since, until
        self.committees = {str(cid) for cid in council.get("committees") or ()}
        self.incremental = incremental
        self.known: dict[str, dict] = {}  # meetings stored by earlier crawls, by ModernGov meeting id
        self.requested_documents: set[str] = set()
        self.service_committees: dict[str, str] | None = None  # names by id, once the web service answers

    async def start(self):
        council = self.council
        yield CouncilItem(
            slug=self.slug, name=council["name"], platform=council.get("platform", "moderngov"),
            base_url=self.base_url, verified=bool(council.get("verified")),
        )
        if self.incremental:
            self.known = self._stored_meetings()
        if council.get("web_service", True):
            yield self._page(webservice.service_url(self.base_url, "GetCommittees"), self.parse_service_committees,
                             meta={"handle_httpstatus_all": True})
        else:
            yield self._page("mgListCommittees.aspx?bcr=1", self.parse_committees)

    def _council_wide_requests(self):
        """Members and decisions, asked for once the site has answered its first page (a site that
        refuses this client then leaves one error, not one per page)."""
        yield self._page(MEMBER_INDEX, self.parse_member_index, meta={"archive": False})
        for start, end in decisions.windows(*self._decision_range()):
            yield self._decision_list(start, end)
        if self.incremental:
            yield self._page(WHATS_NEW, self.parse_whats_new)

    def parse_whats_new(self, response):
        """Meetings that "What's new" says have new papers: visited again, however old."""
        if not self._is_moderngov(response):
            yield self._not_moderngov(response)
            return
        for meeting in self._parse_meeting_links(response):
            committee = meeting["committee"]
            if not self._wanted(committee):
                continue
            if self.service_committees is not None and committee in self.service_committees:
                yield self._service_meeting_request(meeting["meeting_id"], committee,
                                                    self.service_committees[committee], None)
            else:
                yield self._page(f"ieListDocuments.aspx?CId={committee}&MId={meeting['meeting_id']}&Ver=4",
                                 self.parse, committee=committee)

    # Committees and meeting lists: HTML

    def parse_committees(self, response):
        if not self._is_moderngov(response):
            yield self._not_moderngov(response)
            return
        yield from self._council_wide_requests()
        for committee_id, name in self._parse_committee_links(response):
            if self._wanted(committee_id):
                yield self._committee(committee_id, name)
                yield self._page(
                    f"ieListMeetings.aspx?CId={committee_id}", self.parse_meeting_list,
                    committee=committee_id, direction="both",
                )

    def parse_meeting_list(self, response, committee: str, direction: str):
        meetings = self._parse_meeting_links(response)
        for meeting in meetings:
            if self._in_window(meeting["date"]) and self._worth_visiting(meeting):
                yield self._page(
                    f"ieListDocuments.aspx?CId={meeting['committee']}&MId={meeting['meeting_id']}&Ver=4",
                    self.parse, committee=committee, listing=meeting["listing"],
                )
        dates = [meeting["date"] for meeting in meetings if meeting["date"]]
        for link_direction, href in self._parse_earlier_later(response):
            if direction in ("both", link_direction) and dates and self._window_goes_on(link_direction, dates):
                yield self._page(
                    response.urljoin(href), self.parse_meeting_list, committee=committee, direction=link_direction
                )

    # Committees and meetings: the web service

    def parse_service_committees(self, response):
        if response.status != 200 or not webservice.answers(response.body, "committees"):
            if response.status not in BLOCKED_STATUSES:  # a refusal is recorded once, by the HTML page
                reason = f"HTTP {response.status}" if response.status != 200 else "not a web service answer"
                yield CrawlErrorItem(response.url, f"web service unavailable ({reason}); reading the HTML pages "
                                     "instead", severity="warning")
            yield self._page("mgListCommittees.aspx?bcr=1", self.parse_committees)
            return
        names = self.service_committees = {}
        for committee in webservice.parse_committees(response.body):
            if self._wanted(committee["committee_id"]):
                names[committee["committee_id"]] = committee["name"]
                yield self._committee(committee["committee_id"], committee["name"])
        yield from self._council_wide_requests()
        for start, end in decisions.windows(*self._meeting_range(), months=12):
            yield self._page(
                webservice.service_url(self.base_url, "GetMeetings", lCommitteeId=0, sFromDate=start, sToDate=end),
                self.parse_service_meetings, names=names,
            )

    def parse_service_meetings(self, response, names: dict):
        if not webservice.answers(response.body, "getmeetings"):
            yield CrawlErrorItem(response.url, "not a GetMeetings answer: an error page or malformed XML")
            return
        for meeting in webservice.parse_meetings(response.body):
            committee = meeting["committee_id"]
            listing = meeting["status"]
            if committee in names and self._in_window(meeting["date"]) and self._worth_visiting(
                    {**meeting, "listing": listing}):
                yield self._service_meeting_request(meeting["meeting_id"], committee, names[committee], listing)

    def _service_meeting_request(self, meeting_id: str, committee: str, name: str, listing: str | None):
        return self._page(webservice.service_url(self.base_url, "GetMeeting", lMeetingId=meeting_id),
                          self.parse_service_meeting, meta={"handle_httpstatus_all": True}, committee=committee,
                          name=name, listing=listing, meeting_id=meeting_id)

    def parse_service_meeting(self, response, committee: str, name: str, listing: str | None, meeting_id: str):
        """One meeting from GetMeeting: the rows the HTML page gives, then the HTML page for the printed
        documents and recorded votes that the web service does not carry. A failed answer falls back
        to the HTML page."""
        page_url = urljoin(self.base_url, f"ieListDocuments.aspx?CId={committee}&MId={meeting_id}&Ver=4")
        meeting = webservice.parse_meeting(response.body, self.base_url) if (
            response.status == 200 and webservice.answers(response.body, "meeting")) else None
        if meeting is None or meeting["date"] is None:
            problem = f"HTTP {response.status}" if response.status != 200 else "not a dated GetMeeting answer"
            yield CrawlErrorItem(response.url, f"{problem}; reading the meeting page instead", severity="warning")
            yield self._page(page_url, self.parse, committee=committee, listing=listing)
            return
        key = f"{self.slug}/{meeting['date']:%Y%m%d}/{meeting['meeting_id']}"
        status = service_status(meeting["status"], meeting["date"])
        items = [self._service_item(item, key, page_url, n) for n, item in enumerate(meeting["items"], 1)]
        yield MeetingItem(
            id=key, council=self.slug, committee=f"{self.slug}/c{committee}", meeting_id=meeting["meeting_id"],
            date=meeting["date"].isoformat(), time=meeting["time"].strftime("%H:%M") if meeting["time"] else None,
            title=meeting_heading(name, meeting["date"], meeting["time"], status), status=status,
            venue=meeting["venue"], url=page_url, items=[row for row, _ in items], source="xml", listing=listing,
        )
        if meeting["attendees"]:
            yield AttendanceItem(meeting=key, attendees=meeting["attendees"])
        for _, documents in items:
            yield from self._document_requests(documents)
        if status != "cancelled":
            yield self._page(page_url, self.parse_meeting_extras, meeting_key=key)

    def _service_item(self, item: dict, meeting_key: str, page_url: str, position: int) -> tuple[dict, list]:
        item_key = f"{meeting_key}/ai{item['item_id']}"
        row = {
            "id": item_key, "meeting": meeting_key, "position": position, "number": item["number"],
            "item_id": item["item_id"], "title": item["title"], "description": item["description"],
            "decision": item["decision"], "minutes": item["minutes"], "minutes_truncated": 0,
            "recorded_votes": [], "url": f"{page_url}#AI{item['item_id']}",
        }
        documents = [self._document(url, title, "report", meeting_key, item_key) for url, title in item["documents"]]
        return row, documents

    def parse_meeting_extras(self, response, meeting_key: str):
        """What only a meeting's HTML page has: printed agenda, minutes and decisions, and recorded votes."""
        if not self._is_moderngov(response):
            yield self._not_moderngov(response)
            return
        yield from self._document_requests(self._parse_printed_documents(response, meeting_key))
        for n, row in enumerate(self._item_rows(response), 1):
            item, _ = self._parse_item(row, meeting_key, response.url, n)
            if item["recorded_votes"]:
                yield RecordedVotesItem(agenda_item=item["id"], votes=item["recorded_votes"])
        yield from self._named_vote_requests(response, meeting_key)

    # The meeting page: a table of contents of small _parse_<field> helpers

    def parse(self, response, committee: str, listing: str | None = None):
        if not self._is_moderngov(response):
            yield self._not_moderngov(response)
            return
        title = self._parse_title(response)
        meeting_date, meeting_time, disagreement = self._parse_when(response, title)
        if meeting_date is None:
            yield CrawlErrorItem(response.url, "meeting page without a date (no DC.date, no date in the title)")
            return
        if disagreement:
            yield CrawlErrorItem(response.url, disagreement, severity="warning")
        meeting_id = self._parse_meeting_id(response)
        key = f"{self.slug}/{meeting_date:%Y%m%d}/{meeting_id}"
        items = [self._parse_item(row, key, response.url, n) for n, row in enumerate(self._item_rows(response), 1)]
        yield MeetingItem(
            id=key, council=self.slug, committee=f"{self.slug}/c{committee}", meeting_id=meeting_id,
            date=meeting_date.isoformat(), time=meeting_time.strftime("%H:%M") if meeting_time else None,
            title=title, status=self._parse_status(title, meeting_date),
            venue=self._parse_venue(response), url=response.url, items=[row for row, _ in items], listing=listing,
        )
        for row, _ in items:
            if row["minutes_truncated"]:
                yield self._page(f"mgAi.aspx?ID={row['item_id']}", self.parse_full_minutes, item_id=row["id"])
        if response.css("#modgov a[href*='mgMeetingAttendance.aspx' i]"):
            yield self._page(f"mgMeetingAttendance.aspx?ID={meeting_id}", self.parse_attendance, meeting_key=key)
        yield from self._named_vote_requests(response, key)
        yield from self._document_requests(self._parse_printed_documents(response, key))
        for _, documents in items:
            yield from self._document_requests(documents)

    def _parse_when(self, response, title: str) -> tuple[date | None, object, str | None]:
        """Date and time from the heading people read; DC.date when the heading has none.

        Saved real pages show DC.date can disagree with both the heading and DC.title, so a
        disagreement is reported rather than silently resolved.
        """
        heading_date, heading_time = parse_meeting_datetime(title)
        dc_date, _ = parse_meeting_datetime(response.xpath("//meta[@name='DC.date']/@content").get() or "")
        disagreement = None
        if heading_date and dc_date and heading_date != dc_date:
            disagreement = f"DC.date {dc_date} disagrees with the heading's {heading_date}; the heading's date is used"
        return heading_date or dc_date, heading_time, disagreement

    def _parse_meeting_id(self, response) -> str:
        return _query(response.url).get("mid", "")

    def _parse_title(self, response) -> str:
        return _fold(" ".join(response.css("#modgov h2.mgSubTitleTxt ::text").getall()))

    def _parse_status(self, title: str, meeting_date: date) -> str:
        suffix = re.search(r",\s*([A-Z][A-Z ]+)$", title)
        if suffix:
            return suffix.group(1).strip().lower()
        return "held" if meeting_date <= date.today() else "scheduled"

    def _parse_venue(self, response) -> str | None:
        for paragraph in response.css("#modgov p"):
            label = _fold(" ".join(paragraph.css("span.mgLabel ::text").getall()))
            if label.rstrip(":").lower() in ("venue", "proposed venue"):
                text = _fold(" ".join(paragraph.xpath("./text()").getall()))
                return text or None
        return None

    def _item_rows(self, response):
        return [row.root for row in response.css("table.mgItemTable tr") if row.css("td.mgItemNumberCell")]

    def _parse_item(self, row, meeting_key: str, page_url: str, position: int) -> tuple[dict, list[dict]]:
        number = _fold(" ".join(row.xpath("./td[contains(@class,'mgItemNumberCell')]//text()")))
        anchor = row.xpath(".//a[starts-with(@name, 'AI')]/@name")
        ai_id = anchor[0][2:] if anchor else ""
        item_key = f"{meeting_key}/ai{ai_id}" if ai_id else f"{meeting_key}/item{position}"
        cell = meeting_page.item_cell(row)
        parts = meeting_page.walk_item_cell(cell) if cell is not None else {}
        minutes, truncated = meeting_page.minutes_text(parts.get("minutes"))
        item = {
            "id": item_key, "meeting": meeting_key, "position": position, "number": number.rstrip("."),
            "item_id": ai_id, "title": parts.get("title", ""), "description": parts.get("description", ""),
            "decision": _block_text(parts.get("decision")), "minutes": minutes,
            "minutes_truncated": int(truncated and bool(ai_id)), "recorded_votes": parts.get("votes", []),
            "url": f"{page_url}#AI{ai_id}" if ai_id else page_url,
        }
        documents = [
            self._document(urljoin(page_url, href), title, "report", meeting_key, item_key)
            for href, title in parts.get("documents", [])
        ]
        return item, documents

    def _parse_printed_documents(self, response, meeting_key: str) -> list[dict]:
        documents = []
        for link in response.css("#modgov ul.mgActionList a[href]"):
            href = link.attrib["href"]
            if meeting_page.DOCUMENT_HREF.search(href):
                title = _link_text(link.root)
                kind = PRINTED_KINDS.get(_query(href).get("t", ""), meeting_page.kind_from_title(title))
                documents.append(self._document(response.urljoin(href), title, kind, meeting_key, None))
        return documents

    def parse_full_minutes(self, response, item_id: str):
        parts = meeting_page.walk_item_cell(meeting_page.cell_holding_subtitles(lxml_html.fromstring(response.text)))
        minutes, truncated = meeting_page.minutes_text(parts.get("minutes"))
        if minutes and not truncated:
            yield MinutesItem(item_id=item_id, minutes=minutes)
        else:
            yield CrawlErrorItem(response.url, "no full minutes text on the item page", severity="warning")

    # Attendance, named votes and members

    def parse_attendance(self, response, meeting_key: str):
        if not self._is_moderngov(response):
            yield self._not_moderngov(response)
            return
        attendees = people.parse_attendance(response.text, response.url)
        if attendees:  # an empty page never wipes what an earlier crawl stored
            yield AttendanceItem(meeting=meeting_key, attendees=attendees)

    def _named_vote_requests(self, response, meeting_key: str):
        for href in response.css("#modgov a[href*='mgListRecordedVotesShort.aspx' i]::attr(href)").getall():
            ai_id = _query(href).get("aiid")
            if ai_id:
                yield self._page(response.urljoin(href), self.parse_named_votes, item_key=f"{meeting_key}/ai{ai_id}")

    def parse_named_votes(self, response, item_key: str):
        votes = people.parse_named_votes(response.text, response.url)
        if votes:
            yield NamedVotesItem(agenda_item=item_key, url=response.url, votes=votes)

    def parse_member_index(self, response):
        if not self._is_moderngov(response):
            yield self._not_moderngov(response)
            return
        for member in people.parse_member_index(response.text, response.url):
            if member["member_id"] and not (self.incremental and self._member_known(member["member_id"])):
                yield self._page(member["url"], self.parse_member, meta={"archive": False}, listed=member)

    def parse_member(self, response, listed: dict):
        """A councillor's page, read through an allow-list: it can also show a home address and phones."""
        member = {**listed, **{key: value for key, value in people.parse_member(response.text, response.url).items()
                               if value}}
        yield MemberItem(
            id=f"{self.slug}/u{member['member_id']}", council=self.slug, member_id=member["member_id"],
            name=member["name"], party=member.get("party") or "", ward=member.get("ward") or "",
            roles=member.get("roles") or [], url=response.url,
        )

    # Decisions

    def _decision_list(self, start: date, end: date) -> scrapy.Request:
        return self._page(decisions.list_url(start, end), self.parse_decision_list, window=(start, end))

    def parse_decision_list(self, response, window: tuple[date, date]):
        if not decisions.is_decision_list(response.text):
            yield CrawlErrorItem(response.url, "not a decisions list: an error page or malformed HTML")
            return
        for row in decisions.parse_decision_list(response.text):
            yield self._page(response.urljoin(row["href"]), self.parse_decision, listed=row)

    def on_decision_list_error(self, failure):
        """A decisions list that timed out (or failed on the server's side) is asked for again in halves."""
        response = getattr(failure.value, "response", None)
        overloaded = response.status >= 500 if response is not None else "timeout" in describe_failure(failure)
        halves = decisions.halve(failure.request.cb_kwargs["window"]) if overloaded else []
        if not halves:
            yield from self.on_error(failure)
            return
        yield CrawlErrorItem(failure.request.url, f"{describe_failure(failure)}; asking for the range in halves",
                             severity="warning")
        for start, end in halves:
            yield self._decision_list(start, end)

    def parse_decision(self, response, listed: dict):
        if not self._is_moderngov(response):
            yield self._not_moderngov(response)
            return
        found = decisions.parse_decision(response.text, response.url)
        decision_id = found["decision_id"] or listed.get("decision_id")
        if not decision_id or not (found["title"] or listed.get("title")):
            yield CrawlErrorItem(response.url, "decision page without an ID or a title")
            return
        key = f"{self.slug}/d{decision_id}"
        meeting = (f"{self.slug}/{found['meeting_date']:%Y%m%d}/{found['meeting_id']}"
                   if found["meeting_id"] and found["meeting_date"] else None)
        fields = {
            "decision_maker": found["decision_maker"], "status": found["status"],
            "is_key": None if found["is_key"] is None else int(found["is_key"]),
            "call_in": found["call_in"] or listed.get("call_in"),
            "published": _iso(found["published"] or listed.get("published")), "decided": _iso(found["decided"]),
            "effective": _iso(found["effective"] or listed.get("effective")), "purpose": found["purpose"],
            "decision": found["decision"], "reasons": found["reasons"], "alternatives": found["alternatives"],
            "meeting": meeting, "meeting_url": found["meeting_url"], "issue_id": found["issue_id"],
            "issue_url": found["issue_url"],
        }
        documents = [self._document(url, title, "decision", None, None) for url, title in found["documents"]]
        yield DecisionItem(id=key, council=self.slug, decision_id=decision_id,
                           title=found["title"] or listed.get("title", ""), url=response.url, fields=fields,
                           documents=[{"document": d["id"], "title": d["title"], "url": d["url"]} for d in documents])
        yield from self._document_requests(documents)

    # Documents

    def _document(self, url: str, title: str, kind: str, meeting: str, agenda_item: str | None) -> dict:
        return {"id": document_id(self.slug, self.base_url, url), "council": self.slug, "meeting": meeting,
                "agenda_item": agenda_item, "title": title, "kind": kind, "url": url}

    def _document_requests(self, documents: list[dict]):
        """A request for each document this crawl has not asked for yet, by id: the web service and
        the pages link one document by two URLs (mgConvert2PDF.aspx?ID=, documents/s<id>/...)."""
        for document in documents:
            if document["id"] not in self.requested_documents:
                self.requested_documents.add(document["id"])
                yield scrapy.Request(document["url"], callback=self.parse_document, errback=self.on_error,
                                     cb_kwargs={"document": document}, meta={"document": document["id"]})

    def parse_document(self, response, document: dict):
        header = response.headers.get
        yield DocumentItem(
            **{**document, "url": response.url}, body=response.body, sha256=response.meta["sha256"],
            content_type=_header(header("Content-Type")), etag=_header(header("ETag")),
            last_modified=_header(header("Last-Modified")), not_modified="not-modified" in response.flags,
        )

    # Plumbing

    def _page(self, url: str, callback, meta: dict | None = None, **cb_kwargs) -> scrapy.Request:
        errback = self.on_decision_list_error if callback == self.parse_decision_list else self.on_error
        return scrapy.Request(urljoin(self.base_url, url), callback=callback, errback=errback, cb_kwargs=cb_kwargs,
                              meta=meta)

    def on_error(self, failure):
        """Turn a failed request (HTTP error, timeout, redirect loop, size cap...) into a crawl_errors row."""
        yield CrawlErrorItem(failure.request.url, describe_failure(failure))

    def _is_moderngov(self, response) -> bool:
        return bool(getattr(response, "text", None) is not None and response.css("#modgov"))

    def _not_moderngov(self, response) -> CrawlErrorItem:
        return CrawlErrorItem(response.url, "not a ModernGov page (no #modgov): blocked, an error page or malformed HTML")

    def _committee(self, committee_id: str, name: str) -> CommitteeItem:
        return CommitteeItem(
            id=f"{self.slug}/c{committee_id}", council=self.slug, committee_id=committee_id, name=name,
            url=urljoin(self.base_url, f"mgCommitteeDetails.aspx?ID={committee_id}"),
        )

    def _wanted(self, committee_id: str) -> bool:
        return not self.committees or committee_id in self.committees

    def _worth_visiting(self, meeting: dict) -> bool:
        """Every meeting in a full crawl; in an incremental one, only what can have changed since."""
        if not self.incremental:
            return True
        known = self.known.get(meeting["meeting_id"])
        recent = meeting["date"] is None or meeting["date"] >= date.today() - timedelta(days=RECENT_DAYS)
        return known is None or recent or (known["listing"] or "") != (meeting["listing"] or "")

    def _stored_meetings(self) -> dict[str, dict]:
        db = crawl_context(self.crawler).db
        rows = db.conn.execute("select meeting_id, date, listing from meetings where council = ?", [self.slug])
        return {meeting_id: {"date": day, "listing": listing} for meeting_id, day, listing in rows}

    def _member_known(self, member_id: str) -> bool:
        db = crawl_context(self.crawler).db
        return db.conn.execute("select 1 from members where id = ?", [f"{self.slug}/u{member_id}"]).fetchone() is not None

    def _meeting_range(self) -> tuple[date, date]:
        """The dates to ask the web service for: the whole window (a handful of requests, which show
        new, moved and cancelled meetings even in an incremental crawl)."""
        return self.since or date(2000, 1, 1), self.until or date.today() + timedelta(days=366)

    def _recent_since(self) -> date:
        """Where an incremental crawl stops reading back: RECENT_DAYS ago (or the window's start)."""
        recent = date.today() - timedelta(days=RECENT_DAYS)
        return max(self.since, recent) if self.since else recent

    def _decision_range(self) -> tuple[date, date]:
        since, until = self._meeting_range()
        return (self._recent_since() if self.incremental else since), min(until, date.today())

    def _in_window(self, day: date | None) -> bool:
        if day is None:
            return True
        return (self.since is None or day >= self.since) and (self.until is None or day <= self.until)

    def _window_goes_on(self, direction: str, dates: list[date]) -> bool:
        if direction == "earlier":
            since = self._recent_since() if self.incremental else self.since
            return since is None or min(dates) >= since
        return self.until is None or max(dates) <= self.until

    def _parse_committee_links(self, response) -> list[tuple[str, str]]:
        committees = {}
        for link in response.css("#modgov a[href]"):
            match = re.search(r"mgCommitteeDetails\.aspx\?ID=(\d+)", link.attrib["href"], re.I)
            if match:
                committees.setdefault(match.group(1), _link_text(link.root))
        return list(committees.items())

    def _parse_meeting_links(self, response) -> list[dict]:
        meetings = {}
        for link in response.css("#modgov a[href]"):
            query = _query(link.attrib["href"]) if "ielistdocuments.aspx" in link.attrib["href"].lower() else {}
            if query.get("mid"):
                meetings.setdefault(query["mid"], {
                    "meeting_id": query["mid"], "committee": query.get("cid", ""),
                    "date": parse_meeting_datetime(_link_text(link.root))[0], "listing": meeting_page.listing(link.root),
                })
        return list(meetings.values())

    def _parse_earlier_later(self, response) -> list[tuple[str, str]]:
        links = {}  # the links stand above and below the list
        for href in response.css("#modgov a.mgTableNextLnk::attr(href)").getall():
            act = _query(href).get("act", "").lower()
            if act in ("earlier", "later"):
                links.setdefault(act, href)
        return list(links.items())


def document_id(slug: str, base_url: str, url: str) -> str:
    """A stable document id from the source: s<attachment id>, g<agenda id>-t<T>, or a hash of the
    URL relative to the council's base URL (never of the host or port)."""
    path = urlsplit(url).path
    query = _query(url)
    attachment = re.search(r"/documents/s(\d+)/", path, re.I)
    if attachment:
        return f"{slug}/s{attachment.group(1)}"
    if re.search(r"mgConvert2PDF\.aspx$", path, re.I) and query.get("id"):
        return f"{slug}/s{query['id']}"
    agenda = re.search(r"/documents/g(\d+)/", path, re.I)
    if agenda:
        return f"{slug}/g{agenda.group(1)}-t{query.get('t', 'x')}"
    relative = url[len(base_url):] if url.startswith(base_url) else url
    return f"{slug}/u{hashlib.sha1(relative.encode()).hexdigest()[:12]}"


def meeting_heading(committee: str, day: date, time, status: str) -> str:
    """A meeting's heading as ModernGov prints it: "Cabinet - Tuesday 12 December 2023 10:00 am", with
    ", CANCELLED" (or another status but held and scheduled) at the end."""
    when = f"{day:%A} {day.day} {day:%B %Y}"
    if time is not None:
        when += f" {time.hour % 12 or 12}:{time:%M} {'am' if time.hour < 12 else 'pm'}"
    return f"{committee} - {when}" + ("" if status in ("held", "scheduled") else f", {status.upper()}")


def service_status(text: str, day: date) -> str:
    """A meeting's status from the web service ("Confirmed", "Cancelled", "Postponed; Budget Council"),
    in the words of the HTML path: cancelled, postponed, moved, or else held or scheduled by its date."""
    lowered = text.lower()
    for stem, status in (("cancel", "cancelled"), ("postpone", "postponed"), ("moved", "moved")):
        if stem in lowered:
            return status
    return "held" if day <= date.today() else "scheduled"


def describe_failure(failure) -> str:
    """A short human reason for a failed request."""
    response = getattr(failure.value, "response", None)
    if response is not None and response.status in BLOCKED_STATUSES:
        return f"HTTP {response.status}: blocked, the site refuses this client"
    if response is not None:
        return f"HTTP {response.status}"
    message = str(failure.value) or type(failure.value).__name__
    name = type(failure.value).__name__
    if "Timeout" in name or "timed out" in message.lower():
        return f"timeout ({message})"
    if "max size" in message.lower() or "maxsize" in message.lower():
        return f"over the size cap ({message})"
    return f"{name}: {message}" if name not in message else message


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _header(value: bytes | None) -> str | None:
    return value.decode("latin-1") if value else None
