"""Which required items of an SEN Information Report are missing or too thin.

One check, used by the editor's panel, the warning on publishing and the admin report.
It never blocks publishing: a school may have good reasons, but it should know.
"""

import re
from dataclasses import dataclass
from html import unescape

from django.utils.translation import gettext_lazy as _

from ..conf import send_settings
from .items import ITEMS, Item, Live

MISSING = "missing"
THIN = "thin"
PROBLEMS = {MISSING: _("missing"), THIN: _("too thin")}

_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Gap:
    """A required item that is missing, or written in fewer words than the minimum."""

    item: Item
    problem: str
    words: int

    @property
    def problem_label(self):
        return PROBLEMS[self.problem]


def plain_text(html):
    """The text of rich-text HTML, tags taken out."""
    return unescape(_TAG.sub(" ", html or ""))


def word_count(html):
    """Words of text in rich-text HTML."""
    return len(plain_text(html).split())


def filled_by_school(item, school):
    """Whether the school's own details supply ``item`` (so the writer need not)."""
    if school is None:
        return False
    if item.live == Live.SENCO:
        return bool(school.senco_name and (school.senco_email or school.senco_phone))
    if item.live == Live.LOCAL_OFFER:
        return bool(school.local_offer_url)
    return False


def gaps(report, school=None):
    """The gaps in ``report`` (an SENInformationReportPage or an unsaved copy of one).

    Args:
        report: the page, as stored or as being edited.
        school: the school whose details fill live items; defaults to the report's school.

    Returns:
        A list of Gap, in the order of the law.
    """
    school = school if school is not None else report.school
    minimum = send_settings.REPORT_ITEM_MIN_WORDS
    found = []
    for item in ITEMS:
        if filled_by_school(item, school):
            continue
        words = word_count(getattr(report, item.field_name, ""))
        if words == 0:
            found.append(Gap(item, MISSING, 0))
        elif words < minimum:
            found.append(Gap(item, THIN, words))
    return found
