"""Data-protection erasure: the one path that removes a record and its history."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils.translation import gettext as _

from .append_only import ERASE_FUNCTION
from .bulk import history_model_for


def erase(record, *, by, reason):
    """Erase ``record`` and its history, keeping only the fact of the erasure.

    Args:
        record: any tracked wagtail-send record.
        by: the person carrying out the erasure.
        reason: why (for example the data-protection request reference).

    Returns:
        The :class:`~wagtail_send.models.ErasureRecord` written.
    """
    from .records import ErasureRecord

    if not (reason or "").strip():
        raise ValidationError(_("Say why this record is being erased."))
    if is_on_legal_hold(record):
        raise ValidationError(
            _("This record is under a legal hold: it cannot be erased until the hold is lifted.")
        )
    history_model = history_model_for(type(record))
    content_type = ContentType.objects.get_for_model(record)
    fact = {
        "content_type_id": content_type.pk,
        "object_id": record.pk,
        "school_id": getattr(record, "school_id", None),
        "reason": reason,
        "erased_by_id": getattr(by, "pk", None),
    }
    with transaction.atomic():
        record.skip_history_when_saving = True
        models.Model.delete(record)
        if connection.vendor == "postgresql":
            return ErasureRecord.objects.get(pk=_erase_history_in_database(history_model, fact))
        rows = history_model.objects.filter(id=fact["object_id"])
        last = rows.order_by("-history_seq").values_list("history_hash", flat=True).first()
        removed = rows.count()
        rows.delete()
        return ErasureRecord.objects.create(
            **fact, history_rows_removed=removed, last_history_hash=last or ""
        )


def _erase_history_in_database(history_model, fact):
    """Through the owner's function, the one way the site's role may remove history."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {ERASE_FUNCTION}(%s, %s, %s, %s, %s, %s)",
            [
                history_model._meta.db_table,
                fact["object_id"],
                fact["content_type_id"],
                fact["school_id"],
                fact["reason"],
                fact["erased_by_id"],
            ],
        )
        return cursor.fetchone()[0]


def _holds(record):
    from .records import LegalHold

    return LegalHold.objects.filter(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        lifted_at__isnull=True,
    )


def is_on_legal_hold(record):
    """Whether ``record`` has a legal hold that has not been lifted."""
    return _holds(record).exists()


def place_legal_hold(record, *, by, reason):
    """Keep ``record`` from erasure (and retention) until the hold is lifted.

    Args:
        record: any tracked wagtail-send record.
        by: the person placing the hold.
        reason: why (for example the claim or tribunal reference).

    Returns:
        The :class:`~wagtail_send.models.LegalHold` written.
    """
    from .records import LegalHold

    if not (reason or "").strip():
        raise ValidationError(_("Say why this record is being kept."))
    return LegalHold.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        school_id=getattr(record, "school_id", None),
        reason=reason,
        placed_by=by,
    )


def lift_legal_hold(record, *, by):
    """Lift every hold on ``record``; returns how many were lifted (each keeps its history)."""
    from django.utils import timezone

    lifted = 0
    for hold in _holds(record):
        hold.lifted_at, hold.lifted_by = timezone.now(), by
        hold.save()
        lifted += 1
    return lifted
