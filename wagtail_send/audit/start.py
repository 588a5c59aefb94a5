"""Starting the history of data that was there before wagtail-send recorded it.

Run once, on purpose, by ``manage.py start_send_history``: never by ``migrate``, so
that a record slipped into the database by hand is reported by ``verify_send_history``
rather than given a clean first row.
"""

from django.db.models import Exists, OuterRef

from .bulk import write_history
from .chain import chained_history_models
from .context import noting


def start_history(using="default", note="Recorded when its history began"):
    """Give every tracked record without history a first row.

    Returns:
        ``{model label: number of records given a first row}``, for those with any.
    """
    started = {}
    for history_model in chained_history_models():
        model = history_model.instance_type
        untracked = model._base_manager.using(using).exclude(
            Exists(history_model.objects.using(using).filter(id=OuterRef("pk")))
        )
        with noting(note):
            while batch := list(untracked[:1000]):
                write_history(batch, "+")
                started[model._meta.label] = started.get(model._meta.label, 0) + len(batch)
    return started
