"""The published site through Datasette's own test client: every page, canned query and feed over the demo
database, with the settings, plugin, templates and metadata that `promises serve` uses."""

import asyncio
import importlib.util
import json
import re
import xml.etree.ElementTree as ElementTree

import pytest
import sqlite_utils
import yaml
from datasette.app import Datasette
from markupsafe import escape

from pipeline.status import STATUSES
from promises.site import (
    METADATA,
    PLUGINS,
    SETTINGS,
    WEB,
    publish_command,
    serve_command,
    settle,
)
from tests.conftest import run_promises

ATOM = "{http://www.w3.org/2005/Atom}"
PAYLOAD = "<script>window.demoshireXss = 1</script>"


def _plugin():
    spec = importlib.util.spec_from_file_location("promise_site_under_test", WEB / "plugins" / "promise_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


site = _plugin()


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("publish")
    built = run_promises("demo", "--no-serve", "--data-dir", str(folder))
    assert built.returncode == 0, built.stderr
    return folder


@pytest.fixture(scope="module")
def db(data_dir):
    return sqlite_utils.Database(data_dir / "promises.db")


@pytest.fixture
def fetch(data_dir, monkeypatch):
    """fetch(path, ...) -> responses, from a Datasette configured as `promises serve` configures it."""
    monkeypatch.setenv("PROMISES_ARCHIVE", str(data_dir / "archive"))

    def fetch_all(*paths):
        async def run():
            datasette = Datasette(
                immutables=[str(data_dir / "promises.db")], metadata=yaml.safe_load(METADATA.read_text()),
                plugins_dir=str(WEB / "plugins"), template_dir=str(WEB / "templates"),
                static_mounts=[("assets", str(WEB / "static"))], settings=SETTINGS)
            return [await datasette.client.get(path) for path in paths]
        return asyncio.run(run())
    return fetch_all


def get(fetch, path):
    (response,) = fetch(path)
    return response


def rows(fetch, query, **params):
    response = get(fetch, f"/promises/{query}.json?_shape=array&" + "&".join(f"{k}={v}" for k, v in params.items()))
    assert response.status_code == 200, response.text
    return response.json()


def atom_entries(response):
    assert response.status_code == 200, response.text
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}").text
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{required}").text, required
    return entries


# Pages ----------------------------------------------------------------------------------------------------

def test_home_page_explains_statuses_and_offers_search_charts_and_feeds(fetch):
    page = get(fetch, "/").text
    assert 'action="/-/search"' in page
    for status in STATUSES:
        assert f"status-{status}" in page
    assert page.count("<svg") >= 2
    assert "Promises by status and council" in page and "Promises by deadline year and status" in page
    assert "/promises/new_promises.atom?council=demoshire" in page
    assert "/promises/status_changes.atom?council=demoshire" in page
    assert "Open Government Licence" in page


def test_every_promise_has_a_page_with_its_status_reason_and_timeline(fetch, db):
    promises = list(db["promises"].rows)
    responses = fetch(*(f"/promise/{promise['id']}" for promise in promises))
    for promise, response in zip(promises, responses):
        assert response.status_code == 200, promise["id"]
        assert f"status-{promise['status']}" in response.text
        assert str(escape(promise["status_reason"])) in response.text
        mentions = db.execute("select count(*) from promise_mentions where promise = ?", [promise["id"]]).fetchone()[0]
        evidence = db.execute("select count(*) from evidence where promise = ?", [promise["id"]]).fetchone()[0]
        assert response.text.count('<li class="entry') == mentions + evidence


def test_promise_page_gives_deadlines_numbers_and_links_to_source_archive_meeting_and_motion(fetch, db):
    revised = db.execute("select id, deadline, revised_deadline, cast(quantity_value as int) from promises "
                         "where revised_deadline is not null order by id").fetchone()
    page = get(fetch, f"/promise/{revised[0]}").text
    assert "Revised deadline" in page and revised[2] in page and revised[1] in page
    assert f"{revised[3]} special school places" in page
    assert 'class="source-link" href="http://127.0.0.1:' in page
    assert re.search(r'href="/-/archive/[0-9a-f]{64}"', page)
    assert 'href="/promises/meetings/' in page
    motion_promise = db.execute("select promise from promise_people where role = 'moved the motion'").fetchone()[0]
    assert 'href="/promises/motions/' in get(fetch, f"/promise/{motion_promise}").text


def test_unknown_promise_is_a_404_page(fetch):
    response = get(fetch, "/promise/demoshire/pnothere")
    assert response.status_code == 404
    assert "There is no promise demoshire/pnothere" in response.text


def test_promises_table_links_titles_to_promise_pages_and_shows_badges(fetch):
    page = get(fetch, "/promises/promises").text
    assert re.search(r'<a href="/promise/demoshire/p[0-9a-f]+">', page)
    assert '<span class="badge status-' in page


# Search ---------------------------------------------------------------------------------------------------

def test_search_box_finds_the_special_school_places_promise_first_with_highlight(fetch):
    page = get(fetch, "/-/search?q=special+school+places").text
    first = page.index('class="result kind-')
    assert page[first:].startswith('class="result kind-promise"')
    assert "<mark>special school places</mark>" in page
    for kind in ("promise", "document", "agenda_item", "commitment"):
        assert f"kind-{kind}" in page
    assert "/promises/search.atom?q=special+school+places" in page


@pytest.mark.parametrize("words", ['"', '""', "*", "AND", "(", "NEAR(", "-", "'", "^x", 'a"b', ":", "", "   "])
def test_odd_search_input_never_errors(fetch, words):
    from urllib.parse import quote

    for path in (f"/-/search?q={quote(words)}", f"/promises/search.json?q={quote(words)}",
                 f"/promises/search_promises.json?q={quote(words)}",
                 f"/promises/search_documents.json?q={quote(words)}"):
        response = get(fetch, path)
        assert response.status_code == 200, (path, response.text[:300])
        assert "could not be run" not in response.text


def test_search_filters_by_council_and_kind(fetch):
    assert rows(fetch, "search", q="caseworkers", council="nowhere")[0]["kind"] == "none"
    page = get(fetch, "/-/search?q=caseworkers&kind=document").text
    assert "kind-document" in page and 'class="result kind-promise"' not in page


# Canned queries ---------------------------------------------------------------------------------------------

def test_overdue_query_lists_exactly_the_overdue_promises(fetch, db):
    found = {row["promise"] for row in rows(fetch, "overdue_send_promises")}
    assert found == {row["id"] for row in db["promises"].rows_where("status = 'overdue'")}
    assert rows(fetch, "overdue_send_promises", council="nowhere") == []


def test_due_within_keeps_open_promises_inside_the_window(fetch):
    found = rows(fetch, "due_within", days="3650")
    assert found
    assert all(row["status"] not in ("delivered", "broken") for row in found)
    assert len(rows(fetch, "due_within", days="1")) <= len(found)


@pytest.mark.parametrize("params, expected", [
    ({"party": "Forward", "name": ""}, "Forward Demoshire"),
    ({"name": "Thwaite", "party": ""}, "Rosalind Thwaite"),
])
def test_promises_by_person_matches_councillor_and_party(fetch, params, expected):
    found = rows(fetch, "promises_by_person", **params)
    assert found
    assert all(expected in (row["party"] or "") + (row["member"] or "") for row in found)


def test_changed_since_returns_only_later_changes(fetch, db):
    found = rows(fetch, "changed_since", since="2025-01-01")
    assert found and all(row["date"] >= "2025-01-01" for row in found)
    assert len(found) == db.execute("select count(*) from promise_events where date >= '2025-01-01'").fetchone()[0]


def test_send_motions_show_outcomes_and_votes(fetch):
    found = rows(fetch, "send_motions")
    assert {row["outcome"] for row in found} >= {"carried", "lost"}
    assert any(row["votes_for"] is not None for row in found)


def test_scorecard_counts_add_up_to_the_promises_table(fetch, db):
    (card,) = rows(fetch, "scorecard", council="demoshire")
    assert card["promises"] == db["promises"].count
    for status in STATUSES:
        assert card[status] == db["promises"].count_where("status = ?", [status])


def test_search_promises_ranks_the_words_as_a_phrase_first(fetch):
    found = rows(fetch, "search_promises", q="special school places")
    assert found and "[special school places]" in found[0]["promise_text"].lower()


# Feeds ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("query, params", [
    ("new_promises", ""), ("new_promises", "?council=demoshire"), ("status_changes", "?council=demoshire"),
    ("search", "?q=caseworkers"), ("search", "?q=special+school+places&council=demoshire"),
])
def test_feeds_are_valid_atom_with_one_entry_a_row(fetch, query, params):
    entries = atom_entries(get(fetch, f"/promises/{query}.atom{params}"))
    expected = get(fetch, f"/promises/{query}.json{params}{'&' if params else '?'}_shape=array").json()
    assert len(entries) == len(expected) > 0
    assert {entry.find(f"{ATOM}id").text for entry in entries} == {row["atom_id"] for row in expected}


@pytest.mark.parametrize("path", ["/promises/new_promises.atom?council=nowhere",
                                  "/promises/status_changes.atom?council=nowhere",
                                  "/promises/search.atom?q=zzzqqq"])
def test_empty_feeds_are_valid_atom_saying_nothing_yet(fetch, path):
    (entry,) = atom_entries(get(fetch, path))
    assert entry.find(f"{ATOM}title").text.startswith("No ")


# Safety -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/promises/agenda_items/demoshire~2F20240716~2F3850~2Fai23403",
                                  "/-/search?q=demoshireXss", "/promises/search?q=demoshireXss",
                                  "/promises/document_pages?_search=demoshireXss"])
def test_scraped_script_and_onerror_are_shown_as_text(fetch, path):
    page = get(fetch, path).text
    assert "demoshireXss" in page
    assert PAYLOAD not in page and "<img src=x onerror" not in page
    assert "&lt;script&gt;window." in page


def test_archived_pdf_is_served_as_pdf(fetch, db):
    sha = db.execute("select sha256 from document_versions where content_type = 'application/pdf'").fetchone()[0]
    response = get(fetch, f"/-/archive/{sha}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_archived_page_with_a_script_is_plain_text_in_a_sandbox(fetch, db):
    sha = db.execute("select sha256 from fetches where url like '%MId=3850%'").fetchone()[0]
    response = get(fetch, f"/-/archive/{sha}")
    assert response.status_code == 200 and b"demoshireXss" in response.content
    assert response.headers["content-type"].startswith("text/plain")
    assert "sandbox" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/-/archive/..%2F..%2Fpromises.db", "/-/archive/" + "0" * 64, "/-/archive/abc"])
def test_archive_serves_nothing_but_archived_files(fetch, path):
    assert get(fetch, path).status_code == 404


def test_robots_keep_crawlers_off_search_and_raw_sql_but_not_the_pages(fetch):
    robots = get(fetch, "/robots.txt").text
    assert "Disallow: /-/search" in robots and "Disallow: /promises?" in robots
    assert "Disallow: /\n" not in robots + "\n"


def test_site_is_read_only_with_limits_and_only_our_plugins(fetch):
    plugins, databases, settings = (response.json() for response in
                                    fetch("/-/plugins.json", "/-/databases.json", "/-/settings.json"))
    assert {plugin["name"] for plugin in plugins} == {*PLUGINS, "promise_site.py"}
    assert [database["is_mutable"] for database in databases] == [False]
    for name, value in SETTINGS.items():
        assert settings[name] == value


def test_serve_and_publish_use_the_same_site_options():
    served = serve_command(METADATA.parent / "promises.db", 8001)
    published = publish_command(METADATA.parent / "promises.db", "cloudrun", ("--service=council-promises",))
    assert "-i" in served
    for option in ("--metadata", "--plugins-dir", "--template-dir", "--static"):
        assert served[served.index(option) + 1] == published[published.index(option) + 1]
    assert published[published.index("--install") + 1] in PLUGINS
    assert "--setting sql_time_limit_ms 2000" in published[published.index("--extra-options") + 1]


def test_settle_makes_writes_still_in_the_log_visible_to_an_immutable_reader(tmp_path):
    import sqlite3

    path = tmp_path / "promises.db"
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("create table promises (id text)")
    writer.execute("insert into promises values ('kept')")
    writer.commit()
    settle(path)
    reader = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    assert reader.execute("select id from promises").fetchall() == [("kept",)]
    writer.close()
    reader.close()


def test_publish_dry_run_prints_the_datasette_command(data_dir):
    result = run_promises("publish", "package", "--data-dir", str(data_dir), "--dry-run", "--tag", "council/promises")
    assert result.returncode == 0, result.stderr
    assert " package " in result.stdout and "--install datasette-atom" in result.stdout
    assert result.stdout.rstrip().endswith("--tag council/promises")


# Plugin functions -------------------------------------------------------------------------------------------

def test_site_statuses_are_the_trackers():
    assert tuple(sorted(site.STATUSES)) == tuple(sorted(STATUSES))


@pytest.mark.parametrize("status", STATUSES)
def test_badge_text_has_at_least_aa_contrast(status):
    style = site.STATUSES[status]
    assert _contrast(style.foreground, style.background) >= 4.5
    assert _contrast(style.bar, "#ffffff") >= 4.5  # counts are written in white on the bars


def test_statuses_differ_in_word_and_symbol_not_only_colour():
    assert len({style.symbol for style in site.STATUSES.values()}) == len(STATUSES)
    assert len({style.label for style in site.STATUSES.values()}) == len(STATUSES)


@pytest.mark.parametrize("snippet, expected", [
    ("a <mark>word</mark> here", "a <mark>word</mark> here"),
    ('<script>x()</script><mark>y</mark>', "&lt;script&gt;x()&lt;/script&gt;<mark>y</mark>"),
    ('<img src=x onerror="alert(1)">', '&lt;img src=x onerror="alert(1)"&gt;'),
    (None, ""),
])
def test_highlight_escapes_everything_but_the_mark_pairs(snippet, expected):
    assert str(site.highlight(snippet)) == expected


def test_charts_carry_counts_and_titles_and_escape_names():
    svg = str(site.status_chart([{"council": "A & <B>", "status": "delivered", "count": 3},
                                 {"council": "A & <B>", "status": "overdue", "count": 1}]))
    assert "A &amp; &lt;B&gt;: 3 delivered" in svg and ">3<" in svg and "<B>" not in svg
    bars = str(site.deadline_chart([{"year": 2024, "status": "broken", "count": 2}]))
    assert "2024: 2 broken" in bars and "✗ Broken" in bars


def _contrast(first: str, second: str) -> float:
    def luminance(colour):
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_json_of_every_canned_query_loads(fetch):
    queries = yaml.safe_load(METADATA.read_text())["databases"]["promises"]["queries"]
    responses = fetch(*(f"/promises/{name}.json" for name in queries))
    for name, response in zip(queries, responses):
        assert response.status_code == 200, (name, response.text[:300])
        assert json.loads(response.text)["ok"] is True


def test_search_ranks_only_the_newest_two_thousand_matches_of_a_kind(tmp_path):
    from datasette.utils import escape_fts

    from db.build import build_database
    from db.schema import open_db

    database = open_db(tmp_path / "promises.db")
    database["councils"].insert({"slug": "c", "name": "C"})
    database["documents"].insert({"id": "d", "council": "c", "title": "Minutes", "url": "http://x/d"})
    pages = [{"id": f"p{n}", "document": "d", "page": n, "text": "the school budget"} for n in range(1, 2502)]
    pages[0]["text"] = pages[-1]["text"] = "school school school school budget for Ashbrook"  # oldest, newest
    database["document_pages"].insert_all(pages)
    build_database(tmp_path / "promises.db")
    connection = database.conn
    connection.create_function("escape_fts", 1, escape_fts)
    sql = yaml.safe_load(METADATA.read_text())["databases"]["promises"]["queries"]["search"]["sql"]
    found = [row[1] for row in connection.execute(sql, {"q": "school", "council": ""})]
    assert found[0] == "p2501" and "p1" not in found and len(found) == 20
    fewer = [row[1] for row in connection.execute(sql, {"q": "ashbrook school", "council": ""})]
    assert sorted(fewer) == ["p1", "p2501"]
