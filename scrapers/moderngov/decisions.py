"""ModernGov decisions: the date windows to ask for, the decision list and the decision detail page.

`mgDelegatedDecisions.aspx` lists the decisions published in a date range (MODERNGOV.md §6.1);
each row links to `ieDecisionDetails.aspx?ID=` (§6.2). Plain functions of HTML text: the spider
makes the requests.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from urllib.parse import urljoin

from pipeline.dates import parse_meeting_datetime
from scrapers.moderngov import markup

DECISION_HREF = re.compile(r"iedecisiondetails\.aspx", re.IGNORECASE)
ISSUE_HREF = re.compile(r"(mgissuehistoryhome|ieissuedetails)\.aspx", re.IGNORECASE)
# What an install might say instead of an empty table; the wording on real sites is unverified.
NO_DECISIONS = re.compile(r"\bno\b[^.]{0,40}\bdecisions\b", re.IGNORECASE)
LIST_COLUMNS = ("title", "published", "effective", "call_in")
LABELS = {
    "decision maker": "decision_maker", "decision status": "status", "is key decision": "is_key",
    "is subject to call in": "call_in", "publication date": "published", "date of publication": "published",
    "date of decision": "decided", "effective from": "effective", "decided at meeting": "meeting",
}
SECTIONS = (("purpose", "purpose"), ("decision", "decision"), ("reason", "reasons"), ("alternative", "alternatives"))


def windows(since: date, until: date, months: int = 6) -> list[tuple[date, date]]:
    """Consecutive inclusive ``(start, end)`` ranges of at most ``months`` months covering since..until,
    newest first; empty when since is after until.

    A window ending on day E starts on E + 1 day moved back ``months`` months (to the 1st of the next
    month when that day does not exist), so a window ending on a month's last day spans whole calendar
    months: 31/12/2025 gives 01/07/2025-31/12/2025.
    """
    if months < 1:
        raise ValueError("a window needs at least one month")
    result = []
    end = until
    while end >= since:
        start = max(since, _months_before(end + timedelta(days=1), months))
        result.append((start, end))
        end = start - timedelta(days=1)
    return result


def halve(window: tuple[date, date]) -> list[tuple[date, date]]:
    """Split a window that timed out into two, newer half first; ``[]`` for a one-day window,
    which cannot be split (the caller records the failure instead)."""
    start, end = window
    if start >= end:
        return []
    middle = start + (end - start) // 2
    return [(middle + timedelta(days=1), end), (start, middle)]


def list_url(start: date, end: date) -> str:
    """The decision list URL for an inclusive date range, relative to the council's base URL."""
    return (f"mgDelegatedDecisions.aspx?XXR=0&DR={_dr_date(start)}-{_dr_date(end)}"
            "&ACT=Find&RP=0&K=0&V=0&DM=0&HD=0&DS=2&Next=true&META=mgdelegateddecisions")


def parse_decision_list(html: str) -> list[dict]:
    """Rows of a decision list (`mgDelegatedDecisions.aspx` or `mgListOfficerDecisions.aspx`) that link
    to a decision, as ``{"decision_id", "title", "published", "effective", "call_in", "href"}``.

    Columns are read by their headers (Title, Date, Effective from, Call-ins), by position when there
    are none; a missing column gives None (dates) or "" (call-in). ``href`` is as written in the page,
    relative to it. Works on a whole page (scoped to #modgov) or on the bare table.
    """
    scope = markup.scope(html)
    rows = []
    for table in scope.iter("table"):
        columns = _list_columns(table)
        for tr in table.xpath("./tr[td][not(.//table)] | ./*/tr[td][not(.//table)]"):  # layout rows hold tables
            link = next((a for a in tr.xpath("./td//a[@href]") if DECISION_HREF.search(a.get("href"))), None)
            if link is None:
                continue
            cells = dict(zip(columns, tr.xpath("./td")))
            rows.append({
                "decision_id": markup.query(link.get("href")).get("id", ""),
                "title": markup.link_text(link),
                "published": _cell_date(cells.get("published")),
                "effective": _cell_date(cells.get("effective")),
                "call_in": markup.fold(cells["call_in"].text_content()) if "call_in" in cells else "",
                "href": link.get("href"),
            })
    return rows


def is_decision_list(html: str) -> bool:
    """Whether a page is a decision list, possibly empty, rather than an error or timeout page: it has
    a decision link, a table captioned or summarised as decisions, or a "no decisions" message."""
    scope = markup.scope(html)
    if any(DECISION_HREF.search(href) for href in scope.xpath(".//a/@href")):
        return True
    for table in scope.iter("table"):
        described = " ".join([table.get("summary") or "", *table.xpath("./caption//text()")])
        if "decision" in described.lower():
            return True
    return any(NO_DECISIONS.search(markup.fold(p.text_content())) for p in scope.iter("p"))


def parse_decision(html: str, url: str) -> dict:
    """The fields of an `ieDecisionDetails.aspx?ID=` page (MODERNGOV.md §6.2).

    Labels are matched without case, punctuation or a trailing colon. Yes/No answers become booleans
    (None when neither), dates `datetime.date` (None when absent); absent meeting and issue fields are
    None, absent sections "". Document URLs are joined to ``url`` and keep raw spaces, as the meeting
    spider does: `scrapy.Request` percent-encodes them when it is built.
    """
    scope = markup.scope(html)
    fields = _labelled_fields(scope)
    issue_id, issue_url = _issue_link(scope, url)
    field = fields.get
    return {
        "decision_id": markup.query(url).get("id", ""),
        "title": _title(scope),
        "decision_maker": _value(field("decision_maker")),
        "status": _value(field("status")),
        "is_key": _yes_no(_value(field("is_key"))),
        "call_in": _value(field("call_in")),
        "published": _value_date(field("published")),
        "decided": _value_date(field("decided")),
        "effective": _value_date(field("effective")),
        **_sections(scope),
        **_meeting_link(fields.get("meeting"), url),
        "issue_id": issue_id,
        "issue_url": issue_url,
        "documents": _accompanying_documents(scope, url),
    }


def _months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier, or the 1st of the month after when it does not exist."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    if day.day > calendar.monthrange(year, month + 1)[1]:
        year, month = divmod(year * 12 + month + 1, 12)
        return date(year, month + 1, 1)
    return date(year, month + 1, day.day)


def _dr_date(day: date) -> str:
    return f"{day:%d}%2f{day:%m}%2f{day:%Y}"


def _list_columns(table) -> tuple[str, ...]:
    headers = table.xpath("(./tr[th] | ./*/tr[th])[1]/th")
    if not headers:
        return LIST_COLUMNS
    return tuple(_list_column(f"{th.get('abbr') or ''} {markup.fold(th.text_content())}".lower()) for th in headers)


def _list_column(header: str) -> str:
    if "effective" in header or "applies" in header:
        return "effective"
    if "call" in header:
        return "call_in"
    if "date" in header or "published" in header:
        return "published"
    return "title" if "title" in header else header


def _title(scope) -> str:
    headings = scope.xpath(".//h2[contains(@class, 'mgSubTitleTxt')]")
    return markup.link_text(headings[0]) if headings else ""


def _cell_date(cell) -> date | None:
    return parse_meeting_datetime(cell.text_content())[0] if cell is not None else None


def _label_key(label: str) -> str:
    return " ".join(re.sub(r"[^a-z]+", " ", markup.fold(label).lower()).split())


def _labelled_fields(scope) -> dict:
    """The `span.mgLabel` labels by field name: {"decision_maker": <span>, ...}."""
    fields = {}
    for span in scope.xpath(".//span[contains(concat(' ', normalize-space(@class), ' '), ' mgLabel ')]"):
        key = _label_key(span.text_content())
        name = LABELS.get(key) or ("effective" if "comes into force" in key else None)
        if name and name not in fields:
            fields[name] = span
    return fields


def _value(label) -> str:
    return markup.label_value(label) if label is not None else ""


def _value_date(element) -> date | None:
    return parse_meeting_datetime(_value(element))[0]


def _yes_no(value: str) -> bool | None:
    answer = _label_key(value).split(" ")[0]
    return {"yes": True, "no": False}.get(answer)


def _sections(scope) -> dict[str, str]:
    """Text of the div.mgWordPara after each h3.mgSubSubTitleTxt heading, by section name."""
    found = dict.fromkeys(name for _, name in SECTIONS)
    for heading in scope.xpath(".//h3[contains(@class, 'mgSubSubTitleTxt')]"):
        key = _label_key(heading.text_content())
        name = next((name for prefix, name in SECTIONS if key.startswith(prefix)), None)
        if name and found[name] is None:
            found[name] = markup.block_text(_section_body(heading))
    return {name: text or "" for name, text in found.items()}


def _section_body(heading):
    for sibling in heading.itersiblings():
        if sibling.tag == "h3":
            return None
        if sibling.tag == "div" and "mgWordPara" in (sibling.get("class") or ""):
            return sibling
    return None


def _meeting_link(label, url: str) -> dict:
    """The "Decided at meeting:" link: meeting id, date, committee name and URL; all None when absent."""
    holder = label.getparent() if label is not None else None
    links = holder.xpath(".//a[@href]") if holder is not None else []
    if not links:
        return {"meeting_id": None, "meeting_date": None, "meeting_title": None, "meeting_url": None}
    href, text = links[0].get("href"), markup.link_text(links[0])
    when = parse_meeting_datetime(text)[0]
    parts = re.split(r"\s+-\s+", text, maxsplit=1)
    title = parts[1] if when and len(parts) == 2 and parse_meeting_datetime(parts[0])[0] else text
    return {"meeting_id": markup.query(href).get("mid"), "meeting_date": when, "meeting_title": title,
            "meeting_url": urljoin(url, href)}


def _issue_link(scope, url: str) -> tuple[str | None, str | None]:
    for href in scope.xpath(".//a/@href"):
        issue = markup.query(href).get("iid") if ISSUE_HREF.search(href) else None
        if issue:
            return issue, urljoin(url, href)
    return None, None


def _accompanying_documents(scope, url: str) -> list[tuple[str, str]]:
    """(absolute URL, title) of the links in the list after the "Accompanying Documents:" label."""
    for label in scope.iter("p"):
        if _label_key(label.text_content()).startswith("accompanying documents"):
            for sibling in label.itersiblings():
                if sibling.tag in ("ul", "ol"):
                    return [(urljoin(url, a.get("href")), markup.link_text(a)) for a in sibling.xpath(".//a[@href]")]
            return []
    return []
