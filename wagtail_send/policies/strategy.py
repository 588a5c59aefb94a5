"""The inclusion strategy's parts: the principles of inclusion and the activities.

A school that receives the inclusive mainstream fund (IMF) publishes, by 31 December
2026 and as a condition of grant, the activities it invests in to remove barriers to
learning and participation, with budgeted costs, following the DfE's principles of
inclusion (docs/policies.md gives the sources, and what could not be confirmed).
"""

from dataclasses import dataclass

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from ..audit.history import SendHistoricalRecords
from ..audit.queryset import HistoryManager
from .money import MoneyField


class InclusionPrinciple(models.Model):
    """One principle of inclusion an activity can serve: a vocabulary kept as data.

    The DfE's guidance speaks of seven principles whose names could not be read when this
    was written; the list shipped is the best-sourced one found (the five principles of
    *Inclusion in Practice*, July 2025), for an administrator to replace with the live
    gov.uk wording.
    """

    name = models.CharField(_("principle"), max_length=200, unique=True)
    description = models.TextField(_("what it means"), blank=True)
    source = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("Where the wording comes from, so it can be checked against the DfE's."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    in_use = models.BooleanField(
        _("in use"), default=True, help_text=_("A principle no longer offered can be retired.")
    )

    history = SendHistoricalRecords()
    objects = HistoryManager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("principle of inclusion")
        verbose_name_plural = _("principles of inclusion")

    def __str__(self):
        return self.name


INCLUSION_IN_PRACTICE = "Inclusion in Practice (DfE expert adviser, July 2025)"

#: The best-sourced list found: the DfE's own seven could not be read (docs/policies.md).
PRINCIPLES = [
    (
        "Knowing children well, early and often",
        "Knowing each pupil and their barriers, especially when they join or move on.",
    ),
    (
        "High-quality, evidence-informed teaching",
        "Inclusion starts with expert teaching in every classroom.",
    ),
    (
        "Coherent and expert targeted support",
        "A graduated, structured system of support with clear responsibilities.",
    ),
    (
        "Relationships and partnerships",
        "Working with families, the local authority and outside services.",
    ),
    (
        "Inclusion as a strategic, shared responsibility",
        "Leaders treat inclusion as a core priority, not a separate system.",
    ),
]


def ensure_principles(using="default", **kwargs):
    """After migrate (and after a test flush), the shipped principles are there if none are.

    Through the real model's manager, so each row has its first history row.
    """
    from ..audit.context import noting

    if InclusionPrinciple.objects.using(using).exists():
        return
    with noting("The principles of inclusion, as shipped"):
        for position, (name, description) in enumerate(PRINCIPLES):
            InclusionPrinciple.objects.using(using).create(
                name=name,
                description=description,
                source=INCLUSION_IN_PRACTICE,
                position=position,
            )


class FundingSource(models.TextChoices):
    IMF = "imf", _("Inclusive mainstream fund")
    NOTIONAL_SEN = "notional_sen", _("Notional SEN budget")
    CORE = "core", _("Core budget")
    OTHER = "other", _("Other funding")


class Continuity(models.TextChoices):
    """How an activity stands to last year's strategy."""

    NEW = "new", _("New")
    CONTINUED = "continued", _("Continued")
    CHANGED = "changed", _("Changed")


class StrategyActivity(ClusterableModel, Orderable):
    """One activity the school invests in: the barrier, what is done, for whom, the cost.

    Who it is for is a cohort ("Year 7 pupils with a low reading age"), never a pupil.
    """

    page = ParentalKey(
        "wagtail_send_policies.InclusionStrategyPage",
        on_delete=models.CASCADE,
        related_name="activities",
    )
    title = models.CharField(_("activity"), max_length=200)
    barrier = models.TextField(
        _("barrier it addresses"),
        blank=True,
        help_text=_("The barrier to learning or taking part that this activity removes."),
    )
    principles = ParentalManyToManyField(
        InclusionPrinciple,
        verbose_name=_("principles of inclusion"),
        blank=True,
        related_name="+",
        limit_choices_to={"in_use": True},
    )
    cohort = models.CharField(
        _("who it is for"),
        max_length=255,
        blank=True,
        help_text=_("A group, never a pupil's name: for example “Year 3 pupils with SLCN”."),
    )
    description = models.TextField(_("what we do"), blank=True)
    cost = MoneyField(_("budgeted cost (£)"), null=True, blank=True)
    funding_source = models.CharField(
        _("funding source"),
        max_length=20,
        choices=FundingSource.choices,
        default=FundingSource.IMF,
    )
    intended_impact = models.TextField(_("intended impact"), blank=True)
    impact_measure = models.TextField(
        _("how we measure the impact"),
        blank=True,
        help_text=_("The measure, where it starts from and the target."),
    )
    review_date = models.DateField(_("review date"), null=True, blank=True)
    continuity = models.CharField(
        _("since last year"),
        max_length=10,
        choices=Continuity.choices,
        default=Continuity.NEW,
        editable=False,
    )
    #: The activity of last year's strategy this one was copied from, if any.
    origin = models.ForeignKey(
        "self", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("barrier"),
        FieldPanel("principles", widget=forms.CheckboxSelectMultiple),
        FieldPanel("cohort"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("cost"), FieldPanel("funding_source")]),
        FieldPanel("intended_impact"),
        FieldPanel("impact_measure"),
        FieldPanel("review_date"),
    ]

    #: The fields compared with last year's activity to tell continued from changed.
    COMPARED = (
        "title",
        "barrier",
        "cohort",
        "description",
        "cost",
        "funding_source",
        "intended_impact",
        "impact_measure",
    )
    #: The free-text fields checked for pupils' names.
    FREE_TEXT = ("title", "barrier", "cohort", "description", "intended_impact", "impact_measure")

    class Meta(Orderable.Meta):
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return self.title

    def principle_ids(self):
        """The chosen principles' ids, whether saved or only in a revision."""
        return {principle.pk for principle in self.principles.all()}

    def same_as(self, other):
        """Whether this activity says what ``other`` (last year's) said."""
        return (
            all(getattr(self, name) == getattr(other, name) for name in self.COMPARED)
            and self.principle_ids() == other.principle_ids()
        )


def mark_continuity(activities):
    """Mark each of ``activities`` new, continued or changed against last year's strategy.

    A copied activity is continued while it says what last year's did, changed once it
    says something else; one added this year, or whose original was deleted, is new.
    """
    origin_ids = {activity.origin_id for activity in activities if activity.origin_id}
    origins = StrategyActivity.objects.prefetch_related("principles").in_bulk(origin_ids)
    for activity in activities:
        origin = origins.get(activity.origin_id)
        if origin is None:
            activity.continuity = Continuity.NEW
        elif activity.same_as(origin):
            activity.continuity = Continuity.CONTINUED
        else:
            activity.continuity = Continuity.CHANGED


@dataclass(frozen=True)
class Funding:
    """The costs of a strategy's activities by source, and the IMF's against its allocation."""

    totals: list  # [(FundingSource, total)], in the sources' order, those with a cost
    total: object
    imf: object
    allocation: object
    over: object  # the activity at which IMF costs pass the allocation, or None

    @property
    def imf_left(self):
        return None if self.allocation is None else self.allocation - self.imf


def funding_summary(activities, allocation):
    """The :class:`Funding` of ``activities`` against an IMF ``allocation`` (or None)."""
    totals = dict.fromkeys(FundingSource, 0)
    for activity in activities:
        totals[FundingSource(activity.funding_source)] += activity.cost or 0
    return Funding(
        totals=[(source, total) for source, total in totals.items() if total],
        total=sum(totals.values()),
        imf=totals[FundingSource.IMF],
        allocation=allocation,
        over=first_over_allocation(activities, allocation),
    )


def first_over_allocation(activities, allocation):
    """The IMF-funded activity at which the IMF costs pass ``allocation``, or None."""
    if allocation is None:
        return None
    running = 0
    for activity in activities:
        if activity.funding_source == FundingSource.IMF:
            running += activity.cost or 0
            if running > allocation:
                return activity
    return None
