"""Gap analysis: staff confidence against pupil-need prevalence, and training priorities.

For each census need ``n`` (and likewise for each broad area ``a``, over every question
in the area):

* ``share`` = pupils whose primary need is ``n`` / all pupils in the need profile
  (SEN support and EHC plan together);
* ``confidence`` = mean rating (1-4) of every answer to the questions about ``n``;
* ``gap`` = (4 − confidence) / 3, so 0 when everyone is very confident and 1 when
  nobody is;
* ``training`` = answers asking for training / answers;
* **priority = share × gap × (1 + training)**, between 0 and 2.

Priorities are ranked highest first (ties: larger share first, then census order); needs
no pupil has are not ranked. A need drawn from fewer answers than the small-group
minimum has no figures and no rank.
General-practice questions concern every pupil, so they are shown but not ranked.
"""

from dataclasses import dataclass, field

from django.db.models import Sum

from wagtail_send.models import NeedType

from .aggregates import aggregate_visible, campaign_aggregates
from .models import AREA_CHOICES, GENERAL, Campaign, Level, NeedCount, NeedProfile, Question

MAX_RATING = 4


@dataclass
class Figures:
    """Confidence figures from a set of answers (already summed)."""

    answered: int = 0
    total: int = 0
    training: int = 0

    def add(self, answered, total, training):
        self.answered += answered
        self.total += total
        self.training += training

    @property
    def confidence(self):
        return self.total / self.answered if self.answered else None

    @property
    def training_share(self):
        return self.training / self.answered if self.answered else None


@dataclass
class GapRow:
    """One need or area in the analysis; ``None`` figures are suppressed or unknown."""

    key: str
    label: str
    area: str
    pupils: int = 0
    ehc: int = 0
    share: float | None = None
    figures: Figures = field(default_factory=Figures)
    visible: bool = False
    groups: dict = field(default_factory=dict)
    previous_confidence: float | None = None
    rank: int | None = None

    @property
    def confidence(self):
        return self.figures.confidence if self.visible else None

    @property
    def training_share(self):
        return self.figures.training_share if self.visible else None

    @property
    def gap(self):
        confidence = self.confidence
        return None if confidence is None else (MAX_RATING - confidence) / (MAX_RATING - 1)

    @property
    def priority(self):
        if self.gap is None or self.share is None:
            return None
        return self.share * self.gap * (1 + self.training_share)

    @property
    def change(self):
        if self.confidence is None or self.previous_confidence is None:
            return None
        return self.confidence - self.previous_confidence


def rank(rows):
    """Number the rows with pupils and a priority, highest first; return them in rank order."""
    ranked = sorted(
        (r for r in rows if r.priority is not None and r.pupils),
        key=lambda r: (-r.priority, -(r.share or 0)),
    )
    for position, row in enumerate(ranked, start=1):
        row.rank = position
    return ranked


@dataclass
class Analysis:
    campaign: Campaign
    profile: NeedProfile | None
    previous: Campaign | None
    respondents: int
    respondents_visible: bool
    total_pupils: int
    needs: list
    areas: list
    general: list
    groups: list
    priorities: list


def latest_profile(school):
    return NeedProfile.objects.active().filter(school=school).first()


def previous_campaign(campaign):
    return (
        Campaign.objects.active()
        .filter(school_id=campaign.school_id, opens_on__lt=campaign.opens_on)
        .first()
    )


def analyse(user, campaign, profile=None, previous=None):
    """Build the gap analysis of ``campaign`` against ``profile`` as ``user`` may see it.

    A constant number of queries whatever the number of staff or answers.
    """
    profile = profile or latest_profile(campaign.school)
    previous = previous or previous_campaign(campaign)
    aggregates = campaign_aggregates(campaign)
    questions = list(Question.objects.filter(school_id=campaign.school_id).select_related("need"))
    codes = list(NeedType.objects.filter(in_use=True))
    counts = _pupil_counts(profile)
    total_pupils = sum(c["pupils"] for c in counts.values())

    groups = sorted(aggregates["groups"])
    needs = {
        c.code: GapRow(key=c.code, label=c.name, area=c.broad_area, **counts.get(c.pk, {}))
        for c in codes
    }
    areas = {
        value: GapRow(key=value, label=str(label), area=value) for value, label in AREA_CHOICES
    }
    for row in needs.values():
        areas[row.area].pupils += row.pupils
        areas[row.area].ehc += row.ehc
    general = []
    for question in questions:
        entry = aggregates["questions"].get(str(question.pk))
        if entry is None:
            continue
        targets = [areas[question.area]] if question.area in areas else []
        if question.need_id and question.need.code in needs:
            targets.append(needs[question.need.code])
        if question.area == GENERAL:
            row = GapRow(key=str(question.pk), label=question.text, area=GENERAL)
            targets.append(row)
            general.append(row)
        for target in targets:
            target.figures.add(entry["answered"], entry["total"], entry["training"])
            for group, (answered, total, training) in entry["groups"].items():
                target.groups.setdefault(group, Figures()).add(answered, total, training)

    all_rows = [*needs.values(), *areas.values(), *general]
    for row in all_rows:
        if total_pupils and row.area != GENERAL:
            row.share = row.pupils / total_pupils
        row.visible = aggregate_visible(user, campaign, row.figures.answered)
        row.groups = {
            group: (figures if aggregate_visible(user, campaign, figures.answered) else None)
            for group, figures in row.groups.items()
        }
    if previous is not None:
        _add_trend(user, previous, needs, areas, questions)

    need_rows = [r for r in needs.values() if r.pupils or r.figures.answered]
    area_rows = list(areas.values())
    return Analysis(
        campaign=campaign,
        profile=profile,
        previous=previous,
        respondents=aggregates["respondents"],
        respondents_visible=aggregate_visible(user, campaign, aggregates["respondents"]),
        total_pupils=total_pupils,
        needs=need_rows,
        areas=area_rows,
        general=general,
        groups=groups,
        priorities=rank(need_rows),
    )


def _pupil_counts(profile):
    if profile is None:
        return {}
    counts = {}
    rows = (
        NeedCount.objects.filter(profile=profile)
        .values("need_id", "level")
        .annotate(pupils=Sum("count"))
    )
    for row in rows:
        entry = counts.setdefault(row["need_id"], {"pupils": 0, "ehc": 0})
        entry["pupils"] += row["pupils"]
        if row["level"] == Level.EHC_PLAN:
            entry["ehc"] += row["pupils"]
    return counts


def _add_trend(user, previous, needs, areas, questions):
    """Set each row's confidence at the previous audit, where it may be shown."""
    aggregates = campaign_aggregates(previous)
    by_question = {str(q.pk): q for q in questions}
    earlier = {}
    for qid, entry in aggregates["questions"].items():
        question = by_question.get(qid)
        if question is None:
            continue
        keys = [("area", question.area)]
        if question.need_id:
            keys.append(("need", question.need.code))
        for key in keys:
            earlier.setdefault(key, Figures()).add(
                entry["answered"], entry["total"], entry["training"]
            )
    for kind, rows in (("need", needs), ("area", areas)):
        for key, row in rows.items():
            figures = earlier.get((kind, key))
            if figures and aggregate_visible(user, previous, figures.answered):
                row.previous_confidence = figures.confidence
