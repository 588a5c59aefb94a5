"""Read and acknowledge: every member of staff confirms they have read a policy's version.

The SENCO ticks "All staff to read" on a version; once it is published, each member of
staff of the school is asked to confirm they have read that live version, and a new
version asks again. An :class:`Acknowledgement` is one person's confirmation of one
version, a tracked record with history like every other.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..audit.history import SendHistoricalRecords
from ..audit.queryset import HistoryManager
from ..roles import Role

#: Whose confirmation an "all staff to read" version asks for, at the page's school.
READER_ROLES = {Role.STAFF, Role.SENCO, Role.SLT}


class Acknowledgement(models.Model):
    """One person has read one published version of a policy."""

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("policy"), on_delete=models.CASCADE, related_name="+"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(_("read on"), auto_now_add=True)
    history = SendHistoricalRecords()
    objects = HistoryManager()

    class Meta:
        app_label = "wagtail_send_policies"
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "user"], name="policies_one_acknowledgement_per_version"
            )
        ]

    def __str__(self):
        return f"{self.user} read {self.page} (version {self.revision_id})"


def readers(school_id):
    """The active people of a school asked to read its policies, by name."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            send_memberships__school_id=school_id,
            send_memberships__role__in=READER_ROLES,
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def reading_list(page, revision_id):
    """``[(person, acknowledgement or None)]`` for one version of ``page``, by name."""
    confirmed = {
        acknowledgement.user_id: acknowledgement
        for acknowledgement in Acknowledgement.objects.filter(revision_id=revision_id)
    }
    return [(person, confirmed.get(person.pk)) for person in readers(page.school_id)]
