"""ModernGov's ``mgWebService.asmx`` web service: request URLs and parsers for its XML answers.

Plain functions over response bytes (MODERNGOV.md §5). The service answers plain GET requests at
``<base>mgWebService.asmx/<Operation>?<params>``; many installs switch it off or hide it behind a
firewall, so `answers` tells a real answer from an error page and the spider falls back to HTML.
Text fields are read with the HTML spider's own helpers (`scrapers.moderngov.markup`, `html_to_text`) so
both paths produce the same text.
"""

from __future__ import annotations

import datetime
import html
import re
from urllib.parse import urlencode, urljoin

from lxml import etree

from pipeline.dates import parse_meeting_datetime
from pipeline.text import html_to_text

# A module import: people imports the spider, which imports this module.
from scrapers.moderngov import people
from scrapers.moderngov.markup import fold, link_text

# Operation -> root element of its answer.
OPERATIONS = {"GetCommittees": "committees", "GetMeetings": "getmeetings", "GetMeeting": "meeting"}
_COMMENT_LABEL = re.compile(r"commentlabel(\d+)$")


def service_url(base_url: str, operation: str, **params) -> str:
    """The GET URL of a web service operation; dates become dd/mm/yyyy.

    >>> service_url("https://x.gov.uk/", "GetMeetings", lCommitteeId=0, sFromDate=datetime.date(2026, 1, 2))
    'https://x.gov.uk/mgWebService.asmx/GetMeetings?lCommitteeId=0&sFromDate=02/01/2026'
    """
    values = {name: f"{value:%d/%m/%Y}" if isinstance(value, datetime.date) else value
              for name, value in params.items()}
    query = urlencode(values, safe="/")
    return urljoin(base_url, f"mgWebService.asmx/{operation}") + (f"?{query}" if query else "")


def answers(body: bytes, root: str) -> bool:
    """True when ``body`` is XML whose root element is ``root`` (e.g. "meeting"), not an error or WAF page."""
    element = _root(body)
    return element is not None and etree.QName(element).localname.lower() == root.lower()


def parse_committees(body: bytes) -> list[dict]:
    """Committees of a ``GetCommittees`` answer.

    Each is ``{"committee_id", "name", "deleted": bool, "expired": bool, "category"}``.
    """
    return [
        {"committee_id": _text(committee, "committeeid"), "name": _title(committee.find("committeetitle")),
         "deleted": _flag(committee, "committeedeleted"), "expired": _flag(committee, "committeeexpired"),
         "category": _text(committee, "committeecategory")}
        for committee in _children(_root(body), "committee")
    ]


def parse_meetings(body: bytes) -> list[dict]:
    """Meetings of a ``GetMeetings`` answer, with their committee; every meeting the answer lists.

    Each is ``{"committee_id", "committee_name", "meeting_id", "date", "time", "status"}`` where date and
    time are ``datetime`` objects or None. Some installs ignore the date parameters, so the spider
    applies its own window.
    """
    meetings = []
    for committee in _children(_root(body), "committee"):
        for meeting in committee.iterfind("committeemeetings/meeting"):
            day, time = _when(meeting)
            meetings.append({
                "committee_id": _text(committee, "committeeid"),
                "committee_name": _title(committee.find("committeetitle")),
                "meeting_id": _text(meeting, "meetingid"), "date": day, "time": time,
                "status": _text(meeting, "meetingstatus"),
            })
    return meetings


def parse_meeting(body: bytes, base_url: str) -> dict:
    """One meeting from a ``GetMeeting`` answer.

    Returns ``{"meeting_id", "agenda_id", "date", "time", "status", "venue", "items", "attendees"}``:
    ``status`` is the raw ``meetingstatus`` ("Confirmed", "Cancelled", "Confirmed; Budget Council"),
    ``venue`` the folded ``meetinglocation`` or None. Items (see `_item`) marked ``isrestricted`` are
    exempt and dropped entirely. Attendees are
    ``{"member_id", "name", "role", "attendance", "party", "ward", "url"}`` with the name stripped of
    "Councillor" as on attendance pages, attendance lower-cased ("present", "apologies", "expected").
    """
    meeting = _root(body)
    day, time = _when(meeting)
    items = [_item(element, base_url) for element in meeting.iterfind("agendaitems/agendaitem")
             if not _flag(element, "isrestricted")]
    return {
        "meeting_id": _text(meeting, "meetingid"), "agenda_id": _text(meeting, "agendaid"),
        "date": day, "time": time, "status": _text(meeting, "meetingstatus"),
        "venue": fold(_text(meeting, "meetinglocation")) or None,
        "items": items, "attendees": [_attendee(element) for element in meeting.iterfind("attendees/attendee")],
    }


def _item(element, base_url: str) -> dict:
    """An agenda item: ``{"item_id", "number", "title", "description", "decision", "minutes",
    "documents": [(url, title)]}``.

    ``number`` is the printed number without its trailing dot (``fulldisplaynumberformat``; the
    ``agendaitemnumber`` is an internal order). ``decision`` is the comment whose label is "Decision":
    an assumption, as no saved real answer fills a comment field. ``minutes`` is empty while
    ``isminutepublished`` is False.
    """
    number = next(filter(None, (_text(element, name) for name in
                                ("fulldisplaynumberformat", "minutesitemnumber", "agendaitemnumber"))), "")
    minutes_published = _text(element, "isminutepublished").lower() != "false"
    return {
        "item_id": _text(element, "agendaitemid"), "number": fold(number).rstrip("."),
        "title": _title(element.find("agendaitemtitle")),
        "description": _html_text(element.find("agendatext")),
        "decision": _html_text(_decision_comment(element)),
        "minutes": _html_text(element.find("minutesnonemptyhtmlbody")) if minutes_published else "",
        "documents": _documents(element, base_url),
    }


def _decision_comment(element):
    """The ``commenttextN`` whose ``commentlabelN`` reads "Decision" (any case, colon optional), or None."""
    for label in element:
        match = _COMMENT_LABEL.match(label.tag) if isinstance(label.tag, str) else None
        if match and (label.text or "").strip().rstrip(":").strip().lower() == "decision":
            return element.find(f"commenttext{match.group(1)}")
    return None


def _documents(element, base_url: str) -> list[tuple[str, str]]:
    """Public linked documents, once each: absolute URLs, titles unescaped."""
    documents, seen = [], set()
    for doc in element.iterfind("linkeddocuments/linkeddoc"):
        url = _text(doc, "url")
        key = _text(doc, "attachmentid") or url
        if _flag(doc, "isrestricted") or not url or key in seen:
            continue
        seen.add(key)
        documents.append((_absolute(url, base_url), _title(doc.find("title"))))
    return documents


def _absolute(url: str, base_url: str) -> str:
    """``url`` joined to the base; http upgraded to https when the council's site is https."""
    url = urljoin(base_url, url)
    if base_url.lower().startswith("https://") and url.lower().startswith("http://"):
        return "https://" + url[len("http://"):]
    return url


def _attendee(element) -> dict:
    return {
        "member_id": element.get("memberid", "").strip(), "name": people.clean_name(element.get("name", "")),
        "role": fold(element.get("roledescription", "")),
        "attendance": element.get("attendance", "").strip().lower(),
        "party": element.get("politicalparty", "").strip(), "ward": fold(element.get("ward", "")),
        "url": _text(element, "url"),
    }


def _when(element) -> tuple[datetime.date | None, datetime.time | None]:
    return parse_meeting_datetime(f"{_text(element, 'meetingdate')} {_text(element, 'meetingtime')}")


def _root(body: bytes):
    """The root element of an XML answer, read leniently; None when there is none."""
    if not body or not body.strip():
        return None
    try:
        return etree.fromstring(body, etree.XMLParser(recover=True, resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None


def _children(root, tag: str) -> list:
    return [] if root is None else root.findall(tag)


def _text(parent, tag: str) -> str:
    """A child's text, stripped: whitespace-only and missing elements are ""."""
    return (parent.findtext(tag) or "").strip()


def _flag(parent, tag: str) -> bool:
    return _text(parent, tag).lower() == "true"


def _title(element) -> str:
    """Folded text of a title element, unescaped until stable (titles can arrive as ``&amp;amp;``)."""
    if element is None:
        return ""
    text = link_text(element)
    for _ in range(3):
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    return fold(text)


def _html_text(element) -> str:
    """Text of an element holding HTML, escaped (the usual case) or raw (read as child elements)."""
    if element is None:
        return ""
    markup = (element.text or "") + "".join(etree.tostring(child, encoding="unicode") for child in element)
    return html_to_text(markup)
