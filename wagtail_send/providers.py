"""Small registries through which feature apps feed each other without importing each other.

A feature that *offers* something registers it here in its ``AppConfig.ready()``; a
feature that *uses* it asks here, and works unchanged when nothing is registered.

* Report sections: the SEN Information Report asks for live summaries for a Schedule 1
  item (``"5"``, ``"10"``, ``"11"``) from whichever apps provide one.
* The school's context: the inclusion strategy asks for summaries of the school's pupils
  in aggregate (``SCHOOL_CONTEXT``), such as the skills audit's pupil need profile.
* Follow-ups: a learning walk's agreed action can become something in another app
  (a learning-wall theme, an area in the next skills audit).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ReportSection:
    """A live summary for one item of the SEN Information Report.

    ``render(school)`` returns safe HTML, built from aggregates only, or "" when it has
    nothing to say for that school.
    """

    item: str
    label: str
    render: Callable


@dataclass(frozen=True)
class FollowUp:
    """Somewhere an agreed action can be sent: ``create(action, by)`` returns the new object."""

    key: str
    label: str
    create: Callable


#: The key under which apps offer a summary of the school's context (pupils' needs in
#: aggregate, never a named pupil), as :func:`register_report_section` sections.
SCHOOL_CONTEXT = "school-context"

_report_sections: dict[str, list[ReportSection]] = {}
_follow_ups: dict[str, FollowUp] = {}


def register_report_section(item, label, render):
    """Offer a live summary for SEN Information Report item ``item`` (or ``SCHOOL_CONTEXT``)."""
    sections = _report_sections.setdefault(str(item), [])
    if all(s.label != label for s in sections):
        sections.append(ReportSection(str(item), label, render))


def report_sections(item):
    """The summaries registered for ``item`` (an empty list when no app offers one)."""
    return list(_report_sections.get(str(item), ()))


def register_follow_up(key, label, create):
    """Offer a destination for learning-walk actions."""
    _follow_ups[key] = FollowUp(key, label, create)


def follow_ups():
    return list(_follow_ups.values())


def follow_up(key):
    return _follow_ups.get(key)
