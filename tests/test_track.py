"""`promises track`, `promises status` and `promises evaluate --tracking` on the demo council's database."""

import json
import re

import pytest

from db.schema import open_db
from pipeline.status import STATUSES
from promises.cli import STATUS_CHOICES
from tests.conftest import run_promises

GOLD = "gold/tracking"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("track")
    result = run_promises("demo", "--no-serve", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    return data_dir


def status(data_dir, *args) -> list[dict]:
    result = run_promises("status", "--data-dir", str(data_dir), "--json", *args)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def find(rows: list[dict], phrase: str) -> dict:
    (row,) = [row for row in rows if phrase in row["title"]]
    return row


def test_every_status_shows_on_the_demo_council(demo):
    seen = {row["status"] for day in ("2024-06-30", "2025-12-31") for row in status(demo, "--as-of", day)}
    assert seen == set(STATUSES)


def test_each_status_gives_a_reason_citing_a_dated_source(demo):
    for row in status(demo, "--as-of", "2025-12-31"):
        assert re.search(r"\d{4}-\d{2}-\d{2}", row["reason"]), row
        assert row["url"].startswith("http://127.0.0.1")


@pytest.mark.parametrize("as_of, expected", [
    ("2024-06-30", "in_progress"), ("2024-12-31", "delayed"), ("2025-12-31", "delivered"),
])
def test_the_data_system_promise_changes_status_as_evidence_arrives(demo, as_of, expected):
    rows = status(demo, "--as-of", as_of)
    assert find(rows, "procurement of a replacement SEND case management")["status"] == expected


def test_an_earlier_date_knows_nothing_of_later_promises(demo):
    early = status(demo, "--as-of", "2022-12-31")
    assert early and not [row for row in early if "short breaks centre" in row["title"]]
    assert find(status(demo, "--as-of", "2025-12-31"), "short breaks centre")["status"] == "broken"


def test_status_filters_by_status_and_council(demo):
    overdue = status(demo, "--as-of", "2025-12-31", "--status", "overdue", "--council", "demoshire")
    assert overdue and {row["status"] for row in overdue} == {"overdue"}
    assert status(demo, "--as-of", "2025-12-31", "--council", "elsewhere") == []


def test_a_lost_motion_makes_no_promise(demo):
    db = open_db(demo / "promises.db")
    assert db["promises"].count_where("title like '%add £5 million a year%'") == 0
    assert db["commitments"].count_where("text like '%add £5 million a year%'") >= 1


def test_tracking_again_changes_nothing(demo):
    db = open_db(demo / "promises.db")
    tables = ("promises", "promise_mentions", "evidence", "promise_events")
    before = {table: sorted(map(tuple, db.execute(f"select * from [{table}]").fetchall())) for table in tables}
    result = run_promises("track", "--data-dir", str(demo))
    assert result.returncode == 0, result.stderr
    assert {table: sorted(map(tuple, db.execute(f"select * from [{table}]").fetchall())) for table in tables} == before


def test_views_list_overdue_and_delivered_promises(demo):
    db = open_db(demo / "promises.db")
    assert db["overdue_promises"].count >= 1 and db["delivered_promises"].count >= 1


def test_tracking_meets_its_goals_on_the_gold(demo):
    result = run_promises("evaluate", "--tracking", GOLD, "--data-dir", str(demo))
    assert result.returncode == 0, result.stderr
    figures = dict(re.findall(r"^(\w[\w ]+?)\s+precision ([\d.]+)", result.stdout, re.MULTILINE))
    recalls = dict(re.findall(r"^(\w[\w ]+?)\s+precision [\d.]+\s+recall ([\d.]+)", result.stdout, re.MULTILINE))
    assert float(figures["Mention grouping"]) >= 0.90 and float(recalls["Mention grouping"]) >= 0.80
    assert float(figures["Evidence linking"]) >= 0.90 and float(recalls["Evidence linking"]) >= 0.80
    assert float(re.search(r"Status accuracy\s+([\d.]+)", result.stdout).group(1)) >= 0.90


def test_status_choices_of_the_command_are_the_tracker_statuses():
    assert STATUS_CHOICES == STATUSES
