from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..audit.history import SendHistoricalRecords
from ..audit.queryset import HistoryManager
from ..roles import Role

urn_validator = RegexValidator(
    r"^\d{6}$",
    _("A URN is the six-digit unique reference number from Get Information about Schools."),
    code="invalid_urn",
)


class Phase(models.TextChoices):
    NURSERY = "nursery", _("Nursery")
    PRIMARY = "primary", _("Primary")
    MIDDLE = "middle", _("Middle")
    SECONDARY = "secondary", _("Secondary")
    ALL_THROUGH = "all_through", _("All-through")
    SPECIAL = "special", _("Special")
    ALTERNATIVE = "alternative", _("Alternative provision")
    POST_16 = "post_16", _("Post-16")


class SENCOQualification(models.TextChoices):
    """The SENCO's qualification, as regulation 49 of the SEND Regulations 2014 counts it."""

    NPQ = "npq", _("NPQ for SENCOs")
    NASENCO = "nasenco", _("National Award for SEN Co-ordination (NASENCO)")
    NONE = "none", _("None yet")


class School(models.Model):
    """A school. Every record belongs to one; a trust runs many in one database."""

    name = models.CharField(_("name"), max_length=255)
    urn = models.CharField(
        _("URN"),
        max_length=6,
        unique=True,
        null=True,
        blank=True,
        validators=[urn_validator],
        help_text=_("The school's six-digit unique reference number."),
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, blank=True)
    local_authority = models.CharField(_("local authority"), max_length=255, blank=True)
    local_offer_url = models.URLField(
        _("Local Offer web address"),
        blank=True,
        help_text=_("Where the local authority publishes its Local Offer."),
    )
    senco_name = models.CharField(_("SENCO's name"), max_length=255, blank=True)
    senco_email = models.EmailField(_("SENCO's email address"), blank=True)
    senco_phone = models.CharField(_("SENCO's telephone number"), max_length=40, blank=True)
    senco_appointed_on = models.DateField(
        _("SENCO appointed on"),
        null=True,
        blank=True,
        help_text=_("When the SENCO took up the post: the qualification is due three years on."),
    )
    senco_earlier_service = models.BooleanField(
        _("SENCO before this appointment for more than 12 months"),
        default=False,
        help_text=_("Someone who had already been a SENCO for over a year in all is not bound."),
    )
    senco_qualification = models.CharField(
        _("SENCO's qualification"),
        max_length=10,
        choices=SENCOQualification.choices,
        default=SENCOQualification.NONE,
    )
    senco_qualification_started = models.DateField(
        _("qualification started on"), null=True, blank=True
    )
    senco_qualification_completed = models.DateField(
        _("qualification completed on"),
        null=True,
        blank=True,
        help_text=_("Leave empty while the SENCO is still studying."),
    )
    senco_on_slt = models.BooleanField(_("SENCO is on the senior leadership team"), default=False)
    site = models.OneToOneField(
        "wagtailcore.Site",
        verbose_name=_("Wagtail site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="send_school",
        help_text=_("The website that is this school's own, if it has one."),
    )

    history = SendHistoricalRecords()
    objects = HistoryManager()

    #: Read by the core permission policy; adding and removing schools is for superusers.
    school_field = "pk"
    role_actions = {
        Role.STAFF: {"view"},
        Role.SENCO: {"view", "change", "history"},
        Role.SLT: {"view", "change", "history"},
        Role.GOVERNOR: {"view"},
    }

    class Meta:
        ordering = ["name"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        started, completed = self.senco_qualification_started, self.senco_qualification_completed
        if started and completed and completed < started:
            raise ValidationError(
                {"senco_qualification_completed": _("It cannot be completed before it started.")}
            )
        if self.senco_qualification == SENCOQualification.NONE and (started or completed):
            raise ValidationError(
                {"senco_qualification": _("Choose the qualification these dates are for.")}
            )


class Membership(models.Model):
    """A person's role in a school. A person may hold several roles in one school."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="send_memberships",
    )
    school = models.ForeignKey(
        School,
        verbose_name=_("school"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    job_title = models.CharField(
        _("job title"),
        max_length=100,
        blank=True,
        help_text=_("For example: Year 3 teacher, teaching assistant, headteacher."),
    )

    history = SendHistoricalRecords()
    objects = HistoryManager()

    #: The SENCO manages who belongs to their school; SLT can see it.
    role_actions = {
        Role.SENCO: {"view", "add", "change", "delete", "history"},
        Role.SLT: {"view", "history"},
    }

    class Meta:
        ordering = ["school__name", "user__last_name", "user__first_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "school", "role"],
                name="wagtail_send_unique_membership",
                violation_error_message=_("This person already has this role in this school."),
            )
        ]
        indexes = [models.Index(fields=["user", "role"], name="wagtail_send_member_role")]

    def __str__(self):
        return _("%(person)s: %(role)s at %(school)s") % {
            "person": self.user.get_full_name() or self.user.get_username(),
            "role": self.get_role_display(),
            "school": self.school,
        }
