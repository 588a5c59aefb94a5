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
no pupil has are not ranked. Figures come from the audit's latest release (see
:mod:`.releases`); one the disclosure rules keep back has no value, and then no rank.
General-practice questions concern every pupil, so they are shown but not ranked.
"""

from dataclasses import dataclass, field

from django.db.models import Sum

from wagtail_send.models import NeedType
from wagtail_send.roles import Role

from .aggregates import ALL
from .models import AREA_CHOICES, GENERAL, Campaign, Level, NeedCount, NeedProfile, Question
from .releases import latest

MAX_RATING = 4


@dataclass
class Figures:
    """A row's figures for one set of people: ``None`` where they may not be shown."""

    answered: int | None = None
    confidence: float | None = None
    training_share: float | None = None


@dataclass
class GapRow:
    """One need, area or general-practice question in the analysis."""

    key: str
    label: str
    area: str
    pupils: int = 0
    ehc: int = 0
    share: float | None = None
    figures: Figures = field(default_factory=Figures)
    groups: dict = field(default_factory=dict)
    previous_confidence: float | None = None
    rank: int | None = None

    @property
    def answered(self):
        return self.figures.answered

    @property
    def confidence(self):
        return self.figures.confidence

    @property
    def training_share(self):
        return self.figures.training_share

    @property
    def gap(self):
        confidence = self.confidence
        return None if confidence is None else (MAX_RATING - confidence) / (MAX_RATING - 1)

    @property
    def priority(self):
        if self.gap is None or self.share is None or self.training_share is None:
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
    release: object
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


def row_figures(figures, row, column=ALL):
    """A row's :class:`Figures` in a release, summed over its leaves where all are shown.

    A leaf nobody answered adds nothing to any column.
    """
    leaves = [figures.get("leaves", {}).get(leaf, {}) for leaf in figures.get("rows", {})[row]]
    result = Figures()
    for measure in ("confidence", "training"):
        cells = []
        for leaf in leaves:
            shown = leaf.get(measure, {})
            cells.append([0, 0, 0] if shown.get(ALL) == [0, 0, 0] else shown.get(column))
        if None in cells or not sum(c[1] for c in cells):
            continue
        answered, total = sum(c[1] for c in cells), sum(c[2] for c in cells)
        result.answered = answered
        if measure == "confidence":
            result.confidence = total / answered
        else:
            result.training_share = total / answered
    return result


def analyse(campaign, profile=None, previous=None):
    """Build the gap analysis of ``campaign``'s latest release against ``profile``.

    Only the release's figures are read, never live answers; a constant number of
    queries whatever the number of staff or answers.
    """
    profile = profile or latest_profile(campaign.school)
    previous = previous or previous_campaign(campaign)
    release = latest(campaign)
    figures = release.figures if release else {}
    rows = figures.get("rows", {})
    groups = [(g, str(Role(g).label)) for g in figures.get("groups", [])]
    codes = list(NeedType.objects.filter(in_use=True))
    counts = _pupil_counts(profile)
    total_pupils = sum(c["pupils"] for c in counts.values())

    needs = [
        GapRow(key=c.code, label=c.name, area=c.broad_area, **counts.get(c.pk, {})) for c in codes
    ]
    areas = [GapRow(key=value, label=str(label), area=value) for value, label in AREA_CHOICES]
    general = [
        GapRow(key=str(q.pk), label=q.text, area=GENERAL)
        for q in Question.objects.filter(school_id=campaign.school_id, area=GENERAL)
        if f"question:{q.pk}" in rows
    ]
    by_area = {row.key: row for row in areas}
    for row in needs:
        by_area[row.area].pupils += row.pupils
        by_area[row.area].ehc += row.ehc
    for prefix, kind_rows in (("need", needs), ("area", areas), ("question", general)):
        for row in kind_rows:
            key = f"{prefix}:{row.key}"
            if key not in rows:
                continue
            row.figures = row_figures(figures, key)
            for group, label in groups:
                shown = row_figures(figures, key, group)
                if shown.confidence is not None:
                    row.groups[label] = shown
            if total_pupils and row.area != GENERAL:
                row.share = row.pupils / total_pupils
    if previous is not None:
        _add_trend(previous, needs, areas)

    need_rows = [r for r in needs if r.pupils or r.answered]
    return Analysis(
        campaign=campaign,
        profile=profile,
        previous=previous,
        release=release,
        respondents=release.respondents if release else 0,
        respondents_visible=bool(release and release.respondents and figures.get("leaves")),
        total_pupils=total_pupils,
        needs=need_rows,
        areas=areas,
        general=general,
        groups=[label for _g, label in groups],
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


def _add_trend(previous, needs, areas):
    """Set each row's confidence in the previous audit's latest release, where shown."""
    release = latest(previous)
    figures = release.figures if release else {}
    for prefix, rows in (("need", needs), ("area", areas)):
        for row in rows:
            key = f"{prefix}:{row.key}"
            if key in figures.get("rows", {}):
                row.previous_confidence = row_figures(figures, key).confidence
