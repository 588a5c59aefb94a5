"""The QuerySet every tracked model's manager uses: bulk writes leave history, or are refused.

``save()`` and ``delete()`` leave their rows through simple-history's signals (a
queryset ``delete()`` sends them for each object). ``update()``, ``bulk_update()`` and
``bulk_create()`` send none, so here each writes one history row per object, in bulk.
A system check (``wagtail_send.E010``) makes every tracked model use this QuerySet.
"""

from django.db import models, transaction
from django.db.models.expressions import Combinable
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .bulk import in_raw_write, raw_writes, write_history
from .errors import HistoryRequired


class HistoryQuerySet(models.QuerySet):
    """A QuerySet whose bulk writes all leave history rows, or are refused."""

    def update(self, **kwargs):
        """Update every object and write one history row each, in bulk."""
        if in_raw_write():
            return super().update(**kwargs)
        if any(isinstance(value, Combinable) for value in kwargs.values()):
            raise HistoryRequired(
                _(
                    "Tracked records cannot be updated with database expressions, because the "
                    "history would not know the new values. Save each record instead."
                )
            )
        with transaction.atomic(using=self.db):
            objs = list(self)
            for obj in objs:
                for name, value in kwargs.items():
                    setattr(obj, name, value)
            self.model._default_manager.using(self.db).bulk_update(objs, list(kwargs))
        return len(objs)

    def bulk_update(self, objs, fields, batch_size=None):
        objs = list(objs)
        auto_now = [
            f.name for f in self.model._meta.concrete_fields if getattr(f, "auto_now", False)
        ]
        now = timezone.now()
        for obj in objs:
            for name in auto_now:
                setattr(obj, name, now)
        with transaction.atomic(using=self.db), raw_writes():
            count = super().bulk_update(objs, list({*fields, *auto_now}), batch_size=batch_size)
            write_history(objs, "~")
        self.written(objs)
        return count

    def bulk_create(self, objs, *args, **kwargs):
        if kwargs.get("ignore_conflicts") or kwargs.get("update_conflicts"):
            raise HistoryRequired(
                _(
                    "bulk_create with conflict handling cannot tell which records it wrote, so "
                    "it cannot write their history."
                )
            )
        with transaction.atomic(using=self.db):
            objs = super().bulk_create(objs, *args, **kwargs)
            write_history(objs, "+")
        self.written(objs)
        return objs

    def written(self, objs):
        """Called after a bulk write of ``objs``, none of which sent ``post_save``."""


#: The manager of a tracked model that needs no other.
HistoryManager = models.Manager.from_queryset(HistoryQuerySet)
