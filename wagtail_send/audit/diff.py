"""Field-level differences between consecutive history rows, for people to read."""

from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

TYPE_LABELS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
HIDDEN_FIELDS = {"updated_at", "created_at"}


def _display(field, value):
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return Truncator(strip_tags(str(value))).chars(200)


def describe(rows):
    """Entries for ``rows`` (newest first): each row with its list of changed fields.

    Args:
        rows: history rows of one record, newest first, with one extra older row at
            the end when the page does not reach the first row (it is not shown).
    """
    rows = list(rows)
    entries = []
    for index, row in enumerate(rows):
        older = rows[index + 1] if index + 1 < len(rows) else None
        changes = []
        for field in row.instance_type._meta.concrete_fields:
            if field.attname in HIDDEN_FIELDS or not hasattr(row, field.attname):
                continue
            new = getattr(row, field.attname)
            old = getattr(older, field.attname) if older is not None else None
            if older is None and new in (None, ""):
                continue
            if older is None or old != new:
                changes.append(
                    {
                        "field": field.verbose_name,
                        "old": _display(field, old) if older is not None else None,
                        "new": _display(field, new),
                    }
                )
        label = TYPE_LABELS.get(row.history_type, row.history_type)
        entries.append({"row": row, "label": label, "changes": changes})
    return entries
