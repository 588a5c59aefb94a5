"""The learning wall: staff development posts, teams, the half-term rota and themes."""

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField

from wagtail_send.audit.history import SendHistoricalRecords
from wagtail_send.audit.queryset import HistoryManager
from wagtail_send.models import PrivateFile, SchoolRecord, SchoolUserGrant
from wagtail_send.roles import Role

#: The only formatting a post body may use; Wagtail's whitelist strips everything else.
BODY_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class Kind(models.TextChoices):
    """What a post is, in the words of the SENCO Induction Pack."""

    PHOTOGRAPH = "photograph", _("Photograph of an activity")
    PLANNING = "planning", _("Example of planning")
    RESOURCE = "resource", _("Resource")
    QUESTION = "question", _("Question")
    ARTICLE = "article", _("Article")
    PUPIL_EVALUATION = "pupil_evaluation", _("Pupil evaluation")
    STAFF_EVALUATION = "staff_evaluation", _("Staff evaluation")


class KeyStage(models.TextChoices):
    EYFS = "eyfs", _("Early years (nursery and reception)")
    KS1 = "ks1", _("Key stage 1 (years 1 to 2)")
    KS2 = "ks2", _("Key stage 2 (years 3 to 6)")
    KS3 = "ks3", _("Key stage 3 (years 7 to 9)")
    KS4 = "ks4", _("Key stage 4 (years 10 to 11)")
    POST_16 = "post16", _("Post-16 (years 12 to 13)")


class RotaRecord(SchoolRecord):
    """Teams, half-terms and themes: the SENCO sets them, staff read them."""

    role_actions = {
        Role.STAFF: {"view"},
        Role.SENCO: {"view", "add", "change", "delete", "history", "export", "share"},
        Role.SLT: {"view", "history", "export"},
        Role.GOVERNOR: set(),
    }
    author_actions = {"view", "history"}

    class Meta:
        abstract = True


class Team(RotaRecord):
    """A group of staff who post on the wall together (a year team, a department)."""

    name = models.CharField(_("name"), max_length=100)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        blank=True,
        related_name="learning_wall_teams",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self):
        return self.name


class HalfTerm(RotaRecord):
    """One half-term of the school calendar, and which teams are due to post in it."""

    name = models.CharField(_("name"), max_length=100, help_text=_("For example: Autumn 1."))
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    teams_due = models.ManyToManyField(
        Team,
        verbose_name=_("teams due to post"),
        blank=True,
        related_name="half_terms_due",
        help_text=_("Leave empty when every team posts every half-term."),
    )

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("half-term")
        verbose_name_plural = _("half-terms")

    def __str__(self):
        return _("%(name)s (%(start)s to %(end)s)") % {
            "name": self.name,
            "start": date_format(self.starts_on, "j M Y"),
            "end": date_format(self.ends_on, "j M Y"),
        }

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day must be after the first day.")})


class Theme(RotaRecord):
    """A focus the SENCO sets for a term, such as partnerships with parents."""

    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.title


class Post(SchoolRecord):
    """Something a member of staff puts on the learning wall."""

    kind = models.CharField(_("what is it?"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=150)
    body = RichTextField(_("text"), blank=True, features=BODY_FEATURES)
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
    )
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
    )
    areas_of_need = models.ManyToManyField(
        "wagtail_send.NeedType", verbose_name=_("areas of need"), blank=True, related_name="+"
    )
    # Codes joined as ",ks1,ks2," so one filter works on SQLite and PostgreSQL alike.
    key_stages = models.CharField(_("year groups"), max_length=100, blank=True)
    hidden = models.BooleanField(
        _("hidden by the SENCO"),
        default=False,
        help_text=_("Hidden posts are seen only by their author and the SENCO."),
    )

    role_actions = {
        Role.STAFF: {"view", "add"},
        Role.SENCO: {"view", "add", "change", "delete", "history", "export", "share"},
        Role.SLT: {"view", "add", "history", "export"},
        Role.GOVERNOR: set(),
    }
    author_actions = {"view", "change", "delete", "history", "share"}

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("learning wall post")
        verbose_name_plural = _("learning wall posts")
        indexes = [
            models.Index(fields=["school", "-created_at"], name="lw_post_school_created"),
            # The newest posts across every school a person may see (shared posts, a trust
            # officer's view): read in order and stop at a page, never sort the whole table.
            models.Index(fields=["-created_at", "-id"], name="lw_post_created"),
        ]

    def __str__(self):
        return self.title

    @property
    def key_stage_list(self):
        return [code for code in self.key_stages.split(",") if code]

    def get_key_stages_display(self):
        labels = dict(KeyStage.choices)
        return [labels[code] for code in self.key_stage_list if code in labels]

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("wagtail_send_learning_wall:post", args=[self.pk])


class Reply(SchoolRecord):
    """An answer or comment under a post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="replies")
    body = models.TextField(_("reply"), max_length=5000)

    role_actions = {
        Role.STAFF: {"view", "add"},
        Role.SENCO: {"view", "add", "change", "delete", "history", "export", "share"},
        Role.SLT: {"view", "add", "history", "export"},
        Role.GOVERNOR: set(),
    }
    author_actions = {"view", "change", "delete", "history"}

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self):
        return self.body[:60]


class PostImage(PrivateFile):
    """A photograph on a post, in private storage, sent only to people who may see the post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="images")
    description = models.CharField(
        _("description"), max_length=255, help_text=_("What the photo shows, for screen readers.")
    )
    history = SendHistoricalRecords()
    objects = HistoryManager()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.post}: {self.description}"


class PostDocument(PrivateFile):
    """A file on a post (planning, a resource), in private storage, sent as an attachment."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="documents")
    history = SendHistoricalRecords()
    objects = HistoryManager()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.post}: {self.original_name}"


class Useful(models.Model):
    """One person found one post useful (at most once)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="useful_marks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = SendHistoricalRecords()
    objects = HistoryManager()

    class Meta:
        verbose_name = _("useful mark")
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="lw_one_useful_per_person")
        ]

    def __str__(self):
        return f"{self.user} found {self.post} useful"


class PostUserGrant(SchoolUserGrant):
    content_object = models.ForeignKey(Post, on_delete=models.CASCADE)


class ReplyUserGrant(SchoolUserGrant):
    content_object = models.ForeignKey(Reply, on_delete=models.CASCADE)


class TeamUserGrant(SchoolUserGrant):
    content_object = models.ForeignKey(Team, on_delete=models.CASCADE)


class HalfTermUserGrant(SchoolUserGrant):
    content_object = models.ForeignKey(HalfTerm, on_delete=models.CASCADE)


class ThemeUserGrant(SchoolUserGrant):
    content_object = models.ForeignKey(Theme, on_delete=models.CASCADE)
