"""Deadline phrases and their dates (TAGGING.md §3, gold README conventions), on sentences written for these tests."""

from datetime import date

import pytest

from pipeline.deadlines import Anchor, find_anchor, find_deadline


def deadline_of(text, published, anchor=None):
    found = find_deadline(text, date.fromisoformat(published), anchor)
    if found is not None:
        assert text[found.start:found.end] == found.text
    return found


def case(name, text, published, expected, phrase=None):
    return pytest.param(text, published, expected, phrase, id=name)


SECTION_3 = [
    # by / from / in <Month YYYY>
    case("by_month_year_is_end_of_month", "We will train every teaching assistant by September 2024.", "2023-05-02",
         "2024-09-30", "by September 2024"),
    case("from_month_year_is_end_of_that_month", "The extended hours apply from September 2024.", "2023-05-02",
         "2024-09-30", "from September 2024"),
    case("in_month_year_is_end_of_month", "The base is expected to open in September 2024.", "2023-05-02",
         "2024-09-30", "in September 2024"),
    case("abbreviated_month_with_year", "Phase two finishes by Sept. 2026.", "2025-01-02", "2026-09-30"),
    case("action_plan_month_yy", "Recruit two caseworkers | Lead: Head of SEND | Mar-25", "2024-06-01", "2025-03-31",
         "Mar-25"),
    case("end_month_without_of", "Complete the audit by end March 2025.", "2024-06-01", "2025-03-31",
         "by end March 2025"),
    # a month without a year
    case("bare_month_is_the_next_such_month", "A parents' helpline starts in February.", "2022-10-03", "2023-02-28",
         "in February"),
    case("bare_month_under_way_is_this_month", "The new portal goes live in March.", "2024-03-12", "2024-03-31"),
    case("next_month_name_after_publication_month_is_next_year", "We will report back next March.", "2024-03-12",
         "2025-03-31"),
    case("by_next_april_is_the_coming_april", "Two bridges will be rebuilt by next April.", "2022-09-14", "2023-04-30"),
    case("month_with_next_year", "The hub opens at the end of March next year.", "2024-01-10", "2025-03-31"),
    case("until_month_is_its_end", "Pupils stay at the interim site until January.", "2024-08-20", "2025-01-31",
         "until January"),
    case("by_the_end_of_december", "Fifty more benches will be installed by the end of December.", "2022-11-29",
         "2022-12-31"),
    # seasons (UK: spring Mar-May, summer Jun-Aug, autumn Sep-Nov, winter Dec-Feb)
    case("next_summer_resolves_after_publication", "Little will change until next summer.", "2023-12-15",
         "2024-08-31", "until next summer"),
    case("this_autumn_under_way_is_this_autumn", "A further 40 places open this autumn.", "2021-11-16", "2021-11-30"),
    case("this_winter_ends_in_february_next_year", "Crews will salt 60 more miles this winter.", "2022-11-29",
         "2023-02-28"),
    case("by_the_winter_ends_in_february", "A new triage team will be ready by the winter.", "2024-09-26",
         "2025-02-28", "by the winter"),
    case("in_the_spring_across_the_year_end", "The toolkit will be launched in the spring.", "2021-12-09",
         "2022-05-31"),
    case("in_the_summer_same_year", "Members will decide in the summer.", "2022-03-24", "2022-08-31", "in the summer"),
    case("next_spring_from_autumn", "The annexe should be ready next spring.", "2023-11-08", "2024-05-31"),
    case("season_with_year", "Works finish by summer 2026.", "2024-01-10", "2026-08-31", "by summer 2026"),
    case("winter_with_year_ends_next_february", "Heating upgrades complete in winter 2025/26.", "2024-01-10",
         "2026-02-28"),
    case("school_term", "The pilot runs to the end of the summer term 2025.", "2024-01-10", "2025-07-31"),
    # years
    case("by_year", "We aim to halve out-of-county placements by 2027.", "2024-03-27", "2027-12-31", "by 2027"),
    case("in_year", "A second campus opens in 2027.", "2026-01-20", "2027-12-31", "in 2027"),
    case("next_year_from_publication_year", "We will add 45 places next year.", "2026-01-20", "2027-12-31",
         "next year"),
    case("this_year", "Travel training will reach 150 pupils this year.", "2025-04-29", "2025-12-31", "this year"),
    case("during_year", "Three schools will be extended during 2024.", "2023-10-12", "2024-12-31", "during 2024"),
    case("early_year_is_end_of_march", "Consultation closes in early 2026.", "2024-01-01", "2026-03-31"),
    case("mid_year_is_end_of_june", "Cabinet decides mid-2026.", "2024-01-01", "2026-06-30", "mid-2026"),
    case("late_year_is_end_of_december", "Building starts late 2026.", "2024-01-01", "2026-12-31", "late 2026"),
    case("by_the_end_of_year", "All posts will be filled by the end of 2026.", "2024-01-01", "2026-12-31",
         "by the end of 2026"),
    case("by_the_end_of_the_year_is_this_year", "The audit will conclude by the end of the year.", "2019-07-16",
         "2019-12-31"),
    case("early_next_year", "A review will start early next year.", "2024-09-18", "2025-03-31", "early next year"),
    case("later_this_year", "The charter will be signed later this year.", "2024-02-01", "2024-12-31"),
    case("first_half_of_year", "The website relaunches in the first half of 2025.", "2024-08-10", "2025-06-30"),
    # spans of years
    case("strategy_span_with_two_digit_end", "Our inclusion strategy 2022-25 sets the direction.", "2021-11-16",
         "2025-12-31", "2022-25"),
    case("span_written_with_to", "The plan covers 2024 to 2029.", "2024-03-27", "2029-12-31", "2024 to 2029"),
    case("span_between_years", "We will add 300 places between 2024 and 2026.", "2024-05-21", "2026-12-31",
         "between 2024 and 2026"),
    case("span_of_phrases_ends_with_the_later", "Construction: late 2024 to summer 2025", "2024-01-15",
         "2025-08-31", "late 2024 to summer 2025"),
    case("four_digit_hyphenated_span", "The Autism Strategy 2024-2026 will guide our work.", "2024-01-10",
         "2026-12-31"),
    # financial years (end 31 March)
    case("slash_year_is_financial_year", "Cabinet approves the 2024/25 budget.", "2024-02-07", "2025-03-31", "2024/25"),
    case("financial_year_named", "Savings are due in financial year 2024/25.", "2024-02-07", "2025-03-31",
         "in financial year 2024/25"),
    case("hyphenated_two_digit_pair_is_financial_year", "We will hold the 2024-25 fee level.", "2024-02-07",
         "2025-03-31"),
    case("four_digit_pair_next_to_money_is_financial_year", "A £2m budget for 2024-2025 was set.", "2024-02-07",
         "2025-03-31"),
    case("by_the_end_of_the_financial_year_is_the_current_one", "We will publish the strategy by the end of the "
         "financial year.", "2023-11-20", "2024-03-31", "by the end of the financial year"),
    case("this_financial_year", "The council will spend £9m more this financial year.", "2023-05-11", "2024-03-31"),
    case("next_financial_year", "Fees rise next financial year.", "2023-05-11", "2025-03-31"),
    case("by_financial_year", "High needs spending balances by 2026/27.", "2023-04-12", "2027-03-31", "by 2026/27"),
    case("two_financial_years_end_with_the_second", "We will fund 12 posts in 2024/25 and 2025/26.", "2024-02-07",
         "2026-03-31", "in 2024/25 and 2025/26"),
    case("between_financial_years", "£5m will be invested between 2023/24 and 2025/26.", "2023-05-02", "2026-03-31"),
    case("end_of_named_agreement_in_financial_year", "The deficit goes by the end of the deal in 2028/29.",
         "2023-05-02", "2029-03-31"),
    case("fy_prefix", "Target met in FY2025/26.", "2024-08-10", "2026-03-31"),
    case("two_digit_financial_year_after_preposition", "Balance the budget by 26/27.", "2024-08-10", "2027-03-31"),
    # academic years
    case("places_for_academic_year_means_september_start", "Forty places are for the 2026/27 academic year.",
         "2025-03-20", "2026-09-30", "for the 2026/27 academic year"),
    case("by_the_end_of_the_academic_year_is_31_august", "Every school gets outreach by the end of the academic "
         "year 2025/26.", "2025-05-20", "2026-08-31", "by the end of the academic year 2025/26"),
    case("during_the_academic_year_is_its_end", "Toolkits roll out during the 2024/25 academic year.", "2024-05-21",
         "2025-08-31"),
    case("academic_year_named_first", "Pupils join from academic year 2026/27.", "2025-06-01", "2026-09-30"),
    case("from_the_next_academic_year", "The offer applies from the start of the next academic year.", "2024-10-01",
         "2025-09-30"),
    # quarters
    case("calendar_quarter", "Works finish in Q3 2025.", "2025-03-11", "2025-09-30", "in Q3 2025"),
    case("by_end_of_calendar_quarter", "Hire 12 officers by the end of Q3 2024.", "2023-11-20", "2024-09-30"),
    case("quarter_of_financial_year_pair", "Clear the backlog by the end of Q2 2020/21.", "2019-08-05", "2020-09-30"),
    case("financial_quarter_marked_in_brackets", "Clear the backlog by Q2 2020 (financial year).", "2019-08-05",
         "2020-09-30"),
    case("last_financial_quarter", "Finish by the end of Q4 2024/25.", "2024-11-12", "2025-03-31"),
    case("financial_quarter_named_before", "Go live in financial Q1 2025.", "2024-11-12", "2025-06-30"),
    case("quarter_without_year_is_the_next", "The survey closes in Q3.", "2024-08-10", "2024-09-30"),
    # relative durations, from publication
    case("within_six_months_is_day_precise", "We will recruit 30 staff within six months.", "2024-03-10",
         "2024-09-10", "within six months"),
    case("within_20_weeks_is_140_days", "The inquiry will report within 20 weeks.", "2024-03-10", "2024-07-28",
         "within 20 weeks"),
    case("over_the_next_18_months", "We plan to hire 14 psychologists over the next 18 months.", "2025-05-20",
         "2026-11-20"),
    case("within_three_years", "The council plans 400 places within three years.", "2022-03-24", "2025-03-24"),
    case("within_a_year", "A new front door opens within a year.", "2024-01-10", "2025-01-10"),
    case("range_of_months_takes_the_upper_bound", "Delivery within the next 6-12 months.", "2024-01-10",
         "2025-01-10"),
    case("months_time", "The hub will be ready in 18 months' time.", "2024-01-10", "2025-07-10"),
    case("explicit_span_outranks_relative_duration", "Targets for the next three years (2024-27).",
         "2023-11-16", "2027-12-31", "2024-27"),
    # single named days
    case("named_day_without_year_is_next_occurrence", "A coffee morning for carers takes place on 25 January.",
         "2023-01-17", "2023-01-25", "on 25 January"),
    case("named_day_already_past_is_next_year", "Drop-in sessions start on 5 January.", "2023-01-17", "2024-01-05"),
    case("from_named_day_with_year", "Saturday opening returns from 1 April 2025.", "2025-03-20", "2025-04-01",
         "from 1 April 2025"),
    case("by_named_day_with_year", "Families will hear by 15 August 2025.", "2025-04-29", "2025-08-15"),
    case("weekday_and_day", "A drop-in is held on Saturday 24 February 2024.", "2024-02-06", "2024-02-24",
         "on Saturday 24 February 2024"),
    case("ordinal_day", "Bids close by 31st March 2025.", "2024-02-06", "2025-03-31"),
    case("month_first_day", "Replies by March 14, 2025 please.", "2024-02-06", "2025-03-14"),
    case("numeric_dates_are_day_month", "Applications close on 12/03/2024.", "2024-01-05", "2024-03-12",
         "on 12/03/2024"),
    case("numeric_date_day_first_not_month_first", "The panel meets on 03/12/2024.", "2024-01-05", "2024-12-03"),
    case("dotted_numeric_date", "Submit returns by 31.03.2025.", "2024-01-05", "2025-03-31"),
    case("christmas", "Every family will be contacted by Christmas.", "2024-09-01", "2024-12-25"),
    # until / before
    case("until_at_least_month_year", "Grants to 14 youth clubs continue until at least April 2020.", "2019-07-16",
         "2020-04-30", "until at least April 2020"),
    case("before_the_end_of_the_month", "We will write to families before the end of the month.", "2024-08-20",
         "2024-08-31", "before the end of the month"),
    case("before_a_month_is_the_day_before_it", "Plans will be agreed before April 2025.", "2024-01-10",
         "2025-03-31"),
    case("by_the_end_of_next_month", "Forms go out by the end of next month.", "2024-01-10", "2024-02-29"),
    case("timescale_field_with_bare_year", "Open two hubs. Timescale: 2026", "2024-01-10", "2026-12-31", "2026"),
    case("abbreviated_month_and_two_digits_in_a_timetable_is_month_year", "Timescale: Sept 25", "2024-06-12",
         "2025-09-30", "Sept 25"),
    case("full_month_and_day_number_is_a_day", "Replies are due by September 25.", "2024-06-12", "2024-09-25"),
    case("two_digit_financial_quarter", "Go live in Q3 24/25.", "2024-06-12", "2024-12-31"),
    case("year_end_is_the_financial_year_end", "Reserves will be rebuilt by the year-end.", "2024-06-12",
         "2025-03-31"),
    case("start_of_a_term_under_way_is_the_next_one", "From the start of the summer term, requests are tracked "
         "online.", "2024-06-12", "2025-04-30"),
    case("relative_and_explicit_words_for_one_period", "Works are done within this financial year 2025/26.",
         "2025-06-01", "2026-03-31", "within this financial year 2025/26"),
]


@pytest.mark.parametrize("text, published, expected, phrase", SECTION_3)
def test_section_3_wording_resolves_to_last_day_of_period(text, published, expected, phrase):
    found = deadline_of(text, published)
    assert found is not None
    assert found.date == date.fromisoformat(expected), found.basis
    if phrase:
        assert found.text == phrase


VAGUE = ["in the coming months", "in the coming weeks", "shortly", "as soon as possible", "as quickly as possible",
         "eventually", "urgently", "in due course", "once restrictions allow", "at the earliest opportunity",
         "over the coming years", "soon", "immediately", "in the medium to long term"]


@pytest.mark.parametrize("phrase", VAGUE)
def test_vague_timing_keeps_the_phrase_with_no_date(phrase):
    text = f"The council says the new service will be improved {phrase}."
    found = deadline_of(text, "2024-09-26")
    assert found is not None and found.date is None and found.text == phrase


def test_a_date_beats_vague_timing_in_the_same_clause():
    found = deadline_of("We will act as soon as possible and by March 2025 at the latest.", "2024-09-26")
    assert found.date == date(2025, 3, 31)


PER_CASE = [
    "We will issue all new EHCPs within 20 weeks.",
    "Final plans issued within 20 weeks will rise to 70%.",
    "We aim for 65% of new EHC plans within 20 weeks.",
    "Every parent gets a caseworker within 15 working days of the request.",
    "Decisions on requests within 6 weeks will become the norm.",
    "Annual reviews within four weeks of the meeting.",
    "No child should be waiting over 20 weeks.",
]


@pytest.mark.parametrize("text", PER_CASE)
def test_per_case_timescale_is_a_quantity_not_a_deadline(text):
    assert deadline_of(text, "2024-03-27") is None


ONE_OFF = [
    case("one_off_review_reporting_within_weeks_is_a_deadline", "The commissioned review will report within 20 "
         "weeks.", "2025-01-14", "2025-06-03", "within 20 weeks"),
    case("one_off_batch_of_items_is_a_deadline", "We will clear the overdue assessments within 12 weeks.",
         "2024-01-10", "2024-04-03"),
    case("rate_with_a_date_keeps_the_date", "Aim: 70% of new plans finalised within 20 weeks by March 2025.",
         "2023-11-20", "2025-03-31", "by March 2025"),
    case("years_are_never_per_case", "Cut by half the assessments running past 20 weeks within two years.",
         "2024-03-27", "2026-03-27", "within two years"),
]


@pytest.mark.parametrize("text, published, expected, phrase", ONE_OFF)
def test_one_off_durations_are_deadlines(text, published, expected, phrase):
    found = deadline_of(text, published)
    assert found.date == date.fromisoformat(expected)
    if phrase:
        assert found.text == phrase


NOT_DEADLINES = [
    "Progress is reported to the board every month.",
    "We will publish figures monthly and review the plan every six months.",
    "Updates come each term and annually.",
    "The council will spend an extra £1.5m a year on transport.",
    "Preparing-for-adulthood reviews start from Year 9 for young people aged 14 and over.",
    "A further 2,400 places will be created.",
    "Places created since 2019 will be kept.",
    "Staff funded in July last year will stay in post.",
    "The council will keep the 2019 scheme.",
    "Fees stay at 2024 levels.",
]


@pytest.mark.parametrize("text", NOT_DEADLINES)
def test_frequencies_ages_counts_and_past_dates_are_not_deadlines(text):
    assert deadline_of(text, "2024-06-01") is None


def test_latest_date_governs_a_clause_with_a_start_and_an_end():
    found = deadline_of("It opens from September 2025 with 60 pupils, rising to 150 by 2029.", "2024-02-06")
    assert (found.text, found.date) == ("by 2029", date(2029, 12, 31))


def test_condition_date_is_earlier_than_the_promise():
    found = deadline_of("If agreed by Cabinet on 9 February, four bases will open from September 2023.", "2023-01-17")
    assert found.date == date(2023, 9, 30)


def test_superseded_date_loses_to_the_revised_one():
    found = deadline_of("The school that was due to open next month will now open in January.", "2024-08-20")
    assert found.date == date(2025, 1, 31)


def test_future_event_after_agreed_to_is_a_deadline():
    found = deadline_of("The council agreed to hold a parents' forum on 25 January.", "2023-01-17")
    assert found.date == date(2023, 1, 25)


def test_month_without_year_in_a_past_clause_is_not_a_deadline():
    assert deadline_of("Overdue assessments had fallen from 900 in March to 610.", "2024-10-02") is None


def test_past_clause_does_not_hide_the_promise_beside_it():
    found = deadline_of("The backlog will be cleared by the end of the year, and referrals had dropped in June.",
                        "2024-10-02")
    assert found.date == date(2024, 12, 31)


@pytest.mark.parametrize("text, published", [
    ("Oct 3, 2024, Gazette: County council approves new autism strategy", "2024-10-03"),
    ("This week councillors approved a motion calling for faster action.", "2023-12-15"),
])
def test_dates_of_decisions_in_headlines_and_news_are_not_deadlines(text, published):
    assert deadline_of(text, published) is None


def test_decision_date_is_not_a_deadline():
    assert deadline_of("In September 2022, Cabinet approved a £22m programme.", "2023-10-12") is None


def test_long_past_date_is_not_a_deadline_but_a_future_one_is():
    found = deadline_of("Building on the places opened in 2021, six more open in 2024.", "2023-01-17")
    assert (found.text, found.date) == ("in 2024", date(2024, 12, 31))


def test_table_row_offsets_point_into_the_row():
    row = "2.3 | Publish a therapy commissioning plan | Lead: ICB | Timescale: by the end of the financial year"
    found = deadline_of(row, "2023-11-20")
    assert found.text == "by the end of the financial year" and found.date == date(2024, 3, 31)


# ------------------------------------------------------------------ anchors

ANCHORS = [
    case("month_without_year_is_the_latest_such_month", "Back in June, councillors agreed to put £6m more into "
         "SEND over the next two years.", "2023-12-15", Anchor(date(2023, 6, 1), "month")),
    case("weekday_and_month_day", "On Tuesday, March 12, the plan was signed off by the executive.", "2024-03-13",
         Anchor(date(2024, 3, 12), "day")),
    case("month_and_year_before_the_verb", "In September 2022, Cabinet agreed a £20m programme.", "2023-10-12",
         Anchor(date(2022, 9, 1), "month")),
    case("weekday_after_the_verb_is_the_latest_such_day", "The executive agreed on Thursday to resurface the car "
         "parks.", "2021-03-09", Anchor(date(2021, 3, 4), "day")),
    case("meeting_on_weekday", "At its meeting on Wednesday the committee approved the scheme.", "2021-03-10",
         Anchor(date(2021, 3, 10), "day")),
    case("day_month_year", "The plan was endorsed on 4 March 2024 by the board.", "2024-05-01",
         Anchor(date(2024, 3, 4), "day")),
    case("last_month", "Councillors voted last month to fund 20 posts.", "2024-05-01",
         Anchor(date(2024, 4, 1), "month")),
    case("year_only", "In 2022 the council committed to 300 places.", "2023-05-01", Anchor(date(2022, 1, 1), "year")),
]


@pytest.mark.parametrize("text, published, expected", [pytest.param(*p.values[:3], id=p.id) for p in ANCHORS])
def test_decision_dates_anchor_relative_durations(text, published, expected):
    assert find_anchor(text, date.fromisoformat(published)) == expected


NO_ANCHOR = [
    "The council will recruit 20 staff within six months.",
    "Figures published in March showed 40% of plans were late. The council will act within six months.",
    "The council was criticised in July. It will recruit 20 staff within six months.",
    "Cabinet will decide in September whether to expand the school.",
    "If approved by Cabinet on 9 February, the bases will open within two years.",
]


@pytest.mark.parametrize("text", NO_ANCHOR)
def test_dates_that_do_not_date_a_decision_are_not_anchors(text):
    assert find_anchor(text, date(2024, 5, 1)) is None


def test_month_anchor_gives_end_of_month_deadline():
    text = "Back in June, councillors agreed to put £6m more into SEND over the next two years."
    published = date(2023, 12, 15)
    found = find_deadline(text, published, find_anchor(text, published))
    assert (found.text, found.date) == ("over the next two years", date(2025, 6, 30))
    assert found.basis.startswith("anchor 2023-06")


def test_day_anchor_gives_day_precise_deadline():
    found = deadline_of("to resurface the car parks over the next two years", "2021-03-09",
                        Anchor(date(2021, 3, 4), "day"))
    assert found.date == date(2023, 3, 4)


def test_month_anchor_with_weeks_gives_end_of_month():
    found = deadline_of("report within 20 weeks", "2024-01-10", Anchor(date(2023, 7, 1), "month"))
    assert found.date == date(2023, 12, 31)


def test_calendar_words_read_from_publication_even_with_an_anchor():
    found = deadline_of("with improvements expected until next summer", "2023-12-15",
                        Anchor(date(2023, 7, 1), "month"))
    assert found.date == date(2024, 8, 31)


BACK_REFERENCES = [
    case("same_period_refers_to_the_date_before", "We will replace 120 footbridges by March 2024 and repaint 900 "
         "railings over the same period.", "2023-05-11", "2024-03-31", "over the same period"),
    case("from_then_refers_to_the_previous_sentence", "The new charging policy starts from September. Families "
         "applying from then pay the new rate.", "2019-07-16", "2019-09-30", "from then"),
    case("the_following_year_counts_from_the_year_given", "The academy opens in 2027 on a borrowed site and "
         "transfers to its new campus the following year.", "2026-01-20", "2028-12-31", "the following year"),
    case("duration_of_an_earlier_change", "Swimming pools will open earlier from January 2024, with a review of "
         "attendance within six months of the change.", "2023-12-14", "2024-07-31",
         "within six months of the change"),
]


@pytest.mark.parametrize("text, published, expected, phrase", BACK_REFERENCES)
def test_back_references_resolve_against_the_date_referred_to(text, published, expected, phrase):
    published = date.fromisoformat(published)
    clause = text[text.index(phrase) - 30:]
    found = find_deadline(clause, published, find_anchor(text, published))
    assert (found.text, found.date) == (phrase, date.fromisoformat(expected))


def test_back_reference_without_a_date_to_refer_to_is_vague():
    found = deadline_of("and will fill potholes over the same period", "2023-05-11")
    assert found.date is None and found.text == "over the same period"


def test_the_following_year_without_anchor_is_the_year_after_publication():
    assert deadline_of("moving to its own site the following year", "2026-01-20").date == date(2027, 12, 31)
