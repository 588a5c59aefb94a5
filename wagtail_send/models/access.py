from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from ..audit.history import SendHistoricalRecords
from ..audit.queryset import HistoryManager


class SchoolUserGrant(UserObjectPermissionBase):
    """A per-record grant (guardian's direct-FK object permission) of a record model.

    ``as_guest`` says the grant was made to someone outside the record's school: such a
    grant counts whatever their memberships, while any other counts only while they
    hold a membership in the record's school. Declare one per record model::

        class NoteUserGrant(SchoolUserGrant):
            content_object = models.ForeignKey(Note, on_delete=models.CASCADE)
    """

    as_guest = models.BooleanField(_("made to a guest"), default=False)

    class Meta(UserObjectPermissionBase.Meta):
        abstract = True


class AccessChange(models.Model):
    """One change to who may do what to a record: who, to whom, what, when.

    Rows are written only by :mod:`wagtail_send.access` and never edited: grants and
    revokes, and the grants and authorship that stop counting when their holder leaves
    the record's school (and count again when they rejoin). The grantee's name is
    copied so the log still reads after the account is deleted.
    """

    class Kind(models.TextChoices):
        GRANTED = "granted", _("Granted")
        REVOKED = "revoked", _("Revoked")
        LAPSED = "lapsed", _("Stopped counting: left the school")
        RESUMED = "resumed", _("Counts again: rejoined the school")

    #: The ``action`` of a lapsed or resumed row that is about authorship, not a grant.
    AUTHORSHIP = "authorship"

    kind = models.CharField(_("change"), max_length=10, choices=Kind.choices)
    action = models.CharField(_("permission"), max_length=20)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField(_("record"))
    object_repr = models.CharField(_("record"), max_length=255)
    school = models.ForeignKey("wagtail_send.School", on_delete=models.PROTECT, related_name="+")
    grantee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    grantee_name = models.CharField(_("person"), max_length=255)
    as_guest = models.BooleanField(_("guest from outside the school"), default=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    # Chained like every record, so a grant cannot be written, nor a log row forged or
    # removed, without it showing (see ``wagtail_send.audit.verify``).
    history = SendHistoricalRecords()
    objects = HistoryManager()

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("access change")
        verbose_name_plural = _("access changes")
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="wagtail_send_access_obj")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.action}: {self.grantee_name} / {self.object_repr}"


class RecordRead(models.Model):
    """Someone read a record about another person (skills-audit answers, feedback)."""

    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    school = models.ForeignKey(
        "wagtail_send.School", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-read_at", "-pk"]
        verbose_name = _("record read")
        verbose_name_plural = _("records read")
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="wagtail_send_read_obj")
        ]

    def __str__(self):
        return f"{self.reader} read {self.content_type} #{self.object_id}"
