"""`promises evaluate --tracking`: score promise grouping, evidence linking and statuses against a gold set.

A gold file (YAML) names its promises by text, not by ids: each gold promise lists substrings of its
mentions (commitments), substrings of its evidence quotes, and the status expected on given dates.
Its texts are either the passages the file holds (tagged in memory) or, with `database: true`, the
database of a `promises demo` run.
"""

from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path

import yaml

from pipeline.evaluate import Tally
from pipeline.evidence import find_evidence
from pipeline.promises import group_mentions
from pipeline.status import status_on
from pipeline.tagger import tag


@dataclass
class Tracked:
    """What the tracker made of a set of texts."""

    mentions: list[dict]
    promises: list[dict]
    evidence: list[dict]


@dataclass
class Report:
    grouping: Tally = field(default_factory=Tally)  # pairs of mentions sharing a promise
    linking: Tally = field(default_factory=Tally)  # evidence rows and gold evidence phrases
    statuses: Tally = field(default_factory=Tally)  # true_positive: right, false_negative: wrong
    errors: list[str] = field(default_factory=list)


def load_gold(folder: Path) -> list[dict]:
    """The gold files of a folder, each with its name."""
    return [{**yaml.safe_load(path.read_text(encoding="utf-8")), "name": path.name}
            for path in sorted(Path(folder).glob("*.yml"))]


def track_passages(documents: list[dict]) -> Tracked:
    """Tag the passages of a gold file and track them, as `promises tag` and `promises track` would."""
    mentions, texts = [], []
    for n, document in enumerate(documents, 1):
        source, published = f"{document['council']}/passage{n}", str(document["published"])
        text = document["text"]
        texts.append({"source": source, "document": None, "page": None, "agenda_item": None, "text": text,
                      "published": published, "url": f"#{source}", "council": document["council"],
                      "title": document.get("title", "")})
        for item in tag(text, date.fromisoformat(published), document["council"], document.get("title", "")):
            if item["is_send"]:
                mentions.append({
                    "id": f"{source}@{item['start']}-{item['end']}", "source": source, "document": None, "page": None,
                    "agenda_item": None, "text": item["text"], "kind": item["kind"], "is_send": 1,
                    "actor": item["actor"], "amount_gbp": item["amount_gbp"],
                    "quantity_value": item["quantity"]["value"] if item["quantity"] else None,
                    "quantity_unit": item["quantity"]["unit"] if item["quantity"] else None,
                    "deadline": item["deadline"], "deadline_text": item["deadline_text"], "published": published,
                    "url": f"#{source}", "council": document["council"]})
    mentions.sort(key=lambda m: (m["published"], m["id"]))
    return track(mentions, texts)


def track(mentions: list[dict], texts: list[dict]) -> Tracked:
    """Group mentions and find their evidence."""
    promises = group_mentions(mentions)
    return Tracked(mentions, promises, find_evidence(texts, promises, {m["id"]: m for m in mentions}))


def score(report: Report, gold: dict, tracked: Tracked) -> None:
    """Add one gold file's grouping, linking and status figures to the report."""
    promise_of = {mention: promise["id"] for promise in tracked.promises for mention in promise["mentions"]}
    gold_of = {}  # mention id -> gold promise key, for mentions a gold promise names
    for entry in gold["promises"]:
        for mention in tracked.mentions:
            if any(_contains(mention["text"], phrase) for phrase in entry.get("mentions", [])):
                gold_of.setdefault(mention["id"], entry["key"])
    _score_grouping(report, gold_of, promise_of)
    chosen = _predicted_promises(gold["promises"], gold_of, promise_of)
    _score_linking(report, gold, tracked, chosen)
    _score_statuses(report, gold, tracked, chosen)


def _score_grouping(report: Report, gold_of: dict, promise_of: dict) -> None:
    """Pairwise: two mentions of one gold promise should share a predicted promise, and no others should."""
    for first, second in combinations(sorted(gold_of), 2):
        same_gold = gold_of[first] == gold_of[second]
        same_predicted = promise_of.get(first) is not None and promise_of.get(first) == promise_of.get(second)
        report.grouping.true_positive += same_gold and same_predicted
        report.grouping.false_positive += same_predicted and not same_gold
        report.grouping.false_negative += same_gold and not same_predicted
        if same_gold != same_predicted:
            report.errors.append(f"grouping: {gold_of[first]} / {gold_of[second]}: {first} and {second} "
                                 f"{'split' if same_gold else 'merged'}")


def _predicted_promises(entries: list[dict], gold_of: dict, promise_of: dict) -> dict[str, str | None]:
    """For each gold promise, the predicted promise holding most of its mentions (earliest on ties)."""
    chosen = {}
    for entry in entries:
        votes: dict[str, int] = {}
        for mention, key in sorted(gold_of.items()):
            if key == entry["key"] and mention in promise_of:
                votes[promise_of[mention]] = votes.get(promise_of[mention], 0) + 1
        chosen[entry["key"]] = max(votes, key=votes.get) if votes else None
    return chosen


def _score_linking(report: Report, gold: dict, tracked: Tracked, chosen: dict) -> None:
    """An evidence row is right when its quote holds a gold evidence phrase of the gold promise whose
    predicted promise it was linked to; every row linked to a chosen promise counts as predicted."""
    key_of = {promise: key for key, promise in chosen.items() if promise}
    phrases = {entry["key"]: entry.get("evidence", []) for entry in gold["promises"]}
    found = set()
    for row in tracked.evidence:
        key = key_of.get(row["promise"])
        if key is None:
            continue
        # A row takes the first phrase it holds that no other row took, so two statements matching
        # one general phrase do not hide a later, more specific one.
        hit = next((phrase for phrase in phrases[key]
                    if (key, phrase) not in found and _contains(row["quote"], phrase)), None)
        if hit:
            report.linking.true_positive += 1
            found.add((key, hit))
        else:  # a statement the gold does not name, or one it names linked twice
            report.linking.false_positive += 1
            report.errors.append(f"linking: {key}: unexpected evidence {row['quote']!r}")
    for key, wanted in phrases.items():
        missed = [phrase for phrase in wanted if (key, phrase) not in found]
        report.linking.false_negative += len(missed)
        report.errors += [f"linking: {key}: missed evidence {phrase!r}" for phrase in missed]


def _score_statuses(report: Report, gold: dict, tracked: Tracked, chosen: dict) -> None:
    promises = {promise["id"]: promise for promise in tracked.promises}
    for entry in gold["promises"]:
        for as_of, expected in (entry.get("status") or {}).items():
            promise = promises.get(chosen[entry["key"]])
            evidence = [row for row in tracked.evidence if promise and row["promise"] == promise["id"]]
            got = status_on(promise, evidence, str(as_of))["status"] if promise else "(no promise)"
            report.statuses.true_positive += got == expected
            report.statuses.false_negative += got != expected
            if got != expected:
                report.errors.append(f"status: {entry['key']} on {as_of}: expected {expected}, got {got}")


def _contains(text: str, phrase: str) -> bool:
    return " ".join(phrase.lower().split()) in " ".join((text or "").lower().split())
