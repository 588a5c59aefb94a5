"""Releases: the frozen snapshots of an audit's figures that pages, downloads and reports show.

Live answers are never shown. :func:`latest` returns the newest release, making a new one
first when :func:`wagtail_send.disclosure.next_release` says one is due, so comparing any
two releases gives a change from at least the minimum number of people. Within a release,
every figure follows the disclosure rules; a figure that, read with the earlier releases
that showed it, would fix the answers of fewer than the minimum number of people (or of a
group who all answered alike) waits for a later release.

Releases show whole-staff figures only. Each answer's role is kept in the ledger, but
breakdowns by role are not published: with several releases, role columns in the final one
let the differencing suite recover individual answers (tests/skills_audit/test_differencing.py),
so they wait for a rule that survives it.
"""

from django.db import transaction
from django.utils import timezone

from wagtail_send.disclosure import FREEZE, NEW, next_release, protected, role_groups, safe

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
    people = {str(pk): (groups[user], answers) for pk, user, _u, answers in responses}
    questions = Question.objects.filter(school_id=campaign.school_id).select_related("need")
    leaves, rows = structure(questions)
    now = tally(people, leaves)
    # Each answer's version, group and how many questions of each leaf it answered: what
    # a later release needs to check itself against this one (see _shown).
    ledger = {
        str(pk): [
            updated.isoformat(),
            groups[user],
            {leaf: t.parts[str(pk)][1] for leaf, t in now.items() if t.parts[str(pk)][1]},
        ]
        for pk, user, updated, _a in responses
    }
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


def _shown(leaf, measure, leaf_tally, releases, ledger, questions):
    """``{"all": [people, answers, sum]}`` if everyone's figure may be shown, else None.

    The figure must be safe on its own and, read together with every earlier release that
    showed it, keep everyone hidden (:func:`~wagtail_send.disclosure.protected`). A leaf
    nobody answered is shown as empty (it says nothing about anyone), so the rows it
    belongs to can still be shown.
    """
    if not safe(leaf_tally.cell(measure)):
        return None
    showings = []
    for release in [*releases, None]:
        if release is None:
            total, entries = leaf_tally.sums(measure)[2], ledger
        else:
            earlier = release.figures.get("leaves", {}).get(leaf, {}).get(measure)
            if not earlier:
                continue
            total, entries = earlier[ALL][2], release.ledger
        showings.append((total, _versions(entries, leaf, questions)))
    if not protected(showings, *MEASURES[measure]):
        return None
    return {ALL: leaf_tally.sums(measure)}


def _versions(ledger, leaf, questions):
    """``{(answer id, version): (answer id, answers to the leaf)}`` from a release's ledger.

    Ledgers made before they recorded each leaf's answers count every question of it.
    """
    return {
        (key, entry[0]): (key, entry[2].get(leaf, 0) if len(entry) > 2 else questions)
        for key, entry in ledger.items()
    }
