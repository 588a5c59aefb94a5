"""The half-term rota: who is due to post now, who has, who is overdue.

A team has posted for a half-term when one of its active posts was made between the
half-term's first and last day (inclusive, in the school's time zone). A team that was
due in the half-term that has just ended and did not post in it is overdue until it
posts again. In a holiday, nothing is due; the half-term just ended decides who is
overdue.
"""

from dataclasses import dataclass, field

from django.db.models.functions import TruncDate
from django.utils import timezone

from .models import HalfTerm, Post, Team


@dataclass
class RotaStatus:
    current: HalfTerm | None
    previous: HalfTerm | None
    posted: list = field(default_factory=list)
    due: list = field(default_factory=list)
    overdue: list = field(default_factory=list)


@dataclass
class RotaRecords:
    """A school's active half-terms (with the teams due) and teams, read once."""

    half_terms: list
    teams: list

    @classmethod
    def of(cls, school):
        return cls(
            half_terms=list(
                HalfTerm.objects.active().filter(school=school).prefetch_related("teams_due")
            ),
            teams=list(Team.objects.active().filter(school=school).order_by("name")),
        )


def _teams_due(half_term, teams):
    chosen = {t.pk for t in half_term.teams_due.all()}
    return [t for t in teams if t.pk in chosen] if chosen else list(teams)


def _posting_days(school, start):
    """``{(team id, day)}`` of the school's active team posts from ``start`` on: one query."""
    return set(
        Post.objects.active()
        .filter(school=school, team__isnull=False, created_at__date__gte=start)
        .order_by()
        .values_list("team_id", TruncDate("created_at"))
        .distinct()
    )


def rota_status(school, today=None, records=None):
    """The rota for ``school`` on ``today`` (default: today in the school's time zone).

    Args:
        school: the school.
        today: the day to judge by.
        records: the school's :class:`RotaRecords`, when the caller has them already.
    """
    today = today or timezone.localdate()
    records = records or RotaRecords.of(school)
    terms = records.half_terms
    current = next((t for t in terms if t.starts_on <= today <= t.ends_on), None)
    previous = max((t for t in terms if t.ends_on < today), key=lambda t: t.ends_on, default=None)
    status = RotaStatus(current=current, previous=previous)
    starts = [t.starts_on for t in (current, previous) if t is not None]
    days = _posting_days(school, min(starts)) if starts else set()
    if current is not None:
        posted = {team for team, day in days if current.starts_on <= day <= current.ends_on}
        for team in _teams_due(current, records.teams):
            (status.posted if team.pk in posted else status.due).append(team)
    if previous is not None:
        # Any post since the previous half-term began: in it, or catching up since.
        posted_since = {team for team, day in days if day >= previous.starts_on}
        status.overdue = [
            t for t in _teams_due(previous, records.teams) if t.pk not in posted_since
        ]
    return status
