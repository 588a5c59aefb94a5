"""The published history of a policy page, joined from Wagtail's own records.

Sources, all Wagtail's: the audit log (``PageLogEntry``, one "wagtail.publish" entry per
publication, with the revision), the revision (its author and our "what changed" field)
and the workflow (``TaskState``: who approved, when and with what comment).
"""

from dataclasses import dataclass

from wagtail.models import PageLogEntry, Revision, TaskState


@dataclass
class Version:
    """One publication of a page."""

    number: int
    revision: Revision
    published_at: object
    published_by: object
    approval: TaskState | None
    is_live: bool = False

    @property
    def author(self):
        return self.revision.user

    @property
    def change_note(self):
        return self.revision.content.get("change_note", "")


def published_versions(page):
    """Every published version of ``page``, oldest first (three queries, whatever the size)."""
    entries = list(
        PageLogEntry.objects.filter(
            page_id=page.pk, action="wagtail.publish", revision__isnull=False
        )
        .select_related("user", "revision", "revision__user")
        .order_by("timestamp", "pk")
    )
    approvals = {}
    for state in (
        TaskState.objects.filter(
            revision_id__in=[entry.revision_id for entry in entries],
            status=TaskState.STATUS_APPROVED,
        )
        .select_related("finished_by")
        .order_by("finished_at", "pk")
    ):
        approvals[state.revision_id] = state  # the latest approval of a revision wins
    versions = [
        Version(
            number=number,
            revision=entry.revision,
            published_at=entry.timestamp,
            published_by=entry.user,
            approval=approvals.get(entry.revision_id),
        )
        for number, entry in enumerate(entries, start=1)
    ]
    if versions and page.live and page.live_revision_id == versions[-1].revision.pk:
        versions[-1].is_live = True
    return versions


def last_approval(page):
    """The latest approved workflow task on ``page``, or None."""
    return (
        TaskState.objects.for_instance(page)
        .filter(status=TaskState.STATUS_APPROVED)
        .select_related("finished_by")
        .order_by("-finished_at")
        .first()
    )


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


def compare(page, earlier, later, request):
    """The fields that differ between two revisions, as Wagtail's comparison objects.

    Each has ``field_label()`` and ``htmldiff()`` (additions and deletions marked up).
    """
    a, b = earlier.as_object(), later.as_object()
    panel = page.get_edit_handler().get_bound_panel(instance=page, request=request, form=None)
    return [diff for diff in (comp(a, b) for comp in panel.get_comparison()) if diff.has_changed()]
