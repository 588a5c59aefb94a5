"""Staff-skills audit: the question bank, audits, answers, and the pupil need profile.

Who may read what is said here, on each model, for the core permission policy:
an individual's answers (:class:`Response`) are readable by that person and by the
roles named in ``WAGTAILSEND_ANSWER_READER_ROLES`` only; audits themselves carry no
individual data, so leaders and governors may view them (and their aggregates, see
:mod:`.aggregates`).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail_send.audit.history import SendHistoricalRecords
from wagtail_send.audit.queryset import HistoryManager
from wagtail_send.conf import send_settings
from wagtail_send.models import BroadArea, Membership, NeedType, SchoolRecord, SchoolUserGrant
from wagtail_send.roles import Role

#: Question areas: the four broad areas of need (and "other") from the core, plus general
#: practice, which is about teaching every pupil rather than one need.
GENERAL = "general"
AREA_CHOICES = [*BroadArea.choices, (GENERAL, _("General practice"))]


class Level(models.TextChoices):
    SEN_SUPPORT = "sen_support", _("SEN support")
    EHC_PLAN = "ehc_plan", _("EHC plan")


class Confidence(models.IntegerChoices):
    NOT = 1, _("1 – Not confident: I would need support to do this")
    SLIGHTLY = 2, _("2 – A little confident: I can do this with some support")
    CONFIDENT = 3, _("3 – Confident: I can do this on my own")
    VERY = 4, _("4 – Very confident: I could help a colleague with this")


class Question(SchoolRecord):
    """One statement in the school's question bank, answered on the confidence scale."""

    area = models.CharField(_("area"), max_length=20, choices=AREA_CHOICES)
    need = models.ForeignKey(
        NeedType,
        verbose_name=_("specific need"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty for a question about the whole area or general practice."),
    )
    text = models.CharField(
        _("question"),
        max_length=300,
        help_text=_("Written as a statement staff rate, e.g. “I can adapt my teaching for…”."),
    )
    hint = models.CharField(_("hint"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("audit question")
        verbose_name_plural = _("audit questions")

    def __str__(self):
        return self.text


class Audience(models.TextChoices):
    ALL_STAFF = "all", _("All staff (everyone except governors)")
    JOB_TITLES = "job_titles", _("Staff with the job titles listed")


class Campaign(SchoolRecord):
    """One audit, e.g. "Autumn 2026": who is asked, and when it is open."""

    title = models.CharField(_("title"), max_length=120, help_text=_("For example “Autumn 2026”."))
    opens_on = models.DateField(_("opens on"), default=timezone.localdate)
    closes_on = models.DateField(_("closes on"))
    audience = models.CharField(
        _("who is asked"), max_length=20, choices=Audience.choices, default=Audience.ALL_STAFF
    )
    job_titles = models.CharField(
        _("job titles"),
        max_length=500,
        blank=True,
        help_text=_(
            "Separate with commas, e.g. “Teaching assistant, HLTA”. Used when only staff "
            "with these job titles are asked."
        ),
    )
    introduction = models.TextField(_("introduction for staff"), blank=True)
    #: Written by earlier versions before figures were kept as releases (:class:`Release`);
    #: kept so that the history of audits still verifies.
    aggregates = models.JSONField(default=dict, blank=True, editable=False)
    aggregated_at = models.DateTimeField(null=True, blank=True, editable=False)

    role_actions = {
        Role.STAFF: {"view"},
        Role.SENCO: {"view", "add", "change", "delete", "history", "export", "share"},
        Role.SLT: {"view", "history", "export"},
        Role.GOVERNOR: {"view"},
    }

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("skills audit")
        verbose_name_plural = _("skills audits")

    def __str__(self):
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("The audit must close on or after the day it opens.")
        if self.audience == Audience.JOB_TITLES and not self.job_title_list():
            errors["job_titles"] = _("List at least one job title, or ask all staff.")
        if errors:
            raise ValidationError(errors)

    def job_title_list(self):
        return [t.strip() for t in self.job_titles.split(",") if t.strip()]

    @property
    def is_open(self):
        return self.opens_on <= timezone.localdate() <= self.closes_on and not self.is_archived

    @property
    def is_closed(self):
        """Closed for good: past its closing day, or archived."""
        return self.closes_on < timezone.localdate() or self.is_archived

    def audience_memberships(self):
        """Memberships of the people asked to answer (one query when evaluated)."""
        members = Membership.objects.filter(
            school_id=self.school_id, user__is_active=True
        ).exclude(role=Role.GOVERNOR)
        if self.audience == Audience.JOB_TITLES:
            q = models.Q()
            for title in self.job_title_list():
                q |= models.Q(job_title__iexact=title)
            members = members.filter(q)
        return members

    def includes(self, user, memberships=None):
        """Whether ``user`` is asked; pass their Membership rows to decide without a query."""
        if memberships is None:
            return self.audience_memberships().filter(user=user).exists()
        titles = {t.lower() for t in self.job_title_list()}
        return user.is_active and any(
            m.school_id == self.school_id
            and m.role != Role.GOVERNOR
            and (self.audience != Audience.JOB_TITLES or m.job_title.lower() in titles)
            for m in memberships
        )


class ReaderRoles:
    """``role_actions`` for answers, read from the school's settings each time it is asked.

    A descriptor rather than a dict so that ``WAGTAILSEND_ANSWER_READER_ROLES`` (and a test's
    override of it) takes effect without a restart.
    """

    def __get__(self, instance, owner):
        readers = set(send_settings.ANSWER_READER_ROLES)
        return {
            role: ({"view", "history", "export", "delete"} if role in readers else set())
            for role in Role
        }


class Response(SchoolRecord):
    """One person's answers to one audit. ``created_by`` is the person who answered.

    ``answers`` maps a question id (as a string) to
    ``{"confidence": 1-4 or None, "training": bool, "comment": str}``.
    """

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("audit"), on_delete=models.PROTECT, related_name="responses"
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    job_title = models.CharField(_("job title when answering"), max_length=100, blank=True)
    submitted_at = models.DateTimeField(_("sent"), null=True, blank=True)

    #: No role sees an individual's answers except the reader roles; SLT and governors
    #: see aggregates only. The person themself reads, changes and exports their own.
    role_actions = ReaderRoles()
    author_actions = {"view", "change", "history", "export"}

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("audit answers")
        verbose_name_plural = _("audit answers")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "created_by"], name="skills_audit_one_response_each"
            )
        ]

    def __str__(self):
        person = self.created_by.get_full_name() if self.created_by else _("(removed)")
        return f"{self.campaign} – {person}"


class Release(models.Model):
    """One frozen snapshot of an audit's figures, as every page, download and report shows it.

    Made by :mod:`.releases` only when enough people have sent or changed answers since the
    last one, or at close, so that comparing two releases tells nothing about one person.
    ``figures`` holds only what may be shown (see :mod:`wagtail_send.disclosure`);
    ``ledger`` maps each included answer's id to the time it was last changed, the group
    it counted towards and how many questions of each leaf it answered, so the next release
    knows who changed in between and can check itself against this one.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="releases")
    number = models.PositiveIntegerField()
    made_at = models.DateTimeField(default=timezone.now)
    final = models.BooleanField(default=False)
    respondents = models.PositiveIntegerField(default=0)
    figures = models.JSONField(default=dict)
    ledger = models.JSONField(default=dict)

    history = SendHistoricalRecords()
    objects = HistoryManager()

    class Meta:
        ordering = ["campaign", "number"]
        verbose_name = _("release of figures")
        verbose_name_plural = _("releases of figures")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "number"], name="skills_audit_one_release_per_number"
            )
        ]

    def __str__(self):
        return f"{self.campaign} #{self.number}"


class NeedProfile(SchoolRecord):
    """The school's pupil needs on one date, as counts only: never a pupil's name."""

    title = models.CharField(
        _("title"), max_length=120, help_text=_("For example “Spring census 2026”.")
    )
    recorded_on = models.DateField(_("counted on"), default=timezone.localdate)

    class Meta:
        ordering = ["-recorded_on", "-pk"]
        verbose_name = _("pupil need profile")
        verbose_name_plural = _("pupil need profiles")

    def __str__(self):
        return self.title


class NeedCount(models.Model):
    """How many pupils in one year group have one primary need at one level of support."""

    profile = models.ForeignKey(NeedProfile, on_delete=models.CASCADE, related_name="counts")
    need = models.ForeignKey(
        NeedType, verbose_name=_("primary need"), on_delete=models.PROTECT, related_name="+"
    )
    year_group = models.CharField(
        _("year group"), max_length=10, help_text=_("For example N, R, 1 … 13.")
    )
    level = models.CharField(_("support"), max_length=20, choices=Level.choices)
    count = models.PositiveIntegerField(_("pupils"))

    history = SendHistoricalRecords()
    objects = HistoryManager()

    class Meta:
        ordering = ["need__position", "year_group", "level"]
        verbose_name = _("pupil count")
        verbose_name_plural = _("pupil counts")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "need", "year_group", "level"],
                name="skills_audit_one_count_per_cell",
            )
        ]

    def __str__(self):
        return f"{self.need.code} {self.year_group} {self.get_level_display()}: {self.count}"


# Per-record grants (guardian direct foreign keys), one per record model.
class QuestionUserGrant(SchoolUserGrant):
    content_object = models.ForeignKey(Question, on_delete=models.CASCADE)


class CampaignUserGrant(SchoolUserGrant):
    content_object = models.ForeignKey(Campaign, on_delete=models.CASCADE)


class ResponseUserGrant(SchoolUserGrant):
    content_object = models.ForeignKey(Response, on_delete=models.CASCADE)


class NeedProfileUserGrant(SchoolUserGrant):
    content_object = models.ForeignKey(NeedProfile, on_delete=models.CASCADE)
