"""How well `pipeline.amounts` reads the amount and the quantity of each gold commitment mention.

    .venv/bin/python benchmarks/amount_gold.py [--gold ../shared/gold/dev] [--misses]

For every label in the gold folder, `commitment_amount` and `commitment_quantity` run on three readings:

1. the label's `text` (the commitment clause);
2. the label's `text`, with the earlier part of its sentence passed to `commitment_quantity` as `preceding`
   (read only for the unit of an elided count: "... and | a further two in 2024");
3. the whole sentence (or table row) that holds the label, as `pipeline.sentences` splits the body (the gold
   README: a mention carries the amount and quantity stated in its own sentence or table row).

Reported per reading:

- amount accuracy: over labels whose gold has `amount_gbp`, the share with an equal predicted value;
- amount false alarms: labels whose gold `amount_gbp` is null but an amount is predicted;
- quantity accuracy over labels whose gold has `quantity`: value equal, and value and unit equal (unit
  compared in lower case with whitespace collapsed and a bracketed remark dropped: "2 SEN units (32 places)");
- quantity false alarms: labels whose gold `quantity` is null but a quantity is predicted.

Gold quantities are strings "N unit"; N is the first number in the string ("fewer than 400 overdue
assessments" -> 400 "overdue assessments", "60% of plans" -> 60 "% of plans").
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.amounts import commitment_amount, commitment_quantity, words_to_number  # noqa: E402
from pipeline.gold import load_gold  # noqa: E402
from pipeline.sentences import sentences  # noqa: E402

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "dev"
_GOLD_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?|\b[a-z]+(?:-[a-z]+)?\b", re.IGNORECASE)
_BRACKETS = re.compile(r"\([^)]*\)")


@dataclass
class Tally:
    """Figures for one way of reading the labels."""

    amounts: int = 0
    amounts_right: int = 0
    without_amount: int = 0
    amount_false_alarms: int = 0
    quantities: int = 0
    values_right: int = 0
    units_right: int = 0
    without_quantity: int = 0
    quantity_false_alarms: int = 0
    misses: list[str] = field(default_factory=list)

    def lines(self, name: str) -> list[str]:
        return [
            f"{name}:",
            f"  amount accuracy        {_ratio(self.amounts_right, self.amounts)}",
            f"  amount false alarms    {self.amount_false_alarms} of {self.without_amount} labels without amount",
            f"  quantity value         {_ratio(self.values_right, self.quantities)}",
            f"  quantity value+unit    {_ratio(self.units_right, self.quantities)}",
            f"  quantity false alarms  {self.quantity_false_alarms} of {self.without_quantity} labels without quantity",
        ]


def _ratio(right: int, total: int) -> str:
    return f"{right}/{total} = {right / total:.3f}" if total else f"{right}/0"


def gold_quantity(quantity: str) -> tuple[float | None, str]:
    """(value, unit) of a gold quantity string: its first number and the words after it."""
    for match in _GOLD_NUMBER.finditer(quantity):
        value = words_to_number(match[0])
        if value is not None:
            return value, normalised_unit(quantity[match.end():])
    return None, normalised_unit(quantity)


def normalised_unit(unit: str) -> str:
    return " ".join(_BRACKETS.sub(" ", unit).lower().split())


def sentence_bounds(body: str, spans: list, start: int, end: int) -> tuple[int, int]:
    """Where the sentence(s) overlapping [start, end) begin and end; the label's own line when none does."""
    overlapping = [span for span in spans if span.start < end and span.end > start]
    if overlapping:
        return min(*(span.start for span in overlapping), start), max(*(span.end for span in overlapping), end)
    line_end = body.find("\n", end)
    return body.rfind("\n", 0, start) + 1, line_end if line_end >= 0 else len(body)


def score_amount(tally: Tally, reading: str, label: dict, where: str) -> None:
    """Add the amount read from `reading` for one label to the tally."""
    amount, gold = commitment_amount(reading), label.get("amount_gbp")
    context = f"in {label['text'][:90]!r}"
    if gold is None:
        tally.without_amount += 1
        if amount is not None:
            tally.amount_false_alarms += 1
            tally.misses.append(f"{where} amount false alarm {amount.text!r} {context}")
        return
    tally.amounts += 1
    if amount is not None and abs(amount.value - gold) < 0.5:
        tally.amounts_right += 1
    else:
        tally.misses.append(f"{where} amount {gold} got {amount and amount.text!r} {context}")


def score_quantity(tally: Tally, reading: str, label: dict, where: str, preceding: str = "") -> None:
    """Add the quantity read from `reading` (with `preceding`, its sentence's earlier text) to the tally."""
    quantity, gold = commitment_quantity(reading, preceding), label.get("quantity")
    context = f"in {label['text'][:90]!r}"
    if gold is None:
        tally.without_quantity += 1
        if quantity is not None:
            tally.quantity_false_alarms += 1
            tally.misses.append(f"{where} quantity false alarm {quantity.text!r} {context}")
        return
    tally.quantities += 1
    value, unit = gold_quantity(gold)
    value_right = quantity is not None and value is not None and abs(quantity.value - value) < 1e-6
    unit_right = value_right and normalised_unit(quantity.unit) == unit
    tally.values_right += value_right
    tally.units_right += unit_right
    if not unit_right:
        got = f"{quantity.value:g} {quantity.unit!r}" if quantity else None
        tally.misses.append(f"{where} quantity {gold!r} got {got} {context}")


READINGS = ("label text", "label text, earlier sentence text as `preceding`", "sentence or table row")


def readings(body: str, spans: list, label: dict) -> list[tuple[str, str]]:
    """(text, preceding) for each of READINGS."""
    start, end = label["start"], label["end"]
    sentence_start, sentence_end = sentence_bounds(body, spans, start, end)
    return [(label["text"], ""), (label["text"], body[sentence_start:start]), (body[sentence_start:sentence_end], "")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--misses", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args()
    tallies = [Tally() for _ in READINGS]
    for document in load_gold(args.gold):
        spans = sentences(document.body)
        for label in document.labels:
            for tally, (reading, preceding) in zip(tallies, readings(document.body, spans, label)):
                score_amount(tally, reading, label, document.name)
                score_quantity(tally, reading, label, document.name, preceding)
    for name, tally in zip(READINGS, tallies):
        print("\n".join(tally.lines(name)))
        if args.misses:
            print("\n".join(f"    {miss}" for miss in tally.misses))


if __name__ == "__main__":
    main()
