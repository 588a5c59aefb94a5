"""Recording evidence during the walk, on a phone, with save-as-you-go.

The form works without JavaScript. With it, ``observe.js`` posts the notes changed on
the page here every few seconds and when a box loses focus (``autosave=1``), and keeps a
draft in the browser's storage so nothing is lost when the connection drops. An autosave never
stores a note that looks as if it names a pupil: that note is held on the device until
the walker deals with the warning.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ...signin import login_required
from ..forms import ObservationForm
from ..models import Observation, Visit
from ..team import share_with_team
from .common import check, walk_for, walker_of


def _observation(walk, visit, walker):
    existing = Observation.objects.filter(visit=visit, created_by=walker.user).first()
    return existing or Observation(
        school=walk.school, walk=walk, visit=visit, role=walker.role, created_by=walker.user
    )


def _save_notes(form, walk, visit, walker, data=None):
    """Copy ``data``'s notes onto the walker's observation as saved now, creating it once.

    Autosaves arrive several at a time, each with a few notes. Each reads the observation
    only once it holds the visit's lock, so it adds its notes to what the others saved
    instead of writing back a copy from before they saved. SQLite cannot lock a row: its
    IMMEDIATE transactions (check wagtail_send.W010) serialise the writers instead.
    """
    with transaction.atomic():
        Visit.objects.select_for_update().get(pk=visit.pk)
        observation = _observation(walk, visit, walker)
        form.apply_to(observation, data)
        created = observation.pk is None
        observation.save()
        if created:
            share_with_team(observation, by=walker.user)


@login_required
def observe(request, pk, visit_pk):
    walk = walk_for(request, pk, "change")
    walker = walker_of(walk, request.user)
    if walker is None:
        raise PermissionDenied
    visit = get_object_or_404(walk.visits.select_related("staff_member"), pk=visit_pk)
    observation = _observation(walk, visit, walker)
    if observation.pk:
        check(request.user, "change", observation)
    form = ObservationForm(
        request.POST or None,
        walk=walk,
        observation=observation,
        look_fors=list(walk.look_fors.all()),
        prompts=walk.prompts_for(observation.role),
    )
    if request.method == "POST" and request.POST.get("autosave"):
        return _autosave(request, walk, visit, walker, form)
    if request.method == "POST" and form.is_valid():
        with form.noting():
            _save_notes(form, walk, visit, walker)
        messages.success(request, _("Observation saved."))
        return redirect("wagtail_send_learning_walks:observe", pk=walk.pk, visit_pk=visit.pk)
    context = {
        "walk": walk,
        "visit": visit,
        "walker": walker,
        "observation": observation,
        "form": form,
        "visits": walk.visits.all(),
        "autosave": not walk.is_locked,
        "js_messages": {
            "saved": _("Saved at %(time)s."),
            "offline": _(
                "Not saved yet: your notes are kept on this device and will be sent when you "
                "are back online."
            ),
            "restored": _("Notes kept on this device have been put back."),
            "names": _(
                "These look like pupils' names, so they are kept on this device until you "
                "replace them: %(names)s."
            ),
            "pupil": _("pupil"),
        },
    }
    return render(request, "wagtail_send/learning_walks/observe.html", context)


def _autosave(request, walk, visit, walker, form):
    if walk.is_locked:
        return JsonResponse(
            {"error": _("This walk has been signed off. Use the Save button and give a reason.")},
            status=409,
        )
    data = {name: request.POST[name] for name in form.text_fields() if name in request.POST}
    held = form.names_in(data)
    safe = {name: value for name, value in data.items() if name not in held}
    _save_notes(form, walk, visit, walker, safe)
    return JsonResponse(
        {
            "saved": sorted(safe),
            "held": sorted(held),
            "names": sorted({phrase for phrases in held.values() for phrase in phrases}),
            "saved_at": timezone.localtime().strftime("%H:%M:%S"),
        }
    )
