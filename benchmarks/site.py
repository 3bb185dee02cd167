"""Site latency: search and promise pages of the published site under load, against Datasette's own floor
(the issue "Publish", section "Benchmark").

    .venv/bin/python benchmarks/site.py --generate /tmp/site-bench [--out docs/site-speed.md]
    .venv/bin/python benchmarks/site.py --generate /tmp/site-bench-quick --pages 20000 --promises 2000 \\
        --seconds 5 --out /tmp/site-quick.md   # quick check

Goal (the issue): on a database of 1,000,000 document passages and 100,000 promises, search p99 at most
10 times the p99 of Datasette's `/-/versions.json` measured in the same run, and at most 300 ms; no errors.

1. Data (`--generate DIR`, made once and reused while DIR/site-bench.json and the row counts match):
   DIR/promises.db created with `db.schema.open_db` (the real schema) and finished with
   `db.build.build_database` (the real indexes, FTS5 tables and views). Passages are the minutes of
   benchmarks/minutes_corpus.py (council-report prose, a third of it about SEND), cut into passages at
   the first paragraph break after 600-1,800 characters; each meeting's minutes are one document of one
   meeting, its numbered items `agenda_items` and its notices of motion `motions`. Template text repeats
   its words, so each passage also gets 0-3 sentences naming places, parishes and schemes from a tail of
   200,000 invented names with Zipf frequencies (1/(rank + 10)): the commonest is in about 2% of
   passages, most in a handful, as names are in real papers. Promises are undertakings of
   benchmarks/tracking.py (20 councils, each with 1-4 mentions and 0-3 evidence statements) whose
   sentences are appended to a passage of the same council with the nearest meeting date, so every `commitments` / `evidence` row quotes its page at its
   offsets; statuses and `promise_events` come from `pipeline.status` (`status_on`, `timeline`) as of
   AS_OF. Rows go in with plain executemany in one transaction; the FTS5 tables are built once, at the end.
2. Serving: `python -m promises.cli serve --data-dir DIR --port P`, exactly as users start it, in its own
   process; ready when `/-/versions.json` answers.
3. Load: `wrk` (Debian package `wrk`) from a second process on 127.0.0.1, one thread and --connections
   connections, one run per URL class, one after another: a --warm-up run of every class (its own
   URL list, drawn with another seed, so the measured URLs are not all fetched just before), then
   --seconds of each. A Lua script gives every request the next URL of the class's list and counts
   errors: responses that are not 2xx, and 200 pages of the site that say they failed (the search page
   catches a failed or timed-out query and says so); wrk counts connect / read / write errors and
   timeouts (--timeout). Before every run the server is let go idle (queries a finished run left behind
   run to their end). Latency percentiles are wrk's, per completed request. The classes and their URLs
   are ROUTES below: the site's own route where it answers, else a Datasette page that stands in for it
   (labelled so in the report).
4. Then, without load, every distinct search URL once from this process: its latency, status, the
   failure its page reports and how many passages its words match (FTS5 count with Datasette's
   `escape_fts`), to show which queries cost; and for the three slowest, the time SQLite alone takes
   to rank the best 30 rows of each FTS5 table, to show where a search spends it.

Nothing is written except DIR and --out.
"""

from __future__ import annotations

import argparse
import bisect
import calendar
import datetime
import gc
import hashlib
import html
import json
import os
import random
import re
import resource
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.minutes_corpus import _COMMITTEES, document
from benchmarks.run import cpu_seconds, machine_busy_seconds, proc_status_kb
from benchmarks.tagging import _machine
from benchmarks.tracking import (
    _COUNCILS,
    _mention_rows,
    _statement,
    _towns,
    _undertaking,
)

# The URL classes. Each: the site's route; the Datasette 0.65 page measured in its place until the route
# answers 200 with HTML (None: always the route), switched automatically; and the text by which a page of the
# route that answers 200 says it failed (the search page shows "That search could not be run: ..." in
# <p class="message-error"> when its query fails or runs out of time), which counts as an error.
ROUTES = [
    ("floor", "/-/versions.json", None, None),
    ("search", "/-/search?q={q}", "/promises/document_pages?_search={q}", 'class="message-error"'),
    ("promise", "/promise/{council}/{pid}", "/promises/promises/{tilde_id}", None),
]
NO_MATCH = "qqzzxqq"  # the search route is tried with a word found nowhere: a slow query cannot make it fail
GOAL_RATIO, GOAL_P99_MS = 10, 300
SITE_FILES = ("web", "metadata.yml", "promises", "db")  # what the site is made of, for "Code measured"
AS_OF = "2025-12-31"  # the day statuses are computed for
GENERATOR = 1  # bump when the generated data changes, so that cached databases are made again
TAIL_WORDS, TAIL_OFFSET = 200_000, 10
STAMP = "2025-12-31T00:00:00+00:00"

# Share of search URLs by kind of query.
QUERY_MIX = {"common word": 30, "mid word": 15, "rare word": 15, "two words": 12, "quoted phrase": 10, "odd input": 18}
ODD_INPUTS = ['"', 'school"', '"special school', "AND", "school AND", "OR send", "NOT transport", "*", "sch*",
              "-", "-school", "(", "(send", "send)", "school:", "NEAR(send school)", "^", "''", "%", "café",
              "send -", "a", "  ", "ehcp's", "2024/25"]
STOPWORDS = frozenset(
    "that with from have were this been which their would will also there they into than over other more such "
    "some these those about after where while being should could must what when whom under between within "
    "during before following noted members report council councillor".split())

_TAIL_TEMPLATES = [
    "Correspondence from {a} Parish Council was noted.",
    "Members referred to the petition from residents of {a}.",
    "The {a} Road improvement scheme was deferred to the next meeting.",
    "The site at {a} Farm, {b}, was discussed.",
    "A site visit to {a} was arranged for members of the panel.",
    "The report of the {a} and {b} locality board was received.",
]
_SYLLABLES = [c + v for c in ("b", "br", "c", "d", "dr", "f", "g", "gl", "h", "k", "l", "m", "n", "p", "pr", "r",
                              "s", "st", "t", "th", "tr", "v", "w") for v in ("a", "e", "i", "o", "u", "ay", "ea")]
_ENDINGS = ["ton", "ley", "wick", "by", "ham", "field", "more", "den", "combe", "stow"]


# ----------------------------------------------------------------------------- data


def tail_words(seed: int) -> tuple[list[str], list[float]]:
    """The invented names, commonest first, and their cumulative Zipf weights."""
    rng = random.Random(f"tail-{seed}")
    words = ["".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))) + rng.choice(_ENDINGS)
             for _ in range(TAIL_WORDS)]
    cumulative, total = [], 0.0
    for rank in range(TAIL_WORDS):
        total += 1 / (rank + TAIL_OFFSET)
        cumulative.append(total)
    return words, cumulative


def passages(body: str, rng: random.Random, tail: tuple[list[str], list[float]]) -> list[str]:
    """A document body cut into passages at the first paragraph break after 600-1,800 characters, each
    with 0-3 tail sentences put between its paragraphs."""
    words, cumulative = tail
    groups, current, size, target = [], [], 0, rng.randint(600, 1800)
    for paragraph in body.split("\n\n"):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        current.append(paragraph)
        size += len(paragraph) + 2
        if size >= target:
            groups.append(current)
            current, size, target = [], 0, rng.randint(600, 1800)
    if current:
        groups.append(current)
    for group in groups:
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            a, b = (name.capitalize() for name in rng.choices(words, cum_weights=cumulative, k=2))
            group.insert(rng.randrange(len(group) + 1), rng.choice(_TAIL_TEMPLATES).format(a=a, b=b))
    return ["\n\n".join(group) for group in groups]


_HEADING = re.compile(r"^(?:(\d+)\.\s+|(\d+)\t|[A-Z]+/\d\d/(\d{3}) )(\S.{2,110})$")
_MOVER = re.compile(r"moved by (?:County )?Councillor (.+?) and seconded by (?:County )?Councillor (.+?) that")
_VOTES = re.compile(r"For: (\d+); Against: (\d+); Abstentions: (\d+)")


def items(body: str) -> list[dict]:
    """The numbered items of a minutes text: number, title, first paragraph, and for a notice of motion
    its mover, seconder, text, outcome and votes."""
    found: list[dict] = []
    for paragraph in (p.strip() for p in body.split("\n\n")):
        match = _HEADING.match(paragraph)
        if match and not paragraph.endswith((".", ";", ":", ",")):
            number = next(group for group in match.groups()[:3] if group)
            found.append({"number": str(int(number)), "title": match.group(4).strip(), "paragraphs": []})
        elif found and paragraph:
            found[-1]["paragraphs"].append(" ".join(paragraph.split()))
    for item in found:
        text = item.pop("paragraphs")
        item["description"] = text[0][:500] if text else None
        if "motion" in item["title"].lower():
            joined = "\n\n".join(text)
            mover, votes = _MOVER.search(joined), _VOTES.search(joined)
            quoted = next((p for p in text if p.startswith("\u201c")), None)
            item["motion"] = {
                "mover": mover.group(1) if mover else None, "seconder": mover.group(2) if mover else None,
                "text": quoted, "outcome": "carried" if "was CARRIED" in joined else "lost" if "was LOST" in joined else None,
                "votes": [int(v) for v in votes.groups()] if votes else [None, None, None]}
    return found


def _slug_name(slug: str) -> str:
    """"southwold-downs" -> "Southwold Downs County Council"."""
    return " ".join(part.capitalize() for part in slug.split("-")) + " County Council"


def _insert(conn: sqlite3.Connection, table: str, rows: list[dict]) -> None:
    """executemany of dict rows into `table`, keeping the keys the live schema has (and rowid)."""
    if not rows:
        return
    from db.schema import TABLES

    columns = [key for key in rows[0] if key in TABLES[table][0] or key == "rowid"]
    conn.executemany(f"insert into [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
                     f"values ({', '.join(':' + c for c in columns)})", rows)


class _Writer:
    """Buffers rows by table and writes them parents first."""

    ORDER = ("meetings", "agenda_items", "motions", "documents", "document_versions", "document_pages")

    def __init__(self, conn: sqlite3.Connection):
        self.conn, self.rows = conn, defaultdict(list)

    def add(self, table: str, row: dict) -> None:
        """Keep a row for `table` until the next flush."""
        self.rows[table].append(row)

    def flush(self) -> None:
        """Write every kept row, parent tables first (foreign keys are on)."""
        for table in self.ORDER:
            _insert(self.conn, table, self.rows.pop(table, []))


def _documents(conn: sqlite3.Connection, pages: int, seed: int) -> tuple[list[dict], list[int]]:
    """Meetings, their minutes (document, version, passages), agenda items and motions until `pages`
    passages; returns each document's place (council, date, first rowid, pages...) and passage lengths."""
    tail = tail_words(seed)
    writer, placed, lengths = _Writer(conn), [], [0]
    committees = {name: number for number, name in enumerate(_COMMITTEES, 101)}
    index = item_number = 0
    while len(lengths) - 1 < pages:
        doc = document(seed, index)
        council = _COUNCILS[index % len(_COUNCILS)]
        name = _slug_name(council)
        body = doc.body.replace(doc.council, name).replace(doc.council.upper(), name.upper())
        rng = random.Random(f"site-{seed}-{index}")
        texts = passages(body, rng, tail)[: pages - len(lengths) + 1]
        base = f"https://democracy.{council}.gov.uk"
        meeting_number, sid = 5000 + index, 100_000 + index
        committee_name = doc.title.removeprefix("Minutes of ").rsplit(",", 1)[0]
        cid = committees.get(committee_name, 100)
        meeting = f"{council}/{doc.published:%Y%m%d}/{meeting_number}"
        meeting_url = f"{base}/ieListDocuments.aspx?CId={cid}&MId={meeting_number}&Ver=4"
        writer.add("meetings", {
            "id": meeting, "council": council, "committee": f"{council}/c{cid}", "meeting_id": str(meeting_number),
            "date": doc.published.isoformat(), "time": "10:00", "title": f"{committee_name} - {doc.published:%d %B %Y}",
            "status": "held", "venue": "Council Chamber, County Hall", "url": meeting_url, "source": "xml",
            "listing": "Agenda, Minutes", "first_seen": STAMP, "last_seen": STAMP})
        for position, item in enumerate(items(body), 1):
            item_number += 1
            item_id = f"{meeting}/ai{20_000 + item_number}"
            writer.add("agenda_items", {
                "id": item_id, "meeting": meeting, "position": position, "number": item["number"],
                "item_id": str(20_000 + item_number), "title": item["title"], "description": item["description"],
                "minutes_truncated": 0, "recorded_votes": "[]", "url": f"{meeting_url}#AI{20_000 + item_number}"})
            if "motion" in item and item["motion"]["text"]:
                motion = item["motion"]
                writer.add("motions", {
                    "id": f"{item_id}/m1", "meeting": meeting, "agenda_item": item_id, "position": 1,
                    "title": motion["text"][:80].rsplit(" ", 1)[0] + "\u2026", "mover": motion["mover"],
                    "seconder": motion["seconder"], "text": motion["text"], "outcome": motion["outcome"],
                    "votes_for": motion["votes"][0], "votes_against": motion["votes"][1],
                    "abstentions": motion["votes"][2], "url": f"{meeting_url}#AI{20_000 + item_number}"})
        sha = hashlib.sha256(body.encode()).hexdigest()
        doc_id, url = f"{council}/s{sid}", f"{base}/documents/s{sid}/Minutes.pdf"
        version = f"{doc_id}@{sha[:16]}"
        writer.add("documents", {
            "id": doc_id, "council": council, "meeting": meeting, "title": doc.title, "kind": "minutes", "url": url,
            "current_version": version, "sha256": sha, "content_type": "application/pdf", "size": doc.size,
            "pages": len(texts), "status": "ok", "first_seen": STAMP, "last_checked": STAMP})
        writer.add("document_versions", {
            "id": version, "document": doc_id, "sha256": sha, "size": doc.size, "content_type": "application/pdf",
            "url": url, "fetched": STAMP, "etag": f'"{sha[:32]}"', "last_modified": None,
            "archive_path": f"archive/{sha[:2]}/{sha[2:4]}/{sha}"})
        placed.append({"council": council, "date": doc.published.isoformat(), "first": len(lengths),
                       "pages": len(texts), "document": doc_id, "version": version, "url": url, "title": doc.title})
        for page, text in enumerate(texts, 1):
            writer.add("document_pages", {"rowid": len(lengths), "id": f"{version}/p{page}", "document": doc_id,
                                          "version": version, "page": page, "text": text})
            lengths.append(len(text))
        if len(writer.rows["document_pages"]) >= 20_000:
            writer.flush()
        index += 1
        if index % 2000 == 0:
            print(f"  {len(lengths) - 1:,} passages", file=sys.stderr, flush=True)
    writer.flush()
    return placed, lengths


def _month_end(text: str) -> str:
    """"September 2026" -> "2026-09-30"."""
    month, year = text.split()
    number = list(calendar.month_name).index(month)
    return datetime.date(int(year), number, calendar.monthrange(int(year), number)[1]).isoformat()


class _Pages:
    """Where each sentence goes: a passage of its council's document nearest its date, appended after
    what the passage already holds."""

    def __init__(self, placed: list[dict], lengths: list[int], rng: random.Random):
        self.lengths, self.rng = lengths, rng
        self.by_council: dict[str, list[dict]] = defaultdict(list)
        for doc in sorted(placed, key=lambda doc: doc["date"]):
            self.by_council[doc["council"]].append(doc)
        self.dates = {council: [doc["date"] for doc in docs] for council, docs in self.by_council.items()}
        self.appended: dict[int, list[str]] = defaultdict(list)

    def place(self, council: str, day: str, text: str) -> dict:
        """Where `text` of `council` dated `day` goes: its passage, offsets and ids."""
        docs, dates = self.by_council[council], self.dates[council]
        at = min(bisect.bisect_left(dates, day), len(docs) - 1)
        if at and abs(_days(dates[at - 1], day)) < abs(_days(dates[at], day)):
            at -= 1
        doc = docs[at]
        page = self.rng.randrange(doc["pages"])
        rowid = doc["first"] + page
        start = self.lengths[rowid] + 2
        self.lengths[rowid] = start + len(text)
        self.appended[rowid].append(text)
        source = f"{doc['version']}/p{page + 1}"
        return {"rowid": rowid, "source": source, "document": doc["document"], "version": doc["version"],
                "page": page + 1, "start": start, "end": start + len(text), "url": f"{doc['url']}#page={page + 1}",
                "title": doc["title"], "id": f"{source}@{start}-{start + len(text)}"}


def _days(first: str, second: str) -> int:
    """Days from the ISO date `second` to `first`."""
    return (datetime.date.fromisoformat(first) - datetime.date.fromisoformat(second)).days


def _promises(conn: sqlite3.Connection, count: int, seed: int, placed: list[dict], lengths: list[int]) -> None:
    """`count` promises with their commitments, mentions, evidence and status events; their sentences are
    appended to the passages they cite."""
    from pipeline.promises import promise_id, title_of
    from pipeline.status import status_on, timeline

    rng = random.Random(f"promises-{seed}")
    pages = _Pages(placed, lengths, rng)
    towns = {council: _towns(rng) for council in _COUNCILS}
    rows: dict[str, list[dict]] = defaultdict(list)
    for _ in range(count):
        council = rng.choice(_COUNCILS)
        item = _undertaking(rng, towns[council])
        mentions = []
        for position, mention in enumerate(_mention_rows(rng, item, rng.randint(1, 4)), 1):
            at = pages.place(council, mention["day"].isoformat(), mention["text"])
            mentions.append({**mention, **at, "published": mention["day"].isoformat(), "position": position})
        origin = mentions[0]
        pid = promise_id(council, origin["id"])
        deadlines = [m["deadline"] for m in mentions if m["deadline"]]
        revised = next((m for m in reversed(mentions) if m["deadline"] and m["deadline"] != deadlines[0]), None)
        promise = {
            "id": pid, "council": council, "origin": origin["id"], "title": title_of(origin["text"]),
            "topic": item["topic"], "deadline": deadlines[0] if deadlines else None,
            "revised_deadline": revised["deadline"] if revised else None,
            "revised_on": revised["published"] if revised else None, "quantity_value": origin["quantity_value"],
            "quantity_unit": origin["quantity_unit"], "amount_gbp": origin["amount_gbp"],
            "first_published": origin["published"], "last_published": mentions[-1]["published"],
            "mentions": len(mentions), "url": origin["url"]}
        evidence = []
        for _ in range(rng.choices((0, 1, 2, 3), weights=(40, 30, 20, 10))[0]):
            day = item["origin"] + datetime.timedelta(days=rng.randrange(60, 900))
            if day.isoformat() > AS_OF:
                continue
            quote, stance = _statement(rng, item, day)
            at = pages.place(council, day.isoformat(), quote)
            expected = re.search(r"expected in (\w+ \d{4})", quote)
            done = re.match(r"(\d+) of the", quote)
            evidence.append({
                "id": f"{pid}/e{hashlib.sha1(at['id'].encode()).hexdigest()[:11]}", "promise": pid,
                "source": at["source"], "document": at["document"], "page": at["page"], "start": at["start"],
                "end": at["end"], "quote": quote.rstrip("."), "published": day.isoformat(), "stance": stance,
                "new_deadline": _month_end(expected.group(1)) if expected else None,
                "quantity_value": float(done.group(1)) if done else None,
                "confidence": round(rng.uniform(0.3, 0.9), 3), "url": at["url"], "title": at["title"]})
        now = status_on(promise, evidence, AS_OF)
        events = timeline(promise, evidence)
        promise.update(status=now["status"], status_reason=now["reason"], status_evidence=now["evidence"],
                       deadline_year=int(now["deadline"][:4]) if now["deadline"] else None,
                       status_since=next((e["date"] for e in reversed(events) if e["status"] == now["status"]), None))
        rows["promises"].append(promise)
        rows["evidence"] += evidence
        rows["promise_events"] += [{"id": f"{pid}/{e['date']}/{e['status']}", "promise": pid, **e} for e in events]
        for mention in mentions:
            rows["commitments"].append({
                "id": mention["id"], "source": mention["source"], "document": mention["document"],
                "version": mention["version"], "page": mention["page"], "start": mention["start"],
                "end": mention["end"], "text": mention["text"], "kind": "pledge", "is_send": 1,
                "actor": _slug_name(council), "amount_gbp": mention["amount_gbp"],
                "quantity_value": mention["quantity_value"], "quantity_unit": mention["quantity_unit"],
                "deadline": mention["deadline"], "deadline_text": mention["deadline_text"], "confidence": 0.8,
                "published": mention["published"], "url": mention["url"], "tagger_version": "site-bench"})
            rows["promise_mentions"].append({
                "commitment": mention["id"], "promise": pid, "position": mention["position"],
                "published": mention["published"], "text": mention["text"], "url": mention["url"]})
    conn.executemany("update document_pages set text = text || ? where rowid = ?",
                     (("".join("\n\n" + text for text in texts), rowid) for rowid, texts in pages.appended.items()))
    for table in ("commitments", "promises", "promise_mentions", "evidence", "promise_events"):
        _insert(conn, table, rows[table])


def passage_lengths(path: Path) -> dict[str, int]:
    """Characters per passage: 10th, 50th and 90th percentiles."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        lengths = sorted(row[0] for row in conn.execute("select length(text) from document_pages"))
    finally:
        conn.close()
    return {f"p{q}": lengths[len(lengths) * q // 100] for q in (10, 50, 90)}


def per_promise(path: Path) -> dict[str, tuple[int, float, int]]:
    """Rows per promise in each of its tables: (least, mean, most)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {table: conn.execute(
            f"select min(n), avg(n), max(n) from (select count([{table}].promise) as n from promises "
            f"left join [{table}] on [{table}].promise = promises.id group by promises.id)").fetchone()
            for table in ("promise_mentions", "evidence", "promise_events")}
    finally:
        conn.close()


def _counts(path: Path) -> dict[str, int]:
    """Rows of the tables the report lists."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = ("councils", "meetings", "agenda_items", "motions", "documents", "document_versions",
                  "document_pages", "commitments", "promises", "promise_mentions", "evidence", "promise_events")
        return {table: conn.execute(f"select count(*) from [{table}]").fetchone()[0] for table in tables}
    finally:
        conn.close()


def generate(folder: Path, pages: int, promises: int, seed: int) -> dict:
    """DIR/promises.db, made unless DIR holds one of these sizes already; returns the generation figures."""
    path, stamp = folder / "promises.db", folder / "site-bench.json"
    wanted = {"generator": GENERATOR, "pages": pages, "promises": promises, "seed": seed}
    if path.exists() and stamp.exists():
        made = json.loads(stamp.read_text())
        if {key: made.get(key) for key in wanted} == wanted:
            counts = _counts(path)
            if counts["document_pages"] == pages and counts["promises"] == promises:
                return dict(made, cached=True)
    from db.build import build_database
    from db.schema import open_db

    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / "promises.db.partial"
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm"), path, stamp):
        leftover.unlink(missing_ok=True)
    started = time.perf_counter()
    db = open_db(partial)
    # A scratch file that is deleted if this fails: no journal needed while loading it.
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-400000")
    with db.conn:
        _insert(db.conn, "councils", [{"slug": slug, "name": _slug_name(slug), "platform": "moderngov",
                                       "base_url": f"https://democracy.{slug}.gov.uk/", "verified": 0}
                                      for slug in _COUNCILS])
        _insert(db.conn, "committees", [{"id": f"{slug}/c{number}", "council": slug, "committee_id": str(number),
                                         "name": name, "url": f"https://democracy.{slug}.gov.uk/mgCommitteeDetails.aspx?ID={number}"}
                                        for slug in _COUNCILS
                                        for number, name in enumerate(["Other"] + list(_COMMITTEES), 100)])
        placed, lengths = _documents(db.conn, pages, seed)
        loaded = time.perf_counter()
        print(f"  {pages:,} passages in {loaded - started:.0f} s; promises...", file=sys.stderr, flush=True)
        _promises(db.conn, promises, seed, placed, lengths)
    inserted = time.perf_counter()
    db.conn.close()
    print(f"  rows in {inserted - started:.0f} s; building indexes and FTS5...", file=sys.stderr, flush=True)
    build_database(partial)
    gc.collect()  # build_database leaves its connection to the garbage collector: close it before the rename
    built = time.perf_counter()
    conn = sqlite3.connect(partial)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    partial.rename(path)
    made = dict(wanted, rows_s=loaded - started, promises_s=inserted - loaded, build_s=built - inserted,
                total_s=built - started, bytes=path.stat().st_size, text_chars=sum(lengths),
                made=datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"))
    stamp.write_text(json.dumps(made, indent=1))
    return dict(made, cached=False)


# ----------------------------------------------------------------------------- URLs


def _sample_words(conn: sqlite3.Connection, every: int, total: int) -> tuple[Counter, Counter, int]:
    """Document frequency of words (4+ letters) and of adjacent word pairs in every `every`-th passage."""
    words, pairs, seen = Counter(), Counter(), 0
    for rowid in range(every, total + 1, every):
        (text,) = conn.execute("select text from document_pages where rowid = ?", [rowid]).fetchone()
        tokens = re.findall(r"[a-z]+", text.lower())
        words.update({token for token in tokens if len(token) >= 4})
        pairs.update({f"{a} {b}" for a, b in zip(tokens, tokens[1:]) if len(a) >= 4 and len(b) >= 4
                      and a not in STOPWORDS and b not in STOPWORDS})
        seen += 1
    return words, pairs, seen


def queries(path: Path, seed: int) -> dict[str, list[str]]:
    """Search queries by kind, drawn from the generated text: common words (in 5% of passages or more),
    mid words (0.2-5%), rare words (invented names expected in 1-100 passages), two words, quoted phrases
    and odd input."""
    rng = random.Random(f"queries-{seed}")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        total = conn.execute("select max(rowid) from document_pages").fetchone()[0]
        words, pairs, seen = _sample_words(conn, max(1, total // 10_000), total)
    finally:
        conn.close()
    content = {word: n / seen for word, n in words.items() if word not in STOPWORDS and len(word) >= 5}
    common = sorted((w for w, share in content.items() if share >= 0.05), key=lambda w: -content[w])[:60]
    mid = sorted(w for w, share in content.items() if 0.002 <= share < 0.05)
    names, _ = tail_words(seed)
    # 1.4 tail sentences a passage (0, 1, 1, 2 or 3), 4/3 names a sentence (two templates of six name two)
    tail_total = 1.4 * 4 / 3 * total
    harmonic = sum(1 / (rank + TAIL_OFFSET) for rank in range(TAIL_WORDS))
    rare_ranks = [rank for rank in range(TAIL_WORDS)
                  if 1 <= tail_total / harmonic / (rank + TAIL_OFFSET) <= 100]
    frequent_pairs = [p for p, n in pairs.most_common(400) if n / seen >= 0.005]
    return {
        "common word": rng.sample(common, min(25, len(common))),
        "mid word": rng.sample(mid, min(30, len(mid))),
        "rare word": [names[rank] for rank in rng.sample(rare_ranks, min(40, len(rare_ranks)))],
        "two words": rng.sample(frequent_pairs, min(20, len(frequent_pairs))),
        "quoted phrase": [f'"{pair}"' for pair in rng.sample(frequent_pairs, min(20, len(frequent_pairs)))],
        "odd input": ODD_INPUTS,
    }


def _tilde(text: str) -> str:
    """A row id as Datasette writes it in a URL."""
    from datasette.utils import tilde_encode

    return tilde_encode(text)


def search_urls(template: str, by_kind: dict[str, list[str]], count: int, seed: int) -> list[tuple[str, str, str]]:
    """`count` (kind, query, path) drawn by QUERY_MIX, shuffled."""
    rng = random.Random(f"search-urls-{seed}")
    kinds = [kind for kind in QUERY_MIX if by_kind.get(kind)]
    chosen = rng.choices(kinds, weights=[QUERY_MIX[kind] for kind in kinds], k=count)
    out = []
    for kind in chosen:
        query = rng.choice(by_kind[kind])
        out.append((kind, query, template.format(q=urllib.parse.quote(query, safe=""))))
    return out


def promise_urls(path: Path, template: str, count: int, seed: int) -> list[str]:
    """`count` random promises as URLs of `template`."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        ids = [row[0] for row in conn.execute("select id from promises order by id")]
    finally:
        conn.close()
    chosen = random.Random(f"promise-urls-{seed}").sample(ids, min(count, len(ids)))
    return [template.format(council=pid.split("/", 1)[0], pid=pid.split("/", 1)[1], tilde_id=_tilde(pid))
            for pid in chosen]


# ----------------------------------------------------------------------------- server and load


def _free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float = 30) -> tuple[int, str, str, float]:
    """(status, content type, body, seconds) of a GET."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body = response.read().decode("utf-8", "replace")
            return response.status, response.headers.get("content-type", ""), body, time.perf_counter() - started
    except urllib.error.HTTPError as error:
        body = error.read().decode("utf-8", "replace")
        return error.code, error.headers.get("content-type", ""), body, time.perf_counter() - started


class Server:
    """`python -m promises.cli serve --data-dir DIR --port P`, as users start it."""

    def __init__(self, folder: Path, log: Path):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.argv = [sys.executable, "-m", "promises.cli", "serve", "--data-dir", str(folder), "--port", str(self.port)]
        self.log = log.open("w")
        started = time.perf_counter()
        self.proc = subprocess.Popen(self.argv, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        while True:
            if self.proc.poll() is not None:
                raise SystemExit(f"`promises serve` exited ({self.proc.returncode}); see {log}")
            try:
                if fetch(self.base + "/-/versions.json", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if time.perf_counter() - started > 300:
                self.stop()
                raise SystemExit(f"`promises serve` did not answer /-/versions.json in 300 s; see {log}")
            time.sleep(0.2)
        self.startup_s = time.perf_counter() - started
        self.versions = json.loads(fetch(self.base + "/-/versions.json")[2])

    def pids(self) -> list[int]:
        """The serve process and its children (Datasette)."""
        try:
            children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()
        except OSError:
            children = []
        return [self.proc.pid] + [int(pid) for pid in children]

    def cpu(self) -> float:
        """CPU seconds used so far by the serve process and Datasette."""
        total = 0.0
        for pid in self.pids():
            try:
                total += cpu_seconds(pid)
            except OSError:
                pass
        return total

    def settle(self, limit: float = 30) -> float:
        """Wait until the server is idle (under 5% of a core for half a second): queries a finished wrk run left
        behind, which Datasette runs to their end or their time limit, must not slow the next run. Returns
        the seconds waited."""
        started = time.perf_counter()
        while time.perf_counter() - started < limit:
            before = self.cpu()
            time.sleep(0.5)
            if self.cpu() - before < 0.025:
                break
        return time.perf_counter() - started

    def peak_rss_mb(self) -> float:
        """Peak RSS (VmHWM) of the serve process and Datasette, summed."""
        return sum(proc_status_kb(pid, "VmHWM") or 0 for pid in self.pids()) / 1024

    def stop(self) -> None:
        """SIGTERM to `promises serve`, which terminates Datasette; kill both if that does not end them."""
        pids = self.pids()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for pid in pids[1:]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.log.close()


def real_route(server: Server, path: str, failed: str | None) -> bool:
    """Whether the site's own route answers: 200 with HTML (not Datasette's 404 page) that does not say
    it failed."""
    try:
        status, kind, body, _ = fetch(server.base + path)
    except OSError:
        return False
    return status == 200 and kind.startswith("text/html") and not (failed and failed in body)


LUA = r"""
-- Every request takes the next path of the list given after "--"; responses that are not 2xx are counted,
-- and 2xx pages holding the text given second (a page that says it failed), when there is one.
local paths, next_path, marker, pattern = {}, 0, nil, nil
local threads = {}
bad = 0
failed = 0
said = ""

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  if args[2] and args[2] ~= "" then
    marker = args[2]
    pattern = marker:gsub("%p", "%%%0") .. "[^>]*>(.-)<"
  end
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    bad = bad + 1
  elseif marker and body and string.find(body, marker, 1, true) then
    failed = failed + 1
    said = string.match(body, pattern) or said
  end
end

function done(summary, latency, requests)
  local non2xx, failures, message = 0, 0, ""
  for _, thread in ipairs(threads) do
    non2xx = non2xx + thread:get("bad")
    failures = failures + thread:get("failed")
    if thread:get("said") ~= "" then message = thread:get("said") end
  end
  io.write("\nSAID " .. message:gsub("%s+", " ") .. "\n")
  local e = summary.errors
  io.write(string.format(
    '\nRESULT {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "non2xx": %d, "failed": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout, non2xx, failures,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
"""


def run_wrk(server: Server, paths: list[str], failed: str | None, seconds: float, connections: int,
            timeout: float, scratch: Path, label: str) -> dict:
    """One wrk run over `paths` (cycled); wrk's figures, with CPU used by the server and by wrk."""
    listing, script = scratch / f"{label}.txt", scratch / "cycle.lua"
    listing.write_text("\n".join(paths) + "\n")
    script.write_text(LUA)
    argv = ["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds:g}s", "--timeout", f"{timeout:g}s",
            "-s", str(script), server.base, "--", str(listing), failed or ""]
    settled = server.settle()
    server_before, machine_before = server.cpu(), machine_busy_seconds()
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next((line for line in done.stdout.splitlines() if line.startswith("RESULT ")), None)
    if done.returncode != 0 or line is None:
        raise SystemExit(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    result = json.loads(line.removeprefix("RESULT "))
    said = next((line for line in done.stdout.splitlines() if line.startswith("SAID ")), "SAID ")
    result["said"] = html.unescape(said.removeprefix("SAID ").strip())
    result.update(
        urls=len(paths), distinct=len(set(paths[:result["requests"]])), settled_s=settled, wall_s=wall, server_cpu_s=server.cpu() - server_before,
        wrk_cpu_s=(children_after.ru_utime + children_after.ru_stime) - (children_before.ru_utime + children_before.ru_stime),
        machine_cpu_s=machine_busy_seconds() - machine_before)
    result["errors"] = sum(result[kind] for kind in ("connect", "read", "write", "timeout", "non2xx", "failed"))
    return result


def probe(server: Server, path: Path, urls: list[tuple[str, str, str]], failed: str | None) -> list[dict]:
    """Each distinct search URL once, without load: status, latency, the failure the page reports if any,
    and the passages its words match."""
    from datasette.utils import escape_fts

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out = []
    try:
        for kind, query, url in sorted(set(urls)):
            status, _, body, seconds = fetch(server.base + url, timeout=60)
            said = re.search(re.escape(failed) + r"[^>]*>(.*?)</", body, re.S) if failed and status == 200 else None
            try:
                matches = conn.execute("select count(*) from document_pages_fts where document_pages_fts match ?",
                                       [escape_fts(query)]).fetchone()[0]
            except sqlite3.Error:
                matches = None
            out.append({"kind": kind, "query": query, "url": url, "status": status, "ms": seconds * 1000,
                        "matches": matches, "failure": " ".join(said.group(1).split()) if said else None})
    finally:
        conn.close()
    return out


def fts_times(path: Path, slowest: list[dict]) -> list[dict]:
    """For each of the slowest searches, the milliseconds SQLite takes to rank the best 30 rows of each FTS5
    table of `db.build.FULL_TEXT` (bm25: `order by rank limit 30`), the query escaped with `escape_fts`."""
    from datasette.utils import escape_fts

    from db.build import FULL_TEXT

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out = []
    try:
        for row in slowest:
            times = {}
            for table in FULL_TEXT:
                started = time.perf_counter()
                try:
                    conn.execute(f"select rowid, rank from [{table}_fts] where [{table}_fts] match ? "
                                 "order by rank limit 30", [escape_fts(row["query"])]).fetchall()
                    times[table] = (time.perf_counter() - started) * 1000
                except sqlite3.Error:
                    times[table] = None
            out.append({"query": row["query"], "site_ms": row["ms"], "times": times})
    finally:
        conn.close()
    return out


def site_changes() -> str:
    """Uncommitted changes to SITE_FILES (git, read-only), or "none"."""
    done = subprocess.run(["git", "--no-optional-locks", "status", "--porcelain", "--", *SITE_FILES], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    changed = [line[3:] for line in done.stdout.splitlines() if line.strip()]
    return ", ".join(f"`{name}`" for name in changed) or "none"


# ----------------------------------------------------------------------------- report


def _ms(us: float) -> str:
    """Microseconds as milliseconds, one decimal."""
    return f"{us / 1000:.1f}"


def _table(header: list[str], align: str, rows: list[list]) -> str:
    """A Markdown table; `align` is one letter a column, l or r."""
    marks = {"l": "---", "r": "--:"}
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks[a] for a in align) + " |"]
    lines += ["| " + " | ".join(str(cell).replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _verdict(runs: dict[str, dict]) -> tuple[bool, float, list[str]]:
    """Whether the goal is met, search p99 / floor p99, and what fails."""
    floor, search = runs["floor"]["p99_us"], runs["search"]["p99_us"]
    ratio = search / floor if floor else float("inf")
    errors = sum(run["errors"] for run in runs.values())
    failed = []
    if ratio > GOAL_RATIO:
        failed.append(f"search p99 is {ratio:.1f}× the floor (goal ≤ {GOAL_RATIO}×)")
    if search / 1000 > GOAL_P99_MS:
        failed.append(f"search p99 is {search / 1000:.0f} ms (goal ≤ {GOAL_P99_MS} ms)")
    if errors:
        failed.append(f"{errors:,} errors (goal 0)")
    return not failed, ratio, failed


def _data_section(made: dict, counts: dict[str, int], size: int, lengths: dict[str, int],
                  spread: dict[str, tuple[int, float, int]]) -> str:
    """Sizes of the database: on disk, passage text, rows per promise, rows per table."""
    how = (f"made once on {made['made']} in {made['total_s'] / 60:.1f} minutes (passages and their rows "
           f"{made['rows_s']:.0f} s, promises {made['promises_s']:.0f} s, indexes / FTS5 / views "
           f"{made['build_s']:.0f} s)" + (", reused by this run" if made["cached"] else ""))
    rows = [[f"`{table}`", f"{count:,}"] for table, count in counts.items()]
    return (f"`promises.db`: {size / 1e9:.2f} GB on disk, {made['text_chars'] / 1e9:.2f} billion characters of "
            f"passage text (a passage: median {lengths['p50']:,} characters, 10th-90th percentile "
            f"{lengths['p10']:,}-{lengths['p90']:,}); {how}. Per promise: "
            + ", ".join(f"`{table}` {low}-{high} (mean {mean:.2f})" for table, (low, mean, high) in spread.items())
            + ".\n\n" + _table(["Table", "Rows"], "lr", rows))


def _fts_section(timed: list[dict]) -> str:
    """The table of `fts_times`."""
    tables = list(timed[0]["times"]) if timed else []
    rows = [[f"`{row['query']}`", f"{row['site_ms']:.0f}"]
            + [f"{row['times'][t]:.0f}" if row["times"][t] is not None else "error" for t in tables]
            + [f"{sum(v for v in row['times'].values() if v is not None):.0f}"] for row in timed]
    return _table(["Query", "Page, ms"] + [f"`{t}_fts`" for t in tables] + ["Sum"], "lr" + "r" * (len(tables) + 1),
                  rows)


def _probe_section(probed: list[dict]) -> str:
    """The single requests by kind of query, the slowest, and what failed pages said."""
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for row in probed:
        by_kind[row["kind"]].append(row)
    rows = []
    for kind in QUERY_MIX:
        found = by_kind.get(kind, [])
        if not found:
            continue
        matches = [row["matches"] for row in found if row["matches"] is not None]
        statuses = Counter(str(row["status"]) + (" failed" if row["failure"] else "") for row in found)
        examples = ", ".join(f"`{row['query']}`" for row in found[:4])
        rows.append([kind, QUERY_MIX[kind], len(found), examples,
                     f"{statistics.median(matches):,.0f}" if matches else "-",
                     f"{statistics.median(row['ms'] for row in found):.0f}", f"{max(row['ms'] for row in found):.0f}",
                     ", ".join(f"{status}: {n}" for status, n in sorted(statuses.items()))])
    slowest = sorted(probed, key=lambda row: -row["ms"])[:10]
    slow_rows = [[f"`{row['query']}`", row["kind"], f"{row['matches']:,}" if row["matches"] is not None else "-",
                  f"{row['ms']:.0f}", row["status"], row["failure"] or ""] for row in slowest]
    failures = Counter(row["failure"] for row in probed if row["failure"])
    failure_rows = []
    for message, count in failures.most_common(8):
        examples = [f"`{row['query']}`" for row in probed if row["failure"] == message][:3]
        failure_rows.append([message[:200], count, ", ".join(examples)])
    said = ""
    if failure_rows:
        said = ("\n\nWhat the failed pages said:\n\n"
                + _table(["Message (`<p class=\"message-error\">`)", "Queries", "For example"], "lrl", failure_rows))
    return (_table(["Kind", "Share of URLs (%)", "Distinct", "Examples", "Median matches", "Median ms", "Max ms",
                    "Statuses"], "lrrlrrrl", rows)
            + "\n\nThe ten slowest:\n\n"
            + _table(["Query", "Kind", "Matching passages", "ms", "Status", "Failure"], "llrrll", slow_rows) + said)


def report(cli: argparse.Namespace, machine: dict, started: datetime.datetime, minutes: float, made: dict,
           counts: dict[str, int], size: int, server: dict, routes: dict[str, tuple[str, bool]],
           runs: dict[str, dict], probed: list[dict], timed: list[dict], command: str) -> str:
    """docs/site-speed.md."""
    met, ratio, failed = _verdict(runs)
    stand_ins = [name for name, (_, real) in routes.items() if not real]
    caveat = ""
    if stand_ins:
        caveat = (" **Stand-ins measured** for " + " and ".join(stand_ins) + ": the site's routes did not answer "
                  "yet, so the figures are of the Datasette pages in the table below, not of the site; the goal "
                  "is read on them all the same.")
    verdict = ("**Goal met**" if met else "**Goal not met**: " + "; ".join(failed))
    summary_rows = []
    for name, run in runs.items():
        route, real = routes[name]
        summary_rows.append([
            name, f"`{route}`" + ("" if real else " (stand-in)"), f"{run['requests']:,}",
            f"{run['requests'] / (run['duration_us'] / 1e6):.1f}", _ms(run["p50_us"]), _ms(run["p90_us"]),
            _ms(run["p99_us"]), _ms(run["max_us"]), f"{run['errors']:,}", f"{run['distinct']:,}"])
    error_rows = [[name, run["non2xx"], run["failed"], run["timeout"], run["connect"], run["read"], run["write"],
                   run["said"][:160]] for name, run in runs.items()]
    few = [f"{name} {run['requests']:,}, so its p99 rests on its {max(1, round(run['requests'] / 100))} slowest"
           for name, run in runs.items() if run["requests"] < 1000]
    thin = f" Requests under 1,000: {', '.join(few)}." if few else ""
    waits = ", ".join(f"{run['settled_s']:.1f}" for run in runs.values())
    cpu_rows = [[name, f"{run['server_cpu_s'] / run['wall_s']:.0%}", f"{run['wrk_cpu_s'] / run['wall_s']:.0%}",
                 f"{run['machine_cpu_s'] / run['wall_s'] / machine['nproc']:.0%}"] for name, run in runs.items()]
    load = " / ".join(f"{value:.2f}" for value in machine["load"])
    machine_rows = [
        ["Date", f"{started:%Y-%m-%d %H:%M} UTC"], ["Code measured (when the server started)", machine["code"]],
        [f"Uncommitted changes to the site ({', '.join(f'`{name}`' for name in SITE_FILES)})", server["changes"]],
        ["`nproc`", machine["nproc"]], ["CPU", machine["cpu"]], ["Memory", f"{machine['memory_gib']:.1f} GiB"],
        ["OS", machine["os"]], ["Python", machine["python"]],
        ["Datasette / SQLite (server)", f"{server['versions']['datasette']['version']} / "
                                        f"{server['versions']['sqlite']['version']}"],
        ["wrk", server["wrk"]], ["Load average (1 / 5 / 15 min) when the server started", load],
    ]
    parts = [
        "# Site speed",
        (f"Written by `benchmarks/site.py` on {started:%Y-%m-%d %H:%M} UTC; the whole run took {minutes:.1f} "
         "minutes. Run it again rather than editing the figures by hand."),
        ("What is measured: the latency of the published site's search and promise pages under steady load "
         "from a second process on 127.0.0.1, against the latency of Datasette's own `/-/versions.json` in "
         f"the same run (the floor: a page that does no database work). Goal (the issue \"Publish\"): search p99 "
         f"≤ {GOAL_RATIO}× the floor's p99 and ≤ {GOAL_P99_MS} ms, and no errors."),
        "## Summary",
        (f"{verdict}. Search p99 / floor p99 = **{ratio:.1f}×** ({_ms(runs['search']['p99_us'])} ms against "
         f"{_ms(runs['floor']['p99_us'])} ms).{caveat}"),
        (f"{cli.connections} connections, one wrk thread, {cli.seconds:g} s per class after a {cli.warm_up:g} s "
         f"warm-up of each, the server let go idle before each run (waits of {waits} s); wrk timeout "
         f"{cli.timeout:g} s. Latencies in ms.{thin}"),
        _table(["Class", "URL", "Requests", "Requests/s", "p50", "p90", "p99", "Max", "Errors", "Distinct URLs requested"],
               "lllrrrrrrr", summary_rows),
        ("Errors by kind. Not 2xx: any answer outside 200-299; failed page: a 200 page of the site that says it "
         "failed (`<p class=\"message-error\">`, as the search page does when its query fails or runs out of "
         "time); the others are wrk's socket errors and timeouts:"),
        _table(["Class", "Not 2xx", "Failed page", "Timeouts", "Connect", "Read", "Write", "A failed page said"],
               "lrrrrrrl", error_rows),
        ("CPU while each class ran, as a share of one core (server: `promises serve` and its Datasette; wrk) "
         "and of the whole machine:"),
        _table(["Class", "Server", "wrk", "Machine"], "lrrr", cpu_rows),
        (f"Server: started in {server['startup_s']:.1f} s (until `/-/versions.json` answered); peak RSS "
         f"{server['peak_rss_mb']:.0f} MB (VmHWM of `promises serve` plus Datasette)."),
        "## Machine and versions",
        _table(["", ""], "ll", machine_rows),
        "Commands:",
        ("```sh\ncd /work/main\napt-get install -y wrk   # once\n"
         ".venv/bin/python benchmarks/site.py --generate /tmp/site-bench-quick --pages 20000 --promises 2000 "
         f"--seconds 5 --out /tmp/site-quick.md   # quick check\n{command}\n```"),
        "## Data",
        _data_section(made, counts, size, passage_lengths(cli.generate / "promises.db"),
                      per_promise(cli.generate / "promises.db")),
        ("Passages are minutes of invented county council meetings (benchmarks/minutes_corpus.py) cut at the "
         "first paragraph break after 600-1,800 characters, with 0-3 sentences naming invented places and schemes "
         f"drawn from {TAIL_WORDS:,} names with Zipf frequencies; promises are the undertakings of "
         "benchmarks/tracking.py, their sentences appended to a passage of their council, statuses as of "
         f"{AS_OF} by `pipeline.status`. The module docstring of `benchmarks/site.py` gives the details."),
        "## URLs",
        ("Each class cycles through its own list; every connection takes the next URL of the list in turn. "
         f"Search: {runs['search']['urls']:,} URLs ({runs['search']['distinct']:,} distinct) drawn by kind of "
         f"query; promise pages: {runs['promise']['urls']:,} random promises."),
        _table(["Class", "Route of the site", "Measured here"], "lll",
               [[name, f"`{real_path}`", f"`{routes[name][0]}`" + ("" if routes[name][1] else " (stand-in)")]
                for name, real_path, _, _ in ROUTES]),
        ("Kinds of search query: common and mid words are words of 5+ letters sampled from every "
         f"{max(1, counts['document_pages'] // 10_000):,}th passage (in ≥ 5% of the sample, in 0.2-5%); rare "
         "words are invented names expected in 1-100 passages; two words and quoted phrases are adjacent "
         "word pairs frequent in the sample; odd input is typed as is (quotes, `AND`, `*`, `-`, `(`...)."),
        "## Single requests, without load",
        ("After the load, every distinct search URL once from this process, one at a time. Matches: passages "
         "whose text matches the query escaped as Datasette's `escape_fts` does (`document_pages_fts`)."),
        _probe_section(probed),
        "### Where the slowest searches spend their time",
        ("The three slowest queries above, again from this process straight in SQLite (no Datasette, no load): "
         "milliseconds to rank every match of each FTS5 table by bm25 and keep the best 30 (`select rowid, rank "
         "... order by rank limit 30`), against the page's own time above. That is the cost of a search that "
         "scores every match: it grows with the number of matching rows, whatever the page shows."),
        _fts_section(timed),
    ]
    return "\n\n".join(parts) + "\n"


# ----------------------------------------------------------------------------- main


def main() -> None:
    """Generate (or reuse) the data, serve it, load it, probe it, write the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--generate", required=True, type=Path, metavar="DIR",
                        help="data folder: promises.db is generated there once and reused")
    parser.add_argument("--pages", type=int, default=1_000_000, help="document passages")
    parser.add_argument("--promises", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only-generate", action="store_true", help="stop once the database is there")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30, help="measured seconds per URL class")
    parser.add_argument("--warm-up", type=float, default=5, help="seconds of load per class before measuring")
    parser.add_argument("--timeout", type=float, default=10, help="wrk's request timeout, seconds")
    parser.add_argument("--search-urls", type=int, default=1000)
    parser.add_argument("--promise-urls", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "site-speed.md")
    cli = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")

    started = datetime.datetime.now(datetime.UTC)
    t0 = time.perf_counter()
    made = generate(cli.generate, cli.pages, cli.promises, cli.seed)
    print(f"database {'reused' if made['cached'] else 'made'}: {made['bytes'] / 1e9:.2f} GB", file=sys.stderr)
    if cli.only_generate:
        return
    path = cli.generate / "promises.db"
    counts = _counts(path)
    by_kind = queries(path, cli.seed)
    with tempfile.TemporaryDirectory(prefix="site-bench-") as scratch_name:
        scratch = Path(scratch_name)
        # The code measured is what the server loads when it starts: read it then.
        machine, changes = _machine(), site_changes()
        server = Server(cli.generate, scratch / "serve.log")
        try:
            templates, routes, markers = {}, {}, {}
            for name, real, stand_in, failed in ROUTES:
                if name == "promise":
                    example = promise_urls(path, real, 1, cli.seed)[0]
                else:
                    example = real.format(q=NO_MATCH)
                use_real = stand_in is None or real_route(server, example, failed)
                templates[name] = real if use_real else stand_in
                routes[name] = (templates[name], use_real)
                markers[name] = failed if use_real else None
            searches = search_urls(templates["search"], by_kind, cli.search_urls, cli.seed)
            paths = {"floor": [templates["floor"]], "search": [url for _, _, url in searches],
                     "promise": promise_urls(path, templates["promise"], cli.promise_urls, cli.seed)}
            warm = {"floor": paths["floor"],
                    "search": [url for _, _, url in search_urls(templates["search"], by_kind, cli.search_urls,
                                                                 cli.seed + 1)],
                    "promise": promise_urls(path, templates["promise"], cli.promise_urls, cli.seed + 1)}
            wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[0].split(" [")[0]
            for name in paths:
                print(f"warm-up {name} {cli.warm_up:g} s", file=sys.stderr, flush=True)
                run_wrk(server, warm[name], markers[name], cli.warm_up, cli.connections, cli.timeout, scratch,
                        f"warm-{name}")
            runs = {}
            for name in paths:
                runs[name] = run_wrk(server, paths[name], markers[name], cli.seconds, cli.connections, cli.timeout,
                                     scratch, name)
                print(f"{name}: {runs[name]['requests']:,} requests, p50 {_ms(runs[name]['p50_us'])} ms, "
                      f"p99 {_ms(runs[name]['p99_us'])} ms, errors {runs[name]['errors']}", file=sys.stderr, flush=True)
            probed = probe(server, path, searches, markers["search"])
            info = {"startup_s": server.startup_s, "versions": server.versions, "wrk": wrk,
                    "peak_rss_mb": server.peak_rss_mb(), "changes": changes}
        finally:
            server.stop()
    argv = " ".join(sys.argv[1:])
    command = ".venv/bin/python benchmarks/site.py" + (f" {argv}" if argv else "")
    timed = fts_times(path, sorted(probed, key=lambda row: -row["ms"])[:3])
    text = report(cli, machine, started, (time.perf_counter() - t0) / 60, made, counts, path.stat().st_size,
                  info, routes, runs, probed, timed, command)
    cli.out.write_text(text, encoding="utf-8")
    met, ratio, _ = _verdict(runs)
    print(f"search p99 / floor p99 = {ratio:.1f}×, goal {'met' if met else 'not met'}; wrote {cli.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
