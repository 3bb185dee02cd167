"""A promise's status on a date and its timeline (pipeline/status.py, docs/tracking.md)."""

import pytest

from pipeline.status import STATUSES, status_on, timeline

PROMISE = {"id": "shire/p1", "council": "shire", "origin": "shire/s1/p1@0-60", "title": "Recruit eighty caseworkers",
           "topic": "staff", "mentions": ["shire/s1/p1@0-60"], "deadline": "2024-04-30", "revised_deadline": None,
           "revised_on": None, "quantity_value": 80.0, "quantity_unit": "caseworkers", "amount_gbp": None,
           "first_published": "2023-07-17", "last_published": "2023-07-17"}


def promise(**changes):
    return {**PROMISE, **changes}


def report(day, stance, quantity=None, new_deadline=None, quote="A statement"):
    return {"id": f"shire/p1/e{day}{stance}", "promise": "shire/p1", "source": "shire/r/p1", "published": day,
            "stance": stance, "quantity_value": quantity, "new_deadline": new_deadline, "quote": quote,
            "title": "Progress Report", "confidence": 0.8}


@pytest.mark.parametrize("claim, subject, evidence, as_of, status", [
    ("delivered evidence delivers", PROMISE, [report("2024-03-01", "delivered", 80)], "2024-06-30", "delivered"),
    ("delivered after the deadline still delivers", PROMISE, [report("2024-09-16", "delivered", 80)], "2024-12-31", "delivered"),
    ("less than promised after the deadline is partly delivered", PROMISE, [report("2023-11-27", "progress", 46)],
     "2024-06-30", "partly_delivered"),
    ("a later revised deadline not yet passed is delayed", PROMISE,
     [report("2024-03-01", "revised", new_deadline="2024-09-30")], "2024-06-30", "delayed"),
    ("a revision by a later mention is delayed", promise(revised_deadline="2024-09-30", revised_on="2024-03-01"), [],
     "2024-06-30", "delayed"),
    ("a revised deadline that passed is overdue", PROMISE,
     [report("2024-03-01", "revised", new_deadline="2024-09-30")], "2024-10-01", "overdue"),
    ("a passed deadline without evidence is overdue", PROMISE, [], "2024-05-01", "overdue"),
    ("abandoned is broken", PROMISE, [report("2024-01-10", "abandoned")], "2024-02-01", "broken"),
    ("reported missed is broken", PROMISE, [report("2024-05-10", "missed")], "2024-06-01", "broken"),
    ("progress before the deadline is in progress", PROMISE, [report("2023-11-27", "progress", 46)], "2024-01-01", "in_progress"),
    ("a future deadline without evidence is not yet due", PROMISE, [], "2023-12-01", "not_yet_due"),
    ("a restatement alone leaves it not yet due", PROMISE, [report("2023-11-27", "restated")], "2023-12-01", "not_yet_due"),
    ("no deadline and no evidence is unclear", promise(deadline=None), [], "2025-12-31", "unclear"),
    ("no deadline with progress is in progress", promise(deadline=None), [report("2024-01-01", "progress", 10)],
     "2025-12-31", "in_progress"),
    ("evidence after as_of is not used", PROMISE, [report("2024-09-16", "delivered", 80)], "2024-06-30", "overdue"),
    ("the last outcome counts", PROMISE, [report("2024-01-10", "abandoned"), report("2024-03-01", "delivered", 80)],
     "2024-06-30", "delivered"),
    ("the deadline day itself has not passed", PROMISE, [], "2024-04-30", "not_yet_due"),
])
def test_status_rule(claim, subject, evidence, as_of, status):
    assert status_on(subject, evidence, as_of)["status"] == status, claim


def test_every_status_is_a_known_status():
    assert len(STATUSES) == 8 and "partly_delivered" in STATUSES


def test_reason_cites_the_quote_date_and_title_of_its_evidence():
    item = report("2024-09-16", "delivered", 80, quote="All eighty additional posts were filled")
    result = status_on(PROMISE, [item], "2025-12-31")
    assert result == {"status": "delivered", "evidence": item["id"], "deadline": "2024-04-30",
                      "reason": 'Reported "All eighty additional posts were filled" on 2024-09-16 (Progress Report)'}


def test_reason_cites_the_first_report_of_the_final_outcome():
    first, later = report("2024-09-16", "delivered", 80), report("2025-07-14", "delivered", 80)
    assert status_on(PROMISE, [first, later], "2025-12-31")["evidence"] == first["id"]


def test_deadline_in_force_is_the_revised_one():
    item = report("2024-03-01", "revised", new_deadline="2024-09-30")
    assert status_on(PROMISE, [item], "2024-06-30")["deadline"] == "2024-09-30"


def test_reason_without_evidence_cites_the_promise_and_its_date():
    reason = status_on(PROMISE, [], "2023-12-01")["reason"]
    assert "2024-04-30" in reason and "2023-07-17" in reason and "\n" not in reason


def test_timeline_records_each_change_with_deadline_passing_on_the_next_day():
    evidence = [report("2023-11-27", "progress", 46), report("2024-09-16", "delivered", 80)]
    assert [(change["date"], change["status"]) for change in timeline(PROMISE, evidence)] == [
        ("2023-07-17", "not_yet_due"), ("2023-11-27", "in_progress"), ("2024-05-01", "partly_delivered"),
        ("2024-09-16", "delivered")]


def test_timeline_of_a_delayed_promise_goes_overdue_after_the_revised_deadline():
    evidence = [report("2024-03-01", "revised", new_deadline="2024-09-30")]
    assert [(change["date"], change["status"]) for change in timeline(PROMISE, evidence)] == [
        ("2023-07-17", "not_yet_due"), ("2024-03-01", "delayed"), ("2024-10-01", "overdue")]


def test_timeline_entries_cite_their_evidence():
    item = report("2024-03-01", "delivered", 80)
    assert timeline(PROMISE, [item])[-1] == {"date": "2024-03-01", "status": "delivered", "evidence": item["id"],
                                               "reason": 'Reported "A statement" on 2024-03-01 (Progress Report)'}
