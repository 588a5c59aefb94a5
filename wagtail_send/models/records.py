"""The base every per-school record model inherits: school, author, archive, history."""

from django.apps import apps
from django.conf import settings
from django.db import models, router, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..audit.context import noting
from ..audit.history import SendHistoricalRecords
from ..audit.queryset import HistoryQuerySet
from ..roles import Role

#: Sent (``sender``: the model; ``schools``: the ids of the schools whose records were
#: written) after records are written in bulk: ``bulk_create``, ``bulk_update``,
#: ``update`` and archiving, none of which sends ``post_save``.
records_written = Signal()


class SchoolRecordQuerySet(HistoryQuerySet):
    """Tracked records of a school: bulk writes leave history, deleting archives."""

    def active(self):
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)

    def written(self, objs):
        records_written.send(sender=self.model, schools={obj.school_id for obj in objs})

    def delete(self):
        """Archive instead of deleting; erasure is :func:`wagtail_send.audit.erase`."""
        count = self.active().update(archived_at=timezone.now())
        return count, {self.model._meta.label: count}

    delete.queryset_only = True


class SchoolRecord(models.Model):
    """Abstract base for a record that belongs to a school.

    Subclasses say who may do what through :attr:`role_actions` (by role in the
    record's school) and :attr:`author_actions` (for the person who created it); the
    core permission policy reads both. Deleting archives; see :meth:`archive`.
    """

    school = models.ForeignKey(
        "wagtail_send.School",
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, editable=False)

    history = SendHistoricalRecords(inherit=True)
    objects = SchoolRecordQuerySet.as_manager()

    #: Actions each role holds on every record of its own school.
    role_actions = {
        Role.STAFF: {"view"},
        Role.SENCO: {"view", "add", "change", "delete", "history", "export", "share"},
        Role.SLT: {"view", "history", "export"},
        Role.GOVERNOR: set(),
    }
    #: Optional narrowing of a role's reach: ``{role: Q}`` (see the policy).
    role_scopes = {}
    #: Actions the person who created a record holds on it.
    author_actions = {"view", "change", "delete", "history", "share"}

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # The record and its history row commit together, and the record's row lock,
        # held to the end, keeps a concurrent save from reading the same chain head.
        # Inside a caller's transaction this adds no statement (no savepoint).
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using, savepoint=False):
            super().save(*args, **kwargs)

    @property
    def is_archived(self):
        return self.archived_at is not None

    def delete(self, using=None, keep_parents=False):
        self.archive()
        return 0, {}

    def archive(self, reason=""):
        """Take the record out of use; it stays in the history and can be restored."""
        if self.archived_at is None:
            self._set_archived(timezone.now(), reason or _("Archived"))

    def restore(self, reason=""):
        """Bring an archived record back into use."""
        if self.archived_at is not None:
            self._set_archived(None, reason or _("Restored"))

    def _set_archived(self, when, reason):
        # Through the queryset, so the history row holds the stored values, not
        # whatever this instance happens to hold in memory.
        with noting(str(reason)):
            type(self)._default_manager.filter(pk=self.pk).update(archived_at=when)
        self.archived_at = when

    @classmethod
    def public_filter(cls):
        """A Q of records anyone, signed in or not, may view; None for staff-only models."""
        return None


def record_models(base=None):
    """Every concrete model, in any installed app, that inherits ``base`` (SchoolRecord)."""
    base = base or SchoolRecord
    return [m for m in apps.get_models() if issubclass(m, base) and not m._meta.abstract]
