"""Tracking speed: `pipeline.promises.group_mentions` and `pipeline.evidence.find_evidence` on generated
commitment mentions and council texts (the issue "Track", section "Speed").

    .venv/bin/python benchmarks/tracking.py [--sizes 10000,25000,50000,100000] [--out docs/tracking-speed.md]
    .venv/bin/python benchmarks/tracking.py --sizes 2000,5000 --wide '' --out /tmp/tracking-quick.md   # quick check

Goal (the issue): grouping and linking must not compare every pair (block by council, topic and time);
on 100,000 mentions over 10 years report wall time and peak memory and how both grow from 10k to 100k
(near-linear: time(100k) / time(10k) close to 10).

The data (`corpus`): undertakings of 20 invented councils over 2016-2025, each in one SEND sub-topic of
pipeline/patterns/evidence.yml, with a place, a number and a deadline ("The Council will open 40
additional special school places in Ashford by September 2024"); each is mentioned 2-4 times (later
retellings in other words, some with a revised deadline, some without their numbers), and about a third
get 1-2 evidence statements in later papers ("12 of the 40 ... are in place so far", "... went live
on ...", "... has been scrapped", "... is now expected in ..."). Mentions and statements sharing a council
and a date are one text, with procedural sentences around them. The mention dicts have the fields
`promises tag` stores (as `pipeline.evaluate_tracking.track_passages` builds them), filled by the
generator; the generator also keeps the truth (which undertaking each mention and statement is about).

Every size is measured in a fresh child process (this script with --child), one after another, each
pinned to one CPU (os.sched_setaffinity). A child warms the code up on a small corpus of another seed,
generates its corpus (not timed), then times `group_mentions(mentions)` and then
`find_evidence(texts, promises, mentions_by_id)`. Peak RSS after grouping is ru_maxrss at that point; the
peak of linking alone is VmHWM after resetting it (`/proc/self/clear_refs`) once grouping is done; the
peak of both is ru_maxrss at the end. Counting wrappers around `cosine` (both modules),
`pipeline.promises.agrees` and `pipeline.evidence._counts_something_else` show how many promises each
mention and sentence is compared with; their cost is measured and reported. Last (not timed), the result
is scored against the generator's truth.

--wide repeats the measurements with the number of councils growing with the mentions (20 councils per
10,000), so that each council's density stays the same: that separates the growth that comes from a
fixed number of councils getting busier from growth in the code itself.
"""

from __future__ import annotations

import argparse
import calendar
import datetime
import gc
import itertools
import json
import math
import os
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.tagging import _machine, _peak_rss_mb, _pin, _status, run_child

FIRST_DAY, LAST_DAY = datetime.date(2016, 1, 1), datetime.date(2025, 12, 31)
WARMUP_MENTIONS = 600
WARMUP_SEED_OFFSET = 1000
TAGGER_SAMPLE = 300  # generated mentions whose fields are compared with the tagger's reading
EVIDENCE_SHARE = 1 / 3  # undertakings with evidence statements
REVISED_SHARE = 0.2  # later mentions giving a later deadline
BARE_SHARE = 0.2  # later mentions without their numbers
RUN_MINUTES = 5  # what a whole run should take on the benchmark machine
NEAR_LINEAR = 1.15  # the largest exponent k (time grows as mentions^k) read as near-linear: 14× per 10×

# ----------------------------------------------------------------------------- vocabulary (invented)

_COUNCILS = [
    "westmarch", "northvale", "eastbury", "harrowfield", "lowmoor", "brackenshire", "kestrelford", "ambervale",
    "greystone", "midhallow", "southwold-downs", "ravensmere", "oakhampshire", "thornbury-fells", "coldwater",
    "fenmarch", "highcombe", "wyrdale", "saltmarsh", "copperdale",
]
_PREFIXES = [
    "Ash", "Beck", "Bram", "Brook", "Castle", "Chapel", "Church", "Cold", "Crow", "Deep", "Elm", "Fair", "Fern",
    "Glen", "Great", "Green", "Hag", "Hart", "Hazel", "High", "Holm", "Kings", "Lang", "Little", "Long", "Marsh",
    "Mill", "Moor", "Nether", "North", "Oak", "Old", "Pen", "Red", "Rook", "Rye", "Salt", "Sand", "Shep",
    "South", "Stan", "Stone", "Thorn", "Upper", "Wake", "Well", "West", "White", "Wick", "Wood", "Yar", "Bar",
    "Cran", "Dun", "Ever", "Fox", "Gold", "Hay", "Lind",
]
_SUFFIXES = [
    "bury", "by", "combe", "dale", "don", "field", "ford", "gate", "ham", "hampton", "hill", "hurst", "ington",
    "leigh", "ley", "minster", "mouth", "ness", "stead", "stoke", "ton", "wich", "wick", "worth", "bridge",
    "brook", "cote",
]
_TOWNS_PER_COUNCIL = 60
_SCHOOL_KINDS = ["Primary School", "Academy", "High School", "Community College", "Park School", "Learning Centre"]
_MODULES = ["assessment", "annual review", "placements", "finance", "transport", "tribunal", "portal", "reporting",
            "consultation", "provider"]
_FUND_PURPOSES = ["a new sensory room at {school}", "adaptations to {school}", "the expansion of {school}",
                  "a new hydrotherapy pool at {school}", "the refurbishment of {school}", "a new SEND hub in {town}"]
_STRATEGY_THEMES = ["inclusion", "sufficiency", "preparation for adulthood", "early help", "autism",
                    "alternative provision", "mental health", "co-production"]
_SUBJECTS = [("The Council", "is"), ("The County Council", "is"), ("The Cabinet", "is"), ("We", "are")]
_MONTHS = list(calendar.month_name)[1:]
_COMMITTEES = ["Cabinet", "Children and Young People Scrutiny Committee", "SEND Improvement Board", "Full Council",
               "Schools Forum", "Education and Skills Cabinet Panel"]
_FILLER = [
    "The minutes of the meeting held on {date} were agreed as a correct record",
    "There were no declarations of interest",
    "Members noted the report on {noun} in {town} and thanked officers for their work",
    "Councillor {name} asked how many {unit} had been provided in {town}",
    "Attendance at {town} schools was {pct}.{digit}% in the autumn term",
    "The next meeting will be held on {next}",
    "Apologies were received from Councillor {name}",
    "The Chair welcomed the Head of SEND to the meeting",
]
_NAMES = ["Patel", "Hughes", "Okafor", "Lambert", "Singh", "Walsh", "Bennett", "Rahman", "Carr", "Doherty",
          "Foster", "Iqbal", "Marsden", "Nowak", "Quinn", "Sutcliffe"]

# Each topic: how often it comes up, what procedural sentences call it, the verb of a commitment (base
# and -ing forms), the units a count may take and the range of numbers (low, high, step; a topic with no
# unit promises no number), the undertaking as promised ({n} the number, {unit}, {town}, {school},
# {module}, {theme}, {money}, {purpose}), its short name in retellings and reports, and how delivery is
# reported.
_TOPICS: dict[str, dict] = {
    "special_school_places": {
        "weight": 16, "noun": "special school places", "verb": ("open", "opening"),
        "units": ["special school places", "specialist places"], "n": (20, 300, 5),
        "thing": "{n} additional {unit} in {town}", "short": "the new {unit} in {town}", "done": "have now opened"},
    "resource_provision": {
        "weight": 10, "noun": "resourced provision", "verb": ("create", "creating"),
        "units": ["resourced provision places"], "n": (8, 60, 2),
        "thing": "{n} {unit} at {school}", "short": "the {unit} at {school}", "done": "have now opened"},
    "staff": {
        "weight": 14, "noun": "SEND staffing", "verb": ("recruit", "recruiting"),
        "units": ["caseworkers", "educational psychologists", "SEND officer posts", "key workers"], "n": (3, 90, 1),
        "thing": "{n} additional {unit} for the {town} area team", "short": "the {unit} for the {town} area team",
        "done": "have now been filled"},
    "data_system": {
        "weight": 6, "noun": "the case management system", "verb": ("replace", "replacing"), "units": [],
        "thing": "the {module} module of the SEND case management system for {town}",
        "short": "the new {module} module of the case management system for {town}", "done": "went live on {day}"},
    "local_offer": {
        "weight": 5, "noun": "the Local Offer", "verb": ("list", "listing"), "units": ["services"], "n": (10, 120, 5),
        "thing": "{n} {unit} for {town} on the Local Offer website", "short": "the {town} pages of the Local Offer",
        "done": "went live on {day}"},
    "outreach": {
        "weight": 7, "noun": "specialist outreach", "verb": ("extend", "extending"), "units": ["mainstream schools"],
        "n": (5, 80, 1), "thing": "specialist outreach support to {n} {unit} around {town}",
        "short": "the outreach support to {unit} around {town}", "done": "has now been completed"},
    "transport": {
        "weight": 8, "noun": "home to school transport", "verb": ("provide", "providing"), "units": ["young people"],
        "n": (10, 200, 5), "thing": "independent travel training for {n} {unit} in {town}",
        "short": "the travel training in {town}", "done": "has now been completed"},
    "ehcp_timeliness": {
        "weight": 7, "noun": "EHCP timeliness", "verb": ("reduce", "reducing"), "units": ["weeks"], "n": (6, 20, 1),
        "thing": "waiting times for an assessment in {town} to {n} {unit}", "short": "the {town} waiting times target",
        "done": "has been met"},
    "strategy": {
        "weight": 5, "noun": "the SEND strategy", "verb": ("publish", "publishing"), "units": [],
        "thing": "a {town} {theme} strategy for SEND", "short": "the {town} {theme} strategy",
        "done": "was published on {day}"},
    "funding": {
        "weight": 12, "noun": "high needs funding", "verb": ("invest", "investing"), "units": [],
        "thing": "£{money} million in {purpose}", "short": "the £{money} million for {purpose}",
        "done": "has now been completed"},
}


@dataclass
class Corpus:
    """Generated mentions and texts, and the truth: the undertaking of each mention and statement."""

    mentions: list[dict]
    texts: list[dict]
    labels: list[str] = field(default_factory=list)  # undertaking -> what it says, numbers left out
    truth: dict[str, int] = field(default_factory=dict)  # mention id -> undertaking
    # source -> [(start, end, undertaking, stance)] of the evidence statements in it
    statements: dict[str, list[tuple[int, int, int, str]]] = field(default_factory=dict)


# ----------------------------------------------------------------------------- generator


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _months_after(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return _month_end(index // 12, index % 12 + 1)


def _day_text(day: datetime.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _towns(rng: random.Random) -> list[str]:
    names = sorted({prefix + suffix for prefix in _PREFIXES for suffix in _SUFFIXES})
    return rng.sample(names, _TOWNS_PER_COUNCIL)


def _undertaking(rng: random.Random, towns: list[str]) -> dict:
    """One undertaking: topic, slots (place, number, unit...), origin date and deadline."""
    topic = rng.choices(list(_TOPICS), weights=[spec["weight"] for spec in _TOPICS.values()])[0]
    spec = _TOPICS[topic]
    town = rng.choice(towns)
    slots = {"town": town, "school": f"{rng.choice(towns)} {rng.choice(_SCHOOL_KINDS)}",
             "module": rng.choice(_MODULES), "theme": rng.choice(_STRATEGY_THEMES), "unit": None, "n": None}
    if spec["units"]:
        low, high, step = spec["n"]
        slots["unit"], slots["n"] = rng.choice(spec["units"]), rng.randrange(low, high + 1, step)
    amount = None
    if topic == "funding":
        slots["money"] = f"{rng.randrange(2, 120) / 10:g}"
        slots["purpose"] = rng.choice(_FUND_PURPOSES).format(**slots)
        amount = float(slots["money"]) * 1_000_000
    origin = FIRST_DAY + datetime.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days - 60))
    deadline = _months_after(origin, rng.randrange(6, 49))
    return {"topic": topic, "spec": spec, "slots": slots, "amount": amount, "origin": origin,
            "deadline": deadline}


def _commitment(rng: random.Random, item: dict, deadline: datetime.date | None, bare: bool,
                first: bool) -> tuple[str, str | None]:
    """A commitment sentence about the undertaking, and its deadline phrase."""
    spec, slots = item["spec"], item["slots"]
    thing = (spec["short"] if bare else spec["thing"]).format(**slots)
    by = f"by {_MONTHS[deadline.month - 1]} {deadline.year}" if deadline else None
    verb, verbing = spec["verb"]
    if first:
        form = rng.choice(["{subject} will {verb} {thing}{by}", "{subject} agreed to {verb} {thing}{by}",
                           "{subject} {is_} committed to {verbing} {thing}{by}"])
    else:
        origin = item["origin"]
        agreed = f"As agreed in {_MONTHS[origin.month - 1]} {origin.year}"
        form = rng.choice([agreed + ", the Council will {verb} {thing}{by}",
                           "The Council remains committed to {verbing} {thing}{by}",
                           "The Council will now {verb} {thing}{by}",
                           "Officers confirmed that the Council will {verb} {thing}{by}"])
    subject, is_ = rng.choice(_SUBJECTS)
    text = form.format(subject=subject, is_=is_, verb=verb, verbing=verbing, thing=thing,
                       by=f" {by}" if by else "")
    return text[0].upper() + text[1:] + ".", by


def _mention_rows(rng: random.Random, item: dict, count: int) -> list[dict]:
    """The undertaking's mentions: the origin, then later retellings (some revised, some without numbers)."""
    rows, day, deadline = [], item["origin"], item["deadline"]
    for index in range(count):
        if index:
            day += datetime.timedelta(days=rng.randrange(45, 300))
            if day > LAST_DAY:
                break
            if day >= deadline:  # nobody promises what is already overdue: a retelling moves the date
                deadline = _months_after(day, rng.randrange(3, 13))
            elif rng.random() < REVISED_SHARE:
                deadline = _months_after(deadline, rng.randrange(3, 13))
        bare = index > 0 and rng.random() < BARE_SHARE
        given = None if bare and rng.random() < 0.5 else deadline
        text, by = _commitment(rng, item, given, bare, index == 0)
        numbered = not bare and item["slots"]["n"] is not None
        rows.append({"day": day, "text": text, "deadline": given.isoformat() if given else None, "deadline_text": by,
                     "quantity_value": item["slots"]["n"] if numbered else None,
                     "quantity_unit": item["slots"]["unit"] if numbered else None,
                     "amount_gbp": item["amount"]})  # a retelling still names its money
    return rows


def _statement(rng: random.Random, item: dict, day: datetime.date) -> tuple[str, str]:
    """An evidence statement about the undertaking published on `day`, and the stance it reports."""
    spec, slots = item["spec"], item["slots"]
    short = spec["short"].format(**slots)
    stance = rng.choices(["progress", "delivered", "revised", "abandoned"], weights=[35, 30, 20, 15])[0]
    if stance == "progress" and slots["n"] and slots["n"] > 2:
        done = rng.randrange(1, slots["n"])
        text = f"{done} of the {slots['n']} {slots['unit']} in {slots['town']} are in place so far"
        if item["topic"] == "ehcp_timeliness":
            text = f"Work on {short} is on track, with waiting times down from {slots['n'] + 9} weeks"
    elif stance == "progress":
        text = f"Work on {short} is under way"
    elif stance == "delivered":
        text = f"{short} {spec['done']}".format(day=_day_text(day - datetime.timedelta(days=rng.randrange(1, 40))))
    elif stance == "revised":
        later = _months_after(item["deadline"], rng.randrange(3, 19))
        text = f"{short} is now expected in {_MONTHS[later.month - 1]} {later.year}"
    else:
        text = rng.choice([f"The plan for {short} has been scrapped", f"{short} will no longer go ahead"])
    return text[0].upper() + text[1:] + ".", stance


def _filler(rng: random.Random, towns: list[str], day: datetime.date) -> str:
    spec = _TOPICS[rng.choice(list(_TOPICS))]
    return rng.choice(_FILLER).format(
        date=_day_text(day - datetime.timedelta(days=rng.randrange(20, 60))),
        next=_day_text(day + datetime.timedelta(days=rng.randrange(20, 60))), noun=spec["noun"], town=rng.choice(towns),
        name=rng.choice(_NAMES), unit=(spec["units"] or ["places"])[0], pct=rng.randrange(88, 97),
        digit=rng.randrange(10)) + "."


def corpus(mentions: int, seed: int, councils: int = len(_COUNCILS)) -> Corpus:
    """`mentions` mentions (and the texts they and their evidence are in) of `councils` councils,
    deterministic for (mentions, seed, councils). Councils beyond the 20 named ones are numbered."""
    rng = random.Random(seed)
    names = [_COUNCILS[i] if i < len(_COUNCILS) else f"{_COUNCILS[i % len(_COUNCILS)]}-{i // len(_COUNCILS)}"
             for i in range(councils)]
    towns = {name: _towns(rng) for name in names}
    # (council, day) -> [(kind, undertaking, row)]; kind "mention" or "statement"
    papers: dict[tuple[str, datetime.date], list[tuple[str, int, dict]]] = defaultdict(list)
    result = Corpus([], [])
    made = 0
    while made < mentions:
        council = rng.choice(names)
        item = _undertaking(rng, towns[council])
        number = len(result.labels)
        result.labels.append(item["spec"]["thing"].format(**dict(item["slots"], n="N", money="M")))
        rows = _mention_rows(rng, item, min(rng.randint(2, 4), mentions - made))
        for row in rows:
            papers[council, row["day"]].append(("mention", number, row))
        made += len(rows)
        if rng.random() < EVIDENCE_SHARE:
            for _ in range(rng.randint(1, 2)):
                day = item["origin"] + datetime.timedelta(days=rng.randrange(60, 900))
                if day <= LAST_DAY:
                    text, stance = _statement(rng, item, day)
                    papers[council, day].append(("statement", number, {"text": text, "stance": stance}))
    for index, ((council, day), items) in enumerate(sorted(papers.items())):
        _paper(rng, result, f"{council}/doc{index}", council, day, items, towns[council])
    return result


def _paper(rng: random.Random, result: Corpus, source: str, council: str, day: datetime.date,
           items: list[tuple[str, int, dict]], towns: list[str]) -> None:
    """One text: a heading, the items in random order with procedural sentences around them."""
    title = rng.choice(_COMMITTEES)
    published = day.isoformat()
    parts = [f"{title} – {_day_text(day)}"]
    entries = [(None, None, None)] * rng.randint(1, 3) + items
    rng.shuffle(entries)
    offset = len(parts[0])
    for kind, undertaking, row in entries:
        text = row["text"] if row else _filler(rng, towns, day)
        start = offset + 2
        offset = start + len(text)
        parts.append(text)
        if kind == "mention":
            mention_id = f"{source}@{start}-{offset}"
            result.truth[mention_id] = undertaking
            result.mentions.append({
                "id": mention_id, "source": source, "document": None, "page": None, "agenda_item": None,
                "text": text, "kind": "pledge", "is_send": 1, "actor": "council", "amount_gbp": row["amount_gbp"],
                "quantity_value": row["quantity_value"], "quantity_unit": row["quantity_unit"],
                "deadline": row["deadline"], "deadline_text": row["deadline_text"], "published": published,
                "url": f"#{source}", "council": council})
        elif kind == "statement":
            result.statements.setdefault(source, []).append((start, offset, undertaking, row["stance"]))
    result.texts.append({"source": source, "document": None, "page": None, "agenda_item": None,
                         "text": "\n\n".join(parts), "published": published, "url": f"#{source}",
                         "council": council, "title": title})


# ----------------------------------------------------------------------------- children


def _reset_peak() -> bool:
    """Reset VmHWM to the current RSS (Linux: "5" to /proc/self/clear_refs); False where not allowed."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _warm_up(seed: int) -> None:
    """Group and link a small corpus of another seed: patterns compiled, vocabularies loaded."""
    from pipeline.evidence import find_evidence
    from pipeline.promises import group_mentions

    data = corpus(WARMUP_MENTIONS, seed + WARMUP_SEED_OFFSET)
    find_evidence(data.texts, group_mentions(data.mentions), {m["id"]: m for m in data.mentions})


def _count_calls(module, name: str, counts: Counter, key: str) -> None:
    """Replace module.name, in this process only, by a wrapper counting its calls under `key`."""
    original = getattr(module, name)

    def counted(*args, **kwargs):
        counts[key] += 1
        return original(*args, **kwargs)

    setattr(module, name, counted)


def _wrapper_cost() -> float:
    """Seconds one counting wrapper adds to a call (timed on a no-op)."""
    counts: Counter = Counter()
    holder = type("Holder", (), {"f": staticmethod(lambda a, b, c: 0)})
    plain = holder.f
    t0 = time.perf_counter()
    for _ in range(200_000):
        plain(1, 2, 3)
    bare = time.perf_counter() - t0
    _count_calls(holder, "f", counts, "f")
    wrapped = holder.f
    t0 = time.perf_counter()
    for _ in range(200_000):
        wrapped(1, 2, 3)
    return max(0.0, (time.perf_counter() - t0 - bare) / 200_000)


def _child_track(args: dict) -> dict:
    _pin(args["cpu"])
    import pipeline.evidence
    import pipeline.promises
    from pipeline.evidence import find_evidence
    from pipeline.promises import group_mentions

    _warm_up(args["seed"])
    data = corpus(args["mentions"], args["seed"], args["councils"])
    mentions_by_id = {mention["id"]: mention for mention in data.mentions}
    counts: Counter = Counter()
    _count_calls(pipeline.promises, "agrees", counts, "group_candidates")
    _count_calls(pipeline.promises, "cosine", counts, "group_cosines")
    _count_calls(pipeline.evidence, "_counts_something_else", counts, "link_candidates")
    _count_calls(pipeline.evidence, "cosine", counts, "link_cosines")
    gc.collect()
    baseline_rss = _status("VmRSS")

    t0, c0 = time.perf_counter(), time.process_time()
    promises = group_mentions(data.mentions)
    group_s, group_cpu = time.perf_counter() - t0, time.process_time() - c0
    group_peak = _peak_rss_mb()
    reset = _reset_peak()

    t0, c0 = time.perf_counter(), time.process_time()
    evidence = find_evidence(data.texts, promises, mentions_by_id)
    link_s, link_cpu = time.perf_counter() - t0, time.process_time() - c0
    link_peak = _status("VmHWM") if reset else None
    total_peak = _peak_rss_mb()
    sentences = sum(text["text"].count("\n\n") + 1 for text in data.texts)
    largest = max(promises, key=lambda promise: len(promise["mentions"]))
    return {
        "mentions": len(data.mentions), "councils": args["councils"], "undertakings": len(data.labels),
        "texts": len(data.texts), "statements": sum(len(found) for found in data.statements.values()),
        "sentences": sentences, "text_mb": sum(len(text["text"].encode()) for text in data.texts) / 1e6,
        "group_s": group_s, "link_s": link_s, "cpu_share": (group_cpu + link_cpu) / (group_s + link_s),
        "baseline_rss_mb": baseline_rss, "group_peak_mb": group_peak, "link_peak_mb": link_peak,
        "total_peak_mb": total_peak, "counts": dict(counts),
        "wrapper_s": _wrapper_cost() * sum(counts.values()),
        "largest_promise": len(largest["mentions"]), "largest_topic": largest["topic"],
        "largest_undertakings": len({data.truth[mention] for mention in largest["mentions"]}),
        "quality": _quality(data, promises, evidence),
    }


def _quality(data: Corpus, promises: list[dict], evidence: list[dict]) -> dict:
    """The result against the generator's truth: grouping and linking."""
    return {**_grouping_quality(data, promises), **_linking_quality(data, promises, evidence)}


def _grouping_quality(data: Corpus, promises: list[dict]) -> dict:
    """Pairwise: two mentions of one undertaking should share a promise, and no others should; and the
    promises that mix undertakings, by topic, with one example of two that say different things."""
    promise_of = {mention: promise["id"] for promise in promises for mention in promise["mentions"]}
    cells = Counter((data.truth[mention], promise) for mention, promise in promise_of.items())
    same_both = sum(math.comb(n, 2) for n in cells.values())
    same_truth = sum(math.comb(n, 2) for n in Counter(data.truth.values()).values())
    same_promise = sum(math.comb(n, 2) for n in Counter(promise_of.values()).values())
    mixed = [promise for promise in promises if len({data.truth[m] for m in promise["mentions"]}) > 1]
    label = {mention: data.labels[undertaking] for mention, undertaking in data.truth.items()}
    different = [promise for promise in mixed if len({label[m] for m in promise["mentions"]}) > 1]
    example = None
    if different:
        first, *others = different[0]["mentions"]
        other = next(m for m in others if label[m] != label[first])
        text_of = {mention["id"]: mention["text"] for mention in data.mentions}
        example = [text_of[first].rstrip("."), text_of[other].rstrip(".")]
    return {
        "undertakings": len(data.labels), "promises": len(promises), "mixed_promises": len(mixed),
        "mixed_different": len(different), "mixed_example": example,
        "mixed_by_topic": Counter(promise["topic"] for promise in mixed).most_common(5),
        "split_undertakings": sum(1 for n in Counter(u for u, _ in cells).values() if n > 1),
        "grouping_precision": same_both / same_promise if same_promise else 1.0,
        "grouping_recall": same_both / same_truth if same_truth else 1.0,
    }


def _linking_quality(data: Corpus, promises: list[dict], evidence: list[dict]) -> dict:
    """An evidence row is right when its sentence is a statement (or a retelling) of an undertaking and
    its promise holds a mention of that undertaking; recall counts statements with a right row; stance
    compares right statement rows with the stance written."""
    holds = {(data.truth[mention], promise["id"]) for promise in promises for mention in promise["mentions"]}
    spans: dict[str, list[tuple[int, int, int, str]]] = defaultdict(list)
    for source, found in data.statements.items():
        spans[source].extend(found)
    for mention, undertaking in data.truth.items():
        source, span = mention.rsplit("@", 1)
        start, end = span.split("-")
        spans[source].append((int(start), int(end), undertaking, "mention"))
    kinds: Counter = Counter()
    found: set[tuple[str, int]] = set()
    stance_right = 0
    for row in evidence:
        about = next(((start, undertaking, stance) for start, end, undertaking, stance in spans.get(row["source"], ())
                      if start <= row["start"] < end), None)
        if about is None:
            kinds["procedure"] += 1
            continue
        start, undertaking, stance = about
        kind = "mention" if stance == "mention" else "statement"
        right = (undertaking, row["promise"]) in holds
        kinds[f"{kind} {'right' if right else 'wrong'}"] += 1
        if right and kind == "statement":
            found.add((row["source"], start))
            stance_right += row["stance"] == stance
    statements = sum(len(items) for items in data.statements.values())
    not_mentions = kinds["statement right"] + kinds["statement wrong"] + kinds["procedure"]
    return {
        "statements": statements, "rows": len(evidence), "kinds": dict(kinds),
        "linking_precision": (kinds["statement right"] + kinds["mention right"]) / len(evidence) if evidence else 1.0,
        "statement_precision": kinds["statement right"] / not_mentions if not_mentions else 1.0,
        "linking_recall": len(found) / statements if statements else 1.0,
        "stance_right": stance_right, "statement_rows_right": kinds["statement right"],
    }


_CHILDREN = {"track": _child_track}


# ----------------------------------------------------------------------------- parent


def _run_child(kind: str, args: dict) -> dict:
    result = run_child(__file__, kind, args)
    print(f"  {kind} {args['mentions']:,} mentions, {args['councils']} councils: grouping {result['group_s']:.1f} s, "
          f"linking {result['link_s']:.1f} s ({result['child_wall_s']:.0f} s in all)", file=sys.stderr, flush=True)
    return result


def _exponent(small: dict, large: dict, key) -> float:
    """k in "grows as size^k" between two runs (1 is linear, 2 quadratic)."""
    return math.log(key(large) / key(small)) / math.log(large["mentions"] / small["mentions"])


def _group(run: dict) -> float:
    return run["group_s"]


def _link(run: dict) -> float:
    return run["link_s"]


def _both(run: dict) -> float:
    return run["group_s"] + run["link_s"]


def _above(run: dict) -> float:
    """Peak RSS of grouping and linking above the process holding its input."""
    return run["total_peak_mb"] - run["baseline_rss_mb"]


def _per(run: dict, key: str, of: str) -> float:
    return run["counts"].get(key, 0) / run[of]


def _where(path: str, snippet: str) -> str:
    """`path:line` of the first line holding the snippet, or the path alone if the code has changed."""
    for number, line in enumerate((ROOT / path).read_text(encoding="utf-8").splitlines(), 1):
        if snippet in line:
            return f"`{path}:{number}`"
    return f"`{path}` (the line quoted here has since changed)"


def _table(header: list[str], align: str, rows: list[list]) -> str:
    """A Markdown table; `align` has one letter per column, l or r."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|"]
    return "\n".join(lines + ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows])


def _verdict(exponent: float) -> str:
    return "**met**" if exponent <= NEAR_LINEAR else "**not met**"


def _size_table(runs: list[dict]) -> str:
    header = ["Mentions", "Councils", "Undertakings", "Texts", "Text (MB)", "Sentences", "Statements", "Grouping (s)",
              "Linking (s)", "Both (s)", "µs per mention (both)", "RSS holding the input (MB)",
              "Peak RSS after grouping (MB)", "Peak RSS of linking (MB)", "Peak RSS, both (MB)",
              "Peak above the input (MB)"]
    rows = [[f"{run['mentions']:,}", run["councils"], f"{run['undertakings']:,}", f"{run['texts']:,}",
             f"{run['text_mb']:.1f}", f"{run['sentences']:,}", f"{run['statements']:,}", f"{run['group_s']:.2f}",
             f"{run['link_s']:.2f}", f"{_both(run):.2f}", f"{_both(run) / run['mentions'] * 1e6:,.0f}",
             f"{run['baseline_rss_mb']:.0f}", f"{run['group_peak_mb']:.0f}",
             "n/a" if run["link_peak_mb"] is None else f"{run['link_peak_mb']:.0f}",
             f"{run['total_peak_mb']:.0f}", f"{_above(run):.0f}"] for run in runs]
    return _table(header, "r" * len(header), rows)


_MEASURES = [
    ("Grouping time (s)", _group),
    ("Linking time (s)", _link),
    ("Grouping + linking time (s)", _both),
    ("Peak RSS, input included (MB)", lambda run: run["total_peak_mb"]),
    ("Peak RSS above the input (MB)", _above),
    ("Grouping comparisons (`cosine` calls)", lambda run: run["counts"].get("group_cosines", 0) or 1),
    ("Linking comparisons (`cosine` calls)", lambda run: run["counts"].get("link_cosines", 0) or 1),
]


def _growth_table(runs: list[dict]) -> str:
    steps = list(itertools.pairwise(runs))
    header = ["Measure", f"{runs[0]['mentions']:,}", f"{runs[-1]['mentions']:,}", "Ratio", "Per 10× more mentions",
              "Exponent k (grows as n^k)",
              "k by step (" + ", ".join(f"{a['mentions'] // 1000}k→{b['mentions'] // 1000}k" for a, b in steps) + ")"]
    rows = []
    for name, key in _MEASURES:
        k = _exponent(runs[0], runs[-1], key)
        rows.append([name, f"{key(runs[0]):,.1f}", f"{key(runs[-1]):,.1f}", f"{key(runs[-1]) / key(runs[0]):.1f}×",
                     f"{10 ** k:.1f}×", f"{k:.2f}", ", ".join(f"{_exponent(a, b, key):.2f}" for a, b in steps)])
    return _table(header, "lrrrrrl", rows)


def _comparison_table(runs: list[dict]) -> str:
    header = ["Mentions", "Councils", "Grouping: open promises looked at per mention", "`cosine` per mention",
              "Linking: promises looked at per sentence", "`cosine` per sentence", "Largest promise (mentions)"]
    rows = [[f"{run['mentions']:,}", run["councils"], f"{_per(run, 'group_candidates', 'mentions'):.1f}",
             f"{_per(run, 'group_cosines', 'mentions'):.1f}", f"{_per(run, 'link_candidates', 'sentences'):.1f}",
             f"{_per(run, 'link_cosines', 'sentences'):.1f}", run["largest_promise"]] for run in runs]
    return _table(header, "rrrrrrr", rows)


def _quality_table(runs: list[dict]) -> str:
    header = ["Mentions", "Councils", "Undertakings generated", "Promises found", "Promises mixing undertakings",
              "Undertakings split", "Grouping P / R (pairs)", "Statements", "Evidence rows", "Linking P / R",
              "Linking P, rows not from mentions", "Stance as generated"]
    rows = []
    for run in runs:
        q = run["quality"]
        stance = q["stance_right"] / q["statement_rows_right"] if q["statement_rows_right"] else float("nan")
        rows.append([f"{run['mentions']:,}", run["councils"], f"{q['undertakings']:,}",
                     f"{q['promises']:,} ({q['promises'] / q['undertakings']:.0%})", f"{q['mixed_promises']:,}",
                     f"{q['split_undertakings']:,}", f"{q['grouping_precision']:.2f} / {q['grouping_recall']:.2f}",
                     f"{q['statements']:,}", f"{q['rows']:,}",
                     f"{q['linking_precision']:.2f} / {q['linking_recall']:.2f}",
                     f"{q['statement_precision']:.2f}", f"{stance:.0%}"])
    return _table(header, "rrrrrrlrrlrr", rows)


def _rows_table(runs: list[dict]) -> str:
    kinds = ["statement right", "statement wrong", "mention right", "mention wrong", "procedure"]
    rows = [[f"{run['mentions']:,}", run["councils"]] + [f"{run['quality']['kinds'].get(kind, 0):,}" for kind in kinds]
            for run in runs]
    return _table(["Mentions", "Councils"] + kinds, "r" * (2 + len(kinds)), rows)


def _growth_cell(runs: list[dict], key, unit: str, digits: int = 1) -> str:
    k = _exponent(runs[0], runs[-1], key)
    return (f"{10 ** k:.1f}× ({key(runs[0]):,.{digits}f} → {key(runs[-1]):,.{digits}f} {unit} from "
            f"{runs[0]['mentions']:,} to {runs[-1]['mentions']:,} mentions; k = {k:.2f})")


def _summary(main: list[dict], wide: list[dict]) -> str:
    label, goal, largest = f"{main[0]['councils']} councils", f"≈ 10× (k ≤ {NEAR_LINEAR})", main[-1]
    rows = [[f"{name}, {label}, growth per 10× mentions", goal, _growth_cell(main, key, unit, digits),
             _verdict(_exponent(main[0], main[-1], key))]
            for name, key, unit, digits in [("Grouping time", _group, "s", 2), ("Linking time", _link, "s", 1),
                                            ("Grouping + linking time", _both, "s", 1),
                                            ("Peak RSS above the input", _above, "MB", 0)]]
    rows.append([f"Wall time of grouping + linking, {largest['mentions']:,} mentions, {label}", "(reported)",
                 f"{_both(largest):.1f} s ({largest['group_s']:.1f} + {largest['link_s']:.1f})", ""])
    rows.append([f"Peak RSS, {largest['mentions']:,} mentions (input included)", "(reported)",
                 f"{largest['total_peak_mb']:.0f} MB", ""])
    if len(wide) > 1:
        rows.append([(f"Grouping + linking time, councils growing with the mentions ({wide[0]['councils']} → "
                     f"{wide[-1]['councils']}), growth per 10×"), goal, _growth_cell(wide, _both, "s"),
                     _verdict(_exponent(wide[0], wide[-1], _both))])
    q = largest["quality"]
    rows.append([f"Grouping on the generated data, {largest['mentions']:,} mentions, {label}", "(reported)",
                 (f"{q['promises']:,} promises for {q['undertakings']:,} undertakings; pairwise P "
                 f"{q['grouping_precision']:.2f} / R {q['grouping_recall']:.2f}"), ""])
    return _table(["Measurement", "Goal", "Figure", ""], "llll", rows)


def _reading(main: list[dict], wide: list[dict]) -> str:
    first, last = main[0], main[-1]
    looked = _per(first, "group_candidates", "mentions"), _per(last, "group_candidates", "mentions")
    scanned = _per(first, "link_candidates", "sentences"), _per(last, "link_candidates", "sentences")
    parts = [
        (f"**Time, {first['councils']} councils.** From {first['mentions']:,} to {last['mentions']:,} mentions "
        f"grouping grows as n^{_exponent(first, last, _group):.2f} and linking as "
        f"n^{_exponent(first, last, _link):.2f}. The blocks do keep the comparisons far below all pairs, but with a "
        "fixed number of councils over a fixed ten years every block gets busier as the mentions grow: a mention is "
        f"looked at against {looked[0]:.1f} open promises at {first['mentions']:,} and {looked[1]:.1f} at "
        f"{last['mentions']:,}; a sentence of evidence text against {scanned[0]:.1f} and {scanned[1]:.1f} promises. "
        "Blocking by council, topic and time makes the work n²/(blocks), not n·(a constant).")]
    if len(wide) > 1:
        wide_scanned = _per(wide[0], "link_candidates", "sentences"), _per(wide[-1], "link_candidates", "sentences")
        per_sentence = [run["link_s"] / run["sentences"] * 1e6 for run in (wide[0], wide[-1])]
        parts.append(
            f"**Time, councils growing with the mentions** ({wide[0]['councils']} → {wide[-1]['councils']}, the same "
            f"mentions per council): grouping + linking grows as n^{_exponent(wide[0], wide[-1], _both):.2f} "
            f"({_both(wide[0]):.1f} → {_both(wide[-1]):.1f} s), with {wide_scanned[0]:.1f} → {wide_scanned[1]:.1f} "
            f"promises looked at per sentence; linking took {per_sentence[0]:.0f} → {per_sentence[1]:.0f} µs per "
            "sentence of text. What remains above linear there is per-clause work that grows with the number of "
            f"councils, not with the density of a block (third point below). At {wide[-1]['mentions']:,} mentions, "
            f"spreading them over {wide[-1]['councils']} councils instead of {main[-1]['councils']} takes "
            f"{_both(wide[-1]):.0f} s instead of {_both(main[-1]):.0f} s.")
    parts.append(
        "**Where the code grows faster than the mentions** (by reading the code; the counts above measure the first "
        "two):\n\n"
        f"- Grouping, {_where('pipeline/promises.py', 'for promise in candidates:')}: a mention is scored against "
        "every open promise of its council and topic (mentioned in the last `OPEN_DAYS`, three years). The window "
        "bounds the work only while a council's mentions per three years are bounded; here they grow with n. "
        f"{_where('pipeline/promises.py', 'candidates[:] = [p for p in candidates')} (`_close`) rebuilds that list "
        "and parses every candidate's date for every mention: a second pass over the block per mention.\n"
        f"- Linking, {_where('pipeline/evidence.py', 'for promise in blocks.get((text[')}: a clause is compared with "
        "*every* promise of its council and topic made before the text, with no time window (a 2016 promise is "
        "still scored against a 2025 sentence), and "
        f"{_where('pipeline/evidence.py', 'for topic in topics + (others if stance')} adds every other topic of the "
        "council when the clause has a stance: a stance clause is compared with all of the council's earlier "
        "promises. Each comparison also runs two regular expressions over the clause "
        f"({_where('pipeline/evidence.py', 'if _counts_something_else(clause.text')} and "
        f"{_where('pipeline/evidence.py', 'shared = (_mentions_number(clause.text')}) that depend on the clause "
        "and the promise's number only, so they could run once per clause.\n"
        f"- Linking, {_where('pipeline/evidence.py', 'others = [topic for (council, topic) in blocks')}: for every "
        "clause, a scan of all (council, topic) block keys: work per clause proportional to councils × topics, "
        "which grows when councils are added even at constant density.\n"
        f"- Linking, {_where('pipeline/evidence.py', 'words = {promise[')}: a promise's words are summed with "
        "`sum(..., Counter())`, quadratic in its number of mentions. Promises stay small while undertakings stay "
        "apart, but in a dense block one without numbers gathers neighbours: each later undertaking with a later "
        "deadline joins as a revision and keeps it open. The largest promise at "
        f"{last['mentions']:,} mentions holds {last['largest_promise']} mentions of {last['largest_undertakings']} "
        f"undertakings ({last['largest_topic']}).")
    parts.append(
        f"**Memory.** The peak above the process holding its input grows as n^{_exponent(first, last, _above):.2f} "
        f"({_above(first):.0f} → {_above(last):.0f} MB); the whole process peaks at {last['total_peak_mb']:.0f} MB "
        f"at {last['mentions']:,} mentions. Grouping keeps a word count per mention and per promise; linking keeps a "
        "word count per promise and the evidence rows: all proportional to the input.")
    q1, q2 = first["quality"], last["quality"]
    example = (f"; for example \"{q2['mixed_example'][0]}\" and \"{q2['mixed_example'][1]}\" became one promise"
               if q2["mixed_example"] else "")
    parts.append(
        f"**Quality.** Grouping found {q1['promises'] / q1['undertakings']:.0%} as many promises as there are "
        f"undertakings at {first['mentions']:,} mentions (pairwise P {q1['grouping_precision']:.2f} / R "
        f"{q1['grouping_recall']:.2f}) and {q2['promises'] / q2['undertakings']:.0%} at {last['mentions']:,} "
        f"(P {q2['grouping_precision']:.2f} / R {q2['grouping_recall']:.2f}). At {last['mentions']:,}, promises "
        "mixing undertakings by topic: " + ", ".join(f"{topic} {count:,}" for topic, count in q2["mixed_by_topic"])
        + f"{example}. {q2['mixed_different']:,} of the {q2['mixed_promises']:,} mixed promises join undertakings "
        "that say different things, numbers aside; the rest join undertakings that say the same thing of the same "
        "place with other numbers or deadlines, which the text cannot tell apart either. Undertakings of one "
        "council and topic that differ only by a place name, with numbers that agree or are missing (retellings "
        "without their numbers) and a later deadline that reads as a revision, are joined; the denser the block, "
        "the more such neighbours. This is the tracker on dense generated data, not a gold set: the gold "
        "evaluation (`promises evaluate --tracking`) is the measure of quality.")
    return "\n\n".join(parts)


def _tagger_agreement(seed: int, size: int = TAGGER_SAMPLE) -> dict[str, float]:
    """How often the generated fields of a mention equal what `pipeline.tagger.tag` reads in its sentence."""
    from pipeline.promises import topic_block
    from pipeline.tagger import tag

    same: Counter = Counter()
    mentions = corpus(size, seed + WARMUP_SEED_OFFSET).mentions
    for mention in mentions:
        found = tag(mention["text"], datetime.date.fromisoformat(mention["published"]), mention["council"], "")
        item = found[0] if found else {"deadline": None, "amount_gbp": None, "quantity": None, "text": ""}
        quantity = item["quantity"] or {"value": None, "unit": None}
        same["deadline"] += item["deadline"] == mention["deadline"]
        same["amount"] += item["amount_gbp"] == mention["amount_gbp"]
        same["quantity"] += quantity["value"] == mention["quantity_value"]
        same["unit"] += quantity["unit"] == mention["quantity_unit"]
        same["topic block"] += (topic_block(item["text"], item["amount_gbp"], quantity["unit"])
                                == topic_block(mention["text"], mention["amount_gbp"], mention["quantity_unit"]))
    return {field_: count / len(mentions) for field_, count in same.items()}


def _method(main: list[dict], wide: list[dict], tagger: dict[str, float]) -> str:
    runs = main + wide[1:]
    shares = ", ".join(f"{run['mentions'] // 1000}k × {run['councils']} {run['cpu_share']:.0%}" for run in runs)
    wrapper = max(run["wrapper_s"] / _both(run) for run in runs)
    no_reset = any(run["link_peak_mb"] is None for run in runs)
    return (
        "Each size is one fresh child process (`benchmarks/tracking.py --child ...`) pinned to one CPU; the children "
        "run one after another. A child warms up on a small corpus of another seed, generates its corpus (not "
        "timed), then times `group_mentions` and `find_evidence` one after the other. Peak RSS after grouping is "
        "`ru_maxrss` then (generation and input included); the peak of linking alone is `VmHWM` after resetting it "
        "through `/proc/self/clear_refs` once grouping is done"
        + (" (not allowed on this machine: n/a below)" if no_reset else "")
        + "; the peak of both is `ru_maxrss` at the end. \"Peak above the input\" is that peak less the RSS of the "
        "process holding its mentions and texts before grouping. Comparisons are counted by wrapping "
        "`pipeline.promises.agrees` and `cosine`, and `pipeline.evidence._counts_something_else` and `cosine`, in "
        f"the child only; the wrappers cost at most {wrapper:.1%} of the timed work (each call timed on a no-op). "
        "CPU time of the timed work as a share of its wall time (below 100% when something else ran on the same "
        f"CPU): {shares}. The generator fills each mention's fields itself; on {TAGGER_SAMPLE} generated mentions "
        "they equal what `pipeline.tagger.tag` reads in the same sentence: "
        + ", ".join(f"{name} {share:.0%}" for name, share in tagger.items()) + ".")


def _report(machine: dict, load_end, started: datetime.datetime, minutes: float, main: list[dict],
            wide: list[dict], command: str) -> str:
    def load(values) -> str:
        return " / ".join(f"{v:.2f}" for v in values)

    children = ", ".join(f"{run['mentions'] // 1000}k × {run['councils']} councils {run['child_wall_s']:.0f} s"
                         for run in main + wide[1:])
    long = ""
    if minutes > RUN_MINUTES:
        long = (f" That is longer than the {RUN_MINUTES} minutes a run should take, because grouping and linking "
                f"grow faster than the mentions: the {main[-1]['mentions']:,}-mention child alone takes "
                f"{main[-1]['child_wall_s'] / 60:.1f} minutes."
                + (" `--wide ''` leaves out the councils-growing run." if len(wide) > 1 else ""))
    sample = corpus(200, main[0]["seed"])
    mention, text = sample.mentions[0], next(t for t in sample.texts if t["source"] in sample.statements)
    machine_rows = [
        ["Date", f"{started:%Y-%m-%d %H:%M} UTC"], ["Code measured", machine["code"]], ["`nproc`", machine["nproc"]],
        ["CPU", machine["cpu"]], ["Memory", f"{machine['memory_gib']:.1f} GiB"], ["OS", machine["os"]],
        ["Python", machine["python"]],
        ["CPU the children were pinned to",
         f"{main[0]['cpu']} (`os.sched_setaffinity`, as `taskset -c {main[0]['cpu']}`)"],
        ["Load average (1 / 5 / 15 min) at start / end", f"{load(machine['load'])} ; {load(load_end)}"],
    ]
    parts = [
        "# Tracking speed",
        (f"Written by `benchmarks/tracking.py` on {started:%Y-%m-%d %H:%M} UTC; the whole run took {minutes:.1f} "
        f"minutes (children: {children}).{long} Run it again rather than editing the figures by hand."),
        ("What is measured: `pipeline.promises.group_mentions(mentions)` (grouping commitment mentions into promises) "
        "and `pipeline.evidence.find_evidence(texts, promises, mentions_by_id)` (linking statements in later texts "
        "to promises) on generated data: undertakings of invented councils over 2016-2025, in the SEND sub-topics "
        "of `pipeline/patterns/evidence.yml`, each mentioned 2-4 times, a third with 1-2 evidence statements "
        "(`benchmarks/tracking.py`, `corpus`). The issue asks that grouping and linking do not compare every pair "
        "but block by council, topic and time, and that time and memory grow near-linearly from 10,000 to 100,000 "
        f"mentions; read here as an exponent k ≤ {NEAR_LINEAR} where time grows as mentions^k (at most "
        f"{10 ** NEAR_LINEAR:.0f}× per 10× more mentions; 10× is linear)."),
        "## Summary",
        _summary(main, wide),
        "## Machine and versions",
        _table(["", ""], "ll", machine_rows),
        "Commands:",
        ("```sh\ncd /work/main\n.venv/bin/python benchmarks/tracking.py --sizes 2000,5000 --wide '' "
        f"--out /tmp/tracking-quick.md   # quick check\n{command}\n```"),
        _method(main, wide, _tagger_agreement(main[0]["seed"])),
        ("A mention (fields as `promises tag` stores them; `pipeline.evaluate_tracking.track_passages` builds the "
        "same):"),
        "```json\n" + json.dumps(mention) + "\n```",
        "A text with an evidence statement:",
        "```text\n" + text["text"] + "\n```",
        f"## 1. Sizes, {main[0]['councils']} councils over ten years",
        _size_table(main),
        "## 2. Growth",
        "Between the smallest and the largest size; k by step is the exponent between consecutive sizes.",
        _growth_table(main),
        "## 3. Comparisons",
        ("How much each mention and each sentence of text is compared with: \"looked at\" counts the promises a "
        "mention or clause reaches in its blocks (calls of `agrees` in grouping, of `_counts_something_else` in "
        "linking, which skip promises made after the text); `cosine` the similarity scores computed. Constant "
        "figures across sizes would be linear work."),
        _comparison_table(main + wide[1:]),
        "## 4. Quality on the generated data",
        ("Grouping pairs: two mentions of one undertaking should share a promise, and no others should. An evidence "
        "row is right when its sentence is a statement (or a retelling) of an undertaking and the promise holds a "
        "mention of that undertaking; linking recall is the share of statements with a right row; the stance column "
        "compares right statement rows with the stance the generator wrote."),
        _quality_table(main + wide[1:]),
        ("Evidence rows by the sentence they come from (a retelling of a promise is also evidence that it is "
        "restated):"),
        _rows_table(main + wide[1:]),
    ]
    if len(wide) > 1:
        parts += [f"## 5. Councils growing with the mentions ({wide[0]['councils']} per {wide[0]['mentions']:,})",
                  ("The same mentions per council and year at every size: the growth that is left comes from the "
                  "code, not from busier blocks."), _size_table(wide), _growth_table(wide)]
    parts += ["## Reading", _reading(main, wide)]
    return "\n\n".join(parts) + "\n"


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        args = json.loads(sys.argv[2])
        print(json.dumps(dict(_CHILDREN[args["kind"]](args), cpu=args["cpu"], seed=args["seed"])))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,25000,50000,100000", help="numbers of mentions, 20 councils")
    parser.add_argument("--wide", default="100000",
                        help="numbers of mentions with councils growing (20 per smallest size); '' to skip")
    parser.add_argument("--councils", type=int, default=len(_COUNCILS))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cpu", type=int, default=0, help="the CPU every child is pinned to")
    parser.add_argument("--out", default=str(ROOT / "docs" / "tracking-speed.md"))
    cli = parser.parse_args()

    started = datetime.datetime.now(datetime.UTC)
    t0 = time.perf_counter()
    machine = _machine()
    common = {"seed": cli.seed, "cpu": cli.cpu}
    sizes = sorted(int(size) for size in cli.sizes.split(",") if size.strip())
    print(f"load average {machine['load']}; children pinned to CPU {cli.cpu}", file=sys.stderr)
    main_runs = [_run_child("track", dict(common, mentions=size, councils=cli.councils)) for size in sizes]
    wide_runs = [main_runs[0]] + [
        _run_child("track", dict(common, mentions=size, councils=round(cli.councils * size / sizes[0])))
        for size in sorted(int(size) for size in cli.wide.split(",") if size.strip()) if size > sizes[0]]
    argv = " ".join(sys.argv[1:])
    command = ".venv/bin/python benchmarks/tracking.py" + (f" {argv}" if argv else "")
    report = _report(machine, os.getloadavg(), started, (time.perf_counter() - t0) / 60, main_runs, wide_runs, command)
    Path(cli.out).write_text(report, encoding="utf-8")
    print(f"grouping + linking {[round(_both(run), 1) for run in main_runs]} s; peaks "
          f"{[round(run['total_peak_mb']) for run in main_runs]} MB; wrote {cli.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
