"""Planning a walk: the list, the plan page (look-fors, timetable, team) and publishing."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail_send.access import policy_for, visible
from wagtail_send.conf import send_settings
from wagtail_send.schools import get_current_school

from ...signin import login_required
from ..forms import LookForForm, ReasonForm, VisitForm, WalkerForm, WalkForm
from ..models import (
    AgreedAction,
    Feedback,
    Finding,
    LearningWalk,
    LookFor,
    ObservationTemplate,
    Visit,
    Walker,
    WalkReport,
)
from ..team import add_walker, remove_walker
from .common import check, may, walk_for


@login_required
def index(request):
    """Everything on learning walks this person may see: walks, reports, their feedback."""
    user = request.user
    walks = visible(user, LearningWalk).active().order_by("-date")
    reports = visible(user, WalkReport).active().select_related("walk")
    feedback = (
        visible(user, Feedback)
        .active()
        .filter(visit__staff_member=user, sent_at__isnull=False)
        .select_related("visit", "walk")
    )
    return render(
        request,
        "wagtail_send/learning_walks/index.html",
        {
            "walks": walks,
            "reports": reports,
            "feedback": feedback,
            "can_add": policy_for(LearningWalk).user_has_permission(user, "add"),
        },
    )


@login_required
def create(request):
    school = get_current_school(request)
    walk = LearningWalk(school=school, created_by=request.user)
    if school is None:
        raise PermissionDenied
    check(request.user, "add", walk)
    templates = visible(request.user, ObservationTemplate).active().filter(school=school)
    form = WalkForm(request.POST or None, instance=walk, templates=templates)
    if form.is_valid():
        walk = form.save()
        messages.success(request, _("Walk planned. Now add the look-fors, visits and walkers."))
        return redirect("wagtail_send_learning_walks:plan", pk=walk.pk)
    return render(request, "wagtail_send/learning_walks/walk_form.html", {"form": form})


@login_required
def edit(request, pk):
    walk = walk_for(request, pk, "change")
    templates = visible(request.user, ObservationTemplate).active().filter(school=walk.school)
    form = WalkForm(request.POST or None, instance=walk, templates=templates)
    if form.is_valid():
        with form.noting():
            form.save()
        messages.success(request, _("Walk saved."))
        return redirect("wagtail_send_learning_walks:plan", pk=walk.pk)
    return render(
        request, "wagtail_send/learning_walks/walk_form.html", {"form": form, "walk": walk}
    )


def _plan_forms(walk, data=None, which=None):
    """The three add-forms of the plan page; only ``which`` is bound to ``data``."""
    return {
        name: form_class(data if which == name else None, walk=walk)
        for name, form_class in (
            ("look_for_form", LookForForm),
            ("visit_form", VisitForm),
            ("walker_form", WalkerForm),
        )
    }


@login_required
def plan(request, pk):
    """The plan page; POSTs here add a look-for, a visit or a walker."""
    walk = walk_for(request, pk)
    user = request.user
    can_change, can_share = may(user, "change", walk), may(user, "share", walk)
    forms = _plan_forms(walk)
    if request.method == "POST":
        which = request.POST.get("add")
        if which not in forms or not can_change or (which == "walker_form" and not can_share):
            raise PermissionDenied
        forms = _plan_forms(walk, request.POST, which)
        form = forms[which]
        if form.is_valid():
            with form.noting():
                if which == "walker_form":
                    data = form.cleaned_data
                    add_walker(walk, data["person"], data["role"], by=user)
                else:
                    if which == "look_for_form":
                        form.instance.position = walk.look_fors.count()
                    form.save()
            messages.success(request, _("Added."))
            return redirect("wagtail_send_learning_walks:plan", pk=walk.pk)
    context = {
        "walk": walk,
        "look_fors": walk.look_fors.all(),
        "visits": walk.visits.select_related("staff_member"),
        "walkers": walk.walkers.select_related("user"),
        "can_change": can_change,
        "can_share": can_share,
        "can_archive": may(user, "delete", walk),
        "is_walker": walk.walkers.filter(user=user).exists(),
        "reason_form": ReasonForm(walk=walk),
        **forms,
    }
    return render(request, "wagtail_send/learning_walks/plan.html", context)


#: What may be removed from a walk, who may remove it and which page to go back to.
#: A visit carries evidence: only those who may archive the walk (its lead, the SENCO)
#: may take it off the timetable, and it is archived with its observations and feedback.
_REMOVABLE = {
    "look-for": (LookFor, "change", "plan"),
    "visit": (Visit, "delete", "plan"),
    "walker": (Walker, "share", "plan"),
    "finding": (Finding, "change", "triangulate"),
    "action": (AgreedAction, "change", "triangulate"),
}


@login_required
@require_POST
def remove(request, pk, kind, item_pk):
    """Remove a look-for, visit, walker, finding or action (a walker's grants are revoked,
    a visit is archived)."""
    if kind not in _REMOVABLE:
        raise PermissionDenied
    model, action, page = _REMOVABLE[kind]
    walk = walk_for(request, pk, action)
    back = redirect(f"wagtail_send_learning_walks:{page}", pk=walk.pk)
    item = get_object_or_404(model, walk=walk, pk=item_pk)
    form = ReasonForm(request.POST, walk=walk)
    if not form.is_valid():
        messages.error(request, form.errors["change_reason"][0])
        return back
    try:
        with form.noting(), transaction.atomic():
            if model is Walker:
                remove_walker(item, by=request.user)
            elif model is Visit:
                item.archive()
            else:
                item.delete()
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Removed."))
    return back


@login_required
@require_POST
def publish(request, pk):
    """Publish the timetable: each member of staff visited gets an email with their slots."""
    walk = walk_for(request, pk, "share")
    if walk.is_locked:
        messages.error(request, _("This walk has been signed off."))
        return redirect("wagtail_send_learning_walks:plan", pk=walk.pk)
    visits = list(walk.visits.select_related("staff_member"))
    if not visits:
        messages.error(request, _("Add at least one visit before publishing the timetable."))
        return redirect("wagtail_send_learning_walks:plan", pk=walk.pk)
    by_person = {}
    for visit in visits:
        if visit.staff_member and visit.staff_member.email:
            by_person.setdefault(visit.staff_member, []).append(visit)
    for person, slots in by_person.items():
        context = {"walk": walk, "person": person, "visits": slots}
        send_mail(
            _("Learning walk on %(date)s: your timetable")
            % {"date": walk.date.strftime("%d/%m/%Y")},
            render_to_string("wagtail_send/learning_walks/email/timetable.txt", context),
            send_settings.FROM_EMAIL or None,
            [person.email],
        )
    walk.published_at = timezone.now()
    walk.save(update_fields=["published_at", "updated_at"])
    messages.success(
        request,
        _("Timetable published: %(count)s members of staff have been emailed.")
        % {"count": len(by_person)},
    )
    return redirect("wagtail_send_learning_walks:plan", pk=walk.pk)
