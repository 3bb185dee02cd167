"""HTML for the ModernGov-shaped pages, wrapped in an invented council template.

Every function returns a complete page as ``str``. Markup inside ``div#modgov`` follows
real ModernGov pages (class names, odd spacing, entity-encoded attributes); the
template around it is the demo council's own. All links are relative.
"""

from __future__ import annotations

import html

from demo.markup import (attr, clock, d_param, file_size, list_stamp, long_date,
                         shorten, slash_date, short_date, text, word_para)

STYLE = """
body{margin:0;font-family:Verdana,Arial,sans-serif;font-size:15px;background:#eef0ea;color:#1f2421}
.dcc-skip{position:absolute;left:-999px}.dcc-skip:focus{left:1em;top:1em;background:#fff}
.dcc-masthead{background:#2f4f3a;color:#fff;padding:14px 32px}
.dcc-brand{font-size:24px;font-weight:bold;margin:0}.dcc-strap{margin:4px 0 0;color:#d7e4cf}
.dcc-nav ul,.dcc-breadcrumb ul{list-style:none;margin:0;padding:0;display:flex;gap:18px}
.dcc-nav{background:#44684f;padding:8px 32px}.dcc-nav a{color:#fff}
.dcc-main{background:#fff;max-width:980px;margin:18px auto;padding:18px 32px}
.dcc-breadcrumb{font-size:13px;margin-bottom:12px}.dcc-breadcrumb li+li:before{content:"\\203A  "}
.mgFileSize,.mgHide{font-size:12px;color:#555}.mgItemNumberCell{vertical-align:top;width:4em}
.mgTableEvenRow{background:#f4f6f2}.mgLabel,.mgAiTitleTxt{font-weight:bold}
.MsoNormal{margin:0}.mgSubItemTitleTxt{font-style:italic;margin-bottom:4px}
.dcc-footer{text-align:center;font-size:12px;color:#4b554d;padding:18px}
"""


def page(council, title: str, body: str, crumbs=(), meta: str = "") -> str:
    """A full HTML document: council template around ``body`` (the #modgov div)."""
    trail = "".join(f'<li><a  href="{html.escape(href)}" >{text(label)}</a></li>'
                    for label, href in crumbs)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{meta}<title>{text(title)} - {text(council.name)}</title>
<style>{STYLE}</style>
</head>
<body>
<a class="dcc-skip" href="#mgMainContent">Skip to main content</a>
<header class="dcc-masthead">
<p class="dcc-brand">{text(council.name)}</p>
<p class="dcc-strap">Councillors, committees and decisions</p>
</header>
<nav class="dcc-nav" aria-label="Democracy menu"><ul>
<li><a href="mgListCommittees.aspx?bcr=1">Committees</a></li>
</ul></nav>
<main class="dcc-main">
<nav aria-label="Breadcrumb" class="dcc-breadcrumb"><ul><li>Democracy</li>{trail}<li>{text(title)}</li></ul></nav>
<a class="dcc-skip" name="mgMainContent"></a>
{body}
</main>
<footer class="dcc-footer">
<p>{text(council.name)} is an invented authority. Its councillors, meetings and papers are
fictional and exist to demonstrate the Council Promises crawler.</p>
</footer>
</body>
</html>
"""


def modgov(h1: str, h2: str, links: str, content: str, intro: str = "", form: bool = False) -> str:
    """The standard ModernGov body: header, subtitle, action list, content, footer."""
    middle = (f'<div class="mgLinks" >\n\n<ul  class="mgActionList" >\n{links}\n</ul>\n</div>\n'
              f'<div class="mgContent" >\n{content}\n</div>\n')
    if form:
        middle = f'<form method="get"  action="ieListMeetings.aspx"  id="FormYearSelect">\n{middle}</form>\n'
    return (f'<div id="modgov"><div class="mgHeader"><h1  class="mgMainTitleTxt" >{h1}</h1></div>\n'
            f'<div class="mgSubTitle" >\n<h2 class="mgSubTitleTxt">{h2}</h2>\n</div>\n'
            f'{intro}{middle}<div class="mgFooter" >\n<p>&nbsp;</p>\n</div>\n</div>')


def committee_list(council) -> str:
    """``mgListCommittees.aspx``: committees grouped by section."""
    sections: dict[str, list] = {}
    for committee in council.committees:
        sections.setdefault(committee.section, []).append(committee)
    blocks = []
    for section, committees in sections.items():
        rows = "\n".join(
            f'<li><a  href="mgCommitteeDetails.aspx?ID={c.cid}"  title="Link&#32;to&#32;details&#32;for&#32;'
            f'{attr(c.name)}" >{text(c.name)}</a></li>' for c in committees)
        blocks.append(f'<h2 class="mgSectionTitle">{text(section)}</h2>\n<ul  class="mgBulletList" >\n{rows}\n</ul>')
    body = modgov("Committee structure", "Committees", "", "\n".join(blocks))
    return page(council, "Committee structure", body)


def whats_new(council, today, days: int = 30) -> str:
    """``mgWhatsNew.aspx``: meetings with papers published in the ``days`` up to ``today``."""
    recent = [m for m in council.all_meetings()
              if any(0 <= (today - doc.published.date()).days <= days for doc in m.documents)]
    rows = "\n".join(
        f'<li><a  href="ieListDocuments.aspx?CId={m.committee.cid}&amp;MId={m.mid}&amp;Ver=4" >'
        f'{text(m.committee.name)}, {list_stamp(m.start)}</a></li>' for m in recent)
    content = (f'<ul  class="mgBulletList" >\n{rows}\n</ul>' if rows else
               f"<p>Nothing has been published in the last {days} days.</p>")
    return page(council, "What's new", modgov("What's new", "Recently published papers", "", content))


def committee_details(council, committee) -> str:
    """``mgCommitteeDetails.aspx``: purpose, membership, contact and the meetings link."""
    cid = committee.cid
    links = (f'<li><a  href="ieListMeetings.aspx?CommitteeId={cid}"  title="Link&#32;to&#32;meetings&#32;for&#32;'
             f'{attr(committee.name)}">Browse meetings and agendas for this committee</a></li>')
    members = "\n".join(
        f'<li>Councillor {text(name)}&nbsp; {"&#40;" + text(role) + "&#41;" if role else ""}&nbsp; </li>'
        for name, role in committee.members)
    content = (f'<link rel="alternate" type="application/rss+xml" title="modern.gov - What&#39;s new"  '
               f'href="mgRss.aspx?CID={cid}"  />\n'
               f'<h2 class="mgSectionTitle">Purpose of committee</h2>\n{word_para(committee.purpose)}\n'
               f'<h2 class="mgSectionTitle">Membership<a name="#MEM"></a></h2>\n'
               f'<ul  class="mgBulletList" >\n{members}\n</ul>\n'
               f'<h2 class="mgSectionTitle">Contact information</h2>\n'
               f'<p><span  class="mgLabel" >Support officer: </span>{text(committee.contact)}</p>')
    body = modgov("Committee details", text(committee.name), links, content)
    return page(council, committee.name, body, [("Committees", "mgListCommittees.aspx?bcr=1")])


def meeting_list(council, committee, shown, earlier=None, later=None, years=()) -> str:
    """``ieListMeetings.aspx``: ``shown`` meetings newest first, with Earlier/Later links
    whose ``D=`` values are the datetimes ``earlier`` and ``later`` (None: no link)."""
    cid = committee.cid
    rows = []
    for index, meeting in enumerate(shown):
        row_class = "mgTableOddRow" if index % 2 == 0 else "mgTableEvenRow"
        label = attr(f"Link to meeting details for {committee.name} meeting of {short_date(meeting.start)}")
        rows.append(
            f'<li  class="{row_class}" ><a  class="mgMeetingTableLnk"    '
            f'href="ieListDocuments.aspx?CId={cid}&amp;MId={meeting.mid}&amp;Ver=4"  title="{label}">'
            f'{list_stamp(meeting.start)}</a> - {meeting.published}</li>')
    table = (f'<div  class="mgTableBorder" >\n<div  class="mgTableTitleTxt" >\nMeetings\n</div>\n'
             f'<ul  class="mgNonBulletTableList"  >{"".join(rows)}</ul>\n</div>') if rows else \
        '<p>There are no meetings to display.</p>'
    nav = _earlier_later(cid, earlier, later)
    options = "".join(f'<option value="{year}">{year}</option>' for year in years)
    links = (f'<li><a  href="mgCommitteeDetails.aspx?ID={cid}"   title="Link&#32;to&#32;more&#32;information&#32;'
             f'about&#32;{attr(committee.name)}">Committee details for {text(committee.name)}</a></li>\n'
             f'<li><label for="YearSelect">Meetings in the year: </label>\n'
             f'<select size="1" id="YearSelect" name="YearSelect" ><option value="0"> </option>{options}</select>\n'
             f'<input  class="mgGoButton"   type="submit" name="Submit" value="Go" id="Submit1"/></li>')
    content = (f'<div class="mgList" >\n<div class="mgHiddenField" >\n'
               f'<input type="hidden" name="hCommitteeId"  value="{cid}" />\n'
               f'<input type="hidden" name="MD"  value="ielistmeetings" id="metadata"/>\n</div>\n'
               f'{nav}\n{table}\n{nav}\n</div>')
    intro = f'<p>Meetings of the {text(committee.name)}, most recent first.</p>\n'
    body = modgov("Browse meetings", text(committee.name), links, content, intro=intro, form=True)
    return page(council, f"Browse meetings - {committee.name}", body,
                [("Committees", "mgListCommittees.aspx?bcr=1"),
                 ("Committee details", f"mgCommitteeDetails.aspx?ID={cid}")])


def _earlier_later(cid: int, earlier, later) -> str:
    links = []
    for act, when, label in (("earlier", earlier, "Earlier meetings"), ("later", later, "Later meetings")):
        if when is not None:
            links.append(f'<a   class="mgTableNextLnk"   href="ieListMeetings.aspx?Act={act}&amp;CId={cid}'
                         f'&amp;D={d_param(when)}&amp;MD=ielistmeetings"  >{label}</a>'
                         f"<span class='mgLinkSep'>. </span>")
    return f"<div  class='mgMeetingsEarlierLater' ><p>\n{chr(10).join(links)}\n</p></div>" if links else ""


def meeting_page(council, meeting, size_of) -> str:
    """``ieListDocuments.aspx``: the agenda, decisions and minutes of one meeting.
    ``size_of(doc)`` gives a document's size in bytes for the file-size labels."""
    committee, when = meeting.committee, meeting.start
    heading = f"{committee.name} - {long_date(when)} {clock(when)}" + (", CANCELLED" if meeting.cancelled else "")
    h2 = (f'<a  href="mgCommitteeDetails.aspx?ID={committee.cid}"  title="Link&#32;to&#32;{attr(committee.name)}">'
          f'{text(heading)}</a>')
    attendance = (f'<li><a  href="mgMeetingAttendance.aspx?ID={meeting.mid}"  '
                  f'title="Link&#32;to&#32;attendance&#32;details">Attendance details</a></li>')
    links = "\n".join([attendance] + [
        f'<li><a  href="{html.escape(doc.href)}"   title="{attr("Link to " + doc.title.lower() + " pdf file")}">'
        f'{text(doc.title)}\n<span  class="mgFileSize" > {file_size(size_of(doc))}</span> </a></li>'
        for doc in meeting.printed])
    venue_label = "Proposed venue: " if meeting.cancelled else "Venue: "
    lines = ['<p>No documents are available for this meeting</p>'] if meeting.cancelled else []
    lines.append(f'<p><span  class="mgLabel" >{venue_label}</span>{text(meeting.venue)}</p>')
    if committee.contact:
        lines.append(f'<p><span  class="mgLabel" >Contact: </span>{text(committee.contact)}</p>')
    if meeting.items:
        rows = "\n".join(_item_row(meeting, item, size_of) for item in meeting.items)
        lines.append(f'<table class="mgItemTable"  summary="Table of agenda items" id="mgItemTable">\n'
                     f'<caption  class="mgSectionTitle" >Items</caption>\n<tr>\n'
                     f'<th class="mgHide" abbr="No" scope="col">No.</th>\n'
                     f'<th class="mgHide" abbr="Item" scope="col">Item</th>\n</tr>\n{rows}\n</table>')
    h1 = "Meeting" if meeting.cancelled else _contents_title(meeting)
    intro = ("" if meeting.cancelled else
             "<p>Open a report from the numbered list of items below, or use the printed "
             "agenda, decisions and minutes listed under the meeting title.</p>\n")
    body = modgov(h1, h2, links, "\n".join(lines), intro=intro)
    title = f"Agenda for {committee.name} on {long_date(when)}, {clock(when)}"
    modified = max((doc.published for doc in meeting.documents), default=when)
    meta = (f'<meta name="DC.title"  content="{html.escape(title)}"/>\n'
            f'<meta name="DC.description"  content="{html.escape("Published papers for " + title)}"/>\n'
            f'<meta name="DC.date" scheme="W3CDTF"  content="{when:%Y-%m-%d}"/>\n'
            f'<meta name="DC.date.modified" scheme="W3CDTF"  content="{modified:%Y-%m-%d}"/>\n')
    return page(council, title, body, _meeting_crumbs(committee), meta=meta)


def item_page(council, meeting, item, size_of) -> str:
    """``mgAi.aspx``: one agenda item with its full, untruncated minutes."""
    committee = meeting.committee
    meeting_href = f"ieListDocuments.aspx?CId={committee.cid}&amp;MId={meeting.mid}&amp;Ver=4"
    links = (f'<li><a  href="{meeting_href}"  title="Link&#32;to&#32;the&#32;meeting">'
             f'View the agenda, decisions and minutes for this meeting</a></li>')
    content = (f'<p><span  class="mgLabel" >Meeting: </span><a  href="{meeting_href}" >'
               f'{slash_date(meeting.start)} - {text(committee.name)}</a> &#40;Item {text(item.number)}&#41;</p>\n'
               + "\n".join(_item_body(meeting, item, size_of, full=True)))
    body = modgov("Agenda item", text(item.title), links, content)
    return page(council, f"Agenda item - {item.title}", body, _meeting_crumbs(committee))


def _meeting_crumbs(committee):
    return [("Committees", "mgListCommittees.aspx?bcr=1"),
            ("Committee details", f"mgCommitteeDetails.aspx?ID={committee.cid}"),
            ("Meetings", f"ieListMeetings.aspx?CommitteeId={committee.cid}")]


def _contents_title(meeting) -> str:
    published = meeting.published.lower().split(", ")
    if len(published) == 3:
        return "Agenda, decisions and minutes"
    return "Agenda" + "".join(f" and {kind}" for kind in published[1:])


def _item_row(meeting, item, size_of) -> str:
    cells = "\n".join(_item_body(meeting, item, size_of, full=False))
    return (f'<tr>\n<td  class="mgItemNumberCell" ><p  class="mgAiTitleTxt" ><a name="AI{item.aiid}" '
            f'aria-disabled="true"></a>{text(item.number)}</p></td>\n<td >\n{cells}\n</td>\n</tr>')


def _doc_label(doc) -> str:
    return f"Link to document '{doc.title}' {_doc_kind(doc).lower()} file"


def _doc_kind(doc) -> str:
    return "HTML" if doc.content_type.startswith("text/html") else "PDF"


def _item_body(meeting, item, size_of, full: bool) -> list[str]:
    if item.report:
        doc = item.report
        label = attr(f"Link to document '{item.title}' {_doc_kind(doc).lower()} file")
        title = (f'<p  class="mgAiTitleTxt" ><a  class="mgAiTitleLnk"   href="{html.escape(doc.href)}"    \n'
                 f'title="{label}">{text(item.title)} <span  class="mgFileSize" > '
                 f'{file_size(size_of(doc), _doc_kind(doc))}</span> </a></p>')
    else:
        title = f'<p  class="mgAiTitleTxt" >{text(item.title)}</p>'
    parts = [title]
    if item.description:
        parts.append(word_para(item.description))
    if item.documents:
        rows = "\n".join(
            f'<li>\n<a  href="{html.escape(doc.href)}"   title="{html.escape(_doc_label(doc))}">'
            f'{text(doc.title)} <span  class="mgHide" >, item {text(item.number)}</span>\n'
            f'<span  class="mgFileSize" > {file_size(size_of(doc), _doc_kind(doc))}</span> </a>  </li>'
            for doc in item.documents)
        parts.append(f'<p class="mgSubItemTitleTxt">Additional documents:</p>\n<ul  class="mgBulletList" >\n{rows}\n</ul>')
    if item.decision:
        parts.append(f'<p class="mgSubItemTitleTxt">Decision:</p>\n{word_para(item.decision)}')
    if item.minutes:
        parts.append(f'<p class="mgSubItemTitleTxt">Minutes:</p>\n{_minutes(item, full)}')
    if item.votes:
        parts.append(_votes(item, meeting.mid))
    return parts


def _minutes(item, full: bool) -> str:
    if full or not item.truncate:
        return word_para(item.minutes)
    link = (f' &nbsp;...&nbsp; <a href="mgAi.aspx?ID={item.aiid}" title="Full minutes of '
            f'item {html.escape(item.number)}, {html.escape(item.title)}">\n'
            f'view the full minutes text for item {text(item.number)}</a>')
    return word_para(shorten(item.minutes, item.truncate), tail=link)


def _votes(item, mid: int) -> str:
    rows = []
    for vote in item.votes:
        icon = "MotionPositive" if vote.result.lower() in ("carried", "agreed") else "MotionNegative"
        rows.append(f"<tr>\n<td>{text(vote.title).replace(':', '&#58;')}</td>\n<td>{text(vote.type)}</td>\n"
                    f"<td>\n</td>\n<td>\n<img alt='' src='mgImages/motions/{icon}.png' />{text(vote.result)}\n</td>\n</tr>")
    return ('<table  class="mgTableNoBorderFullWidth" >\n<caption  class="mgSectionTitle" >Recorded Vote</caption>\n'
            '<thead>\n<th scope="col">Title</th><th scope="col">Type</th><th scope="col">Recorded Vote text</th>'
            '<th scope="col">Result</th>\n</th>\n' + "\n".join(rows) + "\n</table>\n"
            f'<ul  class="mgActionList" ><li><a  href="mgListRecordedVotesShort.aspx?AIID={item.aiid}&amp;MID={mid}"'
            ' title="Link&#32;to&#32;the&#32;recorded&#32;vote">View Recorded Vote for this item</a></li></ul>')


def not_found(council) -> str:
    """The 404 page."""
    body = modgov("Page not found", "Page not found", "",
                  "<p>The page you asked for is not part of this site. Start again from the committee list.</p>")
    return page(council, "Page not found", body)


def server_error(council) -> str:
    """The 500 page."""
    body = modgov("Error", "Something went wrong", "",
                  "<p>The document could not be produced because of a server error. Try again later.</p>")
    return page(council, "Error", body)
