"""Council Promises on Datasette: a page per promise, one search box over everything, status badges,
charts and the archived copies of council documents.

One file that imports only Datasette and the standard library, so `datasette publish --plugins-dir`
ships it as it is. Every value from the database reaches HTML through Jinja's autoescaping or
`html.escape`; the only markup let through from SQL is the `<mark>` pair that the search query puts
around matched words.
"""

import html
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.utils import tilde_encode
from datasette.utils.asgi import Response
from markupsafe import Markup

DATABASE = "promises"
PLUGIN = "promise_site"
SEARCH_QUERY = "search"
SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Status:
    """How a status reads: a word and a symbol (never colour alone), text colours with at least 4.5:1
    contrast, a bar colour for charts, and what it means."""

    label: str
    symbol: str
    foreground: str
    background: str
    bar: str
    meaning: str


STATUSES = {
    "delivered": Status("Delivered", "✓", "#14532d", "#dcfce7", "#276749",
                        "the latest paper to report an outcome says it was done in full"),
    "partly_delivered": Status("Partly delivered", "◐", "#713f12", "#fef9c3", "#975a16",
                               "the deadline has passed and the latest figure reported is below the number promised"),
    "in_progress": Status("In progress", "→", "#1e3a8a", "#dbeafe", "#2b6cb0",
                          "a later paper reported progress, and the deadline has not passed (or there is none)"),
    "not_yet_due": Status("Not yet due", "○", "#374151", "#f3f4f6", "#4a5568",
                          "the deadline is still ahead and no paper has reported progress yet"),
    "delayed": Status("Delayed", "↷", "#7c2d12", "#ffedd5", "#b7471b",
                      "the council moved the deadline later, and the new deadline has not passed yet"),
    "overdue": Status("Overdue", "!", "#7f1d1d", "#fde8e8", "#c53030",
                      "the deadline has passed and no paper has reported it delivered"),
    "broken": Status("Broken", "✗", "#ffffff", "#7f1d1d", "#63171b",
                     "the latest paper to report an outcome says it was dropped or missed"),
    "unclear": Status("Unclear", "?", "#4c1d95", "#ede9fe", "#6b46c1",
                      "no deadline was given and no paper has reported progress or delivery"),
}

STANCES = {
    "mention": "Promised", "restated": "Repeated", "progress": "Progress reported", "delivered": "Reported done",
    "revised": "Deadline moved", "abandoned": "Dropped", "missed": "Reported missed",
}


def status_badge(status: str | None) -> Markup:
    """A status as a badge: symbol and word inside a coloured box; unknown values read as they are."""
    style = STATUSES.get(status or "")
    if style is None:
        return Markup('<span class="badge">{}</span>').format(status or "–")
    return Markup('<span class="badge status-{}" title="{}"><span aria-hidden="true">{}</span> {}</span>').format(
        status, style.meaning, style.symbol, style.label)


def highlight(snippet: str | None) -> Markup:
    """Escape a search snippet and turn only the `<mark>` pairs the search query added back into markup."""
    escaped = html.escape(snippet or "", quote=False)
    return Markup(escaped.replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>"))


def status_css() -> str:
    """The badge colours of every status, as CSS rules."""
    return "\n".join(
        f".status-{name} {{ color: {style.foreground}; background: {style.background}; }}"
        for name, style in STATUSES.items())


# Charts ---------------------------------------------------------------------------------------------------

def status_chart(rows: list[dict]) -> Markup:
    """Horizontal stacked bars, one per council, of promises by status; rows have council, status, count.

    Each segment carries its count and a title naming status and council, and the legend repeats each
    status's symbol and word, so the chart does not rely on colour."""
    councils = list(dict.fromkeys(row["council"] for row in rows))
    totals = {council: sum(row["count"] for row in rows if row["council"] == council) for council in councils}
    widest = max(totals.values(), default=0) or 1
    label_width, bar_width, row_height = 190, 520, 34
    parts = []
    for index, council in enumerate(councils):
        y, x = index * row_height, label_width
        parts.append(_text(0, y + 21, council, anchor="start"))
        for row in _in_status_order(row for row in rows if row["council"] == council):
            width = bar_width * row["count"] / widest
            parts.append(_segment(x, y + 4, width, 26, row["status"],
                                  f"{council}: {row['count']} {_name(row['status'])}", row["count"]))
            x += width
        parts.append(_text(x + 6, y + 21, str(totals[council]), anchor="start"))
    height = len(councils) * row_height
    return _svg(label_width + bar_width + 50, height, parts, "Promises by status and council",
                [row["status"] for row in rows])


def deadline_chart(rows: list[dict]) -> Markup:
    """Vertical stacked bars of promises by the year their deadline falls in, split by status; rows have
    year, status, count."""
    years = sorted({row["year"] for row in rows})
    totals = {year: sum(row["count"] for row in rows if row["year"] == year) for year in years}
    tallest = max(totals.values(), default=0) or 1
    column, plot_height, top = 56, 200, 20
    parts = []
    for index, year in enumerate(years):
        x, y = 10 + index * column, top + plot_height
        for row in _in_status_order(row for row in rows if row["year"] == year):
            height = plot_height * row["count"] / tallest
            y -= height
            parts.append(_segment(x, y, column - 14, height, row["status"],
                                  f"{year}: {row['count']} {_name(row['status'])}", row["count"]))
        parts.append(_text(x + (column - 14) / 2, y - 5, str(totals[year])))
        parts.append(_text(x + (column - 14) / 2, top + plot_height + 16, str(year)))
    return _svg(20 + len(years) * column, top + plot_height + 24, parts, "Promises by deadline year and status",
                [row["status"] for row in rows])


def _name(status: str) -> str:
    return STATUSES[status].label.lower() if status in STATUSES else status


def _in_status_order(rows):
    order = list(STATUSES)
    return sorted(rows, key=lambda row: order.index(row["status"]) if row["status"] in order else len(order))


def _segment(x, y, width, height, status, title, count) -> str:
    colour = STATUSES[status].bar if status in STATUSES else "#718096"
    label = ""
    if width >= 22 and height >= 16:
        label = _text(x + width / 2, y + height / 2 + 4, str(count), fill="#ffffff")
    return (f'<g><title>{html.escape(title)}</title><rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" '
            f'height="{height:.1f}" fill="{colour}" stroke="#ffffff"/>{label}</g>')


def _text(x, y, text, anchor="middle", fill="#1a202c") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}">{html.escape(text)}</text>'


def _svg(width, height, parts, title, statuses) -> Markup:
    shown = [name for name in STATUSES if name in set(statuses)]
    legend = "".join(f'<li><span class="swatch" style="background:{STATUSES[name].bar}"></span>'
                     f'{STATUSES[name].symbol} {STATUSES[name].label}</li>' for name in shown)
    return Markup(
        f'<figure class="chart"><svg role="img" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
        f'height="{height:.0f}" font-size="13" xmlns="http://www.w3.org/2000/svg"><title>{html.escape(title)}'
        f'</title>{"".join(parts)}</svg><figcaption>{html.escape(title)}<ul class="legend">{legend}</ul>'
        f'</figcaption></figure>')


# Queries ---------------------------------------------------------------------------------------------------

STATUS_BY_COUNCIL = """
    select councils.name as council, promises.status, count(*) as count
    from promises join councils on councils.slug = promises.council
    group by councils.name, promises.status order by councils.name
"""
STATUS_BY_DEADLINE_YEAR = """
    select deadline_year as year, status, count(*) as count from promises
    where deadline_year is not null group by deadline_year, status
"""
COUNCILS = "select slug, name from councils where slug in (select council from promises) order by name"

PROMISE = """
    select promises.*, councils.name as council_name,
           (select text from promise_mentions where commitment = promises.origin) as origin_text
    from promises left join councils on councils.slug = promises.council where promises.id = :id
"""
MENTIONS = """
    select 'mention' as stance, promise_mentions.published, promise_mentions.text as quote, commitments.page,
           promise_mentions.url, commitments.deadline_text, commitments.amount_gbp, commitments.quantity_value,
           commitments.quantity_unit, coalesce(documents.title, agenda_items.title) as source,
           document_versions.sha256, meetings.id as meeting, meetings.title as meeting_title,
           motions.id as motion, motions.title as motion_title, motions.outcome as motion_outcome
    from promise_mentions
    left join commitments on commitments.id = promise_mentions.commitment
    left join documents on documents.id = commitments.document
    left join document_versions on document_versions.id = commitments.version
    left join agenda_items on agenda_items.id = coalesce(commitments.agenda_item, documents.agenda_item)
    left join meetings on meetings.id = coalesce(agenda_items.meeting, documents.meeting)
    left join motions on motions.agenda_item = agenda_items.id and instr(motions.text, commitments.text) > 0
    where promise_mentions.promise = :id order by promise_mentions.position
"""
EVIDENCE = """
    select evidence.stance, evidence.published, evidence.quote, evidence.page, evidence.url, evidence.new_deadline,
           evidence.quantity_value, coalesce(evidence.title, documents.title, agenda_items.title) as source,
           documents.sha256, meetings.id as meeting, meetings.title as meeting_title,
           motions.id as motion, motions.title as motion_title, motions.outcome as motion_outcome
    from evidence
    left join documents on documents.id = evidence.document
    left join agenda_items on agenda_items.id = coalesce(evidence.agenda_item, documents.agenda_item)
    left join meetings on meetings.id = coalesce(agenda_items.meeting, documents.meeting)
    left join motions on motions.agenda_item = agenda_items.id and instr(motions.text, evidence.quote) > 0
    where evidence.promise = :id order by evidence.published, evidence.start
"""
EVENTS = "select date, status, reason from promise_events where promise = :id order by date, id"


def _promise_url(datasette, promise_id: str) -> str:
    return datasette.urls.path(f"/promise/{promise_id}")


async def _rows(datasette, sql: str, params: dict | None = None) -> list[dict]:
    result = await datasette.get_database(DATABASE).execute(sql, params or {})
    return [dict(row) for row in result.rows]


# Pages -----------------------------------------------------------------------------------------------------

async def promise_page(datasette, request):
    """One promise: its sentence, status with reason, deadlines, money and numbers, and its timeline."""
    promise_id = f"{request.url_vars['council']}/{request.url_vars['pid']}"
    found = await _rows(datasette, PROMISE, {"id": promise_id})
    if not found:
        return Response.html(await datasette.render_template(
            "error.html", {"error": f"There is no promise {promise_id} in this database.", "status": 404,
                           "title": "Promise not found"}, request=request), status=404)
    promise = found[0]
    timeline = sorted(await _rows(datasette, MENTIONS, {"id": promise_id})
                      + await _rows(datasette, EVIDENCE, {"id": promise_id}),
                      key=lambda entry: (entry["published"] or "", entry["stance"] != "mention"))
    context = {
        "promise": promise, "timeline": timeline, "events": await _rows(datasette, EVENTS, {"id": promise_id}),
        "today": date.today().isoformat(),
        "data_url": datasette.urls.row(DATABASE, "promises", tilde_encode(promise_id)),
        "feed_url": datasette.urls.query(DATABASE, "status_changes", format="atom") + "?"
        + _query_string({"council": promise["council"]}),
    }
    return Response.html(await datasette.render_template("promise.html", context, request=request))


async def search_page(datasette, request):
    """One box over promises, commitments, documents, motions, agenda items and decisions, ranked by bm25."""
    words = (request.args.get("q") or "").strip()
    council = request.args.get("council") or ""
    kind = request.args.get("kind") or ""
    results, error = [], None
    if words:
        query = await datasette.get_canned_query(DATABASE, SEARCH_QUERY, None)
        try:
            results = await _rows(datasette, query["sql"], {"q": words, "council": council})
        except (QueryInterrupted, sqlite3.OperationalError) as problem:  # say so rather than fail
            slow = isinstance(problem, QueryInterrupted) or "interrupted" in str(problem)
            error = "it took too long; try rarer or more words" if slow else "its words could not be read"
    results = [row for row in results if row["kind"] != "none"]
    counts = Counter(row["kind"] for row in results)
    shown = [row for row in results if not kind or row["kind"] == kind]
    params = {"q": words, "council": council}
    context = {
        "q": words, "council": council, "kind": kind, "results": shown, "counts": counts, "error": error,
        "councils": await _rows(datasette, COUNCILS),
        "feed_url": datasette.urls.query(DATABASE, SEARCH_QUERY, format="atom") + "?" + _query_string(params),
        "json_url": datasette.urls.query(DATABASE, SEARCH_QUERY, format="json") + "?" + _query_string(params),
    }
    return Response.html(await datasette.render_template("search.html", context, request=request))


def _query_string(params: dict) -> str:
    return urlencode({key: value for key, value in params.items() if value})


async def archived_copy(datasette, request):
    """Our archived copy of a council document, by sha256: PDFs as PDFs, anything else as plain text,
    with headers that stop a browser running anything in it."""
    sha256 = request.url_vars["sha256"]
    folder = (datasette.plugin_config(PLUGIN) or {}).get("archive_dir")
    path = Path(folder) / sha256[:2] / sha256[2:4] / sha256 if folder and SHA256.fullmatch(sha256) else None
    if path is None or not path.is_file():
        return Response.text("No archived copy here: the archive is not published with this site.", status=404)
    found = await _rows(datasette, "select content_type from document_versions where sha256 = :sha limit 1",
                        {"sha": sha256})
    pdf = bool(found) and (found[0]["content_type"] or "").startswith("application/pdf")
    headers = {"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox; default-src 'none'"}
    if pdf:
        headers.pop("Content-Security-Policy")  # Chromium's PDF viewer refuses to run in a sandboxed document
    return Response(path.read_bytes(), content_type="application/pdf" if pdf else "text/plain; charset=utf-8",
                    headers=headers)


# Hooks -----------------------------------------------------------------------------------------------------

async def status_stylesheet(datasette, request):
    """The badge colours of every status, from STATUSES (the site's other rules are web/static/site.css)."""
    return Response(status_css(), content_type="text/css; charset=utf-8", headers={"Cache-Control": "max-age=3600"})


@hookimpl
def register_routes():
    return [
        (r"^/promise/(?P<council>[^/]+)/(?P<pid>[^/]+)$", promise_page),
        (r"^/-/search$", search_page),
        (r"^/-/archive/(?P<sha256>[^/]+)$", archived_copy),
        (r"^/-/status\.css$", status_stylesheet),
    ]


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.path("/assets/site.css"), datasette.urls.path("/-/status.css")]


@hookimpl
def extra_template_vars(template, datasette):
    async def variables():
        found = {"status_badge": status_badge, "highlight": highlight, "statuses": STATUSES, "stances": STANCES,
                 "archive_published": bool((datasette.plugin_config(PLUGIN) or {}).get("archive_dir")),
                 "promise_url": lambda promise_id: _promise_url(datasette, promise_id),
                 "row_url": lambda table, key: datasette.urls.row(DATABASE, table, tilde_encode(key))}
        if template == "index.html":
            found.update({
                "status_chart": status_chart(await _rows(datasette, STATUS_BY_COUNCIL)),
                "deadline_chart": deadline_chart(await _rows(datasette, STATUS_BY_DEADLINE_YEAR)),
                "councils": await _rows(datasette, COUNCILS),
            })
        return found

    return variables


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Statuses read as badges; promise titles (tables) and promise ids (query results) link to the
    promise's page."""
    if database != DATABASE or not isinstance(value, str):
        return None
    if column == "status" and value in STATUSES and table in (None, "promises", "promise_events"):
        return status_badge(value)
    if table == "promises" and column == "title":
        return Markup('<a href="{}">{}</a>').format(_promise_url(datasette, row["id"]), value)
    if table is None and column == "promise":
        return Markup('<a href="{}">{}</a>').format(_promise_url(datasette, value), value)
    return None
