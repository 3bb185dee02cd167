"""Finding commitments (TAGGING.md §1) in passages written for these tests."""

import pytest

from pipeline.commitments import find_commitments
from pipeline.outcomes import lost_regions
from pipeline.sentences import sentences


def texts(body: str) -> list[str]:
    return [c.text for c in find_commitments(body)]


@pytest.mark.parametrize("body", [
    "The council will open a new unit for autistic pupils in Barnet Lane next year.",
    "If Cabinet agrees, four resource bases will open from September 2026.",
    "The county aims to halve the number of late assessments by March 2026.",
    "The new special school is due to open in January 2027.",
    "Further places are expected to be available from September 2025.",
    "The Executive Member said there would be 120 more specialist places by 2028.",
])
def test_future_action_is_one_commitment(body):
    assert len(find_commitments(body)) == 1


@pytest.mark.parametrize("body", [
    "Since 2021 the council has opened 310 specialist places.",
    "The high needs deficit is forecast to reach £48m by March 2027.",
    "Plans must be issued within 20 weeks of the request for an assessment.",
    "Parents have called on the council to open a special school in the town by 2026.",
    "Members will be aware that demand for assessments has doubled.",
    "Will the Cabinet Member say when the unit will open?",
    "The Panel is recommended to note the report.",
    "We use cookies to make this site work and we will not set optional cookies unless you accept them.",
])
def test_statement_that_binds_nobody_to_anything_is_not_a_commitment(body):
    assert texts(body) == []


def test_two_commitments_in_one_sentence_are_two_mentions():
    body = "Five resource bases will open from September 2025 and a further three in 2026."
    assert texts(body) == ["Five resource bases will open from September 2025", "a further three in 2026"]


def test_list_of_aims_gives_one_mention_per_aim():
    body = "The aims are to recruit forty caseworkers, replace the case management system and open two units."
    assert len(find_commitments(body)) == 3


def test_offsets_slice_the_body_to_the_text():
    body = "Title line\n\nBack in May, the council agreed to spend £3m over the next three years.\n"
    (commitment,) = find_commitments(body)
    assert body[commitment.start:commitment.end] == commitment.text
    assert commitment.kind == "resolution"


MINUTES = """Notices of Motion

(a) Transport

It was moved by Councillor Ann Reyes and seconded by Councillor Tom Pike that:

"Council calls on the Cabinet to restore the post-16 travel offer by April 2025."

The motion was put to the vote and was LOST.

(b) Assessments

It was moved by Councillor Jo Baird and seconded by Councillor Sam Ng that:

"Council requests the Cabinet to publish a plan to clear overdue EHC assessments by June 2025."

An amendment moved by Councillor Reyes to add a monthly report was put to the vote and lost.

The motion was put to the vote and was CARRIED.
"""


def test_lost_motion_and_amendment_bind_nobody_but_the_carried_motion_does():
    found = texts(MINUTES)
    assert found == ["Council requests the Cabinet to publish a plan to clear overdue EHC assessments by June 2025"]


def test_lost_regions_cover_the_lost_motion_from_where_it_was_moved():
    regions = lost_regions(MINUTES)
    moved = MINUTES.find("It was moved by Councillor Ann Reyes")
    assert any(start <= moved and MINUTES.find("post-16") < end for start, end in regions)
    assert not any(start <= MINUTES.find("clear overdue") < end for start, end in regions)


def test_items_listed_under_a_resolution_are_resolutions():
    body = "RESOLVED that Cabinet:\n\na) the expansion of Oakfield School by 30 places be progressed;\n\nb) officers report back in the spring.\n"
    found = find_commitments(body)
    assert [c.kind for c in found] == ["resolution", "resolution"]
    assert found[0].text.startswith("the expansion of Oakfield School")


def test_action_plan_line_starting_with_a_verb_is_a_plan():
    body = "Priority 1: assessments\n\n1.1 Recruit 10 additional EHC coordinators. Lead: Head of SEND. Timescale: Q2 2025.\n"
    (commitment,) = find_commitments(body)
    assert commitment.text == "Recruit 10 additional EHC coordinators" and commitment.kind == "plan"


def test_headings_and_list_introductions_are_not_commitments():
    body = "What we will do next\n\nTo achieve this the council will:\n\n- open 3 new units by 2026\n"
    assert texts(body) == ["open 3 new units by 2026"]


def test_opposition_quote_is_not_a_commitment():
    body = 'Labour group leader Cllr Amy Vance said: "We will keep pressing for a new school by 2026."'
    assert texts(body) == []


def test_wrapped_pdf_lines_join_into_one_sentence():
    body = "The council will recruit twelve additional educational psychologists over the next\nthree years to cut waiting times.\n"
    (commitment,) = find_commitments(body)
    assert commitment.text.endswith("to cut waiting times")
    assert [s.text for s in sentences(body)] == [commitment.text]


@pytest.mark.parametrize("body, count", [
    ("Cllr. Jones said the council will act. It will open a unit by Sept. 2025. Dr. Who agreed.", 3),
    ("The plan (para. 4) was approved. S. K. Jarvis moved it.", 2),
])
def test_titles_initials_and_abbreviations_do_not_end_a_sentence(body, count):
    assert len(sentences(body)) == count


def test_a_deadline_is_not_borrowed_from_far_along_a_long_line():
    from datetime import date

    from pipeline.tagger import tag

    body = "The council will open a new unit for pupils with autism. " + "Members discussed the budget. " * 20 \
        + "The library will close in March 2030."
    first = tag(body, date(2025, 1, 6))[0]
    assert first["text"].startswith("The council will open") and first["deadline"] is None


def test_an_action_plan_timescale_field_gives_the_deadline():
    from datetime import date

    from pipeline.tagger import tag

    body = "1.1 Recruit 10 additional EHC coordinators. Lead: Head of SEND. Timescale: by the end of Q3 2025.\n"
    (item,) = tag(body, date(2025, 1, 6))
    assert item["deadline"] == "2025-09-30"


@pytest.mark.parametrize("text, trimmed", [
    ("open two units; and", "open two units"),
    ("act;\nand", "act"),
    ("the plan, or", "the plan"),
    ("Brand", "Brand"),
    ("and", None),
])
def test_trailing_punctuation_and_dangling_conjunctions_are_trimmed(text, trimmed):
    from pipeline.sentences import Span, trim

    result = trim(Span(0, len(text), text))
    assert (result.text if result else None) == trimmed


def test_item_number_stays_with_its_item():
    assert [s.text for s in sentences("1. Apologies for Absence\n\n7.2 The council will act.")] == [
        "Apologies for Absence", "The council will act"]


@pytest.mark.parametrize("body", [
    "The Committee is recommended to\nnote the report and the progress made.",
    "Objectors believe the new unit\nwill cause traffic on the lane.",
    "There will be a positive impact on the health of pupils.",
    "This feedback will be crucial in deciding the scheme.",
    "The council cannot guarantee that the links will work in future.",
])
def test_report_boilerplate_and_other_voices_are_not_commitments_even_across_pdf_line_breaks(body):
    assert texts(body) == []


def test_a_line_starting_with_a_day_number_continues_its_sentence():
    body = "The Panel will consider the proposal for a new resource base at its meeting on\n22 January 2026.\n"
    assert texts(body) == ["The Panel will consider the proposal for a new resource base at its meeting on\n22 January 2026"]


def test_money_split_by_a_pdf_line_break_is_read_whole():
    from datetime import date

    from pipeline.tagger import tag

    (item,) = tag("The council will invest £8\nmillion in special school places.", date(2025, 1, 6))
    assert item["amount_gbp"] == 8_000_000
