"""`promises extract` (TAGGING.md §5) on passages written for this test, against checked output."""

import json
from pathlib import Path

from pipeline.gold import split_header
from tests.conftest import run_promises

FIXTURES = Path("tests/fixtures/extract")
FILES = [str(FIXTURES / "cabinet_news.txt"), str(FIXTURES / "minutes_plain.txt")]


def extract(*args):
    result = run_promises("extract", *args, cwd=Path(__file__).parents[1])
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_extract_output_matches_the_checked_golden_file():
    expected = [json.loads(line) for line in (Path(__file__).parent / "fixtures/extract/expected.jsonl").open()]
    assert extract(*FILES, "--published", "2024-10-14") == expected


def test_offsets_slice_the_body_after_the_header_to_the_text():
    for item in extract(*FILES, "--published", "2024-10-14"):
        _, body = split_header((Path(__file__).parents[1] / item["file"]).read_text(encoding="utf-8"))
        assert body[item["start"]:item["end"]] == item["text"]


def test_every_line_has_the_fields_of_section_5():
    fields = {"text", "start", "end", "kind", "is_send", "topics", "actor", "amount_gbp", "quantity", "deadline",
              "deadline_text", "confidence", "file"}
    for item in extract(*FILES, "--published", "2024-10-14"):
        assert set(item) == fields


def test_header_date_wins_over_the_option_and_plain_text_without_a_date_has_no_deadlines():
    with_header = extract(FILES[0], "--published", "1999-01-01")
    assert any(item["deadline"] == "2026-02-10" for item in with_header)  # a year from Monday 10 Feb 2025
    plain = extract(FILES[1])
    assert plain and all(item["deadline"] is None for item in plain)
