"""Admin import (upload, preview, commit) and export of the school's directory."""

import io
import json
import secrets
import tempfile
import time
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from wagtail_send.access import policy_for, visible
from wagtail_send.conf import send_settings
from wagtail_send.schools import get_current_school

from .. import importer, oruk, tabular
from ..models import Contact, Location, Service

SESSION_KEY = "wagtail_send_directory_import"
UPLOAD_DIR = Path(tempfile.gettempdir()) / "wagtail_send_directory_imports"
PREVIEW_ROWS = 20


def _school_to_add_to(request):
    """The current school, if the person may add directory entries to it."""
    school = get_current_school(request)
    if school is None or not policy_for(Service).user_has_permission_for_instance(
        request.user, "add", Service(school=school)
    ):
        raise PermissionDenied
    return school


def _forget_abandoned_uploads(max_age=24 * 3600):
    """Delete checked files nobody went on to import (they hold contact details)."""
    cutoff = time.time() - max_age
    for stored in UPLOAD_DIR.iterdir():
        if stored.stat().st_mtime < cutoff:
            stored.unlink(missing_ok=True)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Directory file"),
        help_text=gettext_lazy(
            "A spreadsheet (.csv or .xlsx) whose first row holds the column headings, at least "
            "“Service/agency”; or an Open Referral UK file (.json) from the local authority."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if importer.format_of(upload.name) is None:
            raise forms.ValidationError(_("Choose a .csv, .xlsx or .json file."))
        if upload.size > send_settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.")
                % {"mb": send_settings.MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload


class ConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    only_valid = forms.BooleanField(
        label=gettext_lazy("Import only the rows without problems and leave out the others"),
        required=False,
    )
    make_public = forms.BooleanField(
        label=gettext_lazy("Show new entries to parents (unless the file says otherwise)"),
        required=False,
    )


class ImportView(WagtailAdminTemplateMixin, FormView):
    """Step 1: upload and check. Step 2 (same page): the preview, with every bad row."""

    form_class = UploadForm
    template_name = "wagtail_send/directory/admin/import.html"
    page_title = gettext_lazy("Import the service directory")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.school = _school_to_add_to(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(school=self.school, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        fmt = importer.format_of(upload.name)
        token = secrets.token_urlsafe(16)
        UPLOAD_DIR.mkdir(mode=0o700, exist_ok=True)
        _forget_abandoned_uploads()
        stored = UPLOAD_DIR / token
        # Kept on disk, a chunk at a time, and read from there a row at a time.
        with stored.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        with stored.open("rb") as data:
            checked = importer.check(data, fmt)
            planned = importer.preview(checked, school=self.school, limit=PREVIEW_ROWS)
        context = {
            "checked": checked,
            "file_name": upload.name,
            "preview": planned.entries,
            "preview_total": planned.total,
            "terms": checked.terms,
        }
        if checked.problem or not checked.ready:
            stored.unlink(missing_ok=True)
        else:
            self.request.session[SESSION_KEY] = {
                "token": token,
                "fmt": fmt,
                "name": upload.name,
                "school": self.school.pk,
            }
            context["confirm"] = ConfirmForm(initial={"token": token})
        return self.render_to_response(self.get_context_data(form=form, **context))


class CommitView(View):
    """Step 3: write the checked file, all or nothing unless the person chose otherwise."""

    def post(self, request):
        school = _school_to_add_to(request)
        form = ConfirmForm(request.POST)
        pending = request.session.get(SESSION_KEY) or {}
        if (
            not form.is_valid()
            or form.cleaned_data["token"] != pending.get("token")
            or pending.get("school") != school.pk
        ):
            messages.error(request, _("That import has expired. Upload the file again."))
            return redirect("wagtail_send_directory_admin:import")
        stored = UPLOAD_DIR / pending["token"]
        try:
            data = stored.open("rb")
        except FileNotFoundError:
            messages.error(request, _("That import has expired. Upload the file again."))
            return redirect("wagtail_send_directory_admin:import")
        with data:
            checked = importer.check(data, pending["fmt"])
            try:
                result = importer.commit(
                    checked,
                    school=school,
                    by=request.user,
                    only_valid=form.cleaned_data["only_valid"],
                    make_public=form.cleaned_data["make_public"],
                )
            except importer.InvalidFile:
                count = len(checked.bad_rows)
                messages.error(
                    request,
                    ngettext(
                        "Nothing was imported because %(count)s row has problems. Correct it, "
                        "or choose to import only the rows without problems.",
                        "Nothing was imported because %(count)s rows have problems. Correct "
                        "them, or choose to import only the rows without problems.",
                        count,
                    )
                    % {"count": count},
                )
                return redirect("wagtail_send_directory_admin:import")
        stored.unlink(missing_ok=True)
        del request.session[SESSION_KEY]
        messages.success(request, describe(result, pending["name"]))
        return redirect(reverse("directory_services:index"))


def describe(result, name):
    """“Imported x.csv: 1 new entry, 2 updated…”, each count in its own plural form."""
    parts = [
        ngettext("%(count)s new entry", "%(count)s new entries", result.created),
        ngettext("%(count)s updated", "%(count)s updated", result.updated),
        ngettext("%(count)s unchanged", "%(count)s unchanged", result.unchanged),
        ngettext("%(count)s row left out", "%(count)s rows left out", result.skipped),
    ]
    counts = (result.created, result.updated, result.unchanged, result.skipped)
    text = ", ".join(part % {"count": count} for part, count in zip(parts, counts, strict=True))
    if result.terms:
        text += "; " + ngettext(
            "%(count)s taxonomy term", "%(count)s taxonomy terms", result.terms
        ) % {"count": result.terms}
    return _("Imported %(name)s: %(counts)s.") % {"name": name, "counts": text}


def export_queryset(user, school):
    """The school's active services ``user`` may export, with what an export row needs."""
    return (
        visible(user, Service, "export")
        .active()
        .filter(school=school)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "contacts", Contact.objects.active().order_by("pk"), to_attr="export_contacts"
            ),
            Prefetch(
                "locations", Location.objects.active().order_by("pk"), to_attr="export_locations"
            ),
        )
        .order_by("name")
    )


class ExportView(WagtailAdminTemplateMixin, View):
    """The whole directory of the current school as CSV, XLSX or Open Referral UK JSON."""

    def get(self, request):
        school = get_current_school(request)
        if school is None or not policy_for(Service).user_has_permission(request.user, "export"):
            raise PermissionDenied
        services = export_queryset(request.user, school)
        fmt = request.GET.get("format", "csv")
        stem = f"service-directory-{school.urn or school.pk}"
        if fmt == "xlsx":
            response = HttpResponse(
                tabular.write_xlsx(services),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        elif fmt == "json":
            # Open data: the ORUK export holds public services and their public fields only.
            contents = [
                oruk.service_full(
                    s,
                    [c for c in s.export_contacts if c.is_public],
                    [loc for loc in s.export_locations if loc.is_public],
                )
                for s in services
                if s.is_public
            ]
            response = HttpResponse(
                json.dumps(contents, indent=2), content_type="application/json"
            )
        else:
            fmt = "csv"
            out = io.StringIO()
            tabular.write_csv(services, out)
            response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
        return response
