"""The demo's school year: plausible English half-terms for any year, any day placed in one."""

import datetime

import pytest

from example_site.demo.schoolyear import SchoolYear, census_day, school_day, school_year

D = datetime.date
YEARS = range(2024, 2041)


@pytest.mark.parametrize("start_year", YEARS)
def test_half_terms_look_like_an_english_school_year(start_year):
    year = SchoolYear(start_year)
    terms = year.half_terms
    assert [t.name for t in terms] == [
        "Autumn 1",
        "Autumn 2",
        "Spring 1",
        "Spring 2",
        "Summer 1",
        "Summer 2",
    ]
    assert D(start_year, 9, 1) <= terms[0].starts_on <= D(start_year, 9, 3)
    assert D(start_year + 1, 7, 16) <= terms[-1].ends_on <= D(start_year + 1, 7, 22)
    for term in terms:
        assert term.starts_on.weekday() < 5 and term.ends_on.weekday() < 5
        assert 4 <= (term.ends_on - term.starts_on).days / 7 <= 8
    breaks = [(b.starts_on - a.ends_on).days for a, b in zip(terms, terms[1:], strict=False)]
    # Half-term weeks, two weeks at Christmas and at Easter.
    assert [b >= 9 for b in breaks] == [True] * 5
    assert breaks[1] >= 16 and breaks[3] >= 16
    assert (SchoolYear(start_year + 1).starts_on - terms[-1].ends_on).days >= 35


@pytest.mark.parametrize(
    ("day", "start_year", "half_term", "school_day_before", "school_day_after"),
    [
        (D(2027, 8, 1), 2026, "Summer 2", D(2027, 7, 22), D(2027, 9, 1)),
        (D(2026, 12, 24), 2026, "Autumn 2", D(2026, 12, 18), D(2027, 1, 4)),
        (D(2028, 2, 29), 2027, "Spring 2", D(2028, 2, 29), D(2028, 2, 29)),
        (D(2026, 9, 1), 2026, "Autumn 1", D(2026, 9, 1), D(2026, 9, 1)),
        (D(2026, 8, 31), 2025, "Summer 2", D(2026, 7, 22), D(2026, 9, 1)),
    ],
)
def test_any_day_belongs_to_a_school_year(
    day, start_year, half_term, school_day_before, school_day_after
):
    # The summer holiday belongs to the year just ended (Education Act 1996, s. 579).
    year = school_year(day)
    assert year.start_year == start_year
    assert year.half_term_of(day).name == half_term
    assert school_day(day) == school_day_before
    assert school_day(day, step=1) == school_day_after


def test_the_census_is_the_latest_autumn_census_by_the_day():
    assert census_day(D(2026, 10, 1)) == D(2026, 10, 1)
    assert census_day(D(2026, 9, 30)) == D(2025, 10, 2)
    assert census_day(D(2028, 2, 29)) == D(2027, 10, 7)
