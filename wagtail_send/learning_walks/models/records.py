"""What the team records on a walk, each a record the core permission policy decides on.

Who reads what (issue 7, item 5) is said here, per model:

* Observation - the raw evidence: its author, the other walkers (by grant), the SENCO
  and SLT. Governors only if they walked (then they hold a grant like any walker).
* Feedback - to one member of staff: that person (by grant, once sent), the walkers
  (by grant) and the SENCO. Nobody else, not even SLT.
* WalkReport - for the headteacher, SLT and governors (by role) and the walkers.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail_send.audit.history import SendHistoricalRecords
from wagtail_send.audit.queryset import HistoryManager
from wagtail_send.models import SchoolRecord, SchoolUserGrant
from wagtail_send.roles import Role

from .lock import WalkPartMixin
from .walks import LearningWalk, LookFor, Visit, WalkerRole

SENCO_ALL = {"view", "add", "change", "delete", "history", "export", "share"}


class Observation(WalkPartMixin, SchoolRecord):
    """One walker's evidence from one visit, against the look-fors and their role's prompts.

    ``look_for_notes`` maps a look-for's id (as text) to the note; ``prompt_notes`` maps
    the prompt's wording to the note, so a later edit to the template does not lose it.
    """

    walk = models.ForeignKey(LearningWalk, on_delete=models.CASCADE, related_name="+")
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="observations")
    role = models.CharField(_("role on the walk"), max_length=20, choices=WalkerRole.choices)
    look_for_notes = models.JSONField(_("evidence against the look-fors"), default=dict)
    prompt_notes = models.JSONField(_("answers to the prompts"), default=dict)
    notes = models.TextField(_("anything else you noticed"), blank=True)

    role_actions = {
        Role.STAFF: set(),
        Role.SENCO: SENCO_ALL,
        Role.SLT: {"view", "history"},
        Role.GOVERNOR: set(),
    }
    # Walkers, the author included, read and edit by grant (team.py), so that taking
    # someone off the walk takes everything away; authorship only lets them share.
    author_actions = {"share"}

    class Meta:
        ordering = ["visit__starts_at", "role", "pk"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "created_by"], name="learning_walks_one_observation_each"
            )
        ]

    def __str__(self):
        return _("%(role)s at %(visit)s") % {"role": self.get_role_display(), "visit": self.visit}

    def note_for(self, look_for):
        return self.look_for_notes.get(str(look_for.pk), "")


class ObservationUserGrant(SchoolUserGrant):
    content_object = models.ForeignKey(Observation, on_delete=models.CASCADE)


class Finding(WalkPartMixin, models.Model):
    """What the team agreed, after triangulating, about one look-for."""

    class Kind(models.TextChoices):
        STRENGTH = "strength", _("Strength")
        DEVELOPMENT = "development", _("Area for development")

    walk = models.ForeignKey(LearningWalk, on_delete=models.CASCADE, related_name="findings")
    look_for = models.ForeignKey(
        LookFor, verbose_name=_("look-for"), on_delete=models.CASCADE, related_name="findings"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("what the team agreed"))

    history = SendHistoricalRecords()
    objects = HistoryManager()

    class Meta:
        ordering = ["look_for__position", "kind", "pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"


class AgreedAction(WalkPartMixin, models.Model):
    """An action the team agreed, with an owner and a date."""

    walk = models.ForeignKey(LearningWalk, on_delete=models.CASCADE, related_name="actions")
    look_for = models.ForeignKey(
        LookFor,
        verbose_name=_("look-for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    text = models.TextField(_("action"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due = models.DateField(_("due by"))
    followed_up_as = models.CharField(_("followed up as"), max_length=200, blank=True)

    history = SendHistoricalRecords()
    objects = HistoryManager()

    class Meta:
        ordering = ["due", "pk"]
        verbose_name = _("agreed action")
        verbose_name_plural = _("agreed actions")

    def __str__(self):
        return self.text[:80]


class Feedback(WalkPartMixin, SchoolRecord):
    """Feedback to the member of staff whose class was visited."""

    walk = models.ForeignKey(LearningWalk, on_delete=models.CASCADE, related_name="+")
    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="feedback")
    went_well = models.TextField(_("what went well"))
    next_steps = models.TextField(_("next steps"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, editable=False)

    role_actions = {
        Role.STAFF: set(),
        Role.SENCO: SENCO_ALL,
        Role.SLT: set(),
        Role.GOVERNOR: set(),
    }
    author_actions = {"share"}

    class Meta:
        ordering = ["visit__starts_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self):
        return _("Feedback: %(visit)s") % {"visit": self.visit}


class FeedbackUserGrant(SchoolUserGrant):
    content_object = models.ForeignKey(Feedback, on_delete=models.CASCADE)


class WalkReport(WalkPartMixin, SchoolRecord):
    """The report of a walk for the headteacher, SLT and governors."""

    walk = models.OneToOneField(LearningWalk, on_delete=models.CASCADE, related_name="report")
    summary = models.TextField(_("summary"))

    role_actions = {
        Role.STAFF: set(),
        Role.SENCO: SENCO_ALL,
        Role.SLT: {"view", "history", "export"},
        Role.GOVERNOR: {"view", "export"},
    }
    #: Governors read a report once the walk is signed off, not while it is drafted.
    role_scopes = {Role.GOVERNOR: Q(walk__signed_off_at__isnull=False)}
    author_actions = {"share"}

    class Meta:
        verbose_name = _("learning walk report")
        verbose_name_plural = _("learning walk reports")

    def __str__(self):
        return _("Report: %(walk)s") % {"walk": self.walk}


class WalkReportUserGrant(SchoolUserGrant):
    content_object = models.ForeignKey(WalkReport, on_delete=models.CASCADE)
