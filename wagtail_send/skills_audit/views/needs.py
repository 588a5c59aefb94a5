"""The pupil need profile: typed in or imported from a CSV file; counts, never names."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from wagtail_send.access import can, visible
from wagtail_send.schools import get_current_school

from ...signin import login_required
from ..forms import NeedCountFormSet, NeedImportForm, NeedProfileForm
from ..models import NeedCount, NeedProfile
from ..needs_import import ImportErrors, parse, save_profile


def _school_for_adding(request):
    school = get_current_school(request)
    if school is None or not can(request.user, "add", NeedProfile(school=school)):
        raise PermissionDenied
    return school


@login_required
def profiles(request):
    school = get_current_school(request)
    found = visible(request.user, NeedProfile).active().filter(school=school)
    may_add = school is not None and can(request.user, "add", NeedProfile(school=school))
    if not may_add and not found.exists():
        raise PermissionDenied
    return render(
        request,
        "wagtail_send/skills_audit/profiles.html",
        {"profiles": found, "may_add": may_add},
    )


@login_required
def profile_detail(request, pk):
    profile = get_object_or_404(NeedProfile, pk=pk)
    if not can(request.user, "view", profile):
        raise PermissionDenied
    counts = NeedCount.objects.filter(profile=profile).select_related("need")
    return render(
        request,
        "wagtail_send/skills_audit/profile.html",
        {"profile": profile, "counts": counts, "total": sum(c.count for c in counts)},
    )


@login_required
def profile_add(request):
    """Type in the counts, one row per need, year group and level of support."""
    school = _school_for_adding(request)
    form = NeedProfileForm(request.POST or None)
    formset = NeedCountFormSet(request.POST or None, prefix="counts")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        rows = [
            (d["need"], d["year_group"].strip().upper(), d["level"], d["count"])
            for d in formset.cleaned_data
            if d.get("need")
        ]
        if rows:
            profile = save_profile(
                school=school,
                title=form.cleaned_data["title"],
                recorded_on=form.cleaned_data["recorded_on"],
                rows=rows,
                by=request.user,
            )
            messages.success(request, _("The pupil need profile is saved."))
            return redirect("wagtail_send_skills_audit:profile", pk=profile.pk)
        formset._non_form_errors = formset.error_class([_("Add at least one row of counts.")])
    return render(
        request,
        "wagtail_send/skills_audit/profile_form.html",
        {"form": form, "formset": formset},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def profile_import(request):
    """Import counts from a CSV file; any bad row stops the import and saves nothing."""
    school = _school_for_adding(request)
    form = NeedImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            rows = parse(form.cleaned_data["file"].read())
        except ImportErrors as problem:
            errors = problem.errors
        else:
            profile = save_profile(
                school=school,
                title=form.cleaned_data["title"],
                recorded_on=form.cleaned_data["recorded_on"],
                rows=rows,
                by=request.user,
            )
            messages.success(request, _("Imported %(n)s rows of counts.") % {"n": len(rows)})
            return redirect("wagtail_send_skills_audit:profile", pk=profile.pk)
    return render(
        request,
        "wagtail_send/skills_audit/profile_import.html",
        {"form": form, "import_errors": errors},
        status=400 if request.method == "POST" else 200,
    )
