"""History for writes that do not go through Model.save(): one bulk insert per call."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone
from simple_history.models import HistoricalRecords

from .chain import seal
from .context import current_reason
from .history import _get_user

_raw = ContextVar("wagtail_send_raw_write", default=False)


@contextmanager
def raw_writes():
    """Let the history layer itself call the plain QuerySet methods it wraps."""
    token = _raw.set(True)
    try:
        yield
    finally:
        _raw.reset(token)


def in_raw_write():
    return _raw.get()


def history_model_for(model):
    return getattr(model, model._meta.simple_history_manager_attribute).model


def write_history(objs, history_type, reason=""):
    """Write one chained history row per object, in one insert.

    Args:
        objs: saved instances of one tracked model.
        history_type: ``"+"`` created, ``"~"`` changed, ``"-"`` deleted.
        reason: the change note; defaults to the one set by ``acting_as``.
    """
    objs = list(objs)
    if not objs:
        return []
    history_model = history_model_for(type(objs[0]))
    user = _get_user(request=getattr(HistoricalRecords.context, "request", None))
    when = timezone.now()
    reason = reason or current_reason()
    rows = []
    for obj in objs:
        row = history_model(
            history_date=when,
            history_type=history_type,
            history_user=getattr(obj, "_history_user", user),
            history_change_reason=getattr(obj, "_change_reason", "") or reason,
            **{f.attname: getattr(obj, f.attname) for f in history_model.tracked_fields},
        )
        rows.append(row)
    seal(rows)
    return history_model.objects.bulk_create(rows, batch_size=1000)
