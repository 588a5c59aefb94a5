"""Policy pages: the SEN Information Report, SEND policies and the index that lists them.

They are Wagtail pages, so they get revisions, workflows, scheduled publishing and the
audit log for free. Each belongs to a school through the index page it sits under.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from .. import pdf
from ..conf import send_settings
from ..models import School
from . import live
from .approval import Decision, ReviewOnlyApprovalTask  # noqa: F401  (models of this app)
from .forms import InclusionStrategyForm, SchoolDocumentForm
from .items import ITEMS, Live
from .money import MoneyField
from .panels import CompletenessPanel, StrategyChecksPanel
from .reading import Acknowledgement  # noqa: F401  (a model of this app)
from .strategy import InclusionPrinciple, StrategyActivity, funding_summary  # noqa: F401
from .translation import (
    TranslationPermissionTester,
    as_approved,
    live_version_to_keep,
    may_publish,
)

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
#: A policy's body and an introduction sit right under the page's h1, so they start at h2;
#: the report's items are sections with their own h2, so their text starts at h3.
BODY_FEATURES = ["h2", *RICH_TEXT_FEATURES]


class ReviewStatus(models.TextChoices):
    CURRENT = "current", _("Current")
    DUE = "due", _("Review due")
    OVERDUE = "overdue", _("Overdue")


def years_after(day, years):
    """``day`` moved on ``years`` years (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def review_status(next_review, today=None):
    """Whether a document with this next-review date is current, due or overdue."""
    today = today or timezone.localdate()
    if next_review is None or next_review < today:
        return ReviewStatus.OVERDUE
    if next_review <= today + datetime.timedelta(days=send_settings.POLICY_REVIEW_WARNING_DAYS):
        return ReviewStatus.DUE
    return ReviewStatus.CURRENT


def due_by(today=None):
    """The last next-review date that counts as due on ``today``."""
    today = today or timezone.localdate()
    return today + datetime.timedelta(days=send_settings.POLICY_REVIEW_WARNING_DAYS)


class SchoolPoliciesIndexPage(Page):
    """The school's policies page: lists its SEN Information Report and SEND policies."""

    # Not one-to-one: a translation of this page (wagtail-localize) belongs to the same school.
    school = models.ForeignKey(
        School,
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The school whose policies are published here."),
    )
    intro = RichTextField(_("introduction"), blank=True, features=BODY_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("school"), FieldPanel("intro")]
    subpage_types = [
        "wagtail_send_policies.SENInformationReportPage",
        "wagtail_send_policies.InclusionStrategyPage",
        "wagtail_send_policies.SENDPolicyPage",
    ]
    template = "wagtail_send/policies/index_page.html"

    class Meta:
        verbose_name = _("SEND policies index")

    def documents(self):
        """The live documents under this page: the report, the inclusion strategies (newest
        first), then the policies by title."""
        pages = self.get_children().live().public().specific().order_by("title")

        def order(page):
            if isinstance(page, SENInformationReportPage):
                return (0, 0)
            if isinstance(page, InclusionStrategyPage):
                return (1, -page.first_year)
            return (2, 0)

        return sorted(pages, key=order)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["documents"] = self.documents()
        return context


class SchoolDocumentPage(RoutablePageMixin, Page):
    """What the report and every policy share: a school, an owner and review dates."""

    school = models.ForeignKey(
        School,
        verbose_name=_("school"),
        null=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    policy_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who keeps this up to date. They are emailed when a review falls due."),
    )
    publication_date = models.DateField(_("publication date"), default=timezone.localdate)
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    next_review = models.DateField(
        _("next review"),
        null=True,
        blank=True,
        help_text=_("Leave empty to review one review cycle after the publication date."),
    )
    approving_body = models.CharField(
        _("approved by"),
        max_length=255,
        default=_("The full governing body"),
        help_text=_("The body that approves it, as shown on the page."),
    )
    change_note = models.CharField(
        _("what changed"),
        max_length=255,
        blank=True,
        help_text=_("A sentence for governors on what changed in this version."),
    )
    staff_to_read = models.BooleanField(
        _("all staff to read"),
        default=False,
        help_text=_(
            "Once this version is published, every member of staff is asked to confirm "
            "they have read it."
        ),
    )

    parent_page_types = ["wagtail_send_policies.SchoolPoliciesIndexPage"]
    subpage_types = []
    base_form_class = SchoolDocumentForm
    review_panels = [
        MultiFieldPanel(
            [
                FieldPanel("policy_owner"),
                FieldPanel("publication_date"),
                FieldPanel("last_reviewed"),
                FieldPanel("next_review"),
                FieldPanel("approving_body"),
                FieldPanel("change_note"),
                FieldPanel("staff_to_read"),
            ],
            heading=_("Review and approval"),
        )
    ]

    class Meta:
        abstract = True

    @property
    def review_years(self):
        return 1

    def get_cached_paths(self):
        """The page and its PDF, for a front-end cache to purge."""
        return ["/", "/" + self.reverse_subpage("pdf")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["approval"] = self.final_approval
        if pdf.available():
            context["pdf_url"] = self.url + self.reverse_subpage("pdf")
        return context

    @path("pdf/", name="pdf")
    def download_pdf(self, request):
        """The live version as a tagged PDF, cached for the public like the page itself."""
        if not pdf.available():
            raise Http404
        context = self.get_context(request)
        filename = f"{self.slug}-{self.publication_date:%Y-%m-%d}.pdf"
        return pdf.pdf_response(request, self.get_template(request), context, filename)

    def clean(self):
        super().clean()
        if self.publication_date and self.next_review:
            if self.next_review < self.publication_date:
                raise ValidationError(
                    {"next_review": _("The next review must be after the publication date.")}
                )
        elif self.publication_date:
            self.next_review = years_after(self.publication_date, self.review_years)

    def save(self, *args, **kwargs):
        # The school is always the parent index's: a revision saved before the page was
        # moved to another school's index must not bring the old school back on publish.
        parent = self.get_parent() if self.path else None
        if parent is not None:
            self.school_id = getattr(parent.specific_deferred, "school_id", self.school_id)
        if self.next_review is None and self.publication_date:
            self.next_review = years_after(self.publication_date, self.review_years)
        approved_version = live_version_to_keep(self, kwargs.get("update_fields"))
        super().save(*args, **kwargs)
        if approved_version is not None:
            # Page's own save: the approved version is written back as it was published.
            super(SchoolDocumentPage, as_approved(approved_version)).save(clean=False)

    def permissions_for_user(self, user):
        return TranslationPermissionTester(user, self)

    def publish(self, revision, *args, **kwargs):
        # A translation goes live only from its approval (see translation.py); the refusal
        # is not an error because wagtail-localize publishes after its transaction commits.
        if not may_publish(self, revision):
            return None
        return super().publish(revision, *args, **kwargs)

    @property
    def review_status(self):
        return review_status(self.next_review)

    def take_approval_dates(self, approved_on, live):
        """Date this version as approved on ``approved_on``, replacing ``live`` (or None).

        It is published that day, and reviewed a review cycle later unless the SENCO set
        another next review in this version (one that is neither the automatic date nor
        the live version's).
        """
        automatic = years_after(self.publication_date, self.review_years)
        kept = live.next_review if live is not None else None
        if self.next_review in (None, automatic, kept):
            self.next_review = years_after(approved_on, self.review_years)
        self.publication_date = approved_on
        if live is not None:
            self.last_reviewed = approved_on

    @cached_property
    def final_approval(self):
        """The decision that published the live version, or None if it went live directly."""
        from .history import final_approval

        return final_approval(self)


def _item_fields():
    return {
        item.field_name: RichTextField(
            item.label, blank=True, features=RICH_TEXT_FEATURES, help_text=item.help_text
        )
        for item in ITEMS
    }


def follow_move(sender, instance, parent_page_after, **kwargs):
    """After a move, a report or policy belongs to the school of its new index."""
    school_id = getattr(parent_page_after.specific_deferred, "school_id", None)
    if school_id is not None:
        sender.objects.filter(pk=instance.pk).update(school_id=school_id)


class SENInformationReportPage(SchoolDocumentPage):
    """The statutory SEN Information Report: one section per item of the law."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("A welcome for parents: what this report is and who to talk to."),
    )
    # One rich-text field per item of the law, named from the items table (item_1, ...).
    locals().update(_item_fields())

    content_panels = [
        *Page.content_panels,
        CompletenessPanel(heading=_("Completeness check")),
        FieldPanel("intro"),
        *[FieldPanel(item.field_name, heading=item.label) for item in ITEMS],
    ]
    settings_panels = [*SchoolDocumentPage.review_panels, *Page.settings_panels]
    max_count_per_parent = 1
    template = "wagtail_send/policies/report_page.html"

    class Meta:
        verbose_name = _("SEN Information Report")

    def sections(self):
        """Each item with its written text and any live content, in the order of the law."""
        summaries = live.live_sections(
            [item for item in ITEMS if item.live == Live.PROVIDERS], self.school
        )
        # Label and anchor as text, once: the template shows each two to four times.
        return [
            {
                "item": item,
                "label": str(item.label),
                "anchor": item.anchor,
                "text": getattr(self, item.field_name),
                "senco": item.live == Live.SENCO,
                "local_offer": item.live == Live.LOCAL_OFFER,
                "live": summaries.get(item.code, []),
            }
            for item in ITEMS
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        strategy = InclusionStrategyPage.current(self.school_id)
        context["strategy"] = strategy
        context["strategy_url"] = strategy.url if strategy else ""
        return context


def school_year_now():
    """The year the current school year's autumn term starts in (September to August)."""
    today = timezone.localdate()
    return today.year if today.month >= 9 else today.year - 1


class InclusionStrategyPage(SchoolDocumentPage):
    """The school's inclusion strategy: what it invests in to remove barriers, and the cost.

    A condition of the inclusive mainstream fund: published on the school's website by
    31 December 2026. A strategy may span several school years; it is then reviewed every
    year, and says so on its cover.
    """

    first_year = models.PositiveSmallIntegerField(
        _("first school year starts in"),
        default=school_year_now,
        help_text=_("The year of the September the strategy starts: 2026 for 2026 to 2027."),
    )
    years = models.PositiveSmallIntegerField(
        _("school years covered"),
        choices=[
            (1, _("One school year")),
            (2, _("Two school years")),
            (3, _("Three school years")),
        ],
        default=1,
    )
    imf_allocation = MoneyField(
        _("inclusive mainstream fund allocation (£)"),
        null=True,
        blank=True,
        help_text=_("This year's allocation; the IMF-funded activities are checked against it."),
    )
    notional_sen_budget = MoneyField(_("notional SEN budget (£)"), null=True, blank=True)
    intro = RichTextField(
        _("our approach"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "What the strategy is for and how it fits the school's plans, in plain words."
        ),
    )
    context = RichTextField(
        _("our school's context"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "The barriers you see across the school, in aggregate. The pupil need profile is "
            "added from the skills audit; never name a pupil."
        ),
    )

    content_panels = [
        *Page.content_panels,
        StrategyChecksPanel(heading=_("Completeness check")),
        MultiFieldPanel(
            [
                FieldPanel("first_year"),
                FieldPanel("years"),
                FieldPanel("imf_allocation"),
                FieldPanel("notional_sen_budget"),
            ],
            heading=_("Period and funding"),
        ),
        FieldPanel("intro"),
        FieldPanel("context"),
        InlinePanel("activities", heading=_("Activities"), label=_("activity")),
    ]
    settings_panels = [*SchoolDocumentPage.review_panels, *Page.settings_panels]
    base_form_class = InclusionStrategyForm
    template = "wagtail_send/policies/strategy_page.html"

    class Meta:
        verbose_name = _("inclusion strategy")

    @classmethod
    def current(cls, school_id):
        """The school's live, public strategy for the latest period, or None."""
        if school_id is None:
            return None
        return (
            cls.objects.live()
            .public()
            .filter(school_id=school_id)
            .order_by("-first_year", "-pk")
            .first()
        )

    @property
    def period(self):
        """ "2026 to 2027", or "2026 to 2029" for three school years."""
        return _("%(start)s to %(end)s") % {
            "start": self.first_year,
            "end": self.first_year + (self.years or 1),
        }

    @property
    def multi_year(self):
        return (self.years or 1) > 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        activities = list(self.activities.all())
        context["activities"] = activities
        # Continued, changed or new only means something once copied from last year's.
        context["copied_forward"] = any(activity.origin_id for activity in activities)
        context["funding"] = funding_summary(activities, self.imf_allocation)
        context["school_context"] = live.school_context(self.school)
        context["report"] = (
            SENInformationReportPage.objects.live()
            .public()
            .filter(school_id=self.school_id)
            .first()
            if self.school_id
            else None
        )
        return context


class PolicyKind(models.TextChoices):
    SEN_POLICY = "sen_policy", _("SEN policy")
    ACCESSIBILITY = "accessibility_plan", _("Accessibility plan")
    MEDICAL = "medical_conditions", _("Supporting pupils with medical conditions")
    OTHER = "other", _("Other school policy")


class SENDPolicyPage(SchoolDocumentPage):
    """A statutory or school policy, such as the SEN policy or the accessibility plan."""

    kind = models.CharField(
        _("kind of policy"),
        max_length=30,
        choices=PolicyKind.choices,
        default=PolicyKind.SEN_POLICY,
    )
    review_cycle_years = models.PositiveSmallIntegerField(
        _("review cycle"),
        choices=[(1, _("Every year")), (2, _("Every two years")), (3, _("Every three years"))],
        default=1,
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences shown in the list of policies."),
    )
    body = RichTextField(_("policy"), blank=True, features=BODY_FEATURES)
    approval_minute = models.CharField(
        _("approval record"),
        max_length=255,
        blank=True,
        help_text=_("For example: full governing body meeting, 12 March 2026, minute 7."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("related_documents", heading=_("Related documents"), label=_("document")),
    ]
    settings_panels = [
        MultiFieldPanel(
            [FieldPanel("review_cycle_years"), FieldPanel("approval_minute")],
            heading=_("Review cycle"),
        ),
        *SchoolDocumentPage.review_panels,
        *Page.settings_panels,
    ]
    template = "wagtail_send/policies/policy_page.html"

    class Meta:
        verbose_name = _("SEND policy")

    @property
    def review_years(self):
        return self.review_cycle_years or 1


class PolicyDocument(Orderable):
    """A document that goes with a policy (an appendix, a form, an easy-read version)."""

    page = ParentalKey(SENDPolicyPage, on_delete=models.CASCADE, related_name="related_documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("link text"), max_length=255, blank=True, help_text=_("Leave empty to use its title.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def link_text(self):
        return self.title or self.document.title


#: The page types that carry review dates and a published history.
DOCUMENT_MODELS = (SENInformationReportPage, InclusionStrategyPage, SENDPolicyPage)
