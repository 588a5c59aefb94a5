"""Statistical disclosure control: the one rule every aggregate of people's answers follows.

A feature that publishes figures built from individual answers (the skills audit's gaps,
heatmaps, CSV and its SEN Information Report section) describes each figure as a
:class:`Cell` and asks here whether it may be shown. The rules, after the ONS guidance on
statistical disclosure control for tables (see docs/skills_audit.md):

* **Threshold (primary suppression).** A figure drawn from fewer people than
  ``WAGTAILSEND_SMALL_GROUP_MINIMUM`` is never shown.
* **Group disclosure.** A figure at either end of its possible range (everyone rated 1,
  nobody asked for training) tells each contributor's answer, so it is not shown either.
* **Complementary suppression.** A total is shown only where every part of it may be
  (the skills audit shows a broad area only where each need in it may be shown), so no
  hidden part can be worked out by subtraction.
* **Differencing.** Figures are published in releases, frozen snapshots made only when at
  least the minimum number of people have sent, changed or withdrawn answers, or at close
  (:func:`next_release`). A figure is shown in a release only if its change since the last
  release that showed it is itself a figure that could be shown (:func:`change`).
* **Controlled groups.** Breakdowns are by the project's roles (:func:`role_groups`),
  never by free-text job titles, where one-person groups are common.
"""

from dataclasses import dataclass

from .conf import send_settings
from .roles import Role

#: Roles in the order that decides a person's group when they hold several.
GROUP_ORDER = (Role.SENCO, Role.SLT, Role.STAFF)


@dataclass(frozen=True)
class Cell:
    """A sum over people: how many, the sum, and the smallest and largest it could be."""

    people: int = 0
    value: int = 0
    lo: int = 0
    hi: int = 0

    def __add__(self, other):
        return Cell(
            self.people + other.people,
            self.value + other.value,
            self.lo + other.lo,
            self.hi + other.hi,
        )

    def __sub__(self, other):
        return Cell(
            self.people - other.people,
            self.value - other.value,
            self.lo - other.hi,
            self.hi - other.lo,
        )


def minimum():
    return send_settings.SMALL_GROUP_MINIMUM


def safe(cell):
    """May ``cell`` be shown, or be worked out from what is shown?

    Empty is safe (it says nothing about anyone). Otherwise it needs at least the minimum
    number of people, and a value strictly inside its range: a sum at an end of its range
    gives every contributor's answer.
    """
    if cell.people == 0:
        return True
    return cell.people >= minimum() and cell.lo < cell.value < cell.hi


def change(now, before, changed):
    """The change of a figure between two releases, as a :class:`Cell`.

    Args:
        now: the figure's value in the new release.
        before: its value in the earlier release (0 if there was none).
        changed: ``(lo, hi)`` for each person whose part may have changed, the range of
            that change (a newcomer adds ``[lo, hi]`` of their own part; someone who
            withdrew takes it away; someone who changed their answers moves it by up to
            the width of the range either way).
    """
    return Cell(
        people=len(changed),
        value=now - before,
        lo=sum(lo for lo, _hi in changed),
        hi=sum(hi for _lo, hi in changed),
    )


NEW, FREEZE = "new", "freeze"


def next_release(changed_people, closed, released_before):
    """What to publish now, given how many people changed since the last release.

    Returns:
        ``NEW`` for a release of the current answers: once at least the minimum number of
        people have sent, changed or withdrawn answers, or at close when nothing changed
        (or nothing was released yet). ``FREEZE`` at close when fewer than the minimum
        changed after the last release: those changes are held back for good and the last
        figures become the final ones. ``None`` when the last release stands.
    """
    if changed_people >= max(minimum(), 1) or closed and not (changed_people and released_before):
        return NEW
    return FREEZE if closed else None


def role_groups(school_id, user_ids):
    """``{user id: Role}``: the controlled group each person's answers count towards.

    Someone holding several roles counts once, in the first of :data:`GROUP_ORDER`; someone
    who is no longer a member counts as a member of staff.
    """
    from .models import Membership

    held = {}
    for user_id, role in Membership.objects.filter(
        school_id=school_id, user_id__in=list(user_ids)
    ).values_list("user_id", "role"):
        held.setdefault(user_id, set()).add(role)
    return {
        user_id: next((r for r in GROUP_ORDER if r in held.get(user_id, ())), Role.STAFF)
        for user_id in user_ids
    }
