"""Benchmarks of Council Promises: crawl throughput, re-crawl, PDF text extraction and peak memory.

    .venv/bin/python benchmarks/run.py [--meetings 2000] [--out docs/benchmarks.md] [--repeat 2] [--profile]

What runs (all on 127.0.0.1, nothing leaves the machine):

1. A generated ModernGov site of N meetings (`python -m demo.server --site bench:N`) in its own process.
2. Our crawl (`python -m promises.cli crawl URL ...`, no delay, no AutoThrottle, 16 concurrent requests)
   into a fresh data folder, then the no-op Scrapy spider (benchmarks/noop_spider.py) fetching exactly the
   URLs our crawl fetched, with the same settings. With --repeat 3 (the default) both run three times, alternately;
   the report's ratio compares the fastest run of each.
3. Our crawl again on the first data folder: the re-crawl of an unchanged site.
4. `pipeline.text.pdf_pages` against `pdftotext` on real council PDFs (if ../shared/realworld exists),
   the demo site's PDFs and generated 20- and 100-page PDFs.
5. With --profile, one more crawl under cProfile (benchmarks/out/crawl.prof) and its top functions.

Peak memory is each child's ru_maxrss, read with os.wait4 on that one process. The Markdown report goes
to --out (docs/benchmarks.md); scratch data goes to a temporary folder that is removed at the end.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import pstats
import shlex
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import pdf_extraction as pdfx  # noqa: E402

REALWORLD_PDFS = ROOT.parent / "shared" / "realworld" / "moderngov" / "kingston"
SINCE = "2000-01-01"
GOAL_RATIO = 0.5
GOAL_PDF_RATIO = 1.0
GOAL_PEAK_MB = 500
T0 = time.perf_counter()


def log(message: str) -> None:
    print(f"[{time.perf_counter() - T0:6.1f}s] {message}", flush=True)


def speed_settings(concurrency: int) -> list[str]:
    return ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
            "-s", f"CONCURRENT_REQUESTS={concurrency}", "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={concurrency}"]


# -- child processes ---------------------------------------------------------------------------------

def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a live process, from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time spent by the whole machine so far, all cores (/proc/stat: everything but idle and iowait)."""
    fields = [int(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def loopback_bytes() -> int:
    """Bytes sent over the loopback interface so far (/proc/net/dev, lo, transmit): every packet of every
    127.0.0.1 connection on the machine, both directions, TCP/IP headers included."""
    for line in Path("/proc/net/dev").read_text().splitlines():
        name, _, counters = line.partition(":")
        if name.strip() == "lo":
            return int(counters.split()[8])
    return 0


def proc_status_kb(pid: int, name: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(name + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


class SiteServer:
    """`python -m demo.server --site bench:N --port P` in its own process."""

    def __init__(self, meetings: int):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.argv = [sys.executable, "-m", "demo.server", "--site", f"bench:{meetings}", "--port", str(port)]
        self.proc = subprocess.Popen(self.argv, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        self.url = self.proc.stdout.readline().strip()
        if not self.url.startswith("http://"):
            self.stop()
            raise RuntimeError(f"demo server did not start: {self.url!r}")

    def cpu(self) -> float:
        return cpu_seconds(self.proc.pid)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@dataclass
class Child:
    label: str
    argv: list[str]
    wall: float
    returncode: int
    peak_kb: int
    cpu: float
    server_cpu: float
    loopback: int
    other_cpu: float
    stderr: str
    info: dict = field(default_factory=dict)

    @property
    def peak_mb(self) -> float:
        return self.peak_kb / 1024


def run_child(label: str, argv: list[str], server: SiteServer | None, progress=None, timeout: float = 3600) -> Child:
    """Run argv to completion; wall time, peak RSS (wait4 ru_maxrss of this child), CPU of it and the server."""
    log(f"{label}: {shlex.join(_short(argv))}")
    stdout, stderr = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    server_before = server.cpu() if server else 0.0
    loopback_before = loopback_bytes()
    machine_before, own_before = machine_busy_seconds(), own_cpu_seconds()
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=stdout, stderr=stderr)
    next_note = start + 10
    try:
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            now = time.perf_counter()
            if now - start > timeout:
                log(f"{label}: over {timeout:.0f} s, stopping it")
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            if now >= next_note:
                rss = proc_status_kb(proc.pid, "VmRSS")
                extra = progress() if progress else ""
                log(f"  {label}: {now - start:.0f} s, RSS {rss / 1024 if rss else 0:.0f} MB{extra}")
                next_note = now + 10
            time.sleep(0.02)
    except BaseException:  # Ctrl-C or an error here: do not leave the child running
        proc.kill()
        os.wait4(proc.pid, 0)
        proc.returncode = -9
        raise
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    server_cpu = (server.cpu() - server_before) if server else 0.0
    loopback = loopback_bytes() - loopback_before
    machine, own = machine_busy_seconds() - machine_before, own_cpu_seconds() - own_before
    stderr.seek(0)
    err = stderr.read().decode("utf-8", "replace")
    stdout.close()
    stderr.close()
    child_cpu = usage.ru_utime + usage.ru_stime
    other = max(0.0, machine - child_cpu - server_cpu - own)
    child = Child(label, argv, wall, proc.returncode, usage.ru_maxrss, child_cpu, server_cpu, loopback, other, err)
    if child.returncode != 0:
        raise RuntimeError(f"{label} failed with exit code {child.returncode}:\n{err[-3000:]}")
    log(f"{label}: done in {wall:.1f} s, peak RSS {child.peak_mb:.0f} MB, CPU {child.cpu:.1f} s "
        f"(server {server_cpu:.1f} s, anything else {other:.1f} s), loopback traffic {loopback / 1e6:.1f} MB")
    return child


def _short(argv: list[str]) -> list[str]:
    return [os.path.relpath(a, ROOT) if a.startswith(str(ROOT)) or a == sys.executable else a for a in argv]


# -- crawls ------------------------------------------------------------------------------------------

def crawl_argv(server: SiteServer, data_dir: Path, concurrency: int) -> list[str]:
    return [sys.executable, "-m", "promises.cli", "crawl", server.url, "--data-dir", str(data_dir),
            "--since", SINCE, *speed_settings(concurrency), "-s", "PROMISES_PROGRESS_INTERVAL=0"]


def read_db(data_dir: Path, sql: str, params=()) -> list[tuple]:
    connection = sqlite3.connect(f"file:{data_dir / 'promises.db'}?mode=ro", uri=True, timeout=5)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def fetch_progress(data_dir: Path):
    def note() -> str:
        try:
            return f", {read_db(data_dir, 'select count(*) from fetches')[0][0]} fetches stored"
        except sqlite3.Error:
            return ""
    return note


def our_crawl(label: str, server: SiteServer, data_dir: Path, concurrency: int) -> Child:
    child = run_child(label, crawl_argv(server, data_dir, concurrency), server, fetch_progress(data_dir))
    columns = ["id", "started", "finished", "status", "requests", "bytes", "meetings", "documents_new",
               "documents_changed", "documents_unchanged", "documents_downloaded", "errors"]
    row = dict(zip(columns, read_db(data_dir, f"select {', '.join(columns)} from crawl_runs order by id desc limit 1")[0]))
    seconds = (datetime.fromisoformat(row["finished"]) - datetime.fromisoformat(row["started"])).total_seconds()
    child.info = {**row, "run_seconds": seconds}
    if row["status"] != "finished":
        raise RuntimeError(f"{label}: crawl run ended with status {row['status']!r}")
    log(f"  {label}: {row['requests']} requests in {seconds:.0f} s (crawl_runs), {row['meetings']} meetings, "
        f"documents {row['documents_new']} new / {row['documents_changed']} changed / "
        f"{row['documents_unchanged']} unchanged, {row['documents_downloaded']} downloaded, {row['errors']} errors")
    return child


def noop_crawl(label: str, server: SiteServer, urls_file: Path, stats_file: Path, concurrency: int) -> Child:
    argv = [sys.executable, str(BENCH / "noop_spider.py"), str(urls_file), str(stats_file),
            *speed_settings(concurrency)]
    child = run_child(label, argv, server)
    stats = json.loads(stats_file.read_text())
    child.info = {
        "requests": stats.get("downloader/request_count", 0), "bytes": stats.get("downloader/response_bytes", 0),
        "run_seconds": stats.get("elapsed_time_seconds", 0.0), "status_200": stats.get("downloader/response_status_count/200", 0),
        "finish_reason": stats.get("finish_reason"),
    }
    if child.info["finish_reason"] != "finished":
        raise RuntimeError(f"{label}: finish_reason {child.info['finish_reason']!r}")
    return child


def write_url_list(data_dir: Path, path: Path) -> tuple[int, int]:
    """The URLs our crawl fetched (fetches.url), robots.txt left out: the no-op spider's RobotsTxtMiddleware
    fetches it. Returns (URLs written, rows in fetches)."""
    urls = [url for (url,) in read_db(data_dir, "select url from fetches order by rowid")]
    kept = [url for url in urls if not url.endswith("/robots.txt")]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return len(kept), len(urls)


def profile_crawl(server: SiteServer, data_dir: Path, concurrency: int, prof: Path) -> tuple[Child, dict, str]:
    """One first crawl under cProfile: where its time goes, and the top functions by own time."""
    argv = crawl_argv(server, data_dir, concurrency)
    argv = [argv[0], "-m", "cProfile", "-o", str(prof), *argv[1:]]
    child = run_child("profiled crawl", argv, server, fetch_progress(data_dir))
    child.info = {"requests": read_db(data_dir, "select requests from crawl_runs order by id desc limit 1")[0][0]}
    stats = pstats.Stats(str(prof))

    def own(predicate) -> float:
        return sum(row[2] for key, row in stats.stats.items() if predicate(key))

    def cumulative(path_part: str, *names: str) -> float:
        return sum(row[3] for key, row in stats.stats.items() if path_part in key[0] and key[2] in names)

    def calls(path_part: str, name: str) -> int:
        return sum(row[1] for key, row in stats.stats.items() if path_part in key[0] and key[2] == name)

    parts = {
        "total": stats.total_tt,
        "pipeline": cumulative("scrapers/pipelines.py", "process_item"),
        "sqlite": own(lambda key: "sqlite_utils" in key[0] or "sqlite3." in key[2]),
        "pdf": cumulative("pipeline/text.py", "pdf_pages"),
        "middleware": cumulative("scrapers/middlewares.py", "process_request", "process_response"),
        "callbacks": cumulative("scrapers/spiders/moderngov.py", "parse", "parse_committees", "parse_meeting_list",
                                "parse_document", "parse_full_minutes"),
        "queue": cumulative("scrapy/core/scheduler.py", "_dqpush", "_dqpop"),
        "find_method": cumulative("scrapy/http/request/__init__.py", "_find_method"),
        "epoll": own(lambda key: key[2] == "<method 'poll' of 'select.epoll' objects>"),
        "statements": calls("~", "<method 'execute' of 'sqlite3.Connection' objects>"),
        "table_names": calls("sqlite_utils/db.py", "table_names"),
        "columns": calls("sqlite_utils/db.py", "columns"),
        "get_row": calls("db/store.py", "get_row"),
        "upserts": calls("sqlite_utils/db.py", "upsert_all"),
    }
    buffer = io.StringIO()
    pstats.Stats(str(prof), stream=buffer).strip_dirs().sort_stats("tottime").print_stats(15)
    text = buffer.getvalue()
    text = text[text.find("   ncalls"):] if "   ncalls" in text else text
    return child, parts, text


# -- environment ---------------------------------------------------------------------------------------

def environment() -> dict:
    import pypdfium2.version
    import scrapy
    import twisted

    def command(argv):
        try:
            result = subprocess.run(argv, capture_output=True, text=True)
            return (result.stdout + result.stderr).strip()
        except OSError:
            return ""

    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = next((int(l.split()[1]) for l in Path("/proc/meminfo").read_text().splitlines()
                      if l.startswith("MemTotal:")), 0)
    poppler = command([pdfx.PDFTOTEXT, "-v"]).splitlines()
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": command(["nproc"]) or str(os.cpu_count()),
        "cpu": cpu or platform.processor(),
        "memory": f"{memory_kb / 1024 / 1024:.1f} GiB",
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "scrapy": scrapy.__version__,
        "twisted": twisted.__version__,
        "pypdfium2": f"{pypdfium2.version.PYPDFIUM_INFO} (PDFium {pypdfium2.version.PDFIUM_INFO})",
        "poppler": poppler[0] if poppler else "not found",
        "sqlite": sqlite3.sqlite_version,
        "load": " / ".join(f"{value:.2f}" for value in os.getloadavg()),
    }


# -- PDF extraction ------------------------------------------------------------------------------------

def pdf_benchmark(work: Path, reps: int) -> tuple[list[pdfx.SetResult], float, pdfx.PdfFile, tuple]:
    log("PDF text extraction: pdf_pages (in-process) against pdftotext (one process per file)")
    sets = []
    real = sorted(REALWORLD_PDFS.glob("*.pdf")) if REALWORLD_PDFS.is_dir() else []
    if real:
        sets.append(pdfx.SetResult("real council PDFs", f"`{os.path.relpath(REALWORLD_PDFS, ROOT)}/*.pdf`, read in place",
                                   pdfx.load_files(real)))
    else:
        log(f"  {REALWORLD_PDFS} not found: real council PDFs skipped")
    demo = pdfx.demo_site_pdfs()
    sets.append(pdfx.SetResult("demo site PDFs", "`load_site(\"demo\")`, every documents/*.pdf",
                               pdfx.write_files(work / "demo-pdfs", demo)))
    generated = [("prose-20-pages.pdf", pdfx.prose_pdf(20, seed=20)), ("prose-100-pages.pdf", pdfx.prose_pdf(100, seed=100))]
    sets.append(pdfx.SetResult("generated prose PDFs", "fpdf2, 20 and 100 dense pages",
                               pdfx.write_files(work / "generated-pdfs", generated)))
    for result in sets:
        pdfx.run_set(result, reps, log)
    one_page = pdfx.write_files(work / "one-page", [("one-line.pdf", pdfx.one_line_pdf())])[0]
    startup = pdfx.startup_seconds(one_page, runs=max(10, reps * 4))
    log(f"  pdftotext on a one-line, one-page PDF: {startup * 1000:.1f} ms a run (mostly process start-up)")
    largest = max((f for s in sets for f in s.files), key=lambda f: f.pages)
    breakdown = pdfx.pdfium_breakdown(largest.data, reps)
    poppler_page = (statistics.median(pdfx.time_pdftotext([largest])[0] for _ in range(reps)) - startup) / largest.pages
    ours_page = statistics.median(pdfx.time_ours([largest])[0] for _ in range(reps)) / largest.pages
    log(f"  {largest.name}: PDFium ms a page " + ", ".join(f"{k} {v:.2f}" for k, v in breakdown.items())
        + f"; pdftotext {poppler_page * 1000:.2f} ms a page less start-up")
    return sets, startup, one_page, (largest, breakdown, poppler_page, ours_page)


# -- report --------------------------------------------------------------------------------------------

def _net(pages: int, seconds: float, measured: float) -> str:
    """Pages a second once start-up is taken out; n/a when start-up explains 90 % of the time or more."""
    return f"{pages / seconds:.0f}" if seconds > 0.1 * measured else "n/a: start-up is ≥ 90 %"


def met(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def rate(count: float, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("nan")


def report(args, env, command, total, server_argv, ours, noops, recrawl, url_count, sets, startup, one_page,
           breakdown, profile) -> str:
    best_ours, best_noop = fastest(ours), fastest(noops)
    ours_rate = rate(best_ours.info["requests"], best_ours.info["run_seconds"])
    noop_rate = rate(best_noop.info["requests"], best_noop.info["run_seconds"])
    ratio = ours_rate / noop_rate
    ratio_wall = rate(best_ours.info["requests"], best_ours.wall) / rate(best_noop.info["requests"], best_noop.wall)
    cpu = cpu_figures(ours, noops)
    first = ours[0]
    peak = max(c.peak_mb for c in [*ours, recrawl])
    pages = sum(s.pages for s in sets)
    ours_total = sum(s.ours_median for s in sets)
    poppler_total = sum(s.poppler_median for s in sets)
    pdf_ratio = (pages / ours_total) / (pages / poppler_total)
    worst = min(sets, key=lambda s: s.poppler_median / s.ours_median)
    worst_ratio = worst.poppler_median / worst.ours_median
    r = recrawl.info
    lines = [
        "# Benchmarks",
        "",
        f"Written by `benchmarks/run.py` on {env['date']}; the whole run took {total / 60:.1f} minutes. "
        "Run it again rather than editing the figures by hand.",
        "",
        "## Summary",
        "",
        "| Measurement | Goal | Figure | |",
        "|---|---|---|---|",
        f"| Crawl throughput, ours / no-op Scrapy spider ({args.meetings:,} meetings) | ≥ {GOAL_RATIO} "
        f"| {ratio:.2f} ({ours_rate:.0f} vs {noop_rate:.0f} requests/s) | {met(ratio >= GOAL_RATIO)} |",
        f"| CPU per request, no-op / ours (the ratio throughput tends to when the server is not the limit; §1) "
        f"| (no goal) | {cpu['ratio']:.2f} ({cpu['ours_ms']:.1f} vs {cpu['noop_ms']:.1f} ms) | |",
        f"| Re-crawl of the unchanged site: document bodies downloaded | 0 | {r['documents_downloaded']} "
        f"| {met(r['documents_downloaded'] == 0)} |",
        f"| Re-crawl: documents new / changed | 0 / 0 | {r['documents_new']} / {r['documents_changed']} "
        f"| {met(r['documents_new'] == 0 and r['documents_changed'] == 0)} |",
        f"| PDF text extraction, `pdf_pages` / `pdftotext` pages per second, all sets | ≥ {GOAL_PDF_RATIO} "
        f"| {pdf_ratio:.2f} | {met(pdf_ratio >= GOAL_PDF_RATIO)} |",
        f"| PDF text extraction, lowest set ({worst.name}) | ≥ {GOAL_PDF_RATIO} | {worst_ratio:.2f} "
        f"| {met(worst_ratio >= GOAL_PDF_RATIO)} |",
        f"| Peak memory (RSS) of our {args.meetings:,}-meeting crawl | < {GOAL_PEAK_MB} MB | {peak:.0f} MB "
        f"| {met(peak < GOAL_PEAK_MB)} |",
        "",
        "## Machine and versions",
        "",
        "| | |",
        "|---|---|",
        f"| Date | {env['date']} |",
        f"| `nproc` | {env['nproc']} |",
        f"| CPU | {env['cpu']} |",
        f"| Memory | {env['memory']} |",
        f"| OS | {env['os']} |",
        f"| Python | {env['python']} |",
        f"| Scrapy / Twisted | {env['scrapy']} / {env['twisted']} |",
        f"| pypdfium2 | {env['pypdfium2']} |",
        f"| poppler (`pdftotext -v`) | {env['poppler']} |",
        f"| SQLite | {env['sqlite']} |",
        f"| Load average (1 / 5 / 15 min) when the run started | {env['load']} |",
        "",
        "Command:",
        "",
        "```sh",
        command,
        "```",
        "",
        f"Site server (own process): `{shlex.join(_short(server_argv))}` (a free port). "
        f"Crawl settings for both spiders: `{' '.join(speed_settings(args.concurrency))}`; both obey robots.txt "
        "and send the project's User-Agent.",
        "",
        "## 1. Crawl throughput",
        "",
        f"Our crawl: `python -m promises.cli crawl URL --data-dir TMP --since {SINCE} "
        f"{' '.join(speed_settings(args.concurrency))} -s PROMISES_PROGRESS_INTERVAL=0`. "
        f"The no-op spider (`benchmarks/noop_spider.py`, a plain `scrapy.Spider` whose callback does nothing) "
        f"requests the {url_count:,} URLs of the first crawl's `fetches` table; its RobotsTxtMiddleware adds "
        "robots.txt, as in our crawl. Order: ours #1, no-op #1, the re-crawl (§2), then ours and no-op alternately.",
        "",
        "| Run | Requests | Crawl time (s) | Requests/s | Wall time (s) | Requests/s (wall) | Crawler CPU (s) | Server CPU (s) | Other CPU (s) | Loopback traffic (MB) | Peak RSS (MB) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for child in [*ours, *noops]:
        i = child.info
        lines.append(
            f"| {child.label} | {i['requests']:,} | {i['run_seconds']:.1f} | {rate(i['requests'], i['run_seconds']):.0f} "
            f"| {child.wall:.1f} | {rate(i['requests'], child.wall):.0f} | {child.cpu:.1f} | {child.server_cpu:.1f} "
            f"| {child.other_cpu:.1f} | {child.loopback / 1e6:.1f} | {child.peak_mb:.0f} |")
    lines += [
        "",
        f"Fastest run of each (other work on the machine can only slow a run down): ours **{ours_rate:.0f}** "
        f"requests/s ({best_ours.label}), no-op **{noop_rate:.0f}** ({best_noop.label}), ratio **{ratio:.2f}** "
        f"(goal ≥ {GOAL_RATIO}: {met(ratio >= GOAL_RATIO)}). Counted on wall time (process start-up included) "
        f"the ratio is {ratio_wall:.2f}.",
        "",
        f"In those runs, CPU per request: ours {cpu['ours_ms']:.1f} ms, no-op {cpu['noop_ms']:.1f} ms (no-op / ours = "
        f"**{cpu['ratio']:.2f}**). Busy share of one core: our crawler {cpu['ours_core']:.0%}, the no-op spider "
        f"{cpu['noop_core']:.0%}; the site server {cpu['server_in_ours']:.0%} during our runs and "
        f"{cpu['server_in_noop']:.0%} during the no-op runs. " + cpu["verdict"],
        "",
        "Crawl time is the `crawl_runs` row's `finished - started` for ours (whole seconds) and Scrapy's "
        "`elapsed_time_seconds` for the no-op spider; both run from spider open to spider close. Our crawl also "
        "parses every page, extracts the text of every PDF, hashes and archives every body, looks up and stores "
        "validators in SQLite for every request and writes meetings, items and documents to SQLite; the no-op "
        "spider does none of that.",
        "",
        "## 2. Re-crawl of the unchanged site",
        "",
        "The same command again on the first crawl's data folder, against the same server.",
        "",
        "| | First crawl | Re-crawl | Goal |",
        "|---|---:|---:|---|",
        f"| Requests | {first.info['requests']:,} | {r['requests']:,} | |",
        f"| Bytes, `crawl_runs.bytes` (Scrapy's `downloader/response_bytes`) | {first.info['bytes']:,} | {r['bytes']:,} | |",
        f"| Loopback traffic during the crawl (`/proc/net/dev`, lo) | {first.loopback:,} "
        f"| {recrawl.loopback:,} | |",
        f"| Meetings | {first.info['meetings']:,} | {r['meetings']:,} | |",
        f"| Document bodies downloaded | {first.info['documents_downloaded']:,} | {r['documents_downloaded']:,} "
        f"| 0: {met(r['documents_downloaded'] == 0)} |",
        f"| Documents new | {first.info['documents_new']:,} | {r['documents_new']:,} | 0: {met(r['documents_new'] == 0)} |",
        f"| Documents changed | {first.info['documents_changed']:,} | {r['documents_changed']:,} "
        f"| 0: {met(r['documents_changed'] == 0)} |",
        f"| Documents unchanged | {first.info['documents_unchanged']:,} | {r['documents_unchanged']:,} | |",
        f"| Errors | {first.info['errors']:,} | {r['errors']:,} | |",
        f"| Crawl time (s) | {first.info['run_seconds']:.0f} | {r['run_seconds']:.0f} | |",
        f"| Wall time (s) | {first.wall:.1f} | {recrawl.wall:.1f} | |",
        f"| Peak RSS (MB) | {first.peak_mb:.0f} | {recrawl.peak_mb:.0f} | |",
        "",
        "## 3. PDF text extraction",
        "",
        f"`pipeline.text.pdf_pages(bytes)` in this process against `pdftotext FILE -` in one new process per file, "
        f"on the same files. Each set is timed {args.pdf_reps} times after a warm-up, the two alternating; "
        "the table gives the median. Pages are counted by PDFium.",
        "",
        "| Set | Files | Pages | KB | `pdf_pages` (ms) | pages/s | `pdftotext` (ms) | pages/s | `pdftotext` less start-up, pages/s | Ratio | Goal ≥ 1.0 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for s in sets:
        net = s.poppler_median - len(s.files) * startup
        lines.append(
            f"| {s.name} ({s.note}) | {len(s.files)} | {s.pages} | {s.bytes / 1024:.0f} | {s.ours_median * 1000:.1f} "
            f"| {s.pages / s.ours_median:.0f} | {s.poppler_median * 1000:.1f} | {s.pages / s.poppler_median:.0f} "
            f"| {_net(s.pages, net, s.poppler_median)} | {s.poppler_median / s.ours_median:.2f} "
            f"| {met(s.poppler_median >= s.ours_median)} |")
    files = sum(len(s.files) for s in sets)
    net_total = poppler_total - files * startup
    lines += [
        f"| **All** | {files} | {pages} | {sum(s.bytes for s in sets) / 1024:.0f} | {ours_total * 1000:.1f} "
        f"| {pages / ours_total:.0f} | {poppler_total * 1000:.1f} | {pages / poppler_total:.0f} "
        f"| {_net(pages, net_total, poppler_total)} | {pdf_ratio:.2f} | {met(pdf_ratio >= 1)} |",
        "",
        f"`pdftotext` start-up: one run on a one-page PDF holding one short line ({len(one_page.data):,} bytes) takes "
        f"**{startup * 1000:.1f} ms** (median); the \"less start-up\" column subtracts that once per file, so it "
        "estimates poppler's own extraction speed. Characters extracted (sanity check, last repetition): "
        + "; ".join(f"{s.name} {s.ours_chars:,} (`pdf_pages`) / {s.poppler_chars:,} (`pdftotext`)" for s in sets) + ".",
        "",
        f"Where `pdf_pages` spends its time on the largest file ({breakdown[0].name}, {breakdown[0].pages} pages), "
        "timing the same PDFium calls it makes, in milliseconds a page: "
        + ", ".join(f"`{name}` {ms:.2f}" for name, ms in breakdown[1].items())
        + f" (total {sum(breakdown[1].values()):.2f}; `pdf_pages` on the whole file: {breakdown[3] * 1000:.2f} ms a page); "
        f"`pdftotext` less start-up: {breakdown[2] * 1000:.2f} ms a page. "
        f"`FPDFText_LoadPage` (PDFium building the page's text layout) is "
        f"{breakdown[1]['FPDFText_LoadPage'] / sum(breakdown[1].values()):.0%} of the PDFium time.",
        "",
        "## 4. Peak memory",
        "",
        "Peak resident set size of each crawl process (`ru_maxrss` from `os.wait4` on that one child).",
        "",
        "| Process | Peak RSS (MB) | Goal |",
        "|---|---:|---|",
    ]
    for child in [*ours, recrawl]:
        lines.append(f"| {child.label} | {child.peak_mb:.0f} | < {GOAL_PEAK_MB} MB: {met(child.peak_mb < GOAL_PEAK_MB)} |")
    for child in noops:
        lines.append(f"| {child.label} | {child.peak_mb:.0f} | (baseline) |")
    if profile:
        child, p, text = profile
        total_p = p["total"]
        requests = child.info["requests"]

        def share(seconds):
            return f"| {seconds:.1f} | {seconds / total_p:.0%} |"

        lines += [
            "",
            "## Profile of our crawl",
            "",
            f"One more first crawl (fresh folder) under `python -m cProfile`: {child.wall:.0f} s wall, "
            f"{total_p:.0f} s profiled (the profiler slows Python code down; shares matter, not seconds). "
            "Rows overlap (SQLite time sits inside the pipeline and the middleware); the rest is Scrapy, Twisted "
            "and asyncio.",
            "",
            "| Where the time goes | Seconds | Share |",
            "|---|---:|---:|",
            f"| Item pipeline (`StorePipeline.process_item`: documents, meetings, items) {share(p['pipeline'])}",
            f"| Own time in sqlite-utils and the `sqlite3` module {share(p['sqlite'])}",
            f"| `ConditionalRequestsMiddleware` (validator look-up, archive, `fetches`) {share(p['middleware'])}",
            f"| Spider callbacks (parsing) {share(p['callbacks'])}",
            f"| `pipeline.text.pdf_pages` {share(p['pdf'])}",
            f"| Scrapy's disk queue in `jobs/` (push and pop) {share(p['queue'])}",
            f"| ... of which `Request._find_method` (`inspect.getmembers` on the spider per request) "
            f"{share(p['find_method'])}",
            f"| Waiting for the network (`epoll.poll`) {share(p['epoll'])}",
            "",
            f"SQL statements: {p['statements']:,} for {requests:,} requests ({p['statements'] / max(requests, 1):.0f} "
            f"a request). sqlite-utils asked `sqlite_master` for the table list {p['table_names']:,} times "
            f"(`Table.exists` → `Database.table_names`) and ran `PRAGMA table_info` {p['columns']:,} times "
            f"(`Table.columns`), from {p['get_row']:,} `db.store.get_row` calls (`Table.get`) and {p['upserts']:,} "
            "upserts. Top functions by own time:",
            "",
            "```",
            text.rstrip(),
            "```",
        ]
    lines += [
        "",
        "## How to reproduce",
        "",
        "```sh",
        "make bench                                             # = .venv/bin/python benchmarks/run.py (2,000 meetings)",
        ".venv/bin/python benchmarks/run.py --meetings 200      # quick check, under a minute",
        ".venv/bin/python benchmarks/run.py --profile           # adds a cProfile'd crawl (benchmarks/out/crawl.prof)",
        "```",
        "",
        "Options: `--meetings N` (site size), `--repeat K` (crawl/no-op pairs), `--pdf-reps K`, `--concurrency N`, "
        "`--out FILE`. Nothing leaves 127.0.0.1; the real council PDFs are read from `../shared/realworld` only when "
        "that folder exists. Close other work first: the site server, the crawler and the runner share the machine.",
        "",
        "## What the numbers mean",
        "",
        _meaning(args, ours, noops, recrawl, ratio, sets, startup),
        "",
    ]
    return "\n".join(lines)


def fastest(runs: list[Child]) -> Child:
    """The run with the highest request rate (crawl time, not wall time)."""
    return max(runs, key=lambda c: rate(c.info["requests"], c.info["run_seconds"]))


def cpu_figures(ours: list[Child], noops: list[Child]) -> dict:
    """CPU per request and busy shares (of one core) of crawler and server, from the fastest run of each."""
    o, n = fastest(ours), fastest(noops)
    figures = {
        "ours_ms": o.cpu / o.info["requests"] * 1000, "noop_ms": n.cpu / n.info["requests"] * 1000,
        "ours_core": o.cpu / o.wall, "noop_core": n.cpu / n.wall,
        "server_in_ours": o.server_cpu / o.wall, "server_in_noop": n.server_cpu / n.wall,
    }
    figures["ratio"] = figures["noop_ms"] / figures["ours_ms"]
    verdict = []
    if figures["ours_core"] >= 0.75:
        verdict.append("Our crawl is bound by its own CPU: one Python thread, nearly always busy.")
    if figures["server_in_noop"] > figures["noop_core"]:
        verdict.append(
            "The no-op runs are bound by the site server (one Python process, one GIL), not by Scrapy, so the "
            "no-op rate understates what Scrapy alone can do and the throughput ratio above is flattering. "
            f"Against a server that kept up, the ratio would tend towards the CPU ratio, {figures['ratio']:.2f}"
            + (", below the goal of 0.5." if figures["ratio"] < GOAL_RATIO else ", still within the goal."))
    figures["verdict"] = " ".join(verdict)
    return figures


def _meaning(args, ours, noops, recrawl, ratio, sets, startup) -> str:
    small = [s for s in sets if s.poppler_median < s.ours_median]
    first, r = ours[0].info, recrawl.info
    noisiest = max([*ours, *noops, recrawl], key=lambda c: c.other_cpu / c.wall)
    best_ours, best_noop = fastest(ours), fastest(noops)
    paragraphs = [
        f"- **Throughput is a ratio, not a promise about real councils.** With the project's defaults a crawl "
        "waits about a second between requests to a council (AutoThrottle slows it further), so real crawls run "
        "at about one request a second whatever the code costs. Here the delay is off and the site is local, so the "
        "figures show how much work the crawler does per response. The site server is Python too (it renders "
        "every page and builds every PDF with fpdf2 on request) and shares the "
        f"{args_nproc()} cores with the crawler, so the measured ratio ({ratio:.2f}) depends on how fast that "
        f"server is; the CPU cost per request (ratio {cpu_figures(ours, noops)['ratio']:.2f}) does not, and is "
        "the figure to watch when the crawler's own code changes.",
        f"- **Re-crawl.** Documents carry `ETag` and `Last-Modified`, so the second crawl asks for them "
        f"conditionally, gets `304 Not Modified` and completes them from the archive: "
        f"{r['documents_downloaded']} bodies downloaded, {r['documents_unchanged']:,} documents unchanged. "
        f"Meeting pages and lists (`*.aspx`) are sent, like ModernGov's, with `Cache-Control: private` and no "
        f"validators, so they are downloaded again: that is why the re-crawl still makes {r['requests']:,} "
        f"requests; loopback traffic fell from {ours[0].loopback / 1e6:.1f} MB to {recrawl.loopback / 1e6:.1f} MB "
        f"({recrawl.loopback / max(ours[0].loopback, 1):.0%}; the counter covers every loopback connection on the "
        "machine, so it is exact only when nothing else talks over 127.0.0.1)."
        + (f" `crawl_runs.bytes` does not show that saving ({r['bytes'] / 1e6:.1f} MB against "
           f"{first['bytes'] / 1e6:.1f} MB): it is Scrapy's `downloader/response_bytes`, counted by "
           "DownloaderStats (850) after ConditionalRequestsMiddleware (950) has replaced each 304 with the "
           "archived body, so archived bodies are counted as if received."
           if r["bytes"] > 0.9 * first["bytes"] and recrawl.loopback < 0.9 * ours[0].loopback else ""),
        f"- **PDF extraction.** `pdf_pages` runs inside the crawler on bytes already in memory; `pdftotext` pays "
        f"a process start-up (about {startup * 1000:.0f} ms here) per file, which dominates on the short demo "
        "reports and matters less as files grow. The \"less start-up\" column shows poppler's own speed per page "
        "for comparison; the goal is stated against `pdftotext` as a user runs it. "
        + ("Every set meets the goal." if not small else
           "Sets below the goal: " + ", ".join(s.name for s in small) + "."),
        "- **Memory.** Peak RSS covers the whole crawl process: Python, Scrapy, lxml, PDFium, the scheduler's "
        "queues (on disk in `jobs/`, as with every `promises crawl`) and responses in flight. The no-op spider's "
        "peak shows what Scrapy alone needs for the same URL list held in memory.",
        "- **Noise.** Crawl times in `crawl_runs` have one-second resolution; a run of a minute is then good to "
        "about 2 %. \"Other CPU\" is what the rest of the machine used during a run (all CPU time in "
        "`/proc/stat` less the crawler, the server and the runner): "
        + (f"up to {noisiest.other_cpu:.1f} s here ({noisiest.label}, {noisiest.other_cpu / noisiest.wall:.0%} of a "
           "core), so that run shared the machine with other work and is slower than it should be. "
           if noisiest.other_cpu > 0.05 * noisiest.wall else
           f"at most {noisiest.other_cpu:.1f} s a run here, so the runs had the machine to themselves. ")
        + f"The ratio uses the fastest run of each, {best_ours.label} and {best_noop.label}, during which other work "
        f"used {best_ours.other_cpu:.1f} s and {best_noop.other_cpu:.1f} s of CPU. Compare ratios rather than "
        "absolute rates across machines.",
    ]
    return "\n".join(paragraphs)


def args_nproc() -> str:
    return str(len(os.sched_getaffinity(0)))


# -- main ----------------------------------------------------------------------------------------------

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=2000, help="size of the generated site (default 2000)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md", help="Markdown report")
    parser.add_argument("--repeat", type=int, default=3, help="first crawls and no-op runs, alternating (default 3)")
    parser.add_argument("--pdf-reps", type=int, default=5, help="timed repetitions per PDF set (default 5)")
    parser.add_argument("--concurrency", type=int, default=16, help="CONCURRENT_REQUESTS(_PER_DOMAIN) (default 16)")
    parser.add_argument("--profile", action="store_true", help="also run one crawl under cProfile")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (data, URL list, stats)")
    args = parser.parse_args(argv)
    if args.meetings < 1 or args.repeat < 1 or args.pdf_reps < 1:
        parser.error("--meetings, --repeat and --pdf-reps must be at least 1")
    command = shlex.join([os.path.relpath(sys.executable, ROOT) if sys.executable.startswith(str(ROOT)) else sys.executable,
                          os.path.relpath(Path(__file__).resolve(), ROOT), *(sys.argv[1:] if argv is None else argv)])
    env = environment()
    log(f"benchmarks: {args.meetings} meetings, {env['nproc']} CPUs, Python {env['python']}, Scrapy {env['scrapy']}")
    work = Path(tempfile.mkdtemp(prefix="promises-bench-"))
    log(f"scratch folder {work}")
    ours, noops, profile = [], [], None
    try:
        server = SiteServer(args.meetings)
        log(f"site bench:{args.meetings} served at {server.url} (pid {server.proc.pid})")
        try:
            urls_file = work / "urls.txt"
            for n in range(1, args.repeat + 1):
                ours.append(our_crawl(f"ours #{n}", server, work / f"data{n}", args.concurrency))
                if n == 1:
                    url_count, fetch_rows = write_url_list(work / "data1", urls_file)
                    log(f"  {fetch_rows} rows in fetches; {url_count} URLs for the no-op spider (+ robots.txt)")
                noops.append(noop_crawl(f"no-op #{n}", server, urls_file, work / f"noop{n}.json", args.concurrency))
                if n == 1:
                    recrawl = our_crawl("re-crawl", server, work / "data1", args.concurrency)
            if args.profile:
                out = BENCH / "out"
                out.mkdir(exist_ok=True)
                profile = profile_crawl(server, work / "profiled", args.concurrency, out / "crawl.prof")
        finally:
            server.stop()
        sets, startup, one_page, breakdown = pdf_benchmark(work, args.pdf_reps)
    finally:
        if args.keep:
            log(f"scratch folder kept: {work}")
        else:
            import shutil
            shutil.rmtree(work, ignore_errors=True)
    total = time.perf_counter() - T0
    text = report(args, env, command, total, server.argv, ours, noops, recrawl, url_count, sets, startup, one_page,
                  breakdown, profile)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    log(f"report written to {os.path.relpath(args.out.resolve(), ROOT)} ({total / 60:.1f} minutes in all)")
    print("\n".join(line for line in text.splitlines()[6:16]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
