from django.db import models
from django.utils.translation import gettext_lazy as _

from ..audit.history import SendHistoricalRecords


class BroadArea(models.TextChoices):
    """The four broad areas of need (SEND Code of Practice 2015, 6.28-6.35)."""

    COMMUNICATION = "communication", _("Communication and interaction")
    COGNITION = "cognition", _("Cognition and learning")
    SEMH = "semh", _("Social, emotional and mental health")
    SENSORY = "sensory", _("Sensory and/or physical")
    OTHER = "other", _("Other")


class NeedType(models.Model):
    """A type of need: a school census "SEN primary need" code and its broad area.

    Kept as data, seeded by a migration, because the DfE changes the list from time to
    time. Every feature that speaks of needs (posts, services, the skills audit, the
    pupil need profile) refers to these rows.
    """

    code = models.CharField(_("census code"), max_length=10, unique=True)
    name = models.CharField(_("type of need"), max_length=120)
    broad_area = models.CharField(_("broad area"), max_length=20, choices=BroadArea.choices)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    in_use = models.BooleanField(
        _("in use"), default=True, help_text=_("A code dropped from the census can be retired.")
    )

    history = SendHistoricalRecords()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("type of need")
        verbose_name_plural = _("types of need")

    def __str__(self):
        return self.name
