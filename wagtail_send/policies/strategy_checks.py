"""What an inclusion strategy still lacks: one check for the editor's panel, the warning
on submitting and the governors' review page.

Like the SEN Information Report's check it warns and never blocks. It lists a missing
IMF allocation, activities without a barrier, a principle, a cost or a measure of
impact, IMF costs over the allocation (naming the activity that passes it), and free
text that may name a pupil, with the warning learning-walk observations give.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..pupil_names import NAMES_WARNING, find_names, member_first_names
from .completeness import plain_text
from .money import pounds
from .strategy import StrategyActivity, funding_summary

#: What each activity needs, as ``(field, what is missing)``.
REQUIRED = (
    ("barrier", _("no barrier it addresses")),
    ("impact_measure", _("no measure of its impact")),
    ("cost", _("no budgeted cost")),
)


@dataclass(frozen=True)
class Problem:
    """One thing to put right: about an activity (by its title) or the strategy itself."""

    message: str
    activity: str = ""

    def __str__(self):
        if self.activity:
            return f"“{self.activity}”: {self.message}"
        return str(self.message)


def problems(strategy, school=None):
    """The problems of ``strategy`` (an InclusionStrategyPage, saved or being edited).

    Args:
        strategy: the page, as stored or as being edited.
        school: whose staff's first names are never taken for pupils'; defaults to the
            strategy's school.

    Returns:
        A list of :class:`Problem`: the strategy's own first, then each activity's.
    """
    school_id = school.pk if school is not None else strategy.school_id
    staff = member_first_names(school_id) if school_id else set()
    activities = list(strategy.activities.all())
    found = []
    if strategy.imf_allocation is None:
        found.append(Problem(_("the inclusive mainstream fund allocation is not entered")))
    if not activities:
        found.append(Problem(_("no activities yet")))
    for field in ("intro", "context"):
        found += _names(plain_text(getattr(strategy, field)), staff)
    for activity in activities:
        title = activity.title or _("(untitled activity)")
        for field, missing in REQUIRED:
            if getattr(activity, field) in (None, ""):
                found.append(Problem(missing, title))
        if not activity.principle_ids():
            found.append(Problem(_("no principle of inclusion"), title))
        text = " ".join(getattr(activity, name) or "" for name in StrategyActivity.FREE_TEXT)
        found += _names(text, staff, title)
    funding = funding_summary(activities, strategy.imf_allocation)
    if funding.over is not None:
        message = _(
            "IMF-funded costs come to %(total)s, %(over)s more than the allocation of "
            "%(allocation)s; this activity takes them past it"
        ) % {
            "total": pounds(funding.imf),
            "over": pounds(-funding.imf_left),
            "allocation": pounds(funding.allocation),
        }
        found.append(Problem(message, funding.over.title))
    return found


def _names(text, staff, title=""):
    names = find_names(text, staff)
    if not names:
        return []
    return [Problem(NAMES_WARNING % {"names": ", ".join(names)}, title)]
