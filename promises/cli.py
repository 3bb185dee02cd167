"""The `promises` command: crawl councils, build the database, serve it, or do it all on the demo."""

import os
import signal
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import click

STATUS_CHOICES = ("not_yet_due", "in_progress", "delivered", "partly_delivered", "delayed", "overdue", "broken",
                  "unclear")  # pipeline.status.STATUSES, without importing the tracker for --help


def data_dir_option(command):
    return click.option(
        "--data-dir", type=click.Path(file_okay=False, path_type=Path), envvar="PROMISES_DATA",
        default=Path("data"), show_default=True,
        help="Folder for promises.db and the raw archive (or set PROMISES_DATA).",
    )(command)


def _day(ctx, param, value):
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier (28 February for a 29 February that the earlier year lacks)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


@click.group()
@click.version_option(package_name="council-promises")
def cli():
    """Council Promises: what English county councils promised about SEND, and what they delivered.

    Start with `promises demo`, which crawls a bundled sample council and serves the result.
    """


@cli.command()
@click.argument("targets", nargs=-1)
@data_dir_option
@click.option("--since", callback=_day, help="Earliest meeting date, YYYY-MM-DD (default: five years ago).")
@click.option("--until", callback=_day, help="Latest meeting date, YYYY-MM-DD (default: no limit).")
@click.option("--resume", is_flag=True, help="Continue an interrupted crawl instead of starting afresh.")
@click.option("--max-document-mb", type=float, default=50, show_default=True,
              help="Skip (and record) any download larger than this.")
@click.option("--list", "list_councils", is_flag=True, help="List the councils in the registry and exit.")
@click.option("--committee", "committees", multiple=True, metavar="ID",
              help="Crawl only this committee (its ModernGov id, as in mgCommitteeDetails.aspx?ID=); repeatable.")
@click.option("--incremental", is_flag=True,
              help="A scheduled re-crawl: visit only meetings that are new, recent (last 60 days) or upcoming, "
                   "or whose published papers changed in the meeting list, and decisions of the last 60 days.")
@click.option("--html-only", is_flag=True, help="Read the HTML pages even where the web service (mgWebService.asmx) answers.")
@click.option("--browser", is_flag=True,
              help="Fetch pages through headless Chromium (Debian's chromium package). Only for a site "
                   "that refuses scripted clients (HTTP 403 or a challenge page), after asking the council "
                   "or checking its terms. Still obeys robots.txt and the throttle and names this tool in "
                   "its User-Agent; slower.")
@click.option("--only", type=click.Choice(["meetings", "news"]),
              help="Crawl only the meetings (ModernGov) or only the news sources (councils.yml `news:`).")
@click.option("--feed", metavar="URL", help="Crawl this RSS/Atom feed of articles, for the councils named (or, "
              "with none, for an organisation of its own made from the feed's site).")
@click.option("--org", metavar="NAME", help="With --feed: the organisation that publishes it (default: its host).")
@click.option("--kind", type=click.Choice(["press_release", "news"]), default="news", show_default=True,
              help="With --feed: press releases (a council or party group) or news (a paper).")
@click.option("--registry", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="FILE",
              help="Read councils and their news sources from this file instead of the bundled councils.yml.")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy setting, e.g. -s DOWNLOAD_DELAY=2 (repeatable).")
def crawl(targets, data_dir, since, until, resume, max_document_mb, list_councils, committees, incremental,
          html_only, browser, only, feed, org, kind, registry, overrides):
    """Crawl councils by registry slug (e.g. hertfordshire) or ModernGov base URL: their meetings, and the
    press releases and local news of their news sources (feeds, sitemaps or listings in councils.yml).

    Obeys robots.txt, identifies itself, throttles itself and sends conditional requests, so a
    re-crawl of an unchanged site downloads no document again. Copies of one release on several sites
    become one document with all their addresses. Progress goes to stderr; each crawl's figures are
    kept in the crawl_runs table and problems in crawl_errors.
    """
    from scrapers.registry import (
        REGISTRY,
        feed_council,
        feed_source,
        load_registry,
        resolve_target,
    )

    registry = registry or REGISTRY

    if list_councils:
        for slug, council in load_registry(registry).items():
            flag = "" if council.get("verified") else "  (unverified)"
            news = len(council.get("news") or ())
            click.echo(f"{slug:18} {council['platform']:10} {council.get('base_url') or '-'}{flag}"
                       f"  {news} news source{'s' * (news != 1)}")
        return
    if not targets and not feed:
        raise click.UsageError("name at least one council slug or base URL (see --list), or give --feed URL")
    if (org or kind != "news") and not feed:
        raise click.UsageError("--org and --kind describe a --feed")
    try:
        councils = [resolve_target(target, news_only=only == "news" or bool(feed), path=registry)
                    for target in targets]
    except ValueError as problem:
        raise click.UsageError(str(problem)) from None
    if feed:
        source = feed_source(feed, org, kind)
        councils = [{**council, "news": [source]} for council in councils] or [feed_council(feed, org, source)]
        only = "news"
    if since is None:
        since = years_before(date.today(), 5)
    councils = [{**council, "web_service": council.get("web_service", True) and not html_only,
                 "committees": committees or council.get("committees")} for council in councils]
    from scrapers.browser import BrowserUnavailable
    from scrapers.crawl import run_crawls

    settings = {"DOWNLOAD_MAXSIZE": int(max_document_mb * 1024 * 1024), **_parse_overrides(overrides)}
    try:
        articles = run_crawls(councils, data_dir, since=since, until=until, resume=resume, overrides=settings,
                              browser=browser, incremental=incremental, only=only)
    except BrowserUnavailable as problem:
        raise click.ClickException(str(problem)) from None
    if articles is not None:
        click.echo(_articles_line(articles), err=True)


def _articles_line(counts: dict) -> str:
    return (f"Articles: {counts['copies']} pages read make {counts['documents']} documents "
            f"({counts['syndicated']} syndicated copies joined another site's release)")


@cli.command()
@data_dir_option
def build(data_dir):
    """(Re)build indexes, full-text search and views of the database."""
    from db.build import build_database

    path = data_dir / "promises.db"
    if not path.exists():
        raise click.ClickException(f"no database at {path}: run `promises crawl` or `promises demo` first")
    counts = build_database(path)
    click.echo(", ".join(f"{count} {table}" for table, count in counts.items()))


@cli.command()
@data_dir_option
@click.option("--port", type=int, default=8001, show_default=True, help="Port on 127.0.0.1.")
def serve(data_dir, port):
    """Serve the site on http://127.0.0.1:PORT/: Datasette, read-only, with the promise pages, one search box
    over everything, feeds and charts."""
    path = data_dir / "promises.db"
    if not path.exists():
        raise click.ClickException(f"no database at {path}: run `promises crawl` or `promises demo` first")
    _serve(path, port)


@cli.command(context_settings={"ignore_unknown_options": True})
@data_dir_option
@click.argument("publisher")
@click.argument("extra", nargs=-1, type=click.UNPROCESSED)
@click.option("--dry-run", is_flag=True, help="Print the datasette command instead of running it.")
def publish(data_dir, publisher, extra, dry_run):
    """Deploy the site: `promises publish package` builds a Docker image (`datasette package`, needs Docker);
    `promises publish cloudrun|heroku|vercel|fly ...` runs `datasette publish PUBLISHER` (needs that
    publisher's plugin and account). EXTRA options go to datasette, e.g. `--service=council-promises`.

    The site is read-only (immutable database, time and row limits); the raw archive is not published, so
    the promise pages link to the councils' own copies only.
    """
    import shlex

    from promises.site import publish_command

    path = _settled(_existing_db(data_dir))
    command = publish_command(path, publisher, extra)
    if dry_run:
        click.echo(shlex.join(command))
        return
    raise SystemExit(subprocess.call(command))


@cli.command()
@data_dir_option
@click.option("--serve/--no-serve", default=True, show_default=True, help="Serve Datasette when built.")
@click.option("--port", type=int, default=8001, show_default=True, help="Datasette port on 127.0.0.1.")
@click.option("--site-port", type=int, default=8002, show_default=True,
              help="Port for the demo council site (a free one if taken).")
def demo(data_dir, serve, port, site_port):
    """Crawl the bundled demo council (served on 127.0.0.1): its meetings, its newsroom, a party group's site and
    two local papers; tag and track it, build the database, serve it.

    The demo council's site stays up while Datasette runs, so the source links work.
    """
    from db.build import build_database
    from demo.news import sources as news_sources
    from demo.site import load_site
    from scrapers.crawl import run_crawls

    site = load_site("demo")
    with _serve_site(site, site_port) as server:
        click.echo(f"Demo council site at {server.url}", err=True)
        council = {"slug": site.council.slug, "name": site.council.name, "platform": "moderngov",
                   "base_url": server.url, "verified": True, "news": news_sources(server.url)}
        # Our own server on loopback: no need to wait between requests.
        articles = run_crawls([council], data_dir, overrides={"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_START_DELAY": 0})
        if articles is not None:
            click.echo(_articles_line(articles), err=True)
        _tag(data_dir / "promises.db")
        _track(data_dir / "promises.db")
        counts = build_database(data_dir / "promises.db")
        click.echo("Built " + ", ".join(f"{count} {table}" for table, count in counts.items()), err=True)
        if serve:
            _serve(data_dir / "promises.db", port)


def _serve_site(site, port: int):
    from demo.server import serve as serve_site

    try:
        return serve_site(site, port=port)
    except OSError:
        return serve_site(site, port=0)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--published", callback=_day, help="Publication date, YYYY-MM-DD, for files without a header.")
def extract(files, published):
    """Print one JSON line per commitment found in each FILE (TAGGING.md §5).

    A FILE in the gold format (`key: value` header lines, a blank line, the body) takes its
    publication date from the header and its offsets count in the body; any other file is plain
    text. Without a publication date, deadlines that need one are left null.
    """
    import json

    from pipeline.gold import parse_published, split_header
    from pipeline.tagger import tag

    for name in files:
        header, body = split_header(Path(name).read_text(encoding="utf-8", errors="replace"))
        header = header or {}
        when = parse_published(header.get("published", "")) or published
        for item in tag(body, when, header.get("council", ""), header.get("title", "")):
            click.echo(json.dumps({**item, "file": name}, ensure_ascii=False))


@cli.command()
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--errors", is_flag=True, help="Also list every miss, false alarm and wrong deadline or amount.")
@click.option("--tracking", is_flag=True,
              help="Score promise tracking (grouping, evidence, statuses) against GOLD_DIR's *.yml files; files "
                   "with `database: true` read the database in --data-dir (run `promises demo` first).")
@data_dir_option
def evaluate(gold_dir, errors, tracking, data_dir):
    """Score the tagger against a gold folder (TAGGING.md §6-§7), or promise tracking with --tracking."""
    if tracking:
        _evaluate_tracking(gold_dir, errors, data_dir)
        return
    from pipeline.evaluate import Report, score_document
    from pipeline.gold import load_gold
    from pipeline.tagger import tag

    documents = load_gold(gold_dir)
    if not documents:
        raise click.ClickException(f"no gold documents (NNN.txt with NNN.labels.json) in {gold_dir}")
    report = Report()
    for document in documents:
        predicted = tag(document.body, document.published, document.header.get("council", ""),
                        document.header.get("title", ""))
        score_document(report, document.name, document.labels, predicted)
    figures = report.figures()
    click.echo(f"{len(documents)} documents, {sum(len(d.labels) for d in documents)} gold commitments")
    click.echo(f"SEND commitments   precision {figures['send_precision']:.3f}  recall {figures['send_recall']:.3f}"
               f"  F1 {figures['send_f1']:.3f}")
    click.echo(f"All commitments    F1 {figures['all_f1']:.3f}")
    click.echo(f"Deadline accuracy  {figures['deadline_accuracy']:.3f}  (deadlines where gold has none:"
               f" {report.deadlines.false_positive})")
    click.echo(f"Amount accuracy    {figures['amount_accuracy']:.3f}")
    if errors:
        for error in report.errors:
            details = "".join(f"  {key}={error[key]}" for key in ("expected", "got") if key in error)
            click.echo(f"{error['document']}  {error['error']}: {error['text']!r}{details}")


def _evaluate_tracking(gold_dir: Path, errors: bool, data_dir: Path) -> None:
    from db.schema import open_db
    from pipeline import evaluate_tracking as evaluation
    from pipeline.track_store import mentions, texts

    report = evaluation.Report()
    for gold in evaluation.load_gold(gold_dir):
        if gold.get("database"):
            db = open_db(_existing_db(data_dir))
            tracked = evaluation.track(mentions(db), texts(db))
        else:
            tracked = evaluation.track_passages(gold["documents"])
        evaluation.score(report, gold, tracked)
        click.echo(f"{gold['name']}: {len(gold['promises'])} gold promises, {len(tracked.promises)} found")
    for name, counts in (("Mention grouping", report.grouping), ("Evidence linking", report.linking)):
        click.echo(f"{name:<18} precision {counts.precision:.3f}  recall {counts.recall:.3f}")
    click.echo(f"{'Status accuracy':<18} {report.statuses.recall:.3f}  ({report.statuses.true_positive} of "
               f"{report.statuses.true_positive + report.statuses.false_negative})")
    if errors:
        for error in report.errors:
            click.echo(error)


@cli.command(name="tag")
@data_dir_option
@click.option("--all", "everything", is_flag=True, help="Tag every text again, not only new or changed ones.")
def tag_command(data_dir, everything):
    """Find commitments in the crawled documents and agenda items, into the commitments table.

    Incremental: only texts that are new or changed since the last run are tagged, or every text
    when the tagger itself changed (or with --all).
    """
    _tag(_existing_db(data_dir), everything)


def _tag(path: Path, everything: bool = False) -> None:
    from db.schema import open_db
    from pipeline.tag_store import pending, tag_source

    db = open_db(path)
    todo = pending(db, everything)
    found = 0
    with click.progressbar(todo, label=f"Tagging {len(todo)} texts", file=sys.stderr) as bar:
        for source in bar:
            found += tag_source(db, source)
    click.echo(f"{len(todo)} texts tagged, {found} commitments found", err=True)


@cli.command()
@data_dir_option
def track(data_dir):
    """Group the SEND commitments into promises, find the evidence about each, and rate it.

    Run after `promises tag`. Promises keep their ids as new documents arrive; re-running is safe.
    Each promise's status today goes into the promises table and every change of status into
    promise_events; `promises status --as-of` gives the status on any other date.
    """
    _track(_existing_db(data_dir))


def _track(path: Path) -> None:
    from db.schema import open_db
    from pipeline.track_store import track

    counts = track(open_db(path))
    click.echo(f"Tracked {counts['promises']} promises ({counts['promise_mentions']} mentions), "
               f"{counts['evidence']} pieces of evidence, {counts['promise_events']} status changes", err=True)


@cli.command()
@data_dir_option
@click.option("--as-of", callback=_day, help="Status on this date, YYYY-MM-DD (default: today).")
@click.option("--council", help="Only this council (its slug).")
@click.option("--status", "wanted", type=click.Choice(STATUS_CHOICES), help="Only promises with this status.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line instead of a table.")
def status(data_dir, as_of, council, wanted, as_json):
    """Each promise made by the given date with its status on that date and the reason, citing a dated source."""
    import json

    from db.schema import open_db
    from pipeline.track_store import statuses

    day = (as_of or date.today()).isoformat()
    rows = statuses(open_db(_existing_db(data_dir)), day, council, wanted)
    if as_json:
        for row in rows:
            click.echo(json.dumps({**row, "as_of": day}, ensure_ascii=False))
        return
    click.echo(f"{len(rows)} promises as of {day}")
    for row in rows:
        click.echo(f"\n{row['status']:<17} {row['title']}\n{'':17} deadline {row['deadline'] or '-'}; "
                   f"{row['reason']}\n{'':17} {row['url']}")


def _existing_db(data_dir: Path) -> Path:
    path = data_dir / "promises.db"
    if not path.exists():
        raise click.ClickException(f"no database at {path}: run `promises crawl` or `promises demo` first")
    return path


def _settled(path: Path) -> Path:
    from promises.site import settle

    try:
        settle(path)
    except RuntimeError as problem:
        raise click.ClickException(str(problem)) from None
    return path


def _serve(path: Path, port: int) -> None:
    from promises.site import serve_command

    _settled(path)
    # The plugin serves our archived copies of council documents from here.
    env = {**os.environ, "PROMISES_ARCHIVE": str(path.parent.resolve() / "archive")}
    click.echo(f"Serving http://127.0.0.1:{port}/ (Ctrl-C to stop)", err=True)
    datasette = subprocess.Popen(serve_command(path, port), env=env)
    # Stopping `promises serve` must stop Datasette too, whichever signal stops it.
    signal.signal(signal.SIGTERM, lambda *_: datasette.terminate())
    try:
        datasette.wait()
    except KeyboardInterrupt:
        datasette.terminate()
        datasette.wait()


def _parse_overrides(pairs) -> dict:
    settings = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise click.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="--set")
        settings[name.strip()] = value
    return settings


if __name__ == "__main__":
    cli(prog_name="promises")
