import pytest

from pipeline.amounts import (
    Money, Quantity, commitment_amount, commitment_quantity, money_mentions, quantity_mentions, words_to_number,
)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        pytest.param("seventy", 70, id="tens"),
        pytest.param("Nine", 9, id="capitalised"),
        pytest.param("thirty-four", 34, id="hyphenated"),
        pytest.param("thirty four", 34, id="spaced"),
        pytest.param("three hundred", 300, id="hundreds"),
        pytest.param("two hundred and forty-five", 245, id="hundred-and"),
        pytest.param("a dozen", 12, id="a-dozen"),
        pytest.param("two dozen", 24, id="two-dozen"),
        pytest.param("a hundred", 100, id="a-hundred"),
        pytest.param("four thousand five hundred", 4500, id="thousands"),
        pytest.param("2,350", 2350, id="digits-with-comma"),
        pytest.param("1.5 million", 1_500_000, id="digits-with-scale"),
        pytest.param("several", None, id="vague-word"),
        pytest.param("a couple", None, id="a-couple-is-not-a-count"),
        pytest.param("six seven", None, id="two-units-in-a-row"),
    ],
)
def test_words_to_number(words, expected):
    assert words_to_number(words) == expected


@pytest.mark.parametrize(
    ("text", "value", "per_year"),
    [
        pytest.param("The cabinet will put £6 million into the programme.", 6_000_000, False, id="million-word"),
        pytest.param("a further £2.4m for transport", 2_400_000, False, id="m-suffix-with-decimal"),
        pytest.param("a grant of £915 per family", 915, False, id="plain-pounds"),
        pytest.param("the £480,000 refurbishment", 480_000, False, id="commas"),
        pytest.param("a £3.7 billion budget", 3_700_000_000, False, id="billion"),
        pytest.param("capital of £1.1bn", 1_100_000_000, False, id="bn"),
        pytest.param("a pot of £250k", 250_000, False, id="k"),
        pytest.param("£40 thousand for training", 40_000, False, id="thousand-word"),
        pytest.param("£13.8million in total", 13_800_000, False, id="no-space-before-million"),
        pytest.param("some 3 million pounds", 3_000_000, False, id="pounds-word"),
        pytest.param("£4.1m over two years", 4_100_000, False, id="exact-decimal-million"),
        pytest.param("£3m a year for outreach", 3_000_000, True, id="a-year"),
        pytest.param("£2.2 million per annum", 2_200_000, True, id="per-annum"),
        pytest.param("£900,000 annually", 900_000, True, id="annually"),
        pytest.param("£1.6m each year", 1_600_000, True, id="each-year"),
        pytest.param("£350 per pupil per year", 350, True, id="per-unit-per-year"),
        pytest.param("mentoring at £75k pa", 75_000, True, id="pa"),
        pytest.param("an annual £500,000 grant", 500_000, True, id="annual-before"),
        pytest.param("between £4-5m", 5_000_000, False, id="range-takes-upper"),
        pytest.param("£1m-£1.5m", 1_500_000, False, id="range-with-two-signs"),
    ],
)
def test_money_mentions(text, value, per_year):
    (money,) = money_mentions(text)
    assert (money.value, money.per_year) == (value, per_year)
    assert text[money.start:money.end] == money.text


def test_dollar_conversions_and_years_are_not_money():
    text = "rising from £6.5m [$8.1M] to £9m in 2025/26"
    assert [money.value for money in money_mentions(text)] == [6_500_000, 9_000_000]


def test_a_pound_range_does_not_swallow_a_financial_year():
    assert [money.value for money in money_mentions("£5m-2025/26 budget")] == [5_000_000]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        pytest.param("The service will take on 35 staff.", 35, "staff", id="digits"),
        pytest.param("we will hire sixty extra staff", 60, "staff", id="word-number-drops-extra"),
        pytest.param("up to 275 new special school places", 275, "special school places", id="drops-new"),
        pytest.param("at least 150 SRP places", 150, "SRP places", id="acronym-modifier"),
        pytest.param("four SRPs across the county", 4, "SRPs", id="acronym-plural"),
        pytest.param("seven of the SRPs", 7, "SRPs", id="n-of-the"),
        pytest.param("all five of its respite centres", 5, "respite centres", id="n-of-its"),
        pytest.param("a further 18 caseworkers", 18, "caseworkers", id="a-further-n"),
        pytest.param("the 25 busiest branch libraries", 25, "branch libraries", id="drops-superlative"),
        pytest.param("the remaining 14 posts", 14, "posts", id="remaining-before-number"),
        pytest.param("Four new resource bases", 4, "resource bases", id="capitalised-word-number"),
        pytest.param("one hundred and twenty pupils", 120, "pupils", id="hundred-and"),
        pytest.param("thirty-three miles of footway", 33, "miles of footway", id="measure-of-noun"),
        pytest.param("three hundred laptops", 300, "laptops", id="hundreds-in-words"),
        pytest.param("a dozen new nurture groups", 12, "nurture groups", id="a-dozen"),
        pytest.param("2,300 children and young people", 2300, "children", id="irregular-plural"),
        pytest.param("some 900 young people", 900, "young people", id="irregular-plural-with-modifier"),
        pytest.param("1.2 million residents", 1_200_000, "residents", id="digits-with-million"),
        pytest.param("a 32-place SEMH unit", 32, "SEMH places", id="capacity-compound-drops-container"),
        pytest.param("a new 120-place school", 120, "school places", id="capacity-compound-keeps-school"),
        pytest.param("a 20-place alternative provision centre", 20, "alternative provision places",
                     id="capacity-compound-multiword"),
        pytest.param("within 15 working days", 15, "working days", id="per-case-timescale"),
        pytest.param("assessed within 6 weeks", 6, "weeks", id="weeks"),
        pytest.param("40 special educational needs places", 40, "special educational needs places",
                     id="plural-modifier"),
        pytest.param("2.5 FTE educational psychologists", 2.5, "FTE educational psychologists", id="fte-then-head"),
        pytest.param("12 FTE from April", 12, "FTE", id="fte-alone"),
        pytest.param("30-40 places", 40, "places", id="range-takes-upper"),
        pytest.param("200+ places", 200, "places", id="plus-sign"),
        pytest.param("75% of annual reviews", 75, "% of annual reviews", id="percent-of"),
        pytest.param("85 per cent of needs assessments", 85, "% of needs assessments", id="per-cent-words"),
        pytest.param("a 9% cut", 9, "%", id="bare-percent"),
        pytest.param("70% of new plans are finalised within 20 weeks", 70, "% of new plans within 20 weeks",
                     id="percent-keeps-timescale"),
        pytest.param("90% of requests answered within ten working days", 90,
                     "% of requests within 10 working days", id="percent-timescale-in-words"),
        pytest.param("across 12 wards\nand parishes", 12, "wards", id="lower-case-line-wrap"),
        pytest.param("eight special\nschool sites", 8, "special school sites", id="wrapped-unit"),
    ],
)
def test_quantity_mentions(text, value, unit):
    (quantity,) = quantity_mentions(text)
    assert (quantity.value, quantity.unit) == (value, unit)
    assert text[quantity.start:quantity.end] == quantity.text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The new centre opens in 2026.", id="year"),
        pytest.param("effective from 1 April", id="day-month"),
        pytest.param("on April 14 the panel met", id="month-day"),
        pytest.param("on 3rd May", id="ordinal-day"),
        pytest.param("for pupils aged 11", id="aged"),
        pytest.param("children aged 5 to 16 years", id="age-range"),
        pytest.param("16 years old", id="years-old"),
        pytest.param("a 15-year-old pupil", id="year-old-compound"),
        pytest.param("from Year 9 onwards", id="school-year"),
        pytest.param("pupils in Key Stage 2 classes", id="key-stage"),
        pytest.param("see paragraph 7 above", id="paragraph-label"),
        pytest.param("Phase 3 sites", id="phase-label"),
        pytest.param("set out on page 12 of the report", id="page-number"),
        pytest.param("2.4 The panel noted progress.", id="numbered-paragraph"),
        pytest.param("4.1 Recruit caseworkers by May.", id="numbered-paragraph-before-capital-verb"),
        pytest.param("the meeting starts at 7.30pm", id="time"),
        pytest.param("at 10:00 hours", id="clock-time"),
        pytest.param("a spend of £4.5m", id="money"),
        pytest.param("an annual cost of £31,000 per placement", id="money-with-commas"),
        pytest.param("the first new school", id="ordinal-word"),
        pytest.param("a two-storey building", id="compound-adjective"),
        pytest.param("a four-week consultation", id="duration-adjective"),
        pytest.param("one in four children", id="ratio"),
        pytest.param("7 out of 10 parents", id="out-of-ratio"),
        pytest.param("pupils at Seven Oaks Academy", id="name-with-number-word"),
        pytest.param("a couple of new units", id="a-couple"),
        pytest.param("dozens of families", id="dozens"),
        pytest.param("hundreds of places", id="hundreds-of"),
        pytest.param("item 14 on the agenda", id="item-number"),
        pytest.param("In 2023/24, 14 went to tribunal", id="bare-number-without-noun"),
        pytest.param("Votes for: 41\nAgainst: 12", id="vote-counts-in-rows"),
    ],
)
def test_not_quantities(text):
    assert quantity_mentions(text) == []


@pytest.mark.parametrize(
    ("text", "value", "per_year"),
    [
        pytest.param("the council will invest £7 million in new classrooms", 7_000_000, False, id="single"),
        pytest.param("it will raise the budget from £4.2m to £6.1m next year", 6_100_000, False,
                     id="from-to-takes-target"),
        pytest.param("it will raise the grant by £600,000", 600_000, False, id="increment"),
        pytest.param("an extra £2m, bringing the total to £11m", 2_000_000, False, id="increment-not-total"),
        pytest.param("will spend £5m, up from £3.5m", 5_000_000, False, id="comparison-after"),
        pytest.param("£800,000 a year will fund mentors", 800_000, True, id="per-year"),
        pytest.param("after £3m was spent last year, a further £1.5m will follow", 1_500_000, False,
                     id="past-figure-skipped"),
        pytest.param("£1.3m a year has been agreed to fund tutors", 1_300_000, True, id="agreed-is-not-past"),
        pytest.param("will launch a consultation on the £9m scheme", None, False, id="topic-of-consultation"),
        pytest.param("will recruit 12 officers", None, False, id="no-money"),
    ],
)
def test_commitment_amount(text, value, per_year):
    amount = commitment_amount(text)
    assert (amount and amount.value, amount and amount.per_year or False) == (value, per_year)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        pytest.param("will open 45 new places over the next three years", 45, "places", id="period-is-not-a-count"),
        pytest.param("will grow the unit from 60 to 84 places", 84, "places", id="from-to-takes-target"),
        pytest.param("will grow from 30 places to 45 places", 45, "places", id="baseline-with-unit-skipped"),
        pytest.param("will expand the school by 30 places", 30, "places", id="increment"),
        pytest.param("will cut the number of late reviews from 900 to fewer than 300", 300, "late reviews",
                     id="number-of-gives-unit"),
        pytest.param("aims for 75% of plans to be issued within 20 weeks", 75, "% of plans within 20 weeks",
                     id="percent-before-timescale"),
        pytest.param("each child will have a named worker within 5 working days", 5, "working days",
                     id="timescale-alone"),
        pytest.param("will publish the plan within six months", None, None, id="months-are-a-deadline"),
        pytest.param("within the next 8 weeks the team will write to parents", None, None,
                     id="weeks-after-next-are-a-period"),
        pytest.param("after 310 places opened since 2020, it will add 90 more places", 90, "places",
                     id="past-count-skipped"),
        pytest.param("will build on the 20 places already open with 16 more places", 16, "places",
                     id="already-after-is-past"),
        pytest.param("has already opened 75 places and will add 30 places", 30, "places", id="already-before-is-past"),
        pytest.param("will raise the number of key workers to 24", 24, "key workers", id="number-of-to-n"),
        pytest.param("will open one new special school", 1, "special school", id="one-new"),
        pytest.param("will work with one provider", None, None, id="one-without-new"),
        pytest.param("will consult on opening a 12-place unit", None, None, id="topic-of-consultation"),
        pytest.param("will offer travel training to 150 pupils aged 14 to 16", 150, "pupils", id="age-ignored"),
        pytest.param("a further three in 2027", 3, "", id="elided-without-context"),
        pytest.param("will open nine hubs in 2025 and a further three in 2027", 9, "hubs", id="first-count"),
        pytest.param("the school will open with 40 pupils, rising to a capacity of 96", 40, "pupils",
                     id="first-of-two"),
    ],
)
def test_commitment_quantity(text, value, unit):
    quantity = commitment_quantity(text)
    assert (quantity and quantity.value, quantity and quantity.unit) == (value, unit)


@pytest.mark.parametrize(
    ("preceding", "clause", "value", "unit"),
    [
        pytest.param("The council will open nine hubs in 2025 and ", "a further three in 2027", 3, "hubs",
                     id="a-further-n"),
        pytest.param("It will open with 40 pupils, ", "rising to a capacity of 96 by 2030", 96, "pupils",
                     id="capacity-of"),
        pytest.param("It aims to issue 55% of new plans within 20 weeks by May, ", "rising to 75% by March", 75,
                     "% of new plans within 20 weeks", id="percent"),
        pytest.param("Twelve SRPs will open, ", "the first four in September", 4, "SRPs", id="the-first-n"),
        pytest.param("The county has 300 SRP places. ", "It will create 60 more by 2027", 60, "",
                     id="not-across-sentences"),
    ],
)
def test_commitment_quantity_reads_the_unit_of_an_elided_count_before_the_clause(preceding, clause, value, unit):
    quantity = commitment_quantity(clause, preceding)
    assert (quantity.value, quantity.unit) == (value, unit)
    assert clause[quantity.start:quantity.end] == quantity.text


def test_offsets_over_a_document():
    text = (
        "4.1 The cabinet agreed on 12 March 2025 to invest £4.5m a year.\n"
        "It will create 120 new places for pupils aged 4 to 11, and recruit eighteen caseworkers.\n"
        "- 65% of assessments completed within 20 weeks by Year 2\n"
        "Some 2,000 families replied (see page 3)."
    )
    assert money_mentions(text) == [Money(4_500_000, "£4.5m", 50, 55, True)]
    quantities = quantity_mentions(text)
    assert [(quantity.value, quantity.unit) for quantity in quantities] == [
        (120, "places"), (18, "caseworkers"), (65, "% of assessments within 20 weeks"), (2000, "families"),
    ]
    assert all(text[q.start:q.end] == q.text for q in quantities)
    assert isinstance(quantities[0], Quantity)
