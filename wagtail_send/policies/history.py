"""The published history of a policy page, joined from Wagtail's own records.

Sources, all Wagtail's: the audit log (``PageLogEntry``, one "wagtail.publish" entry per
publication, with the revision), the revision (its author and our "what changed" field)
and the workflow (``TaskState``: who approved, when and with what comment).
"""

from dataclasses import dataclass, field

from wagtail.models import PageLogEntry, Revision, TaskState

from .approval import OUTCOMES, person_name


@dataclass
class Decided:
    """One decision on a submitted version, as the history shows it."""

    state: TaskState
    version: object = None  # the Version it published, if it was ever published

    @property
    def approved(self):
        return self.state.status == TaskState.STATUS_APPROVED

    @property
    def outcome_label(self):
        return OUTCOMES.get(self.state.status, "")

    @property
    def _decision(self):
        return getattr(self.state, "decision", None)

    @property
    def by(self):
        return person_name(self.state.finished_by)

    @property
    def when(self):
        return self.state.finished_at

    @property
    def comment(self):
        return self.state.comment

    @property
    def body(self):
        return self._decision.body if self._decision else ""

    @property
    def minute_reference(self):
        return self._decision.minute_reference if self._decision else ""

    @property
    def revision_id(self):
        return self.state.revision_id


@dataclass
class Version:
    """One publication of a page."""

    number: int
    revision: Revision
    published_at: object
    published_by: object
    decisions: list = field(default_factory=list)
    is_live: bool = False

    @property
    def author(self):
        return self.revision.user

    @property
    def change_note(self):
        return self.revision.content.get("change_note", "")

    @property
    def approval(self):
        """The approval that published this version (the last step's), or None."""
        approvals = [decided for decided in self.decisions if decided.approved]
        return approvals[-1] if approvals else None


def decisions(page):
    """Every approval and request for changes on ``page``, oldest first (one query)."""
    states = (
        TaskState.objects.for_instance(page)
        .filter(status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED])
        .select_related("finished_by", "decision")
        .order_by("finished_at", "pk")
    )
    return [Decided(state) for state in states]


def published_versions(page, decided=None):
    """Every published version of ``page``, oldest first, each with its decisions.

    Args:
        page: the policy page.
        decided: its :func:`decisions`, if the caller has them already; each is linked
            to the version it published.
    """
    entries = list(
        PageLogEntry.objects.filter(
            page_id=page.pk, action="wagtail.publish", revision__isnull=False
        )
        .select_related("user", "revision", "revision__user")
        .order_by("timestamp", "pk")
    )
    versions = [
        Version(
            number=number,
            revision=entry.revision,
            published_at=entry.timestamp,
            published_by=entry.user,
        )
        for number, entry in enumerate(entries, start=1)
    ]
    by_revision = {version.revision.pk: version for version in versions}
    for decision in decisions(page) if decided is None else decided:
        version = by_revision.get(decision.revision_id)
        if version is not None and decision.state.finished_at <= version.published_at:
            decision.version = version
            version.decisions.append(decision)
    if versions and page.live and page.live_revision_id == versions[-1].revision.pk:
        versions[-1].is_live = True
    return versions


def final_approval(page):
    """The approval that published ``page``'s live version, or None."""
    if not page.live_revision_id:
        return None
    state = (
        TaskState.objects.for_instance(page)
        .filter(status=TaskState.STATUS_APPROVED, revision_id=page.live_revision_id)
        .select_related("finished_by", "decision")
        .order_by("-finished_at", "-pk")
        .first()
    )
    return Decided(state) if state is not None else None


def published_revision(page, revision_id):
    """A revision of ``page`` that was published at some time, or None.

    Only published versions are shown to readers of the history: drafts are the
    writer's business until they are approved.
    """
    was_published = PageLogEntry.objects.filter(
        page_id=page.pk, action="wagtail.publish", revision_id=revision_id
    )
    return (
        Revision.page_revisions.filter(object_id=str(page.pk), pk=revision_id)
        .filter(pk__in=was_published.values("revision_id"))
        .select_related("user")
        .first()
    )


def comparisons(page, earlier, later, request):
    """Every field of ``page`` compared between two versions of it, as Wagtail compares them.

    ``earlier`` and ``later`` are page objects (a revision's ``as_object()``). Each
    comparison has ``field_label()``, ``has_changed()`` and ``htmldiff()`` (additions and
    deletions marked up).
    """
    panel = page.get_edit_handler().get_bound_panel(instance=page, request=request, form=None)
    return [comp(earlier, later) for comp in panel.get_comparison()]


def compare(page, earlier, later, request):
    """The fields that differ between two revisions."""
    found = comparisons(page, earlier.as_object(), later.as_object(), request)
    return [diff for diff in found if diff.has_changed()]
