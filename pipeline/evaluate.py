"""Scoring predicted commitments against gold (TAGGING.md §7)."""

from dataclasses import dataclass, field


@dataclass
class Tally:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    send: Tally = field(default_factory=Tally)
    every: Tally = field(default_factory=Tally)
    deadlines: Tally = field(default_factory=Tally)  # TP: same year-month; FN: wrong or missing; FP: date where gold has none
    amounts: Tally = field(default_factory=Tally)
    errors: list[dict] = field(default_factory=list)

    def figures(self) -> dict:
        return {
            "send_precision": self.send.precision, "send_recall": self.send.recall, "send_f1": self.send.f1,
            "all_f1": self.every.f1, "deadline_accuracy": self.deadlines.recall,
            "deadline_precision": self.deadlines.precision, "amount_accuracy": self.amounts.recall,
        }


def match(gold: list[dict], predicted: list[dict]) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index) whose spans overlap by at least half the gold span,
    each used once, largest overlap first."""
    candidates = []
    for g, gold_item in enumerate(gold):
        for p, item in enumerate(predicted):
            overlap = min(gold_item["end"], item["end"]) - max(gold_item["start"], item["start"])
            if overlap > 0 and 2 * overlap >= gold_item["end"] - gold_item["start"]:
                candidates.append((overlap, g, p))
    pairs, used_gold, used_predicted = [], set(), set()
    for _, g, p in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if g not in used_gold and p not in used_predicted:
            pairs.append((g, p))
            used_gold.add(g)
            used_predicted.add(p)
    return pairs


def score_document(report: Report, name: str, gold: list[dict], predicted: list[dict]) -> None:
    """Add one document's matches and misses to the report."""
    _tally(report.every, report, name, gold, predicted, "commitment")
    send_gold = [g for g in gold if g["is_send"]]
    send_predicted = [p for p in predicted if p["is_send"]]
    pairs = _tally(report.send, report, name, send_gold, send_predicted, "SEND commitment")
    for g, p in pairs:
        expected, got = send_gold[g].get("deadline"), send_predicted[p].get("deadline")
        if expected:
            if got and got[:7] == expected[:7]:
                report.deadlines.true_positive += 1
            else:
                report.deadlines.false_negative += 1
                report.errors.append({"document": name, "error": "wrong deadline", "text": send_gold[g]["text"],
                                      "expected": expected, "got": got})
        elif got:
            report.deadlines.false_positive += 1
            report.errors.append({"document": name, "error": "deadline where gold has none",
                                  "text": send_predicted[p]["text"], "got": got})
    for g, p in match(gold, predicted):
        expected = gold[g].get("amount_gbp")
        if expected is not None:
            if predicted[p].get("amount_gbp") == expected:
                report.amounts.true_positive += 1
            else:
                report.amounts.false_negative += 1
                report.errors.append({"document": name, "error": "wrong amount", "text": gold[g]["text"],
                                      "expected": expected, "got": predicted[p].get("amount_gbp")})


def _tally(tally: Tally, report: Report, name: str, gold: list[dict], predicted: list[dict], what: str):
    pairs = match(gold, predicted)
    tally.true_positive += len(pairs)
    matched_gold = {g for g, _ in pairs}
    matched_predicted = {p for _, p in pairs}
    for g, item in enumerate(gold):
        if g not in matched_gold:
            tally.false_negative += 1
            if what == "SEND commitment":
                report.errors.append({"document": name, "error": f"missed {what}", "text": item["text"]})
    for p, item in enumerate(predicted):
        if p not in matched_predicted:
            tally.false_positive += 1
            if what == "SEND commitment":
                report.errors.append({"document": name, "error": f"false {what}", "text": item["text"]})
    return pairs
