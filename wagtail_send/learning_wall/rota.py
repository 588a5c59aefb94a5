"""The half-term rota: who is due to post now, who has, who is overdue.

A team has posted for a half-term when one of its active posts was made between the
half-term's first and last day (inclusive, in the school's time zone). A team that was
due in the half-term that has just ended and did not post in it is overdue until it
posts again. In a holiday, nothing is due; the half-term just ended decides who is
overdue.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from .models import HalfTerm, Post, Team


@dataclass
class RotaStatus:
    current: HalfTerm | None
    previous: HalfTerm | None
    posted: list = field(default_factory=list)
    due: list = field(default_factory=list)
    overdue: list = field(default_factory=list)


def _teams_due(half_term, teams):
    chosen = {t.pk for t in half_term.teams_due.all()}
    return [t for t in teams if t.pk in chosen] if chosen else list(teams)


def _posting_teams(school, start, end=None):
    posts = Post.objects.active().filter(
        school=school, team__isnull=False, created_at__date__gte=start
    )
    if end is not None:
        posts = posts.filter(created_at__date__lte=end)
    return set(posts.values_list("team_id", flat=True).distinct())


def rota_status(school, today=None):
    """The rota for ``school`` on ``today`` (default: today in the school's time zone)."""
    today = today or timezone.localdate()
    terms = HalfTerm.objects.active().filter(school=school).prefetch_related("teams_due")
    current = terms.filter(starts_on__lte=today, ends_on__gte=today).first()
    previous = terms.filter(ends_on__lt=today).order_by("-ends_on").first()
    status = RotaStatus(current=current, previous=previous)
    teams = list(Team.objects.active().filter(school=school).order_by("name"))
    if current is not None:
        posted = _posting_teams(school, current.starts_on, current.ends_on)
        for team in _teams_due(current, teams):
            (status.posted if team.pk in posted else status.due).append(team)
    if previous is not None:
        # Any post since the previous half-term began: in it, or catching up since.
        posted_since = _posting_teams(school, previous.starts_on)
        status.overdue = [t for t in _teams_due(previous, teams) if t.pk not in posted_since]
    return status
