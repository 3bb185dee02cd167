"""ModernGov pages about people: meeting attendance, named (recorded) votes, the member index and
member pages (MODERNGOV.md §2 and §7). Plain functions of HTML text: the spider makes the requests.

The markup of these pages is unverified, so tables are read by their header text, never by column
position, and a ``<td>`` nested inside a name ``<td>`` (Lancashire's vote tables) is tolerated.
Member pages can show a councillor's home address and phone numbers: `parse_member` reads only an
allow-list of fields (name, party, ward, roles) so that nothing else can reach the database.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from lxml import etree

from scrapers.moderngov import markup

MEMBER_HREF = re.compile(r"mguserinfo\.aspx", re.IGNORECASE)
NAME_PREFIX = re.compile(r"^(?:county\s+)?(?:councillor|cllr\.?)\s+", re.IGNORECASE)
# Header text -> field, first match wins; "Member role" is a role, "Councillor" a name.
COLUMNS = (
    ("role", re.compile(r"\brole|position", re.IGNORECASE)),
    ("attendance", re.compile(r"attendance|status", re.IGNORECASE)),
    ("vote", re.compile(r"\bvote", re.IGNORECASE)),
    ("party", re.compile(r"party|group", re.IGNORECASE)),
    ("ward", re.compile(r"ward|division|constituency", re.IGNORECASE)),
    ("name", re.compile(r"councillor|member|name|attendee", re.IGNORECASE)),
)
ATTENDANCE = {
    "present": "present", "attended": "present", "in attendance": "in attendance",
    "apologies": "apologies", "apologies received": "apologies", "sent apologies": "apologies",
    "apologies for absence": "apologies", "absent": "absent", "not present": "absent",
    "did not attend": "absent", "expected": "expected", "present as substitute": "present as substitute",
    "present as a substitute": "present as substitute", "substitute": "present as substitute",
}
VOTES = {
    "for": "for", "aye": "for", "yes": "for", "in favour": "for",
    "against": "against", "no": "against", "noe": "against",
    "abstain": "abstain", "abstained": "abstain", "abstention": "abstain",
    "absent": "absent", "not present": "absent",
}
STATUS_LINE = re.compile(r"^[\w ]*\b(?:status|result|outcome)\s*:\s*(.+)$", re.IGNORECASE)
ROLE_HEADING = re.compile(r"\b(?:posts?|roles?|appointments?)\b", re.IGNORECASE)
PARTY_LABELS = {"party", "political party", "group", "political group"}
WARD_LABELS = {"ward", "division", "electoral division", "constituency"}
HEADINGS = ("h1", "h2", "h3", "h4", "h5")
LINE_BREAKS = {"br", "p", "div", "li", "ul", "ol", "table", "tr", *HEADINGS}
# Headings of the standard page chrome (page type and subtitle), not of the content.
CHROME = "ancestor::div[contains(@class, 'mgHeader') or contains(@class, 'mgSubTitle')]"


def parse_attendance(html, url: str) -> list[dict]:
    """Rows of `mgMeetingAttendance.aspx?ID=<MId>`: who was expected and whether they came.

    ``{"member_id", "name", "role", "attendance", "url"}``; attendance is lower-case, normalised to
    present / apologies / absent / expected / present as substitute where the wording allows.
    """
    rows = []
    for table in _tables_with(markup.scope(html), "name", "attendance"):
        for cells in _rows(table):
            person = _person(cells.get("name"), url)
            if person["name"]:
                rows.append({**person, "role": _cell_text(cells.get("role")),
                             "attendance": _normalise(_cell_text(cells.get("attendance")), ATTENDANCE)})
    return rows


def parse_named_votes(html, url: str) -> list[dict]:
    """Every named vote on `mgListRecordedVotesShort.aspx?AIID=&MID=` or `mgListRecordedVotes.aspx`.

    ``{"title", "status", "votes": [{"member_id", "name", "vote"}]}`` plus ``"meeting_title"`` (h2)
    and ``"item_title"`` (h3) when the page has them. The title is the last h4 before the table,
    else the table's caption, else the h3; the status is the value of a "... status:" line (e.g.
    "Amendment status: Rejected") between the title and the table, or "".
    """
    scope = markup.scope(html)
    tables = _tables_with(scope, "name", "vote")
    context: dict = {}
    found = []
    for element in scope.iter(etree.Element):
        if any(ancestor in tables for ancestor in element.iterancestors("table")):
            continue
        if element.tag in ("h2", "h3", "h4") and not element.xpath(CHROME):
            level = {"h2": "meeting_title", "h3": "item_title", "h4": "title"}[element.tag]
            context = _heading_context(context, level, markup.link_text(element))
        elif element in tables:
            found.append(_vote(element, context, url))
            context = {key: value for key, value in context.items() if key in ("meeting_title", "item_title")}
        elif "status" not in context and _is_line(element):
            status = STATUS_LINE.match(markup.fold(element.text_content()))
            if status:
                context["status"] = status.group(1)
    return found


def parse_member_index(html, url: str) -> list[dict]:
    """Councillors on `mgMemberIndex.aspx?FN=ALPHA&VW=TABLE&PIC=0`: ``{"member_id", "name", "ward",
    "party", "url"}``. The list view (``VW=LIST``, links only) gives empty ward and party."""
    scope = markup.scope(html)
    members = []
    for table in _tables_with(scope, "name"):
        for cells in _rows(table):
            person = _person(cells.get("name"), url)
            if person["name"]:
                members.append({**person, "ward": _first_line(cells.get("ward")),
                                "party": _first_line(cells.get("party"))})
    if not members:
        for link in scope.xpath(".//a[@href]"):
            if MEMBER_HREF.search(link.get("href")):
                members.append({**_link_person(link, url), "ward": "", "party": ""})
    return members


def parse_member(html, url: str) -> dict:
    """A councillor from `mgUserInfo.aspx?UID=<n>`: ``{"member_id", "name", "party", "ward", "roles"}``.

    An allow-list: the name heading, the Party and Ward (or Division) labels and the lists under
    headings naming posts, roles or appointments. Addresses, phone numbers and e-mail are never read.
    """
    scope = markup.scope(html)
    labelled = {}
    for span in scope.xpath(".//span[contains(concat(' ', normalize-space(@class), ' '), ' mgLabel ')]"):
        label = markup.fold(span.text_content()).rstrip(":").strip().lower()
        key = "party" if label in PARTY_LABELS else "ward" if label in WARD_LABELS else None
        if key and key not in labelled:
            labelled[key] = markup.label_value(span)
    return {
        "member_id": markup.query(url).get("uid") or None,
        "name": clean_name(_page_name(scope)),
        "party": labelled.get("party", ""),
        "ward": labelled.get("ward", ""),
        "roles": _roles(scope),
    }


def clean_name(text: str) -> str:
    """A councillor's name without a leading "Councillor " or "Cllr ", whitespace folded."""
    return NAME_PREFIX.sub("", markup.fold(text))


def _tables_with(scope, *fields: str) -> list:
    """Tables whose header row names all of ``fields``."""
    return [table for table in scope.iter("table") if set(fields) <= set(_columns(table).values())]


def _columns(table) -> dict[int, str]:
    """Column index -> field name, from the table's header cells."""
    columns = {}
    for index, cell in enumerate(_header_cells(table)):
        header = markup.fold(f"{cell.get('abbr') or ''} {cell.text_content()}")
        field = next((name for name, pattern in COLUMNS if pattern.search(header)), None)
        if field and field not in columns.values():
            columns[index] = field
    return columns


def _header_cells(table) -> list:
    """The first row made only of ``th`` cells; else the table's ``th`` cells wherever a malformed
    header left them; else the first row when it reads like a header (``td`` cells, Lancashire)."""
    rows = _own_rows(table)
    for row in rows:
        cells = row.xpath("./th|./td")
        if cells and all(cell.tag == "th" for cell in cells):
            return cells
    loose = [th for th in table.xpath(".//th") if _nearest_table(th) is table and th.getparent().tag != "tr"]
    if loose:
        return loose
    first = rows[0].xpath("./th|./td") if rows else []
    names = [markup.fold(cell.text_content()) for cell in first]
    return first if names and any(name.lower() in ("councillor", "member", "name") for name in names) else []


def _rows(table) -> list[dict]:
    """Data rows as {field: cell}; header rows (the header cells' own row) are skipped."""
    columns = _columns(table)
    header_rows = {cell.getparent() for cell in _header_cells(table)}
    result = []
    for row in _own_rows(table):
        if row in header_rows:
            continue
        cells = row.xpath("./td|./th")
        if any(cell.tag == "td" for cell in cells):
            result.append({field: cells[index] for index, field in columns.items() if index < len(cells)})
    return result


def _own_rows(table) -> list:
    return [row for row in table.iter("tr") if _nearest_table(row) is table]


def _nearest_table(element):
    return next(element.iterancestors("table"), None)


def _person(cell, url: str) -> dict:
    """member_id, name and url from a name cell: its mgUserInfo link when it has one, else its
    first line of text (never the rest of the cell, where an address may follow)."""
    if cell is None:
        return {"member_id": None, "name": "", "url": None}
    links = [link for link in cell.xpath(".//a[@href]") if MEMBER_HREF.search(link.get("href"))]
    if links:
        return _link_person(links[0], url)
    return {"member_id": None, "name": clean_name(next(iter(_lines(cell)), "")), "url": None}


def _link_person(link, url: str) -> dict:
    href = link.get("href")
    return {"member_id": markup.query(href).get("uid") or None,
            "name": clean_name(markup.link_text(link)), "url": urljoin(url, href)}


def _first_line(cell) -> str:
    """A cell's first line only: what follows a line break may be an address."""
    return next(iter(_lines(cell)), "") if cell is not None else ""


def _cell_text(cell) -> str:
    """A cell's text without any cell nested inside it."""
    return " ".join(_lines(cell)) if cell is not None else ""


def _lines(cell) -> list[str]:
    """The non-empty lines of a cell's text (split at ``br`` and block elements), leaving out the
    text of any ``td`` or ``th`` nested inside it."""
    lines = [""]

    def walk(element):
        for child in element:
            if not isinstance(child.tag, str) or child.tag in ("td", "th"):
                lines[-1] += child.tail or ""
                continue
            if child.tag in LINE_BREAKS:
                lines.append("")
            lines[-1] += child.text or ""
            walk(child)
            if child.tag in LINE_BREAKS:
                lines.append("")
            lines[-1] += child.tail or ""

    lines[-1] += cell.text or ""
    walk(cell)
    return [folded for folded in map(markup.fold, lines) if folded]


def _normalise(text: str, known: dict[str, str]) -> str:
    lowered = text.lower().strip(" .")
    return known.get(lowered, lowered)


def _heading_context(context: dict, level: str, text: str) -> dict:
    """Context after a heading: a meeting heading clears the item, any heading clears title and status."""
    kept = {key: value for key, value in context.items()
            if key == "meeting_title" or (key == "item_title" and level == "title")}
    return {**kept, level: text}


def _is_line(element) -> bool:
    """A short text element that may carry a status line (no blocks or tables inside it)."""
    return element.tag in ("p", "div", "span", "strong", "b") and not element.xpath(".//p|.//div|.//table")


def _vote(table, context: dict, url: str) -> dict:
    caption = table.xpath("./caption")
    caption_text = markup.link_text(caption[0]) if caption else ""
    title = context.get("title") or caption_text or context.get("item_title", "")
    votes = []
    for cells in _rows(table):
        person = _person(cells.get("name"), url)
        if person["name"]:
            votes.append({"member_id": person["member_id"], "name": person["name"],
                          "vote": _normalise(_cell_text(cells.get("vote")), VOTES)})
    vote = {"title": title.rstrip(":").strip(), "status": context.get("status", ""), "votes": votes}
    vote.update({key: context[key] for key in ("meeting_title", "item_title") if key in context})
    return vote


def _page_name(scope) -> str:
    for path in (".//h2[contains(@class, 'mgSubTitleTxt')]", ".//h1[contains(@class, 'mgMainTitleTxt')]"):
        headings = scope.xpath(path)
        if headings:
            return markup.link_text(headings[0])
    return ""


def _roles(scope) -> list[str]:
    """List items under headings that name posts, roles or appointments, up to the next heading."""
    roles = []
    for heading in scope.xpath(".//*[self::h2 or self::h3 or self::h4]"):
        if heading.xpath(CHROME) or not ROLE_HEADING.search(heading.text_content()):
            continue
        for sibling in heading.itersiblings():
            if sibling.tag in HEADINGS:
                break
            if sibling.tag in ("ul", "ol"):
                roles += [markup.fold(li.text_content()) for li in sibling.iter("li")]
    return list(dict.fromkeys(role for role in roles if role))
