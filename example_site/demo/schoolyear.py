"""The English school year the demo is built in, worked out from a day (by default today).

wagtail-send itself has no calendar: a school enters its own half-terms. The demo needs
plausible ones for whatever day it is loaded, so they are computed here from the usual
pattern of an English school year (schools' real dates vary by a few days):

* Autumn 1 from the first weekday of September to the Friday before the last full week of
  October (half-term), Autumn 2 to the last Friday on or before 20 December;
* Spring 1 from the first weekday on or after 4 January to the Friday before half-term
  (the week from the Monday on or after 12 February), Spring 2 to the last Friday of
  March (then two weeks of Easter holiday);
* Summer 1 to the Friday before the late-May bank holiday (the last Monday of May),
  Summer 2 from the Monday after that week to the last weekday on or before 22 July.

As in the Education Act 1996 (s. 579), a school year runs from the start of its autumn
term to the start of the next: the summer holiday belongs to the year just ended.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

MONDAY, THURSDAY, FRIDAY = 0, 3, 4
DAY = datetime.timedelta(days=1)
WEEK = datetime.timedelta(weeks=1)


def _on_or_after(day, weekday):
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def _on_or_before(day, weekday):
    return day - datetime.timedelta(days=(day.weekday() - weekday) % 7)


def _first_weekday(day):
    return day if day.weekday() < 5 else _on_or_after(day, MONDAY)


def _last_weekday(day):
    return day if day.weekday() < 5 else _on_or_before(day, FRIDAY)


@dataclass(frozen=True)
class HalfTerm:
    name: str
    starts_on: datetime.date
    ends_on: datetime.date

    @property
    def term(self):
        """The term: Autumn, Spring or Summer."""
        return self.name.split()[0]


@dataclass(frozen=True)
class SchoolYear:
    """The school year whose autumn term starts in September of ``start_year``."""

    start_year: int

    @property
    def half_terms(self):
        autumn, spring = self.start_year, self.start_year + 1
        october_break = _on_or_before(datetime.date(autumn, 10, 27), MONDAY)
        spring_break = _on_or_after(datetime.date(spring, 2, 12), MONDAY)
        easter_ends = _on_or_before(datetime.date(spring, 3, 31), FRIDAY)
        bank_holiday = _on_or_before(datetime.date(spring, 5, 31), MONDAY)
        dates = [
            (_first_weekday(datetime.date(autumn, 9, 1)), october_break - 3 * DAY),
            (october_break + WEEK, _on_or_before(datetime.date(autumn, 12, 20), FRIDAY)),
            (_first_weekday(datetime.date(spring, 1, 4)), spring_break - 3 * DAY),
            (spring_break + WEEK, easter_ends),
            (easter_ends + 3 * DAY + 2 * WEEK, bank_holiday - 3 * DAY),
            (bank_holiday + WEEK, _last_weekday(datetime.date(spring, 7, 22))),
        ]
        names = ["Autumn 1", "Autumn 2", "Spring 1", "Spring 2", "Summer 1", "Summer 2"]
        return [HalfTerm(name, *days) for name, days in zip(names, dates, strict=True)]

    @property
    def starts_on(self):
        return self.half_terms[0].starts_on

    def previous(self):
        return SchoolYear(self.start_year - 1)

    def is_school_day(self, day):
        return day.weekday() < 5 and any(t.starts_on <= day <= t.ends_on for t in self.half_terms)

    def half_term_of(self, day):
        """The half-term ``day`` falls in, or the one just ended if it is a holiday."""
        return max((t for t in self.half_terms if t.starts_on <= day), key=lambda t: t.starts_on)


def school_year(day=None):
    """The school year ``day`` (default: today in the site's time zone) belongs to."""
    day = day or timezone.localdate()
    year = SchoolYear(day.year)
    return year if day >= year.starts_on else year.previous()


def school_day(day, step=-1):
    """``day`` if it is a school day, else the nearest one before it (after, ``step=1``)."""
    while not school_year(day).is_school_day(day):
        day += step * DAY
    return day


def weekday_before(days, today=None):
    """The weekday on or before ``days`` days before ``today``, holidays included."""
    return _last_weekday((today or timezone.localdate()) - days * DAY)


def census_day(day=None):
    """The latest autumn school census day (the first Thursday of October) by ``day``."""
    day = day or timezone.localdate()
    census = _on_or_after(datetime.date(day.year, 10, 1), THURSDAY)
    if census > day:
        census = _on_or_after(datetime.date(day.year - 1, 10, 1), THURSDAY)
    return census
