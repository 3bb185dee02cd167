import re
from datetime import date, time
from pathlib import Path

import pytest

from pipeline.dates import parse_meeting_datetime


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Kingston and North Kingston Neighbourhood Committee - Thursday 15 January 2026 7:30 pm, CANCELLED",
            (date(2026, 1, 15), time(19, 30)),
            id="subtitle-with-weekday-and-status",
        ),
        pytest.param(
            "Full Council, Thursday, 14th March, 2024 1.00 pm", (date(2024, 3, 14), time(13, 0)),
            id="ordinal-and-commas-dot-time",
        ),
        pytest.param("15 Jan 2026\xa07:30 pm", (date(2026, 1, 15), time(19, 30)), id="abbreviated-month-nbsp"),
        pytest.param("15 Jan 2026&nbsp;7&#58;30 pm", (date(2026, 1, 15), time(19, 30)), id="entity-encoded"),
        pytest.param("10/02/2026", (date(2026, 2, 10), None), id="day-first-slashes"),
        pytest.param("19&#47;10&#47;2015", (date(2015, 10, 19), None), id="entity-slashes"),
        pytest.param("19&amp;#47;10&amp;#47;2015", (date(2015, 10, 19), None), id="double-escaped"),
        pytest.param("2026-01-15", (date(2026, 1, 15), None), id="iso"),
        pytest.param("2026-01-15T19:30:00", (date(2026, 1, 15), time(19, 30)), id="iso-with-time"),
        pytest.param("12 noon", (None, time(12, 0)), id="noon-without-date"),
        pytest.param("5 Sept. 2025, 12 noon", (date(2025, 9, 5), time(12, 0)), id="noon-after-date"),
        pytest.param("Tuesday, 12th December, 2023 10.00 am", (date(2023, 12, 12), time(10, 0)), id="kent-style"),
        pytest.param("CANCELLED - Planning Committee, 15/12/2023 10.00 am", (date(2023, 12, 15), time(10, 0)),
                     id="calendar-title"),
        pytest.param("Thursday 15-Jan-2026 19.30", (date(2026, 1, 15), time(19, 30)), id="document-file-name"),
        pytest.param("04th-Jun-2026 14.00", (date(2026, 6, 4), time(14, 0)), id="file-name-with-ordinal"),
        pytest.param("3 Aug 2026 - 10:00", (date(2026, 8, 3), time(10, 0)), id="cmis-dash-before-time"),
        pytest.param("15 April 2026 at 6.30pm", (date(2026, 4, 15), time(18, 30)), id="at-and-no-space-pm"),
        pytest.param("Time: 7.30 pm", (None, time(19, 30)), id="legacy-time-only"),
        pytest.param("12.30 am", (None, time(0, 30)), id="half-past-midnight"),
        pytest.param("Agenda item 5.10 on 15 Jan 2026", (date(2026, 1, 15), None), id="item-number-is-not-a-time"),
        pytest.param("31/02/2026 or 01/03/2026", (date(2026, 3, 1), None), id="impossible-date-skipped"),
        pytest.param("Monday, 8 June", (None, None), id="no-year-no-date"),
        pytest.param("Public Question Time", (None, None), id="nothing-found"),
    ],
)
def test_parse_meeting_datetime_reads_moderngov_formats(text, expected):
    assert parse_meeting_datetime(text) == expected


@pytest.mark.realworld
def test_every_real_meeting_list_link_has_a_date_and_time(realworld: Path):
    page = realworld / "moderngov" / "kingston" / "BrowseMeetings.html"
    links = re.findall(r'class="mgMeetingTableLnk"[^>]*>([^<]*)</a>', page.read_text(encoding="utf-8"))

    parsed = [parse_meeting_datetime(link) for link in links]

    assert links
    assert all(found_date and found_time for found_date, found_time in parsed)
    assert parsed[links.index("15 Jan 2026&nbsp;7&#58;30 pm")] == (date(2026, 1, 15), time(19, 30))
