from django.db import models
from django.utils.translation import gettext_lazy as _

from ..audit.history import SendHistoricalRecords
from ..audit.queryset import HistoryManager

#: The DfE school census "SEN primary need" codes, with their broad area, as shipped.
NEED_TYPES = [
    ("SLCN", "Speech, language and communication needs", "communication"),
    ("ASD", "Autistic spectrum disorder", "communication"),
    ("SPLD", "Specific learning difficulty", "cognition"),
    ("MLD", "Moderate learning difficulty", "cognition"),
    ("SLD", "Severe learning difficulty", "cognition"),
    ("PMLD", "Profound and multiple learning difficulty", "cognition"),
    ("SEMH", "Social, emotional and mental health", "semh"),
    ("HI", "Hearing impairment", "sensory"),
    ("VI", "Visual impairment", "sensory"),
    ("MSI", "Multi-sensory impairment", "sensory"),
    ("PD", "Physical disability", "sensory"),
    ("OTH", "Other difficulty or disability", "other"),
    ("NSA", "SEN support but no specialist assessment of type of need", "other"),
]


def seed_need_types(need_type_model, using="default"):
    """Add the shipped census codes that are missing; never changes a school's edits.

    Takes the model as an argument so that tests can seed through it too; through the
    real model's manager each code gets its first history row.
    """
    existing = set(need_type_model.objects.using(using).values_list("code", flat=True))
    need_type_model.objects.using(using).bulk_create(
        [
            need_type_model(code=code, name=name, broad_area=area, position=position)
            for position, (code, name, area) in enumerate(NEED_TYPES)
            if code not in existing
        ]
    )


def ensure_need_types(using="default", **kwargs):
    """After migrate (and after a test flush), the census codes are always there."""
    from ..audit.context import noting

    if not NeedType.objects.using(using).exists():
        with noting("The school census codes, as shipped"):
            seed_need_types(NeedType, using)


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
    objects = HistoryManager()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("type of need")
        verbose_name_plural = _("types of need")

    def __str__(self):
        return self.name
