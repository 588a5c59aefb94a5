"""The plan of a learning walk: focus, look-fors, timetable of visits and the walking team."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _

from wagtail_send.audit.context import current_reason, noting
from wagtail_send.audit.history import SendHistoricalRecords
from wagtail_send.audit.queryset import HistoryManager
from wagtail_send.models import SchoolRecord, SchoolUserGrant
from wagtail_send.roles import Role

from .lock import WalkPartMixin, require_reason_if_locked


class Purpose(models.TextChoices):
    """Why a walk is done, in the SENCO Induction Pack's words (Section 12)."""

    MONITOR = "monitor", _("Monitor practice")
    SHARE = "share", _("Share good practice")
    CONSISTENCY = "consistency", _("Promote consistency across the school")
    AWARENESS = "awareness", _("Raise awareness of a specific area")
    PROGRESS = "progress", _("Check pupil progress")
    REFLECTION = "reflection", _("Stimulate reflective professional discussion")


class WalkerRole(models.TextChoices):
    """What each walker looks at, so the evidence can be triangulated afterwards."""

    TEACHING = "teaching", _("Learning and teaching")
    ENVIRONMENT = "environment", _("Environment")
    PUPIL_WORK = "pupil_work", _("Pupil work")
    PUPIL_VOICE = "pupil_voice", _("Pupil voice")


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ObservationTemplate(SchoolRecord):
    """A reusable set of prompts for each walker role, kept by the SENCO."""

    name = models.CharField(_("name"), max_length=200)
    teaching_prompts = models.TextField(
        _("learning and teaching prompts"), blank=True, help_text=_("One prompt a line.")
    )
    environment_prompts = models.TextField(
        _("environment prompts"), blank=True, help_text=_("One prompt a line.")
    )
    pupil_work_prompts = models.TextField(
        _("pupil work prompts"), blank=True, help_text=_("One prompt a line.")
    )
    pupil_voice_prompts = models.TextField(
        _("pupil voice prompts"), blank=True, help_text=_("One prompt a line.")
    )

    role_actions = {
        Role.STAFF: {"view"},
        Role.SENCO: {"view", "add", "change", "delete", "history", "export", "share"},
        Role.SLT: {"view", "history"},
        Role.GOVERNOR: set(),
    }

    class Meta:
        ordering = ["name"]
        verbose_name = _("observation template")
        verbose_name_plural = _("observation templates")

    def __str__(self):
        return self.name

    def prompts_for(self, role):
        """The prompts for one walker role, as a list of lines."""
        return _lines(getattr(self, f"{role}_prompts", ""))


class ObservationTemplateUserGrant(SchoolUserGrant):
    content_object = models.ForeignKey(ObservationTemplate, on_delete=models.CASCADE)


class LearningWalk(SchoolRecord):
    """A structured, collaborative snapshot of learning against one focus, over a half day."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        PUBLISHED = "published", _("Timetable published")
        SIGNED_OFF = "signed_off", _("Signed off")

    title = models.CharField(_("title"), max_length=200)
    focus = models.TextField(
        _("focus"), help_text=_("The specific area or target the walk gathers evidence on.")
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    template = models.ForeignKey(
        ObservationTemplate,
        verbose_name=_("observation template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The prompts each walker sees for their role."),
    )
    published_at = models.DateTimeField(_("timetable published"), null=True, editable=False)
    signed_off_at = models.DateTimeField(_("signed off"), null=True, editable=False)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed off by"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Walkers are given view and change by grant (see team.py); staff and governors see
    # nothing of the plan itself: staff get their timetable by email, governors the report.
    role_actions = {
        Role.STAFF: set(),
        Role.SENCO: {"view", "add", "change", "delete", "history", "export", "share"},
        Role.SLT: {"view", "history", "export"},
        Role.GOVERNOR: set(),
    }

    class Meta:
        ordering = ["-date", "-starts_at"]
        verbose_name = _("learning walk")
        verbose_name_plural = _("learning walks")

    def __str__(self):
        return self.title

    @property
    def is_locked(self):
        return self.signed_off_at is not None

    @property
    def status(self):
        if self.signed_off_at:
            return self.Status.SIGNED_OFF
        if self.published_at:
            return self.Status.PUBLISHED
        return self.Status.PLANNED

    def get_status_display(self):
        return self.Status(self.status).label

    @property
    def window(self):
        return _("%(start)s to %(end)s") % {
            "start": time_format(self.starts_at, "H:i"),
            "end": time_format(self.ends_at, "H:i"),
        }

    def clean(self):
        super().clean()
        if not (self.starts_at and self.ends_at):
            return
        if self.ends_at <= self.starts_at:
            raise ValidationError(
                {"ends_at": _("The walk must end after it starts.")}, code="window"
            )
        if self.pk:
            # Narrowing the window must not strand visits already on the timetable.
            outside = self.visits.exclude(starts_at__gte=self.starts_at, ends_at__lte=self.ends_at)
            if outside:
                raise ValidationError(
                    _("These visits would be outside the new window: %(visits)s. Move them first.")
                    % {"visits": ", ".join(str(visit) for visit in outside)},
                    code="window",
                )

    def save(self, *args, **kwargs):
        require_reason_if_locked(LearningWalk, self.pk)
        super().save(*args, **kwargs)

    def prompts_for(self, role):
        return self.template.prompts_for(role) if self.template else []


class LearningWalkUserGrant(SchoolUserGrant):
    content_object = models.ForeignKey(LearningWalk, on_delete=models.CASCADE)


class LookFor(WalkPartMixin, models.Model):
    """One piece of observable evidence the walkers look for."""

    walk = models.ForeignKey(LearningWalk, on_delete=models.CASCADE, related_name="look_fors")
    text = models.CharField(_("look-for"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0, editable=False)

    history = SendHistoricalRecords()
    objects = HistoryManager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("look-for")
        verbose_name_plural = _("look-fors")

    def __str__(self):
        return self.text


class ActiveVisits(HistoryManager):
    """The visits still on the timetable: ``walk.visits`` and ``Visit.objects`` alike."""

    def get_queryset(self):
        return super().get_queryset().filter(archived_at__isnull=True)


class Visit(WalkPartMixin, models.Model):
    """One slot of the timetable: a class or area, its room and whose lesson it is.

    Removing a visit archives it with what was recorded there (:meth:`archive`): the
    observations and feedback are evidence, kept in the history, never deleted.
    """

    walk = models.ForeignKey(LearningWalk, on_delete=models.CASCADE, related_name="visits")
    area = models.CharField(
        _("class or area"), max_length=200, help_text=_("For example: Year 3, the library.")
    )
    room = models.CharField(_("room"), max_length=100, blank=True)
    staff_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member of staff visited"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, editable=False)

    history = SendHistoricalRecords()
    every_visit = HistoryManager()
    objects = ActiveVisits()

    class Meta:
        ordering = ["starts_at", "pk"]
        default_manager_name = "objects"
        base_manager_name = "every_visit"
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self):
        return f"{time_format(self.starts_at, 'H:i')} {self.area}"

    def archive(self):
        """Take the visit off the timetable with its observations and feedback.

        The change note in force (the reason, on a signed-off walk) goes on every row.
        """
        require_reason_if_locked(LearningWalk, self.walk_id)
        reason = current_reason() or _("Visit removed from the walk")
        with transaction.atomic(), noting(str(reason)):
            # Through the reverse relations: the records' module imports this one.
            for name in ("observations", "feedback"):
                model = self._meta.get_field(name).related_model
                for record in model.objects.active().filter(visit=self):
                    record.archive(reason)
            self.archived_at = timezone.now()
            self.save(update_fields=["archived_at"])

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The visit must end after it starts.")
        walk = self.walk
        window = {"window": walk.window}
        if self.starts_at and not walk.starts_at <= self.starts_at < walk.ends_at:
            errors["starts_at"] = _("This is outside the walk's window (%(window)s).") % window
        if self.ends_at and not walk.starts_at < self.ends_at <= walk.ends_at:
            errors.setdefault(
                "ends_at", _("This is outside the walk's window (%(window)s).") % window
            )
        if errors:
            raise ValidationError(errors, code="window")


class Walker(WalkPartMixin, models.Model):
    """A person on the walk and the role they look through."""

    walk = models.ForeignKey(LearningWalk, on_delete=models.CASCADE, related_name="walkers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    role = models.CharField(_("role on the walk"), max_length=20, choices=WalkerRole.choices)
    is_guest = models.BooleanField(_("guest from outside the school"), default=False)

    history = SendHistoricalRecords()
    objects = HistoryManager()

    class Meta:
        ordering = ["role", "pk"]
        verbose_name = _("walker")
        verbose_name_plural = _("walkers")
        constraints = [
            models.UniqueConstraint(
                fields=["walk", "user"],
                name="learning_walks_one_role_per_walker",
                violation_error_message=_("This person is already on the walk."),
            )
        ]

    def __str__(self):
        name = self.user.get_full_name() or self.user.get_username()
        return f"{name} ({self.get_role_display()})"
