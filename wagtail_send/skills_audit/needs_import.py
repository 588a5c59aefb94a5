"""Import a pupil need profile from a CSV export of the school's MIS: counts only."""

import csv
import io

from django.db import transaction
from django.utils.translation import gettext as _

from wagtail_send.models import NeedType

from .models import Level, NeedCount, NeedProfile

#: Accepted spellings of each level (the census uses K and E).
LEVELS = {
    "sen support": Level.SEN_SUPPORT,
    "k": Level.SEN_SUPPORT,
    "ehc plan": Level.EHC_PLAN,
    "ehcp": Level.EHC_PLAN,
    "e": Level.EHC_PLAN,
}
COLUMNS = ["code", "year_group", "level", "count"]


class ImportErrors(Exception):
    """Every problem found in the file; nothing was saved."""

    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = errors


def parse(data):
    """Read the CSV ``data`` (bytes) into rows, or raise :class:`ImportErrors`.

    Returns:
        A list of ``(NeedType, year_group, level, count)``.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportErrors(
            [_("The file is not a UTF-8 CSV file. Save it as “CSV UTF-8”.")]
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    header = [(h or "").strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ImportErrors(
            [
                _("The first row must name the columns; missing: %(cols)s.")
                % {"cols": ", ".join(missing)}
            ]
        )
    reader.fieldnames = header
    codes = {c.code.upper(): c for c in NeedType.objects.filter(in_use=True)}
    errors, rows, seen = [], [], {}
    for number, raw in enumerate(reader, start=2):
        row = {k: (v or "").strip() for k, v in raw.items() if k}
        problems = []
        need = codes.get(row["code"].upper())
        if need is None:
            problems.append(
                _("“%(code)s” is not a census need code in use") % {"code": row["code"]}
            )
        year = row["year_group"].upper()
        if not year:
            problems.append(_("the year group is empty"))
        level = LEVELS.get(row["level"].lower())
        if level is None:
            problems.append(
                _("the level “%(level)s” should be SEN support or EHC plan")
                % {"level": row["level"]}
            )
        try:
            count = int(row["count"])
            if count < 0:
                raise ValueError
        except ValueError:
            count = None
            problems.append(
                _("the count “%(count)s” is not a whole number") % {"count": row["count"]}
            )
        if not problems:
            key = (need.pk, year, level)
            if key in seen:
                problems.append(_("it repeats row %(row)s") % {"row": seen[key]})
            seen[key] = number
        if problems:
            errors.append(
                _("Row %(row)s: %(problems)s.") % {"row": number, "problems": "; ".join(problems)}
            )
        else:
            rows.append((need, year, level, count))
    if not rows and not errors:
        errors.append(_("The file has no rows of counts."))
    if errors:
        raise ImportErrors(errors)
    return rows


def save_profile(*, school, title, recorded_on, rows, by):
    """Save a need profile and its counts together, with history, in one transaction."""
    with transaction.atomic():
        profile = NeedProfile.objects.create(
            school=school, title=title, recorded_on=recorded_on, created_by=by
        )
        NeedCount.objects.bulk_create(
            [
                NeedCount(profile=profile, need=need, year_group=year, level=level, count=count)
                for need, year, level, count in rows
            ]
        )
    return profile
