"""Staff confirm they have read a policy; the SENCO sees who has and has not.

``to-read/`` is the staff member's list of versions waiting for them, each confirmed with
one click. ``reading/<page>/`` lists the school's staff against the live version, for the
SENCO and SLT, with a CSV export.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..audit.context import acting_as
from ..exports import csv_response
from ..signin import login_required
from . import history
from .approval import person_name
from .models import DOCUMENT_MODELS
from .reading import READER_ROLES, Acknowledgement, reading_list
from .rules import REVIEW_ROLES, can_read_history, limit_to_schools, schools_with
from .views import _document, _int, _local


@login_required
def reading(request):
    """The live policies the person is asked to read and has not yet confirmed."""
    school_ids = schools_with(request.user, READER_ROLES)
    if school_ids == []:
        raise PermissionDenied
    return render(
        request,
        "wagtail_send/policies/to_read.html",
        {"documents": to_read(request.user, school_ids)},
    )


@login_required
@require_POST
def acknowledge(request, page_id):
    """One click: the person has read the live version of the policy."""
    school_ids = schools_with(request.user, READER_ROLES)
    page = next((doc for doc in to_read(request.user, school_ids) if doc.pk == page_id), None)
    if page is not None:
        with transaction.atomic(), acting_as(request.user, "Read and acknowledged"):
            Acknowledgement.objects.get_or_create(
                page_id=page.pk, revision_id=page.live_revision_id, user=request.user
            )
        messages.success(
            request,
            _("Thank you: you have confirmed you read “%(title)s”.") % {"title": page.title},
        )
    return redirect("wagtail_send_policies:to_read")


def _readable_by_leaders(request, page_id):
    page = _document(request, page_id)
    if not can_read_history(request.user, page, REVIEW_ROLES):
        raise PermissionDenied
    return page


def _version(request, page):
    """The published version asked about (``?version=``), the live one by default."""
    revision_id = request.GET.get("version") or page.live_revision_id
    revision = history.published_revision(page, _int(revision_id))
    if revision is None:
        raise Http404
    return revision


@login_required
def read_by(request, page_id):
    """Who has and has not confirmed reading one version of a policy."""
    page = _readable_by_leaders(request, page_id)
    revision = _version(request, page)
    rows = reading_list(page, revision.pk)
    return render(
        request,
        "wagtail_send/policies/read_by.html",
        {
            "document": page,
            "revision": revision,
            "versions": history.published_versions(page)[::-1],
            "rows": rows,
            "read_count": sum(1 for _person, ack in rows if ack),
        },
    )


@login_required
def read_by_csv(request, page_id):
    page = _readable_by_leaders(request, page_id)
    rows = reading_list(page, _version(request, page).pk)
    return csv_response(
        f"read-by-{page.slug}.csv",
        [_("Person"), _("Read"), _("Confirmed on")],
        (
            [
                person_name(person),
                _("Yes") if ack else _("No"),
                _local(ack.acknowledged_at) if ack else "",
            ]
            for person, ack in rows
        ),
    )


def to_read(user, school_ids):
    """The live "all staff to read" documents of ``school_ids`` ``user`` has not confirmed."""
    read = Acknowledgement.objects.filter(user=user).values("revision_id")
    found = []
    for model in DOCUMENT_MODELS:
        queryset = (
            model.objects.live()
            .filter(staff_to_read=True)
            .exclude(live_revision_id__in=read)
            .select_related("school")
        )
        found += limit_to_schools(queryset, school_ids)
    return sorted(found, key=lambda page: (page.school.name, page.title))
