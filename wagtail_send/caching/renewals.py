"""What renews what: each feature declares, in its ``AppConfig.ready()``, which writes
renew which of its caches.

A write is seen however it is made: ``post_save`` and ``post_delete``, many-to-many
changes (declare the ``through`` model) and the core's ``records_written``, which the
bulk writes of every record's queryset send with the schools they touched. A write
renews only the copies of the record's school; a model with no school (the types of
need, people's names) renews every school's, unless its declaration says otherwise.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from ..models.records import records_written
from . import store

#: Hooks called with (cache names, school ids or None) after every renewal (the
#: front-end cache purge, say).
_listeners = []


def school_of(instance):
    """The id of the school ``instance`` belongs to, or None for every school."""
    field = getattr(type(instance), "school_field", "school")
    if field == "pk":
        return instance.pk
    return getattr(instance, f"{field}_id", None)


def _one_school(instance, **kwargs):
    school_id = school_of(instance)
    return None if school_id is None else [school_id]


def renew(names, school_ids=None):
    """Renew caches ``names`` at ``school_ids`` (None: every school), and tell listeners."""
    names = tuple(names)
    store.renew(names, school_ids)
    for listener in _listeners:
        listener(names, school_ids)


def on_renewal(listener):
    """Call ``listener(cache names, school ids or None)`` after every renewal."""
    _listeners.append(listener)


def renews(names, *models, schools=_one_school):
    """Declare that writes to ``models`` renew the caches ``names``.

    Args:
        names: the cache names (see :mod:`.store`) the writes make stale.
        models: the models written; a many-to-many ``through`` model for its changes.
        schools: ``schools(instance, **signal kwargs)`` gives the ids of the schools
            whose copies a saved or deleted ``instance`` makes stale, None for every
            school, or an empty list for none. By default the instance's own school.
    """
    names = tuple(names)

    def on_write(sender, instance, **kwargs):
        if kwargs.get("action", "post_").startswith("post_"):
            school_ids = schools(instance, **kwargs)
            if school_ids is None or school_ids:
                renew(names, school_ids)

    def on_bulk_write(sender, schools=None, **kwargs):
        renew(names, schools)

    for model in models:
        uid = f"wagtail_send_caching:{','.join(names)}:{model._meta.label}"
        if model._meta.auto_created:
            m2m_changed.connect(on_write, sender=model, weak=False, dispatch_uid=uid)
            continue
        for signal in (post_save, post_delete):
            signal.connect(on_write, sender=model, weak=False, dispatch_uid=uid)
        records_written.connect(on_bulk_write, sender=model, weak=False, dispatch_uid=uid)
