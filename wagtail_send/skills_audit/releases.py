"""Releases: the frozen snapshots of an audit's figures that pages, downloads and reports show.

Live answers are never shown. :func:`latest` returns the newest release, making a new one
first when :func:`wagtail_send.disclosure.next_release` says one is due, so comparing any
two releases gives a change from at least the minimum number of people. Within a release,
every figure follows the disclosure rules; a figure whose change since the last release
that showed it would single people out waits for a later release.

Releases show whole-staff figures only. Each answer's role is kept in the ledger, but
breakdowns by role are not published: with several releases, role columns in the final one
let the differencing suite recover individual answers (tests/skills_audit/test_differencing.py),
so they wait for a rule that survives it.
"""

from django.db import transaction
from django.utils import timezone

from wagtail_send.disclosure import (
    FREEZE,
    NEW,
    change,
    next_release,
    role_groups,
    safe,
)

from .aggregates import ALL, MEASURES, structure, tally
from .models import Campaign, Question, Release, Response


def latest(campaign):
    """The release to show for ``campaign`` (None while nothing may be shown yet)."""
    last, step = _due(campaign)
    if step is None:
        return last
    with transaction.atomic():
        # One release at a time per audit, however many people open the page at once.
        Campaign.objects.select_for_update().filter(pk=campaign.pk).exists()
        last, step = _due(campaign)
        if step == NEW:
            releases = list(Release.objects.filter(campaign=campaign).order_by("number"))
            return _release(campaign, releases, final=campaign.is_closed)
        if step == FREEZE:
            return Release.objects.create(
                campaign=campaign,
                number=last.number + 1,
                final=True,
                respondents=last.respondents,
                figures=last.figures,
                ledger=last.ledger,
            )
        return last


def _due(campaign):
    """``(latest release, what to publish now)``, in two queries at most."""
    last = Release.objects.filter(campaign=campaign).order_by("-number").first()
    if last is not None and last.final:
        return last, None
    submitted = (
        Response.objects.active()
        .filter(campaign=campaign, submitted_at__isnull=False)
        .values_list("pk", "updated_at")
    )
    versions = {str(pk): updated.isoformat() for pk, updated in submitted}
    changed = _changed(last.ledger if last else {}, versions)
    return last, next_release(len(changed), campaign.is_closed, last is not None)


def _changed(before, now):
    """Ids of answers sent, changed or withdrawn between two ledgers (or versions)."""

    def version(entry):
        return entry[0] if isinstance(entry, list) else entry

    return {
        key
        for key in before.keys() | now.keys()
        if version(before.get(key)) != version(now.get(key))
    }


def _release(campaign, releases, final):
    responses = list(
        Response.objects.active()
        .filter(campaign=campaign, submitted_at__isnull=False)
        .values_list("pk", "created_by_id", "updated_at", "answers")
    )
    groups = role_groups(campaign.school_id, {user for _pk, user, *_rest in responses})
    ledger = {str(pk): [updated.isoformat(), groups[user]] for pk, user, updated, _a in responses}
    people = {str(pk): (groups[user], answers) for pk, user, _u, answers in responses}
    questions = Question.objects.filter(school_id=campaign.school_id).select_related("need")
    leaves, rows = structure(questions)
    now = tally(people, leaves)
    figures = {"rows": rows, "leaves": {}}
    for leaf, leaf_tally in now.items():
        for measure in MEASURES:
            shown = _shown(leaf, measure, leaf_tally, releases, ledger, len(leaves[leaf]))
            if shown:
                figures["leaves"].setdefault(leaf, {})[measure] = shown
    figures["groups"] = []
    return Release.objects.create(
        campaign=campaign,
        number=releases[-1].number + 1 if releases else 1,
        final=final,
        made_at=timezone.now(),
        respondents=len(people),
        figures=figures,
        ledger=ledger,
    )


def _ranges(changed, before, now, measure, questions):
    """The range each changed person's part of a leaf could have moved by."""
    lo, hi = MEASURES[measure]
    ranges = []
    for key in changed:
        answered = now.parts[key][1] if key in now.parts else questions
        if key not in before.parts:
            ranges.append((answered * lo, answered * hi))
        elif key not in now.parts:
            ranges.append((-answered * hi, -answered * lo))
        else:
            ranges.append((answered * (lo - hi), answered * (hi - lo)))
    return [r for r in ranges if r != (0, 0)]


def _shown(leaf, measure, leaf_tally, releases, ledger, questions):
    """``{"all": [people, answers, sum]}`` if everyone's figure may be shown, else None.

    A leaf nobody answered is shown as empty (it says nothing about anyone), so the rows
    it belongs to can still be shown.
    """
    if not safe(leaf_tally.cell(measure)):
        return None
    before_value, before_ledger = 0, {}
    for release in reversed(releases):
        earlier = release.figures.get("leaves", {}).get(leaf, {}).get(measure)
        if earlier:
            before_value, before_ledger = earlier[ALL][2], release.ledger
            break
    changed = _changed(before_ledger, ledger)
    before = _Parts(before_ledger)
    ranges = _ranges(changed, before, leaf_tally, measure, questions)
    if not safe(change(leaf_tally.sums(measure)[2], before_value, ranges)):
        return None
    return {ALL: leaf_tally.sums(measure)}


class _Parts:
    """Stands in for a tally where only who took part is known (a release's ledger)."""

    def __init__(self, ledger):
        self.parts = ledger
