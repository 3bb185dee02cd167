"""The demo council's ``mgWebService.asmx``: XML answers to GetCommittees, GetMeetings and GetMeeting.

Answers are shaped like real ones (MODERNGOV.md §5): lower-case element names, "True"/"False"
booleans, counts with a leading space, empty elements written open-newline-close, dd/mm/yyyy
dates, "10.00 am" times and escaped Word-style HTML. Item text comes from the same model fields
and markup helpers as the HTML pages (`demo.pages`), so both paths read the same text.

Made up for the demo: the Decision comment field, member ids (a hash of the name) and, on the
first item of a meeting that has documents, one extra restricted (exempt) linked document.
"""

from __future__ import annotations

import functools
from datetime import date, datetime
from xml.sax.saxutils import escape, quoteattr

from demo import people
from demo.markup import word_para

RESTRICTED_ID_OFFSET = 900_000_000  # restricted attachment id = offset + agenda item id


def render(council, operation: str, params: dict, *, base_url: str = "", today: date | None = None) -> bytes | None:
    """The XML answer to ``operation`` with query ``params`` (names in any case), or None (a 404).

    ``base_url`` prefixes linked document and member URLs (relative when empty); ``today`` decides
    whether attendees were "Present" (held meetings) or are "Expected" (default: the real date).
    """
    params = {name.lower(): value for name, value in params.items()}
    operation = operation.lower()
    if operation == "getcommittees":
        element = _committees(council)
    elif operation == "getmeetings":
        element = _meetings(council, params)
    elif operation == "getmeeting":
        meeting = council.meeting(_int(params.get("lmeetingid")))
        element = meeting and _meeting(council, meeting, base_url, today or date.today())
    else:
        element = None
    if element is None:
        return None
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + _xml(*element) + "\n").encode("utf-8")


def attachment_path(council, attachment_id: int) -> str | None:
    """The ``documents/s<id>/...`` path of a public attachment, for serving ``mgConvert2PDF.aspx?ID=``."""
    return _attachments(council).get(attachment_id)


@functools.lru_cache(maxsize=8)
def _attachments(council) -> dict[int, str]:
    return {_attachment_id(doc): doc.path for meeting in council.all_meetings()
            for item in meeting.items for doc in _item_documents(item)}


def _committees(council) -> tuple:
    committees = [("committee", [
        ("committeeid", str(committee.cid)), ("committeetitle", committee.name),
        ("committeedeleted", "False"), ("committeeexpired", "False"), ("committeecategory", committee.section),
    ]) for committee in council.committees]
    return "committees", [("committeescount", f" {len(committees)}"), *committees]


def _meetings(council, params: dict) -> tuple | None:
    """GetMeetings: ``lcommitteeid`` (0 for all) and the inclusive ``sfromdate``..``stodate`` range."""
    cid = _int(params.get("lcommitteeid", "0"))
    try:
        since, until = _date(params.get("sfromdate")), _date(params.get("stodate"))
    except ValueError:
        return None
    if cid is None:
        return None
    if cid:
        committee = council.committee(cid)
        if committee is None:
            return None
        chosen = [committee]
    else:
        chosen = council.committees
    blocks, total = [], 0
    for committee in chosen:
        shown = [m for m in council.meetings_of(committee.cid)
                 if (since is None or m.start.date() >= since) and (until is None or m.start.date() <= until)]
        if not shown and not cid:
            continue
        total += len(shown)
        blocks.append(("committee", [
            ("committeeid", str(committee.cid)), ("committeetitle", committee.name),
            ("committeemeetingcount", f" {len(shown)}"),
            ("committeemeetings", [("meeting", [
                ("meetingid", str(m.mid)), ("meetingdate", _day(m.start)), ("meetingstatus", _status(m)),
                ("meetingtime", _clock(m.start)), ("iswebcast", "False"),
            ]) for m in shown]),
        ]))
    return "getmeetings", [("meetingscount", f" {total}"), ("committeescount", f" {len(blocks)}"), *blocks]


def _meeting(council, meeting, base_url: str, today: date) -> tuple:
    minutes = any(item.minutes for item in meeting.items)
    exempt_on = next((item for item in meeting.items if _item_documents(item)), None)
    return "meeting", [
        ("meetingid", str(meeting.mid)), ("meetingdate", _day(meeting.start)), ("meetingstatus", _status(meeting)),
        ("isdisplayallowed", "True"), ("meetingtime", _clock(meeting.start)), ("meetingactualstarttime", ""),
        ("meetingplannedfinishtime", ""), ("meetingactualfinishtime", ""), ("meetinglocation", meeting.venue),
        ("iswebcast", "False"), ("agendaid", str(meeting.agenda_id)),
        ("agendapublished", _bool(not meeting.cancelled)),
        ("decisionpublished", _bool(any(item.decision for item in meeting.items))),
        ("minutepublished", _bool(minutes)), ("meetingroom", ""),
        ("agendaitems", [_item(meeting, position, item, base_url, minutes, item is exempt_on)
                         for position, item in enumerate(meeting.items, 1)]),
        ("attendees", _attendees(council, meeting, base_url, today)),
    ]


def _item(meeting, position: int, item, base_url: str, minutes_published: bool, with_exempt: bool) -> tuple:
    """An agenda item; ``agendaitemnumber`` is an internal order that differs from the printed number.
    ``with_exempt`` adds a restricted linked document."""
    comment = ("Decision", _html(item.decision)) if item.decision else ("Presented By", "")
    day, clock = _day(meeting.start), _clock(meeting.start)
    return "agendaitem", [
        ("agendaitemid", str(item.aiid)), ("agendaitemtitle", item.title), ("agendatext", _html(item.description)),
        ("actualmeetingdate", day), ("agendaitemnumber", str(position + 3)), ("agendaitemsubnumber", ""),
        ("fulldisplaynumberformat", item.number), ("authorusername", ""),
        ("commentlabel1", comment[0]), ("commenttext1", comment[1]), ("commentlabel2", "Actions"), ("commenttext2", ""),
        ("minutesnonemptyhtmlbody", _html(item.minutes)), ("declarationcount", "0"), ("iscallin", "False"),
        ("iscomment", "False"), ("isdecision", _bool(item.decision)), ("isdecisionpublished", _bool(item.decision)),
        ("isminutepublished", _bool(minutes_published)), ("ispubliccanspeak", "False"), ("isrestricted", "False"),
        ("isdisplayallowed", "True"), ("meetingdate", day), ("meetingtime", clock),
        ("minutesitemnumber", item.number.rstrip(".")), ("minutesitemsubnumber", ""), ("preferreddate", day),
        ("refertocommittee", meeting.committee.name),
        ("linkeddocuments", _linked_documents(meeting, item, base_url, restricted=with_exempt)),
    ]


def _linked_documents(meeting, item, base_url: str, restricted: bool) -> list[tuple]:
    rows = [(_attachment_id(doc), doc.title, False) for doc in _item_documents(item)]
    if restricted:
        rows.append((RESTRICTED_ID_OFFSET + item.aiid, f"Exempt appendix - {item.title}", True))
    return [("linkeddoc", [
        ("attachmentid", str(attachment)), ("title", title), ("isurl", "False"),
        ("url", f"{base_url}mgConvert2PDF.aspx?ID={attachment}"), ("isrestricted", _bool(exempt)),
        ("restrictionsRef", "Paragraph 3" if exempt else ""), ("itemnum", str(number)),
        ("meetingdate", _day(meeting.start)), ("committeetitle", meeting.committee.name),
        ("isdecisionattachment", "False"), ("ownertitle", item.title),
    ]) for number, (attachment, title, exempt) in enumerate(rows, 1)]


def _attendees(council, meeting, base_url: str, today: date) -> list[tuple]:
    """The members and attendance that the meeting's attendance page shows (demo.people)."""
    rows = []
    for name, person, role, status in people.attendance(council, meeting, today):
        attributes = {"membertype": "U", "memberid": str(person.uid) if person else "", "name": f"Councillor {name}",
                      "roledescription": role, "attendance": status,
                      "politicalparty": person.party if person else "", "ward": person.ward if person else ""}
        url = f"{base_url}mgUserInfo.aspx?UID={person.uid}" if person else ""
        rows.append(("attendee", [("url", url)], attributes))
    return rows


def _item_documents(item) -> tuple:
    return ((item.report,) if item.report else ()) + item.documents


def _attachment_id(doc) -> int:
    """The attachment id: the number of the document's ``s<id>`` folder."""
    return int(doc.folder[1:])


def _html(paragraphs) -> str:
    return word_para(paragraphs) if paragraphs else ""


def _status(meeting) -> str:
    return "Cancelled" if meeting.cancelled else "Confirmed"


def _bool(value) -> str:
    return "True" if value else "False"


def _day(when: datetime) -> str:
    return f"{when:%d/%m/%Y}"


def _clock(when: datetime) -> str:
    """Time as the web service writes it: "10.00 am", "2.30 pm"."""
    return f"{when.hour % 12 or 12}.{when:%M} {'am' if when.hour < 12 else 'pm'}"


def _date(value: str | None) -> date | None:
    """A dd/mm/yyyy (or ISO) date parameter, None when absent; ValueError when unreadable."""
    if not value:
        return None
    try:
        return datetime.strptime(value.strip(), "%d/%m/%Y").date()
    except ValueError:
        return date.fromisoformat(value.strip())


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _xml(name: str, value, attributes: dict | None = None, depth: int = 0) -> str:
    """One element, indented two spaces a level; empty ones as open tag, newline, close tag."""
    pad = "  " * depth
    opening = name + "".join(f" {key}={quoteattr(val)}" for key, val in (attributes or {}).items())
    if isinstance(value, list) and value:
        inner = "\n".join(_xml(*child[:2], child[2] if len(child) > 2 else None, depth + 1) for child in value)
        return f"{pad}<{opening}>\n{inner}\n{pad}</{name}>"
    if not value:
        return f"{pad}<{opening}>\n{pad}</{name}>"
    return f"{pad}<{opening}>{escape(value)}</{name}>"
