"""The policy history: a read-only view for governors, SLT and the SENCO.

Every published version in order, who wrote and who approved each, two versions
compared, a past version as it was published, and a CSV export.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Page

from .. import pdf
from ..exports import csv_response
from ..signin import login_required
from . import history
from .approval import person_name
from .models import DOCUMENT_MODELS, SchoolDocumentPage
from .rules import (
    HISTORY_ROLES,
    REVIEW_ROLES,
    can_read_history,
    limit_to_schools,
    schools_with,
)


def _document(request, page_id):
    """The policy page ``page_id`` if the person may read its history (404 / 403 if not)."""
    page = Page.objects.filter(pk=page_id).select_related("content_type").first()
    page = page.specific if page is not None else None
    if not isinstance(page, SchoolDocumentPage):
        raise Http404
    if not can_read_history(request.user, page):
        raise PermissionDenied
    return page


@login_required
def edit(request, page_id):
    """The edit link shown beside a policy: to the Wagtail editor for those who may edit it.

    Governors and others who only read the history get a polite 403 page here, rather
    than the admin's bare redirect.
    """
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))


@login_required
def history_index(request):
    """Every policy and report of the person's schools, with a link to its history."""
    school_ids = schools_with(request.user, HISTORY_ROLES)
    if school_ids == []:
        raise PermissionDenied
    documents = []
    for model in DOCUMENT_MODELS:
        queryset = model.objects.select_related("school").order_by("title")
        documents += limit_to_schools(queryset, school_ids)
    documents.sort(key=lambda page: (page.school.name if page.school else "", page.title))
    return render(request, "wagtail_send/policies/history_index.html", {"documents": documents})


@login_required
def document_history(request, page_id):
    """The published versions of one document and every decision on it, newest first."""
    page = _document(request, page_id)
    decided = history.decisions(page)
    versions = history.published_versions(page, decided)
    return render(
        request,
        "wagtail_send/policies/history.html",
        {
            "document": page,
            "versions": versions[::-1],
            "decisions": decided[::-1],
            "can_edit": page.permissions_for_user(request.user).can_edit(),
            "can_see_readers": page.live and can_read_history(request.user, page, REVIEW_ROLES),
        },
    )


@login_required
def history_csv(request, page_id):
    """Every decision on one document and every publication, oldest first, as CSV."""
    page = _document(request, page_id)
    decided = history.decisions(page)
    versions = history.published_versions(page, decided)
    headings = [
        _("Version"),
        _("When"),
        _("What happened"),
        _("By"),
        _("Approving body"),
        _("Comment"),
        _("Minute reference"),
        _("What changed"),
        _("Written by"),
    ]
    events = [
        (
            decision.when,
            decision.version.number if decision.version else _("not published"),
            decision.outcome_label,
            decision.by,
            decision.body,
            decision.comment,
            decision.minute_reference,
        )
        for decision in decided
    ]
    events += [
        (version.published_at, version.number, _("Published"), person_name(version.published_by))
        + ("",) * 3
        for version in versions
    ]
    events.sort(key=lambda event: event[0])
    notes = {
        version.number: (version.change_note, person_name(version.author)) for version in versions
    }
    rows = (
        [number, _local(when), *rest, *notes.get(number, ("", ""))]
        for when, number, *rest in events
    )
    return csv_response(f"history-{page.slug}.csv", headings, rows)


def _local(moment):
    return date_format(timezone.localtime(moment), "Y-m-d H:i")


@login_required
def version(request, page_id, revision_id, as_pdf=False):
    """A past version of a document as it was published, with its approval record.

    Also the printable view, and (``as_pdf``) the version's PDF for the minutes.
    """
    page = _document(request, page_id)
    revision = history.published_revision(page, revision_id)
    if revision is None:
        raise Http404
    published = {v.revision.pk: v for v in history.published_versions(page)}[revision.pk]
    as_published = revision.as_object()
    context = as_published.get_context(request)
    context.update(
        {
            "page": as_published,
            "archived_version": revision,
            "document": page,
            "approval": published.approval,
            "decisions": published.decisions,
            "pdf_url": pdf.available()
            and reverse("wagtail_send_policies:version_pdf", args=[page.pk, revision.pk]),
        }
    )
    template = as_published.get_template(request)
    if as_pdf:
        if not pdf.available():
            raise Http404
        filename = f"{page.slug}-version-{published.number}.pdf"
        return pdf.pdf_response(request, template, context, filename)
    return TemplateResponse(request, template, context)


@login_required
def compare(request, page_id):
    """Two published versions side by side, additions and deletions marked."""
    page = _document(request, page_id)
    earlier = history.published_revision(page, _int(request.GET.get("from")))
    later = history.published_revision(page, _int(request.GET.get("to")))
    if earlier is None or later is None:
        raise Http404
    if earlier.created_at > later.created_at:
        earlier, later = later, earlier
    return render(
        request,
        "wagtail_send/policies/compare.html",
        {
            "document": page,
            "earlier": earlier,
            "later": later,
            "changes": history.compare(page, earlier, later, request),
        },
    )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
