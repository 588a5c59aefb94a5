"""A policy in another language is published only when the governors approve it.

A translation of the SEN Information Report or of a policy is a new version of a statutory
document, so it goes through the same approval as the original. Nobody publishes it
directly, superusers included: the Publish buttons are not offered for it (here through
the page's permissions, so every admin view and wagtail-localize's editor follow), a
publication that does not come from an approval is refused, and a save that is not a
publication leaves the live translation as it was approved.

The original is in the site's own language (``LANGUAGE_CODE``'s locale); a page in any
other locale is a translation, whichever tool made it.
"""

import logging

from django.conf import settings
from wagtail.models import Locale, Page, PagePermissionTester, Revision, WorkflowState

logger = logging.getLogger(__name__)


def is_translation(page):
    """Whether ``page`` is in a language other than the site's own."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return False
    return page.locale_id != Locale.get_default().pk


def approved(page, revision):
    """Whether a finished workflow approved ``revision`` of ``page``."""
    return (
        revision is not None
        and WorkflowState.objects.for_instance(page)
        .filter(status=WorkflowState.STATUS_APPROVED, current_task_state__revision=revision)
        .exists()
    )


def may_publish(page, revision):
    """Whether ``revision`` may go live: always for the original, if approved for a
    translation. A refusal is logged, as the caller may be a background job."""
    if not is_translation(page) or approved(page, revision):
        return True
    logger.warning(
        "Not publishing %r in %s: a translation is published only when it is approved.",
        page.title,
        page.locale.language_code,
    )
    return False


def live_version_to_keep(page, update_fields):
    """Before ``page`` is saved: the live revision its row must show again afterwards.

    wagtail-localize saves a translation's draft into the page itself as well as into a
    revision, so for a live page the draft would be live at once. A save of a live
    translation that is not a publication (its live revision stays the same) therefore
    gets the approved version back after it; the draft stays a revision. An alias being
    turned into a translation has no approved version of its own: it is taken off line.

    Returns:
        The Revision to restore, or None.
    """
    if update_fields is not None or page.pk is None or not page.live or page.alias_of_id:
        return None
    if not is_translation(page):
        return None
    stored = Page.objects.filter(pk=page.pk).values_list("live_revision_id", flat=True).first()
    if page.live_revision_id != stored:
        return None  # a publication
    approved_version = Revision.objects.filter(
        pk=stored, base_content_type=page.get_base_content_type(), object_id=str(page.pk)
    ).first()
    if approved_version is None:
        page.live = False
        page.has_unpublished_changes = True
    return approved_version


def as_approved(revision):
    """The page as ``revision`` published it, to write back into the page's row."""
    page = revision.as_object()
    # Kept with the page rather than the revision, so not restored by as_object().
    page.live_revision_id = revision.pk
    page.last_published_at = revision.content_object.last_published_at
    return page


class TranslationPermissionTester(PagePermissionTester):
    """The page's permissions, without publishing a translation directly."""

    def can_publish(self):
        return super().can_publish() and not is_translation(self.page)
