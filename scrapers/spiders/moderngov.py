"""The ModernGov spider (HTML path): committees → meetings over a date window → meeting pages → documents.

A council is configuration: pass its registry entry as `council`. MODERNGOV.md §2-§4 and §7-§8
describe the pages read here.
"""

import hashlib
import re
from datetime import date
from urllib.parse import parse_qsl, urljoin, urlsplit

import scrapy
from lxml import html as lxml_html

from pipeline.dates import parse_meeting_datetime
from pipeline.text import html_to_text
from scrapers.items import (
    CommitteeItem, CouncilItem, CrawlErrorItem, DocumentItem, MeetingItem, MinutesItem,
)

DOCUMENT_HREF = re.compile(r"(^|/)(documents/[sg]\d+/|mgConvert2PDF\.aspx|Data/)", re.I)
BLOCKED_STATUSES = (401, 403, 429)
PRINTED_KINDS = {"0": "agenda", "1": "minutes", "2": "decisions"}
HIDDEN_TEXT = "contains(@class, 'mgFileSize') or contains(@class, 'mgHide')"


class ModernGovSpider(scrapy.Spider):
    name = "moderngov"

    def __init__(self, council: dict, since: date | None = None, until: date | None = None, **kwargs):
        super().__init__(**kwargs)
        self.council = council
        self.slug = council["slug"]
        self.base_url = council["base_url"]
        self.since, self.until = since, until

    async def start(self):
        council = self.council
        yield CouncilItem(
            slug=self.slug, name=council["name"], platform=council.get("platform", "moderngov"),
            base_url=self.base_url, verified=bool(council.get("verified")),
        )
        yield self._page("mgListCommittees.aspx?bcr=1", self.parse_committees)

    # Committees and meeting lists

    def parse_committees(self, response):
        if not self._is_moderngov(response):
            yield self._not_moderngov(response)
            return
        for committee_id, name in self._parse_committee_links(response):
            yield CommitteeItem(
                id=f"{self.slug}/c{committee_id}", council=self.slug, committee_id=committee_id, name=name,
                url=urljoin(self.base_url, f"mgCommitteeDetails.aspx?ID={committee_id}"),
            )
            yield self._page(
                f"ieListMeetings.aspx?CId={committee_id}", self.parse_meeting_list,
                committee=committee_id, direction="both",
            )

    def parse_meeting_list(self, response, committee: str, direction: str):
        meetings = self._parse_meeting_links(response)
        for meeting in meetings:
            if self._in_window(meeting["date"]):
                yield self._page(
                    f"ieListDocuments.aspx?CId={meeting['committee']}&MId={meeting['meeting_id']}&Ver=4",
                    self.parse, committee=committee,
                )
        dates = [meeting["date"] for meeting in meetings if meeting["date"]]
        for link_direction, href in self._parse_earlier_later(response):
            if direction in ("both", link_direction) and dates and self._window_goes_on(link_direction, dates):
                yield self._page(
                    response.urljoin(href), self.parse_meeting_list, committee=committee, direction=link_direction
                )

    # The meeting page: a table of contents of small _parse_<field> helpers

    def parse(self, response, committee: str):
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
            venue=self._parse_venue(response), url=response.url, items=[row for row, _ in items],
        )
        for row, _ in items:
            if row["minutes_truncated"]:
                yield self._page(f"mgAi.aspx?ID={row['item_id']}", self.parse_full_minutes, item_id=row["id"])
        for document in self._parse_printed_documents(response, key):
            yield self._document_request(document)
        for _, documents in items:
            for document in documents:
                yield self._document_request(document)

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
        cell = _item_cell(row)
        parts = _walk_item_cell(cell) if cell is not None else {}
        minutes, truncated = _minutes_text(parts.get("minutes"))
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
            if DOCUMENT_HREF.search(href):
                title = _link_text(link.root)
                kind = PRINTED_KINDS.get(_query(href).get("t", ""), _kind_from_title(title))
                documents.append(self._document(response.urljoin(href), title, kind, meeting_key, None))
        return documents

    def parse_full_minutes(self, response, item_id: str):
        parts = _walk_item_cell(_cell_holding_subtitles(lxml_html.fromstring(response.text)))
        minutes, truncated = _minutes_text(parts.get("minutes"))
        if minutes and not truncated:
            yield MinutesItem(item_id=item_id, minutes=minutes)
        else:
            yield CrawlErrorItem(response.url, "no full minutes text on the item page", severity="warning")

    # Documents

    def _document(self, url: str, title: str, kind: str, meeting: str, agenda_item: str | None) -> dict:
        return {"id": document_id(self.slug, self.base_url, url), "council": self.slug, "meeting": meeting,
                "agenda_item": agenda_item, "title": title, "kind": kind, "url": url}

    def _document_request(self, document: dict) -> scrapy.Request:
        return scrapy.Request(
            document["url"], callback=self.parse_document, errback=self.on_error, cb_kwargs={"document": document}
        )

    def parse_document(self, response, document: dict):
        header = response.headers.get
        yield DocumentItem(
            **{**document, "url": response.url}, body=response.body, sha256=response.meta["sha256"],
            content_type=_header(header("Content-Type")), etag=_header(header("ETag")),
            last_modified=_header(header("Last-Modified")), not_modified="not-modified" in response.flags,
        )

    # Plumbing

    def _page(self, url: str, callback, **cb_kwargs) -> scrapy.Request:
        return scrapy.Request(urljoin(self.base_url, url), callback=callback, errback=self.on_error, cb_kwargs=cb_kwargs)

    def on_error(self, failure):
        """Turn a failed request (HTTP error, timeout, redirect loop, size cap...) into a crawl_errors row."""
        yield CrawlErrorItem(failure.request.url, describe_failure(failure))

    def _is_moderngov(self, response) -> bool:
        return bool(getattr(response, "text", None) is not None and response.css("#modgov"))

    def _not_moderngov(self, response) -> CrawlErrorItem:
        return CrawlErrorItem(response.url, "not a ModernGov page (no #modgov): blocked, an error page or malformed HTML")

    def _in_window(self, day: date | None) -> bool:
        if day is None:
            return True
        return (self.since is None or day >= self.since) and (self.until is None or day <= self.until)

    def _window_goes_on(self, direction: str, dates: list[date]) -> bool:
        if direction == "earlier":
            return self.since is None or min(dates) >= self.since
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
                    "date": parse_meeting_datetime(_link_text(link.root))[0],
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


def _walk_item_cell(cell) -> dict:
    """Read an agenda item cell in order: title, description, then blocks labelled by sub-titles."""
    parts: dict = {"documents": [], "votes": []}
    label = None
    for child in cell.iterchildren() if cell is not None else ():
        classes = (child.get("class") or "").split()
        if child.tag == "p" and "mgAiTitleTxt" in classes and "title" not in parts:
            parts["title"] = _link_text(child)
            parts["documents"] += [(a.get("href"), _link_text(a)) for a in child.xpath(".//a[@href]")
                                   if DOCUMENT_HREF.search(a.get("href"))]
        elif child.tag == "p" and "mgSubItemTitleTxt" in classes:
            label = _fold(child.text_content()).rstrip(":").lower()
        elif child.tag == "div" and "mgWordPara" in classes:
            key = {"decision": "decision", "minutes": "minutes"}.get(label or "", "description")
            if key == "description" and label is None:
                parts["description"] = _block_text(child)
            elif key != "description":
                parts[key] = child
        elif child.tag == "ul":
            parts["documents"] += [(a.get("href"), _link_text(a)) for a in child.xpath(".//a[@href]")
                                   if DOCUMENT_HREF.search(a.get("href"))]
        elif child.tag == "table" and "recorded vote" in _fold(" ".join(child.xpath(".//caption//text()"))).lower():
            parts["votes"] += _recorded_votes(child)
    return parts


def _recorded_votes(table) -> list[dict]:
    rows = []
    for tr in table.xpath(".//tr[td]"):
        cells = [_fold(td.text_content()) for td in tr.xpath("./td")]
        if len(cells) >= 4:
            rows.append({"title": cells[0], "type": cells[1], "text": cells[2], "result": cells[3]})
    return rows


def _minutes_text(block) -> tuple[str, bool]:
    """Minutes text and whether the page cut it short with a link to mgAi.aspx."""
    if block is None:
        return "", False
    links = block.xpath(".//a[contains(translate(@href, 'MGAI', 'mgai'), 'mgai.aspx')]")
    for link in links:
        link.drop_tree()
    text = _block_text(block)
    if links:
        text = re.sub(r"\s*\.\.\.\s*$", "", text)
    return text, bool(links)


def _item_cell(row):
    cells = [td for td in row.xpath("./td") if "mgItemNumberCell" not in (td.get("class") or "")]
    return cells[0] if cells else None


def _cell_holding_subtitles(page):
    subtitles = page.xpath("//*[@id='modgov']//p[contains(@class, 'mgSubItemTitleTxt')]")
    return subtitles[0].getparent() if subtitles else None


def _block_text(block) -> str:
    return html_to_text(lxml_html.tostring(block, encoding="unicode")) if block is not None else ""


def _link_text(element) -> str:
    return _fold(" ".join(element.xpath(f".//text()[not(ancestor::span[{HIDDEN_TEXT}])]")))


def _kind_from_title(title: str) -> str:
    lowered = title.lower()
    for kind in ("minutes", "decisions", "agenda"):
        if kind.rstrip("s") in lowered:
            return kind
    return "pack"


def _query(url: str) -> dict[str, str]:
    return {key.lower(): value for key, value in parse_qsl(urlsplit(url).query)}


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def _header(value: bytes | None) -> str | None:
    return value.decode("latin-1") if value else None
