"""Deadline reading (pipeline.deadlines) against a gold set: how often the resolved deadline is right.

For every gold label with a `deadline_text` or a `deadline`, the label's text is read as the clause:
`find_anchor` gets its paragraph up to the end of the label's sentence (at most two sentences before it),
`find_deadline` gets the label text, then, when that has no deadline, its line if the line is a table or
timetable row ("Timescale: ..."). A second pass also falls back to the whole sentence, which shows what a
coarser clause split would give. Labels without `deadline_text` count false deadlines.

Figures: year-month accuracy over labels with a gold date (the TAGGING.md §7 metric; also for SEND labels
only), exact-date accuracy, vague handling (gold text but null date -> predicted phrase with null date),
false deadlines, and throughput over every sentence of every body (the tagger calls these only on commitments).

    cd /work/main && .venv/bin/python benchmarks/deadline_gold.py [--gold ../shared/gold/dev] [--misses]
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.deadlines import find_anchor, find_deadline  # noqa: E402

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "dev"
SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9£])|\n")
ROW = re.compile(r"\||\t|\b(?:timescale|deadline|target date|due date|by when|completion date)\s*:", re.IGNORECASE)


@dataclass
class Case:
    document: str
    published: datetime.date
    label: dict
    body: str
    start: int

    def span_around(self) -> tuple[int, int, int, int]:
        """(paragraph start, sentence start, sentence end, line end) around the label."""
        end = self.start + len(self.label["text"])
        paragraph = self.body.rfind("\n\n", 0, self.start)
        paragraph = 0 if paragraph < 0 else paragraph + 2
        breaks = [m for m in SENTENCE_BREAK.finditer(self.body, paragraph)]
        sentence = max([m.end() for m in breaks if m.end() <= self.start], default=paragraph)
        after = [m.start() for m in breaks if m.start() >= end]
        sentence_end = after[0] if after else len(self.body)
        line_end = self.body.find("\n", end)
        return paragraph, sentence, sentence_end, len(self.body) if line_end < 0 else line_end

    def context(self) -> tuple[str, str, str | None]:
        """(anchor text, sentence, table row or None)."""
        paragraph, sentence, sentence_end, line_end = self.span_around()
        anchor_start = paragraph
        earlier = [m.end() for m in SENTENCE_BREAK.finditer(self.body, paragraph, sentence)]
        if len(earlier) > 2:
            anchor_start = earlier[-3]
        line_start = self.body.rfind("\n", 0, self.start) + 1
        line = self.body[line_start:line_end]
        row = line if ROW.search(line) else None
        return self.body[anchor_start:sentence_end], self.body[sentence:sentence_end], row


@dataclass
class Tally:
    dated: int = 0
    year_month: int = 0
    exact: int = 0
    same_text: int = 0
    send_dated: int = 0
    send_year_month: int = 0
    vague: int = 0
    vague_right: int = 0
    without: int = 0
    false_dates: int = 0
    misses: list = field(default_factory=list)


def load(folder: Path) -> list[Case]:
    cases = []
    for path in sorted(folder.glob("*.txt")):
        labels = path.with_name(f"{path.stem}.labels.json")
        if not labels.exists():
            continue
        head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        header = dict(line.split(": ", 1) for line in head.splitlines())
        published = datetime.date.fromisoformat(header["published"][:10])
        for label in json.loads(labels.read_text(encoding="utf-8")):
            cases.append(Case(path.stem, published, label, body, body.find(label["text"])))
    return cases


def predict(case: Case, sentence_fallback: bool):
    anchor_text, sentence, row = case.context()
    anchor = find_anchor(anchor_text, case.published)
    deadline = find_deadline(case.label["text"], case.published, anchor)
    for fallback in (row, sentence if sentence_fallback else None):
        if deadline is None and fallback:
            deadline = find_deadline(fallback, case.published, anchor)
    return deadline, anchor


def score(cases: list[Case], sentence_fallback: bool) -> Tally:
    tally = Tally()
    for case in cases:
        label = case.label
        deadline, anchor = predict(case, sentence_fallback)
        got = deadline.date.isoformat() if deadline and deadline.date else None
        expected = label.get("deadline")
        if expected:
            tally.dated += 1
            right = got is not None and got[:7] == expected[:7]
            tally.year_month += right
            tally.exact += got == expected
            tally.same_text += bool(deadline) and deadline.text == label.get("deadline_text")
            if label.get("is_send"):
                tally.send_dated += 1
                tally.send_year_month += right
        elif label.get("deadline_text"):
            tally.vague += 1
            right = deadline is not None and deadline.date is None
            tally.vague_right += right
        else:
            tally.without += 1
            right = got is None
            tally.false_dates += not right
        if not right or (expected and got != expected):
            tally.misses.append((case.document, label["text"][:90], label.get("deadline_text"), expected,
                                 deadline and deadline.text, got, anchor and f"{anchor.date} {anchor.precision}",
                                 "" if right else "MISS"))
    return tally


def throughput(cases: list[Case]) -> tuple[float, float]:
    """MB/s of sentence text through find_deadline alone, and through find_anchor (given the sentence and the
    two before it, as the tagger passes them) + find_deadline, over every sentence of every body."""
    bodies = {case.document: (case.body, case.published) for case in cases}
    sentences = []
    for body, published in bodies.values():
        spans, begin = [], 0
        for match in [*SENTENCE_BREAK.finditer(body), None]:
            end = match.start() if match else len(body)
            if body[begin:end].strip():
                spans.append((begin, end))
                sentences.append((body[spans[max(0, len(spans) - 3)][0]:end], body[begin:end], published))
            begin = match.end() if match else end
    size = sum(len(sentence.encode()) for _, sentence, _ in sentences) / 1e6
    began = time.perf_counter()
    for _, sentence, published in sentences:
        find_deadline(sentence, published)
    alone = time.perf_counter() - began
    began = time.perf_counter()
    for context, sentence, published in sentences:
        find_deadline(sentence, published, find_anchor(context, published))
    return size / alone, size / (time.perf_counter() - began)


def percent(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.3f}" if whole else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--misses", action="store_true", help="list labels not resolved to the exact gold date")
    options = parser.parse_args()
    cases = load(options.gold)
    for fallback in (False, True):
        tally = score(cases, fallback)
        print(f"== {'label, row, then sentence' if fallback else 'label, then row'} ({options.gold})")
        print(f"year-month accuracy      {percent(tally.year_month, tally.dated)}")
        print(f"  SEND labels only       {percent(tally.send_year_month, tally.send_dated)}")
        print(f"exact date               {percent(tally.exact, tally.dated)}")
        print(f"same deadline_text       {percent(tally.same_text, tally.dated)}")
        print(f"vague -> null date       {percent(tally.vague_right, tally.vague)}")
        print(f"false deadlines          {percent(tally.false_dates, tally.without)} (labels without deadline_text)")
        if options.misses:
            for miss in tally.misses:
                print("  ", " | ".join(str(item) for item in miss))
    alone, with_anchor = throughput(cases)
    print(f"throughput               {alone:.2f} MB/s find_deadline on every sentence; {with_anchor:.2f} MB/s with "
          "find_anchor on it and the two sentences before")


if __name__ == "__main__":
    main()
