"""Scoring (TAGGING.md §7) and the `promises evaluate` command on a tiny gold folder written for it."""

from pathlib import Path

import pytest

from pipeline.evaluate import Report, match, score_document
from tests.conftest import run_promises

TINY = Path(__file__).with_name("fixtures") / "gold_tiny"


def span(start, end, **fields):
    return {"start": start, "end": end, "text": f"{start}-{end}", "is_send": True, **fields}


@pytest.mark.parametrize("gold, predicted, pairs", [
    ([span(0, 10)], [span(5, 30)], [(0, 0)]),          # overlap 5 of 10: exactly half matches
    ([span(0, 10)], [span(6, 30)], []),                # overlap 4 of 10: too little
    ([span(0, 10), span(12, 20)], [span(0, 20)], [(0, 0)]),  # one prediction matches one gold only
    ([span(0, 10)], [span(0, 4), span(2, 10)], [(0, 1)]),    # the larger overlap wins
])
def test_spans_match_when_they_overlap_by_half_the_gold_span(gold, predicted, pairs):
    assert match(gold, predicted) == pairs


def test_send_figures_count_only_send_items():
    report = Report()
    gold = [span(0, 10, deadline="2024-09-30", amount_gbp=8e6), span(20, 30, is_send=False)]
    predicted = [span(0, 10, deadline="2024-09-01", amount_gbp=8e6), span(20, 30), span(40, 50)]
    score_document(report, "d", gold, predicted)
    assert (report.send.true_positive, report.send.false_positive, report.send.false_negative) == (1, 2, 0)
    assert report.deadlines.true_positive == 1  # same year and month is right
    assert report.amounts.true_positive == 1


def test_wrong_deadline_and_deadline_where_gold_has_none_are_counted_apart():
    report = Report()
    gold = [span(0, 10, deadline="2024-09-30"), span(20, 30, deadline=None)]
    predicted = [span(0, 10, deadline="2024-10-31"), span(20, 30, deadline="2025-01-31")]
    score_document(report, "d", gold, predicted)
    assert report.figures()["deadline_accuracy"] == 0.0
    assert report.deadlines.false_positive == 1
    assert {e["error"] for e in report.errors} == {"wrong deadline", "deadline where gold has none"}


def test_evaluate_prints_the_figures_for_a_gold_folder():
    result = run_promises("evaluate", str(TINY))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "2 documents, 3 gold commitments"
    assert "SEND commitments   precision 1.000  recall 1.000  F1 1.000" in lines
    assert "Deadline accuracy  1.000  (deadlines where gold has none: 0)" in lines
    assert "Amount accuracy    1.000" in lines


def test_evaluate_lists_errors_on_request(tmp_path):
    (tmp_path / "001.txt").write_text((TINY / "001.txt").read_text())
    (tmp_path / "001.labels.json").write_text('[{"text": "the Schools Forum", "is_send": true, "actor": "x",'
                                              ' "quantity": null, "amount_gbp": null, "deadline_text": null,'
                                              ' "deadline": null, "deadline_basis": "none"}]')
    result = run_promises("evaluate", str(tmp_path), "--errors")
    assert "missed SEND commitment: 'the Schools Forum'" in result.stdout
    assert "false SEND commitment" in result.stdout


def test_evaluate_of_an_empty_folder_is_a_clear_error(tmp_path):
    result = run_promises("evaluate", str(tmp_path))
    assert result.returncode == 1 and "no gold documents" in result.stderr
