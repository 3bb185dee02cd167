"""Tagging speed: `pipeline.tagger.tag` on a generated corpus of minutes-like text (benchmarks/minutes_corpus.py).

    .venv/bin/python benchmarks/tagging.py [--mb 20] [--series 5,10,20,40] [--out docs/tagging-speed.md]
    .venv/bin/python benchmarks/tagging.py --mb 2 --series 1,2 --out /tmp/tagging-quick.md   # quick check

Goals (the issue): at least 1 MB of text (UTF-8 bytes) per second on one core, peak memory flat as the
corpus grows, and the ratio against `dateparser.search.search_dates` over the same sentences.

Every measurement runs in a fresh child process (this script with --child) pinned to one CPU with
os.sched_setaffinity (like `taskset -c CPU`); the children run one after another, never together.

1. throughput: warm up on a separate small sample (another seed), clear the tagger's classify() cache,
   generate the --mb corpus into a list (not timed), then tag every document once, in one pass:
   MB/s, documents/s, commitments per MB, MB/s by document size, and corpus statistics.
2. memory: for each size in --series, a fresh process generates documents one at a time and tags
   them, keeping only counts; peak RSS (ru_maxrss, and VmHWM) against the RSS after the warm-up.
3. dateparser: the first documents of the same corpus split with pipeline.sentences.sentences, and
   search_dates run on every sentence (DMY, RELATIVE_BASE = the document's date, PREFER_DATES_FROM
   future, languages=["en"]) until --dateparser-mb of body text or --dateparser-seconds; the tagger is
   then timed on the same documents, so the ratio compares the same text.
4. profile: cProfile over tagging --profile-mb of the corpus (benchmarks/out/tagging.prof), the top
   functions by cumulative and by internal time, and who calls the regular expression methods.
5. regex and whatif: the questions the tagger asks of its hot vocabularies, answered with each
   vocabulary compiled as one alternation, regrouped behind one shared \\b, and regrouped on lower-cased
   text without re.IGNORECASE, and by the tagger's own calls; then the whole tagger on --whatif-mb of the
   corpus in three processes (as it is; with the one-alternation or the regrouped compilation installed
   in that process only), comparing speed and a digest of the output. No project file is changed.
6. paragraphs: one-line documents (the corpus with whitespace collapsed) of --paragraph-kb sizes, to
   catch work that grows with the length of a line; the largest one is profiled.

Nothing is written except --out and the profile; the corpus lives in memory only.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MB = 1_000_000
WARMUP_BYTES = 300_000
WARMUP_SEED_OFFSET = 1000
SIZE_BANDS = [(5, 10), (10, 20), (20, 40), (40, 81)]  # KB (1 KB = 1,024 bytes)
DATEPARSER_SETTINGS = {"DATE_ORDER": "DMY", "PREFER_DATES_FROM": "future"}


# ----------------------------------------------------------------------------- helpers (children)


def _pin(cpu: int) -> None:
    os.sched_setaffinity(0, {cpu})


def _status(field: str) -> float:
    """A /proc/self/status field in MB (VmRSS, VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _warm_up(seed: int) -> int:
    """Tag a small sample of another seed, so that every pattern is compiled and every vocabulary loaded."""
    from benchmarks.minutes_corpus import documents
    from pipeline.commitments import classify
    from pipeline.tagger import tag

    size = 0
    for doc in documents(WARMUP_BYTES, seed + WARMUP_SEED_OFFSET):
        tag(doc.body, doc.published, doc.council, doc.title)
        size += doc.size
    classify.cache_clear()  # the corpus gets an empty cache: only its own repeated text can hit
    return size


def _child_throughput(args: dict) -> dict:
    _pin(args["cpu"])
    from benchmarks.minutes_corpus import documents
    from pipeline.commitments import classify
    from pipeline.sentences import sentences
    from pipeline.tagger import tag

    warm = _warm_up(args["seed"])
    started = time.perf_counter()
    docs = list(documents(int(args["mb"] * MB), args["seed"]))
    generation = time.perf_counter() - started
    gc.collect()

    per_doc, starts = [], []
    found = send = dated = money = 0
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for doc in docs:
        t0 = time.perf_counter()
        result = tag(doc.body, doc.published, doc.council, doc.title)
        per_doc.append(time.perf_counter() - t0)
        found += len(result)
        for item in result:
            send += item["is_send"]
            dated += item["deadline"] is not None
            money += item["amount_gbp"] is not None
        starts.append([item["start"] for item in result])
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    cache = classify.cache_info()

    # Corpus statistics (not timed): sentences, the share holding a commitment, repeated sentences.
    total_sentences = with_commitment = repeated = 0
    seen: set[int] = set()
    for doc, commitment_starts in zip(docs, starts):
        spans = sentences(doc.body)
        total_sentences += len(spans)
        marks = sorted(commitment_starts)
        i = 0
        for span in spans:
            while i < len(marks) and marks[i] < span.start:
                i += 1
            if i < len(marks) and marks[i] < span.end:
                with_commitment += 1
            key = hash(span.text)
            repeated += key in seen
            seen.add(key)
    sizes = sorted(doc.size for doc in docs)
    bands = []
    for low, high in SIZE_BANDS:
        chosen = [(doc.size, t) for doc, t in zip(docs, per_doc) if low * 1024 <= doc.size < high * 1024]
        if chosen:
            bands.append({"band": f"{low}-{min(high, 80)} KB", "docs": len(chosen),
                          "mb_per_s": sum(s for s, _ in chosen) / MB / sum(t for _, t in chosen)})
    return {
        "warmup_bytes": warm, "generation_s": generation, "docs": len(docs),
        "bytes": sum(doc.size for doc in docs), "tag_s": sum(per_doc), "loop_wall_s": wall, "loop_cpu_s": cpu,
        "commitments": found, "send": send, "dated": dated, "money": money,
        "cache": {"hits": cache.hits, "misses": cache.misses, "maxsize": cache.maxsize},
        "sentences": total_sentences, "sentences_with_commitment": with_commitment, "repeated_sentences": repeated,
        "template_sentences": sum(doc.sentences for doc in docs),
        "template_commitments": sum(doc.commitments for doc in docs),
        "send_items": sum(doc.send_items for doc in docs), "items": sum(doc.items for doc in docs),
        "size_min": sizes[0], "size_median": sizes[len(sizes) // 2], "size_max": sizes[-1],
        "size_mean": statistics.fmean(sizes), "bands": bands,
        "per_doc_ms_median": statistics.median(per_doc) * 1000, "peak_rss_mb": _peak_rss_mb(),
    }


def _child_memory(args: dict) -> dict:
    _pin(args["cpu"])
    from benchmarks.minutes_corpus import documents
    from pipeline.tagger import tag

    _warm_up(args["seed"])
    gc.collect()
    baseline_rss, baseline_hwm = _status("VmRSS"), _status("VmHWM")
    docs = size = found = 0
    tagging = cpu = 0.0
    for doc in documents(int(args["mb"] * MB), args["seed"]):  # one document at a time
        t0, c0 = time.perf_counter(), time.process_time()
        found += len(tag(doc.body, doc.published, doc.council, doc.title))
        tagging += time.perf_counter() - t0
        cpu += time.process_time() - c0
        docs += 1
        size += doc.size
    return {"mb": args["mb"], "docs": docs, "bytes": size, "commitments": found, "tag_s": tagging,
            "cpu_share": cpu / tagging,
            "baseline_rss_mb": baseline_rss, "baseline_hwm_mb": baseline_hwm,
            "end_rss_mb": _status("VmRSS"), "peak_hwm_mb": _status("VmHWM"), "peak_rss_mb": _peak_rss_mb()}


def _child_dateparser(args: dict) -> dict:
    _pin(args["cpu"])
    import dateparser
    from dateparser.search import search_dates

    from benchmarks.minutes_corpus import documents
    from pipeline.sentences import sentences
    from pipeline.tagger import tag

    def settings(published: datetime.date) -> dict:
        return dict(DATEPARSER_SETTINGS, RELATIVE_BASE=datetime.datetime.combine(published, datetime.time()))

    _warm_up(args["seed"])
    for doc in documents(60_000, args["seed"] + WARMUP_SEED_OFFSET):  # dateparser loads its data lazily
        for span in sentences(doc.body)[:150]:
            search_dates(span.text, settings=settings(doc.published), languages=["en"])

    limit_bytes, limit_s = args["dateparser_mb"] * MB, args["dateparser_seconds"]
    sample, rows = [], []
    body_bytes = sentence_bytes = n_sentences = dates = errors = 0
    spent = 0.0
    cpu0 = time.process_time()
    for doc in documents(10**12, args["seed"]):
        spans = sentences(doc.body)
        doc_settings = settings(doc.published)
        t0 = time.perf_counter()
        for span in spans:
            try:
                found = search_dates(span.text, settings=doc_settings, languages=["en"])
            except Exception:  # noqa: BLE001 - count and go on, as a caller would
                errors += 1
                found = None
            dates += len(found or ())
        elapsed = time.perf_counter() - t0
        spent += elapsed
        doc_sentence_bytes = sum(len(span.text.encode("utf-8")) for span in spans)
        rows.append((doc.size, doc_sentence_bytes, elapsed))
        sample.append(doc)
        body_bytes += doc.size
        sentence_bytes += doc_sentence_bytes
        n_sentences += len(spans)
        if body_bytes >= limit_bytes or spent >= limit_s:
            break

    cpu_share = (time.process_time() - cpu0) / spent  # includes the (untimed) sentence split: an upper bound
    half = len(rows) // 2 or 1
    halves = [sum(r[0] for r in part) / MB / sum(r[2] for r in part) for part in (rows[:half], rows[half:]) if part]
    tag_s = 0.0
    for doc in sample:
        t0 = time.perf_counter()
        tag(doc.body, doc.published, doc.council, doc.title)
        tag_s += time.perf_counter() - t0
    return {"version": dateparser.__version__, "docs": len(sample), "body_bytes": body_bytes,
            "sentence_bytes": sentence_bytes, "sentences": n_sentences, "dates": dates, "errors": errors,
            "dateparser_s": spent, "halves_mb_per_s": halves, "tag_s": tag_s, "cpu_share": cpu_share}


def _child_profile(args: dict) -> dict:
    _pin(args["cpu"])
    import cProfile
    import pstats

    from benchmarks.minutes_corpus import documents
    from pipeline.tagger import tag

    _warm_up(args["seed"])
    docs = list(documents(int(args["profile_mb"] * MB), args["seed"]))
    profiler = cProfile.Profile()
    profiler.enable()
    for doc in docs:
        tag(doc.body, doc.published, doc.council, doc.title)
    profiler.disable()
    Path(args["prof_out"]).parent.mkdir(parents=True, exist_ok=True)
    profiler.dump_stats(args["prof_out"])
    stats = pstats.Stats(profiler)
    total = max([stats.total_tt] + [ct for (cc, nc, tt, ct, by) in stats.stats.values()])

    def label(func) -> str:
        path, line, name = func
        if path == "~":
            return name
        try:
            path = str(Path(path).resolve().relative_to(ROOT))
        except ValueError:
            path = Path(path).name
        return f"{path}:{line}({name})"

    rows = [{"func": label(func), "ncalls": nc, "tottime": tt, "cumtime": ct}
            for func, (cc, nc, tt, ct, callers) in stats.stats.items()]
    callers = {}
    for func, (cc, nc, tt, ct, by) in stats.stats.items():
        if func[0] == "~" and ("of 're.Pattern' objects" in func[2]):
            callers[func[2]] = sorted(({"caller": label(c), "ncalls": v[1], "tottime": v[2]} for c, v in by.items()),
                                      key=lambda r: -r["tottime"])[:8]
    regex_s = sum(tt for func, (cc, nc, tt, ct, by) in stats.stats.items() if "of 're.Pattern' objects" in func[2])

    def cumulative(module: str, name: str) -> float:
        return sum(ct for (path, line, fn), (cc, nc, tt, ct, by) in stats.stats.items()
                   if fn == name and path.endswith(module))

    # find_commitments splits with all_sentences since 2572fdb (sentences() before)
    split = cumulative("pipeline/sentences.py", "all_sentences") or cumulative("pipeline/sentences.py", "sentences")
    lost = cumulative("pipeline/outcomes.py", "lost_regions")
    stages = [
        ("Sentences: paragraphs, split, trim (`sentences.all_sentences`)", split),
        ("Lost motions (`outcomes.lost_regions`)", lost),
        ("Commitment finding: cue gate, boilerplate, clauses, `classify` (`find_commitments` less the two above)",
         cumulative("pipeline/commitments.py", "find_commitments") - split - lost),
        ("SEND (`topics.is_send`, with `send_focus`, and `section_context`)",
         cumulative("pipeline/topics.py", "is_send") + cumulative("pipeline/topics.py", "section_context")),
        ("Deadline (`tagger._deadline`: `find_anchor`, `find_deadline`)", cumulative("pipeline/tagger.py", "_deadline")),
        ("Money and quantity (`amounts.commitment_amount`, `commitment_quantity`)",
         cumulative("pipeline/amounts.py", "commitment_amount") + cumulative("pipeline/amounts.py", "commitment_quantity")),
        ("Actor (`actors.actor`)", cumulative("pipeline/actors.py", "actor")),
    ]
    stages.append(("Everything else", total - sum(t for _, t in stages)))
    return {"bytes": sum(doc.size for doc in docs), "docs": len(docs), "total_s": total, "regex_s": regex_s,
            "stages": stages,
            "by_cumulative": sorted(rows, key=lambda r: -r["cumtime"])[:12],
            "by_internal": sorted(rows, key=lambda r: -r["tottime"])[:12], "regex_callers": callers}


_ACRONYM = r"^\(\?-i:\\b(.*?)\\b\)(.*)$"  # "(?-i:\bSEND\b)..." -> "\b(?-i:SEND)\b..." (the same regex)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _lower(text: str) -> str:
    """Lower case with the same offsets (as pipeline.deadlines._lower)."""
    lower = text.lower()
    return lower if len(lower) == len(text) else text.translate(_ASCII_LOWER)


def _single(patterns, flags=None):
    """A vocabulary as one alternation, entry after entry (how pipeline.vocabulary.any_of compiled it at
    the start of this work)."""
    import re

    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE if flags is None else flags)


def _regrouped(patterns, flags=None):
    """A vocabulary with the entries that start with \\b behind one shared \\b(?:...) ("(?-i:\\bX\\b)" entries
    first rewritten "\\b(?-i:X)\\b", the same regex), the others after it. Python's `re` tries an alternation
    entry by entry at every character unless every entry starts with the same token."""
    import re

    from pipeline.vocabulary import _alternates

    acronym = re.compile(_ACRONYM)
    entries = []
    for pattern in patterns:
        match = acronym.match(pattern)
        entries.append(rf"\b(?-i:{match[1]})\b{match[2]}" if match else pattern)
    shared = [p[2:] for p in entries if p.startswith(r"\b") and not _alternates(p)]
    rest = [p for p in entries if not p.startswith(r"\b") or _alternates(p)]
    parts = ([r"\b(?:" + "|".join(f"(?:{p})" for p in shared) + ")"] if shared else []) + [f"(?:{p})" for p in rest]
    return re.compile("|".join(parts), re.IGNORECASE if flags is None else flags)


def _install(builder) -> bool:
    """Make the tagger compile its vocabularies with `builder` (this process only; no file changes).
    False when pipeline.vocabulary no longer has the `_compiled` hook."""
    import functools

    import pipeline.sentences
    import pipeline.vocabulary

    if not hasattr(pipeline.vocabulary, "_compiled"):
        return False
    pipeline.vocabulary._compiled = functools.cache(lambda patterns, flags=None: builder(list(patterns), flags))
    if hasattr(pipeline.sentences, "_boilerplate"):  # before boilerplate went through any_of
        terms = pipeline.vocabulary.vocabulary("boilerplate")["patterns"]
        pipeline.sentences._boilerplate = functools.cache(lambda: builder(terms))
    return True


def _child_whatif(args: dict) -> dict:
    """Tag the same slice of the corpus with the vocabularies compiled as `variant` ("as is", "single",
    "regrouped"); a digest of every result shows whether the output changes."""
    _pin(args["cpu"])
    import hashlib

    builders = {"single": _single, "regrouped": _regrouped}
    installed = _install(builders[args["variant"]]) if args["variant"] in builders else True
    from benchmarks.minutes_corpus import documents
    from pipeline.tagger import tag

    _warm_up(args["seed"])
    docs = list(documents(int(args["whatif_mb"] * MB), args["seed"]))
    digest, spent, cpu = hashlib.sha256(), 0.0, 0.0
    for doc in docs:
        t0, c0 = time.perf_counter(), time.process_time()
        result = tag(doc.body, doc.published, doc.council, doc.title)
        spent += time.perf_counter() - t0
        cpu += time.process_time() - c0
        digest.update(json.dumps(result, sort_keys=True).encode())
    return {"variant": args["variant"], "installed": installed, "bytes": sum(doc.size for doc in docs),
            "docs": len(docs), "tag_s": spent, "cpu_share": cpu / spent, "digest": digest.hexdigest()}


def _tagger_calls() -> dict:
    """The calls the tagger makes with each hot vocabulary, as the code stands (None where a name is gone)."""
    calls = {}
    try:
        from pipeline.commitments import _any_cue
        cue = _any_cue()
        calls["cues"] = (lambda t: bool(cue.search(t))) if hasattr(cue, "search") else (lambda t: bool(cue(t)))
    except ImportError:
        calls["cues"] = None
    try:
        from pipeline.commitments import _negatives
        calls["negatives"] = lambda t: bool(_negatives().search(t))
    except ImportError:
        calls["negatives"] = None
    from pipeline.sentences import is_boilerplate
    from pipeline.topics import mentions_send, send_focus

    calls["boilerplate"] = is_boilerplate
    calls["focus"] = send_focus
    calls["mentions"] = mentions_send
    return calls


def _child_regex(args: dict) -> dict:
    """The hot vocabularies compiled three ways by this script, and the tagger's own call, on the sentences
    (or bodies) of the corpus: `single` (one re.IGNORECASE alternation, entry after entry), `regrouped`
    (the entries starting with \\b behind one shared \\b, re.IGNORECASE), `lower` (regrouped, without
    re.IGNORECASE, on lower-cased text; `(?-i:...)` entries in a second pattern on the original text)."""
    _pin(args["cpu"])
    import math

    from benchmarks.minutes_corpus import documents
    from pipeline.sentences import sentences
    from pipeline.vocabulary import vocabulary

    _warm_up(args["seed"])
    calls = _tagger_calls()
    docs = list(documents(int(args["regex_mb"] * MB), args["seed"]))
    texts = [span.text for doc in docs for span in sentences(doc.body)]
    bodies = [doc.body for doc in docs]
    commitments = vocabulary("commitments")
    negatives = [p for name, group in commitments["negatives"].items() if name not in ("duty", "not_binding") for p in group]
    send = vocabulary("send")

    cases = [  # name, on, items, entries, what the tagger asks of them (built from a compiled pattern), its own call
        ("commitment cues: any?", "sentence", texts, [p for k in commitments["cues"] for p in commitments["cues"][k]],
         lambda find: (lambda t: find(t)), calls["cues"]),
        ("commitment negatives: any?", "sentence", texts, negatives, lambda find: (lambda t: find(t)), calls["negatives"]),
        ("boilerplate: any?", "sentence", texts, vocabulary("boilerplate")["patterns"],
         lambda find: (lambda t: find(t)), calls["boilerplate"]),
        ("SEND terms: one per 600 characters? (`send_focus`)", "body", bodies, send["terms"], None, calls["focus"]),
        ("SEND terms and weak terms: any? (`mentions_send`)", "sentence", texts, send["terms"] + send["weak_terms"],
         lambda find: (lambda t: find(t)), calls["mentions"]),
    ]

    def finder(patterns, how):
        if how == "lower":
            low = _regrouped([p for p in patterns if "(?-i:" not in p], 0)
            exact_entries = [p for p in patterns if "(?-i:" in p]
            exact = _regrouped(exact_entries, 0) if exact_entries else None
            return (lambda t: bool(low.search(_lower(t)) or (exact and exact.search(t))),
                    lambda t: len(low.findall(_lower(t))) + (len(exact.findall(t)) if exact else 0))
        regex = (_single if how == "single" else _regrouped)(patterns)
        return (lambda t: bool(regex.search(t))), (lambda t: len(regex.findall(t)))

    def timed(function, items):
        t0 = time.perf_counter()
        out = [bool(function(x)) for x in items]
        return time.perf_counter() - t0, out

    results = []
    for name, unit, items, patterns, asks, own in cases:
        row = {"name": name, "unit": unit, "items": len(items), "entries": len(patterns),
               "not_b": sum(not p.startswith(r"\b") for p in patterns)}
        reference = None
        for how in ("single", "regrouped", "lower"):
            find, count = finder(patterns, how)
            function = asks(find) if asks else (
                lambda body, count=count: len(body) > 0 and count(body) >= max(1, math.ceil(len(body) / 600)))
            seconds, out = timed(function, items)
            reference = out if reference is None else reference
            row[how + "_s"], row["same_" + how] = seconds, out == reference
        if own is not None:
            seconds, out = timed(own, items)
            row["own_s"], row["same_own"] = seconds, out == reference
        results.append(row)
    return {"bytes": sum(doc.size for doc in docs), "sentences": len(texts), "cases": results}


def _child_paragraphs(args: dict) -> dict:
    """Documents that are one long line (text taken from a web page, say): the corpus with its whitespace
    collapsed, cut at a space to each size. Throughput should not depend on the length of a paragraph."""
    _pin(args["cpu"])
    from benchmarks.minutes_corpus import document
    from pipeline.tagger import tag

    _warm_up(args["seed"])
    rows, index, text = [], 0, ""
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for kb in args["sizes_kb"]:
        size = kb * 1024
        total_bytes = spent = 0.0
        docs = found = 0
        while total_bytes < args["bytes_per_size"]:
            text = ""
            while len(text) < size:
                doc = document(args["seed"] + 7, index)
                index += 1
                text += (" " if text else "") + " ".join(doc.body.split())
            text = text[:text.rfind(" ", 0, size)]
            t0 = time.perf_counter()
            found += len(tag(text, doc.published, doc.council, doc.title))
            spent += time.perf_counter() - t0
            total_bytes += len(text.encode("utf-8"))
            docs += 1
        rows.append({"kb": kb, "docs": docs, "bytes": total_bytes, "tag_s": spent, "commitments": found})
    cpu_share = (time.process_time() - cpu0) / (time.perf_counter() - wall0)
    import cProfile
    import pstats

    profiler = cProfile.Profile()  # the last (largest) one-line document, once more, under the profiler
    profiler.enable()
    tag(text, doc.published, doc.council, doc.title)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = max(ct for (cc, nc, tt, ct, by) in stats.stats.values())
    skip = {"tag", "<listcomp>", "_describe", "<lambda>"}
    top = sorted(((f"{Path(path).name}:{line}({name})", ct / total) for (path, line, name), (cc, nc, tt, ct, by)
                  in stats.stats.items() if path.startswith(str(ROOT / "pipeline")) and name not in skip),
                 key=lambda item: -item[1])[:5]
    return {"rows": rows, "cpu_share": cpu_share, "largest_kb": args["sizes_kb"][-1], "profile_top": top}


_CHILDREN = {"throughput": _child_throughput, "memory": _child_memory, "dateparser": _child_dateparser,
             "profile": _child_profile, "regex": _child_regex, "whatif": _child_whatif,
             "paragraphs": _child_paragraphs}


# ----------------------------------------------------------------------------- parent


def run_child(script: str, kind: str, args: dict) -> dict:
    """Run `script --child` in a fresh process for one measurement; its last stdout line is the JSON result,
    to which the child's wall time is added."""
    payload = json.dumps(dict(args, kind=kind))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, script, "--child", payload], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"child {kind} failed ({done.returncode})")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["child_wall_s"] = time.perf_counter() - started
    return result


def _run_child(kind: str, args: dict) -> dict:
    result = run_child(__file__, kind, args)
    print(f"  {kind} {args.get('mb', '')} done in {result['child_wall_s']:.0f} s", file=sys.stderr, flush=True)
    return result


def _machine() -> dict:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = next((int(line.split()[1]) / 1024 / 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal:")), float("nan"))
    versions = {}
    for module in ("dateparser", "yaml", "regex"):
        try:
            versions[module] = __import__(module).__version__
        except Exception:  # noqa: BLE001
            versions[module] = "?"
    code = "unknown"
    try:  # read-only: no index refresh, no lock
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "--no-optional-locks", "status", "--porcelain", "--untracked-files=no",
                                "--", "pipeline"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\n")
        changed = [line[3:] for line in dirty if line.strip()]
        code = f"commit {head}" + (f" with uncommitted changes to {', '.join(f'`{c}`' for c in changed)}" if changed else "")
    except (OSError, subprocess.CalledProcessError):
        pass
    return {"code": code, "nproc": os.cpu_count(), "cpu": cpu, "memory_gib": memory, "os": f"{platform.system()} {platform.release()}",
            "python": platform.python_version(), "versions": versions, "load": os.getloadavg()}


def _examples(seed: int) -> list[tuple[str, str]]:
    """Three sentences of the corpus: a commitment the tagger finds, a statistic, a motion's procedure."""
    from benchmarks.minutes_corpus import document
    from pipeline.sentences import sentences
    from pipeline.tagger import tag

    wanted: dict[str, str] = {}
    for index in range(40):
        doc = document(seed, index)
        starts = {item["start"] for item in tag(doc.body, doc.published, doc.council, doc.title)}
        for span in sentences(doc.body):
            text = " ".join(span.text.split())
            inside = any(span.start <= s < span.end for s in starts)
            if "commitment" not in wanted and inside and 60 < len(text) < 200 and "RESOLVED" not in text:
                wanted["commitment"] = text
            elif "statistic" not in wanted and not inside and "%" in text and 80 < len(text) < 220:
                wanted["statistic"] = text
            elif "procedure" not in wanted and "seconded by" in text:
                wanted["procedure"] = text
        if len(wanted) == 3:
            break
    labels = {"commitment": "a commitment (tagged)", "statistic": "a statistic (not a commitment)",
              "procedure": "procedure"}
    return [(labels[key], wanted[key]) for key in ("commitment", "statistic", "procedure") if key in wanted]


def _fmt_mb(n: float) -> str:
    return f"{n / MB:.2f}"


def _report(cli: argparse.Namespace, machine: dict, load_end, started: datetime.datetime, minutes: float,
            thr: dict, series: list[dict], dp: dict | None, prof: dict | None, rx: dict | None, wi, para,
            examples: list[tuple[str, str]], command: str) -> str:
    mbps = thr["bytes"] / MB / thr["tag_s"]
    docs_s = thr["docs"] / thr["tag_s"]
    per_mb = thr["commitments"] / (thr["bytes"] / MB)
    met = lambda ok: "**met**" if ok else "**not met**"
    out = []
    w = out.append
    w("# Tagging speed\n")
    w(f"Written by `benchmarks/tagging.py` on {started:%Y-%m-%d %H:%M} UTC; the whole run took {minutes:.1f} minutes. "
      "Run it again rather than editing the figures by hand.\n")
    w("What is measured: `pipeline.tagger.tag(body, published, council, title)` on a generated corpus of "
      "minutes-like text (`benchmarks/minutes_corpus.py`), one process, one core, one pass over the corpus.\n")

    w("## Summary\n")
    w("| Measurement | Goal | Figure | |\n|---|---|---|---|")
    w(f"| Tagging throughput, one core, {_fmt_mb(thr['bytes'])} MB corpus, one pass | ≥ 1 MB/s | "
      f"{mbps:.2f} MB/s ({docs_s:.1f} documents/s) | {met(mbps >= 1)} |")
    flat = None
    if series:
        peaks = [row["peak_rss_mb"] for row in series]
        growth = max(peaks) - min(peaks)
        flat = growth <= max(5.0, 0.05 * min(peaks))
        w(f"| Peak RSS as the corpus grows ({', '.join(format(row['mb'], 'g') for row in series)} MB) | flat | "
          f"{' / '.join(f'{p:.0f}' for p in peaks)} MB | {met(flat)} |")
    if dp:
        dp_mbps = dp["body_bytes"] / MB / dp["dateparser_s"]
        same = dp["body_bytes"] / MB / dp["tag_s"]
        w(f"| Tagger / `dateparser.search.search_dates` on the same sentences | (reported) | "
          f"**{mbps / dp_mbps:.1f}×** ({mbps:.2f} vs {dp_mbps:.3f} MB/s) | |")
    w(f"| Commitments found per MB | (reported) | {per_mb:,.0f} | |\n")

    w("## Machine and versions\n")
    w("| | |\n|---|---|")
    w(f"| Date | {started:%Y-%m-%d %H:%M} UTC |")
    w(f"| Code measured | {machine['code']} |")
    w(f"| `nproc` | {machine['nproc']} |")
    w(f"| CPU | {machine['cpu']} |")
    w(f"| Memory | {machine['memory_gib']:.1f} GiB |")
    w(f"| OS | {machine['os']} |")
    w(f"| Python | {machine['python']} |")
    v = machine["versions"]
    w(f"| dateparser / regex / PyYAML | {v['dateparser']} / {v['regex']} / {v['yaml']} |")
    w(f"| CPU the children were pinned to | {cli.cpu} (`os.sched_setaffinity`, as `taskset -c {cli.cpu}`) |")
    w(f"| Load average (1 / 5 / 15 min) at start / end | {' / '.join(f'{x:.2f}' for x in machine['load'])} ; "
      f"{' / '.join(f'{x:.2f}' for x in load_end)} |\n")
    w("Commands:\n")
    w("```sh")
    w("cd /work/main")
    w(".venv/bin/python benchmarks/tagging.py --mb 2 --series 1,2 --out /tmp/tagging-quick.md   # quick check")
    w(command)
    w("```\n")
    shares = [("throughput", thr["loop_cpu_s"] / thr["loop_wall_s"])] + [
        (f"memory {row['mb']:g} MB", row["cpu_share"]) for row in series] + (
        [("dateparser", min(1.0, dp["cpu_share"]))] if dp else []) + (
        [(f"end to end ({row['variant']})", row["cpu_share"]) for row in wi] if wi else []) + (
        [("one-line documents", para["cpu_share"])] if para else [])
    w("Each measurement below is a fresh child process (`benchmarks/tagging.py --child ...`) pinned to one CPU; "
      "the children run one after another. CPU time of each timed loop as a share of its wall time (below 100% "
      "when something else ran on the same CPU): " + ", ".join(f"{name} {100 * x:.0f}%" for name, x in shares) + ".")
    if min(x for _, x in shares) < 0.9:
        w("\n**Warning: some loops got less than 90% of their CPU; their figures are too low. Run again on a quiet machine.**")
    w("")

    w("## 1. The corpus\n")
    w(f"{thr['docs']:,} documents, {thr['bytes']:,} bytes of UTF-8 text (seed {cli.seed}); document size "
      f"{thr['size_min'] / 1024:.1f} / {thr['size_median'] / 1024:.1f} / {thr['size_max'] / 1024:.1f} KB "
      f"(min / median / max; sizes are drawn log-uniform between 5 and 80 KB). "
      f"Generating it took {thr['generation_s']:.1f} s ({thr['bytes'] / MB / thr['generation_s']:.1f} MB/s), not counted.\n")
    import benchmarks.minutes_corpus as corpus
    w(f"Each document is the minutes of one invented meeting of an invented county council ({len(corpus._COUNTIES)} counties, "
      f"{len(corpus._COMMITTEES)} committees, {len(corpus._TOPICS)} topics of which {len(corpus._SEND_TOPICS)} SEND): "
      "heading and attendance list, apologies, declarations of interest, the previous minutes, sometimes public "
      "questions, then numbered items until the drawn size is reached — officers' reports with debate, "
      "members' questions and answers, small quarterly tables and a `RESOLVED that:` list of 2–5 lettered or numbered "
      "resolutions; notices of motion (\"It was moved by ... and seconded by ...\", a recorded vote, \"The motion was "
      "CARRIED/LOST\", sometimes an amendment); members' question time; performance reports made of long statistical "
      "paragraphs; exclusion of the press and public; the date of the next meeting and the close. Item numbers "
      "come in three styles (`7.`, `7<TAB>TITLE`, `CAB/24/031`). About a third of the documents are hard-wrapped at "
      "78–100 columns with a running header and page numbers, as text taken out of a PDF. Every slot is random: "
      f"names ({len(corpus._FIRST)} first names × {len(corpus._SURNAMES)} surnames), places ({len(corpus._PREFIXES)} × "
      f"{len(corpus._SUFFIXES)} invented prefixes and suffixes), schools, roads, "
      "money (£m, £ million, £ thousands, £bn), counts, percentages, dates in five styles, deadlines in about 20 forms "
      "(\"by March 2026\", \"from September 2025\", \"2025/26\", \"next spring\", \"within six months\", \"Q3 2025\", "
      "\"as soon as possible\"...), committee and portfolio titles. All template text was written for this benchmark.\n")
    tc = thr["template_commitments"] / thr["template_sentences"]
    sc = thr["sentences_with_commitment"] / thr["sentences"]
    w("| | |\n|---|---|")
    w(f"| Sentences (`pipeline.sentences.sentences`) | {thr['sentences']:,} ({thr['sentences'] / (thr['bytes'] / MB):,.0f} per MB) |")
    w(f"| Sentences written from a commitment template (generator's count) | {100 * tc:.1f}% |")
    w(f"| Sentences holding at least one commitment the tagger found | {100 * sc:.1f}% |")
    w(f"| Items about SEND (the rest: highways, libraries, adult care, waste, buses, climate, admissions, finance, public health) | "
      f"{100 * thr['send_items'] / thr['items']:.0f}% |")
    w(f"| Sentences whose exact text occurred earlier in the corpus | {100 * thr['repeated_sentences'] / thr['sentences']:.1f}% |")
    hits = thr["cache"]["hits"] / max(1, thr["cache"]["hits"] + thr["cache"]["misses"])
    w(f"| `classify()` cache (lru_cache {thr['cache']['maxsize']}), cleared after the warm-up: hit rate | "
      f"{100 * hits:.1f}% ({thr['cache']['hits']:,} hits, {thr['cache']['misses']:,} misses) |\n")
    w("The repeated text is what real minutes repeat too: list introductions (\"RESOLVED that:\", \"It was RESOLVED "
      "that:\"), \"the report be noted\", \"There were no declarations of interest\", running page headers; "
      "`classify()` is asked about a list's introduction once for every item of the list. Three generated sentences:\n")
    for label, text in examples:
        w(f"- {label}: \"{text}\"")
    w("")

    w("## 2. Throughput (one core, one pass)\n")
    w(f"Warm-up: {thr['warmup_bytes']:,} bytes of another seed, then `classify.cache_clear()`. The corpus is generated "
      "into a list first; only the `tag()` calls are timed (`time.perf_counter` around each).\n")
    w("| | |\n|---|---|")
    w(f"| Text | {thr['bytes']:,} bytes, {thr['docs']:,} documents |")
    w(f"| Time in `tag()` | {thr['tag_s']:.1f} s |")
    w(f"| **Throughput** | **{mbps:.2f} MB/s** (goal ≥ 1: {met(mbps >= 1)}) |")
    w(f"| Documents per second | {docs_s:.1f} (median {thr['per_doc_ms_median']:.0f} ms per document) |")
    w(f"| Commitments found | {thr['commitments']:,} ({per_mb:,.0f} per MB); SEND {100 * thr['send'] / thr['commitments']:.0f}%, "
      f"with a deadline {100 * thr['dated'] / thr['commitments']:.0f}%, with money {100 * thr['money'] / thr['commitments']:.0f}% |")
    w(f"| Peak RSS of this process (whole corpus held in memory) | {thr['peak_rss_mb']:.0f} MB |\n")
    w("By document size (throughput should not fall as documents grow; it would if some step were quadratic in the "
      "document's length):\n")
    w("| Document size | Documents | MB/s |\n|---|---:|---:|")
    for band in thr["bands"]:
        w(f"| {band['band']} | {band['docs']} | {band['mb_per_s']:.2f} |")
    w("")

    if series:
        w("## 3. Memory as the corpus grows\n")
        w("One fresh process per size; documents are generated one at a time and discarded after their commitments are "
          "counted. Peak RSS is `ru_maxrss` (the same as `VmHWM` in /proc/self/status); the baseline is the RSS "
          "after imports and the warm-up, before the corpus.\n")
        w("| Corpus | Documents | Commitments | MB/s | Baseline RSS (MB) | Peak RSS (MB) | Peak − baseline (MB) |\n"
          "|---:|---:|---:|---:|---:|---:|---:|")
        for row in series:
            w(f"| {row['bytes'] / MB:.1f} MB | {row['docs']:,} | {row['commitments']:,} | {row['bytes'] / MB / row['tag_s']:.2f} | "
              f"{row['baseline_rss_mb']:.1f} | {row['peak_rss_mb']:.1f} | {row['peak_rss_mb'] - row['baseline_rss_mb']:.1f} |")
        peaks = [row["peak_rss_mb"] for row in series]
        w(f"\nPeak RSS varies by {max(peaks) - min(peaks):.1f} MB across a {series[-1]['mb'] / series[0]['mb']:g}× growth "
          f"of the corpus (\"flat\" here: within max(5 MB, 5%) of the smallest): {met(flat)}. What grows with a document is "
          "its own text and sentence spans (an 80 KB document at most), and the `classify()` cache is bounded at "
          f"{thr['cache']['maxsize']} entries.\n")

    if dp:
        dp_mbps = dp["body_bytes"] / MB / dp["dateparser_s"]
        dp_sent = dp["sentence_bytes"] / MB / dp["dateparser_s"]
        same = dp["body_bytes"] / MB / dp["tag_s"]
        w("## 4. Against `dateparser.search.search_dates`\n")
        w(f"The first {dp['docs']} documents of the same corpus (stopping at {cli.dateparser_mb:g} MB or "
          f"{cli.dateparser_seconds:g} s of dateparser time, whichever came first), split with "
          "`pipeline.sentences.sentences(body)`; `search_dates(sentence, settings={\"DATE_ORDER\": \"DMY\", "
          "\"RELATIVE_BASE\": <published at midnight>, \"PREFER_DATES_FROM\": \"future\"}, languages=[\"en\"])` on "
          "every sentence, after a warm-up on sentences of the warm-up seed. Only the `search_dates` calls are timed "
          "(the split is not). Then `tag()` on the same documents.\n")
        w("| | dateparser | tagger |\n|---|---:|---:|")
        w(f"| Documents / sentences | {dp['docs']} / {dp['sentences']:,} | {dp['docs']} |")
        w(f"| Text | {dp['body_bytes']:,} bytes of body ({dp['sentence_bytes']:,} in its sentences) | {dp['body_bytes']:,} bytes |")
        w(f"| Time | {dp['dateparser_s']:.1f} s | {dp['tag_s']:.2f} s |")
        w(f"| MB/s of body text | {dp_mbps:.3f} | {same:.2f} |")
        w(f"| MB/s of sentence text | {dp_sent:.3f} | |")
        w(f"| Dates found | {dp['dates']:,} ({dp['errors']} errors) | |")
        halves = " and ".join(f"{x:.3f}" for x in dp["halves_mb_per_s"])
        w(f"\nRatio tagger / dateparser: **{mbps / dp_mbps:.1f}×** with the tagger's throughput of §2 "
          f"({mbps:.2f} MB/s), {same / dp_mbps:.1f}× on exactly the same documents. dateparser's rate on the first and "
          f"second half of its sample: {halves} MB/s, so the sample is large enough to be stable. The tagger does "
          "more than find dates (sentences, clauses, commitments, SEND, actor, money, quantities, anchored deadlines) "
          "and is still faster; it reads deadlines only inside the clauses it has found to be commitments, while "
          "`search_dates` is run here on every sentence.\n")

    if prof:
        w("## 5. Profile\n")
        w(f"cProfile over tagging the first {_fmt_mb(prof['bytes'])} MB ({prof['docs']} documents) of the corpus after the "
          f"warm-up: {prof['total_s']:.1f} s under the profiler (cProfile roughly doubles the time of the many small "
          f"calls; shares are what matter). Saved to `{Path(cli.prof_out).relative_to(ROOT) if Path(cli.prof_out).is_relative_to(ROOT) else cli.prof_out}` "
          "(`python -m pstats` to read it).\n")
        for key, title in (("by_cumulative", "By cumulative time"), ("by_internal", "By internal time")):
            w(f"{title} (top 10):\n")
            w("| Function | Calls | Internal (s) | Cumulative (s) | Share of total |\n|---|---:|---:|---:|---:|")
            for row in prof[key][:10]:
                share = (row["cumtime"] if key == "by_cumulative" else row["tottime"]) / prof["total_s"]
                w(f"| `{row['func']}` | {row['ncalls']:,} | {row['tottime']:.2f} | {row['cumtime']:.2f} | {100 * share:.0f}% |")
            w("")
        for method, rows in prof["regex_callers"].items():
            if method not in ("<method 'search' of 're.Pattern' objects>", "<method 'findall' of 're.Pattern' objects>"):
                continue
            w(f"Who calls `{method.strip('<>')}` (internal time inside the regex engine, by caller):\n")
            w("| Caller | Calls | Time (s) | Share of total |\n|---|---:|---:|---:|")
            for row in rows[:6]:
                w(f"| `{row['caller']}` | {row['ncalls']:,} | {row['tottime']:.2f} | {100 * row['tottime'] / prof['total_s']:.0f}% |")
            w("")

    if prof:
        w("Where the time goes, by stage (cumulative time under the profiler):\n")
        w("| Stage | Time (s) | Share |\n|---|---:|---:|")
        for name, seconds in prof["stages"]:
            w(f"| {name} | {seconds:.2f} | {100 * seconds / prof['total_s']:.0f}% |")
        w("")

    if para:
        w("## 6. Long paragraphs\n")
        w("The corpus keeps paragraphs short (at most a few KB). Text taken from a web page or a badly extracted PDF can "
          "be one line: here documents of the corpus with their whitespace collapsed into single spaces, cut to each "
          "size, then tagged (fresh process, one core). Throughput should not depend on the length of the paragraph.\n")
        w("| One-line document | Documents | Commitments | MB/s |\n|---:|---:|---:|---:|")
        for row in para["rows"]:
            w(f"| {row['kb']} KB | {row['docs']} | {row['commitments']:,} | {row['bytes'] / MB / row['tag_s']:.2f} |")
        w(f"\ncProfile of one {para['largest_kb']} KB one-line document, the project functions with the most cumulative time:\n")
        w("| Function | Share of `tag()` |\n|---|---:|")
        for name, share in para["profile_top"]:
            w(f"| `{name}` | {100 * share:.0f}% |")
        w("")

    if rx:
        w("## 7. Compiling the vocabularies\n")
        w(f"On {_fmt_mb(rx['bytes'])} MB of the corpus ({rx['sentences']:,} sentences): the question the tagger asks of "
          "each hot vocabulary of `pipeline/patterns/*.yml`, answered with the vocabulary compiled three ways by this "
          "script, and by the tagger's own call as the code stands. **Single**: one `re.IGNORECASE` alternation, entry "
          "after entry (how `pipeline.vocabulary.any_of` compiled them before commit 9200b69). **Regrouped**: the "
          "entries that start with `\\b` behind one shared `\\b(?:...)` (acronym entries written `\\b(?-i:SEND)\\b`), "
          "the rest after them, still `re.IGNORECASE`. **Lower**: regrouped, without `re.IGNORECASE`, on the text "
          "lower-cased with the same offsets, the `(?-i:...)` entries in a second pattern on the original text. "
          "**Tagger**: `_any_cue()`, `_negatives()`, `is_boilerplate`, `send_focus`, `mentions_send`. Python's `re` "
          "has no multi-pattern automaton: it tries an alternation entry by entry at every character unless all "
          "entries start with the same token, which it then factors out; one entry that does not start with `\\b` "
          "(`(?-i:\\bRESOLVED\\b)`, `^page ...`, `\\?\\s*$`) is enough to lose that. All answers are compared with "
          "*single*.\n")
        w("| Question | On each | Entries (not starting `\\b`) | Single (s) | Regrouped (s) | Lower (s) | Tagger (s) | "
          "Tagger vs single | Same answers |\n|---|---|---:|---:|---:|---:|---:|---:|---|")
        for case in rx["cases"]:
            own = f"{case['own_s']:.3f}" if "own_s" in case else "n/a"
            ratio = f"{case['single_s'] / case['own_s']:.1f}×" if "own_s" in case else ""
            same = all(case.get(key, True) for key in ("same_regrouped", "same_lower", "same_own"))
            w(f"| {case['name']} | {case['unit']} | {case['entries']} ({case['not_b']}) | {case['single_s']:.3f} | "
              f"{case['regrouped_s']:.3f} | {case['lower_s']:.3f} | {own} | {ratio} | {'yes' if same else 'NO'} |")
        w("")
    if wi:
        w(f"End to end: the first {_fmt_mb(wi[0]['bytes'])} MB ({wi[0]['docs']} documents) tagged in fresh processes, "
          "the code as it is, and with `pipeline.vocabulary._compiled` (and `pipeline.sentences._boilerplate`, where it "
          "still exists) replaced in that process by the *single* builder, or by the regrouped builder that keeps "
          "`re.IGNORECASE` (`_single` and `_regrouped` in the script):\n")
        w("| Vocabularies compiled | Time in `tag()` (s) | MB/s | Output (SHA-256 of every result) |\n|---|---:|---:|---|")
        labels = {"as is": "as the code does now", "single": "single alternation", "regrouped": "regrouped behind one `\\b`"}
        for row in wi:
            w(f"| {labels[row['variant']]}{'' if row['installed'] else ' (could not install)'} | {row['tag_s']:.2f} | "
              f"{row['bytes'] / MB / row['tag_s']:.2f} | `{row['digest'][:16]}` |")
        w("")

    w("## 8. Reading\n")
    w(_reading(thr, series, dp, prof, rx, wi, para))
    return "\n".join(out)


def _share(prof: dict | None, method: str, caller: str) -> float:
    if not prof:
        return float("nan")
    rows = prof["regex_callers"].get(f"<method '{method}' of 're.Pattern' objects>", [])
    return sum(row["tottime"] for row in rows if caller in row["caller"]) / prof["total_s"]


def _regex_callers(prof: dict) -> str:
    """The biggest callers of re.Pattern methods, with their share of all profiled time."""
    rows = [(row["caller"], row["tottime"]) for rows in prof["regex_callers"].values() for row in rows]
    merged: dict[str, float] = {}
    for caller, seconds in rows:
        merged[caller] = merged.get(caller, 0.0) + seconds
    top = sorted(merged.items(), key=lambda item: -item[1])[:5]
    return ", ".join(f"`{caller}` {100 * seconds / prof['total_s']:.0f}%" for caller, seconds in top)


def _reading(thr, series, dp, prof, rx, wi, para) -> str:
    mbps = thr["bytes"] / MB / thr["tag_s"]
    parts = []
    bands = [b["mb_per_s"] for b in thr["bands"]]
    parts.append(
        f"**Throughput.** {mbps:.2f} MB/s on one core is {'above' if mbps >= 1 else 'below'} the goal of 1 MB/s"
        f"{'' if mbps >= 1 else f' ({1 / mbps:.1f}× short)'}. It does not depend on document size "
        f"({min(bands):.2f}–{max(bands):.2f} MB/s across the size bands of §2).")
    if prof:
        stages = sorted(prof["stages"][:-1], key=lambda st: -st[1])
        top = ", ".join(f"{name.split(' (')[0].lower()} {100 * t / prof['total_s']:.0f}%" for name, t in stages[:4])
        parts.append(
            f"**Where the time goes (§5).** By stage: {top}. About {100 * prof['regex_s'] / prof['total_s']:.0f}% of "
            "all profiled time is inside the regex engine; by caller: " + _regex_callers(prof) + ".")
    if rx:
        by_variant = {row["variant"]: row for row in (wi or [])}
        text = ("**Vocabulary compilation (§7).** Regrouping an alternation behind one shared `\\b` makes the hot "
                f"questions {min(c['single_s'] / c['regrouped_s'] for c in rx['cases']):.1f}–"
                f"{max(c['single_s'] / c['regrouped_s'] for c in rx['cases']):.1f}× faster than one alternation "
                "entry after entry; running it on lower-cased text without `re.IGNORECASE` gives "
                f"{min(c['single_s'] / c['lower_s'] for c in rx['cases']):.1f}–"
                f"{max(c['single_s'] / c['lower_s'] for c in rx['cases']):.1f}×, with the same answers.")
        own = [c for c in rx["cases"] if "own_s" in c]
        if own:
            slow = [c["name"].split(":")[0] for c in own if c["own_s"] > 1.5 * c["lower_s"]]
            text += (f" The tagger's own calls run at {min(c['single_s'] / c['own_s'] for c in own):.1f}–"
                     f"{max(c['single_s'] / c['own_s'] for c in own):.1f}× the speed of *single*"
                     + (f"; {', '.join(slow)} could still gain by running on lower-cased text." if slow else "."))
        if {"as is", "single", "regrouped"} <= set(by_variant):
            as_is, single, regrouped = by_variant["as is"], by_variant["single"], by_variant["regrouped"]
            same = as_is["digest"] == single["digest"] == regrouped["digest"]
            text += (f" End to end (same {_fmt_mb(as_is['bytes'])} MB): {single['bytes'] / MB / single['tag_s']:.2f} MB/s "
                     f"with every vocabulary compiled as *single*, {regrouped['bytes'] / MB / regrouped['tag_s']:.2f} "
                     f"regrouped, {as_is['bytes'] / MB / as_is['tag_s']:.2f} as the code is; the output is "
                     f"{'byte-identical in all three' if same else 'NOT the same in all three (to be checked)'}.")
        parts.append(text)
    if para:
        rates = [(row["kb"], row["bytes"] / MB / row["tag_s"]) for row in para["rows"]]
        wrappers = ("find_commitments", "_sentence_commitments")
        top = next((item for item in para["profile_top"] if not any(w in item[0] for w in wrappers)),
                   para["profile_top"][0] if para["profile_top"] else ("?", 0.0))
        if rates[-1][1] < 0.75 * rates[0][1]:
            text = (f"**Long paragraphs (§6).** Throughput falls from {rates[0][1]:.2f} MB/s on {rates[0][0]} KB one-line "
                    f"documents to {rates[-1][1]:.2f} MB/s at {rates[-1][0]} KB (against {mbps:.2f} MB/s on the corpus): "
                    f"something is quadratic in the length of a line. In the {para['largest_kb']} KB document, "
                    f"`{top[0]}` takes {100 * top[1]:.0f}% of the time.")
            if "_deadline" in top[0] or "find_deadline" in top[0]:
                text += (" When a commitment's clause has no deadline, `tagger._deadline` reads \"the rest of its line "
                         "after the sentence\" (for an action plan's \"Timescale: ...\" field) with `find_deadline`; in a "
                         "one-line document the rest of the line is the rest of the document, so every such commitment "
                         "reads the whole remaining text (quadratic), and can take its deadline from a date far away. "
                         "Bounding `rest` (say to 200 characters, or to a line that looks like a table row or a "
                         "`Timescale:`/`Deadline:` field) removes both.")
            if "_is_heading" in top[0]:
                text += (" `commitments._is_heading` copies the sentence's whole line, strips it and splits it into "
                         "every word, for each sentence with a cue, only to learn whether the line has at most five words. "
                         "`len(line.split(None, _HEADING_WORDS)) <= _HEADING_WORDS and not line.rstrip().endswith(...)` "
                         "gives the same answer and stops after six words.")
            parts.append(text)
        else:
            parts.append(
                f"**Long paragraphs (§6).** One-line documents read at {min(r for _, r in rates):.2f}–"
                f"{max(r for _, r in rates):.2f} MB/s from {rates[0][0]} to {rates[-1][0]} KB: nothing is quadratic in "
                "the length of a line.")
    if series:
        peaks = [row["peak_rss_mb"] for row in series]
        parts.append(
            f"**Memory.** Peak RSS stays at {min(peaks):.0f}–{max(peaks):.0f} MB from {series[0]['mb']:g} to "
            f"{series[-1]['mb']:g} MB of text (§3), about "
            f"{statistics.fmean(r['peak_rss_mb'] - r['baseline_rss_mb'] for r in series):.0f} MB above the process after "
            "imports and warm-up: the tagger keeps nothing between documents but its compiled patterns and the bounded "
            "`classify()` cache.")
    if dp:
        dp_mbps = dp["body_bytes"] / MB / dp["dateparser_s"]
        parts.append(
            f"**dateparser.** `search_dates` over every sentence reads {dp_mbps:.3f} MB/s; the whole tagger is "
            f"{mbps / dp_mbps:.1f}× faster, and besides dates it finds sentences, clauses, commitments, SEND, actors, "
            "money and quantities, and resolves deadlines against anchors. It reads deadlines only in commitment "
            "clauses and their lines.")
    return "\n\n".join(p for p in parts if p) + "\n"


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        args = json.loads(sys.argv[2])
        print(json.dumps(_CHILDREN[args["kind"]](args)))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size for the throughput run (MB of UTF-8 text)")
    parser.add_argument("--series", default="5,10,20,40", help="corpus sizes (MB) for the memory series; '' to skip")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cpu", type=int, default=0, help="the CPU every child is pinned to")
    parser.add_argument("--dateparser-mb", type=float, default=2.0)
    parser.add_argument("--dateparser-seconds", type=float, default=120.0)
    parser.add_argument("--profile-mb", type=float, default=4.0, help="0 to skip the profile")
    parser.add_argument("--regex-mb", type=float, default=2.0, help="0 to skip the regex comparison")
    parser.add_argument("--whatif-mb", type=float, default=4.0, help="0 to skip the end-to-end test of the suggestion")
    parser.add_argument("--paragraph-kb", default="5,20,80", help="one-line document sizes (KB); '' to skip")
    parser.add_argument("--paragraph-bytes", type=int, default=400_000, help="text per one-line size")
    parser.add_argument("--no-dateparser", action="store_true")
    parser.add_argument("--prof-out", default=str(ROOT / "benchmarks" / "out" / "tagging.prof"))
    parser.add_argument("--out", default=str(ROOT / "docs" / "tagging-speed.md"))
    cli = parser.parse_args()

    started = datetime.datetime.now(datetime.UTC)
    t0 = time.perf_counter()
    machine = _machine()
    common = {"seed": cli.seed, "cpu": cli.cpu}
    print(f"load average {machine['load']}; children pinned to CPU {cli.cpu}", file=sys.stderr)
    thr = _run_child("throughput", dict(common, mb=cli.mb))
    series = [_run_child("memory", dict(common, mb=float(size))) for size in cli.series.split(",") if size.strip()]
    dp = None if cli.no_dateparser else _run_child(
        "dateparser", dict(common, dateparser_mb=cli.dateparser_mb, dateparser_seconds=cli.dateparser_seconds))
    prof = _run_child("profile", dict(common, profile_mb=cli.profile_mb, prof_out=cli.prof_out)) if cli.profile_mb > 0 else None
    rx = _run_child("regex", dict(common, regex_mb=cli.regex_mb)) if cli.regex_mb > 0 else None
    wi = [_run_child("whatif", dict(common, whatif_mb=cli.whatif_mb, variant=variant))
          for variant in ("as is", "single", "regrouped")] if cli.whatif_mb > 0 else None
    para = _run_child("paragraphs", dict(common, sizes_kb=[int(x) for x in cli.paragraph_kb.split(",")],
                                          bytes_per_size=cli.paragraph_bytes)) if cli.paragraph_kb else None
    examples = _examples(cli.seed)
    argv = " ".join(sys.argv[1:])
    command = ".venv/bin/python benchmarks/tagging.py" + (f" {argv}" if argv else "")
    report = _report(cli, machine, os.getloadavg(), started, (time.perf_counter() - t0) / 60, thr, series, dp, prof, rx,
                     wi, para, examples, command)
    Path(cli.out).write_text(report, encoding="utf-8")
    mbps = thr["bytes"] / MB / thr["tag_s"]
    print(f"throughput {mbps:.2f} MB/s; peaks {[round(r['peak_rss_mb']) for r in series]} MB"
          + (f"; dateparser {dp['body_bytes'] / MB / dp['dateparser_s']:.3f} MB/s" if dp else "") + f"; wrote {cli.out}")


if __name__ == "__main__":
    main()
