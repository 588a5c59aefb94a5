"""Sharing one post with a named guest, or with the school's governors."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail_send.access import grant, grants_for, revoke
from wagtail_send.forms import GrantForm
from wagtail_send.roles import Role

from ...signin import login_required
from .common import get_post


@login_required
def post_share(request, pk):
    post = get_post(request, pk, "share")
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grant(
                post,
                form.cleaned_data["person"],
                form.cleaned_data["action"],
                by=request.user,
                as_guest=form.cleaned_data["as_guest"],
            )
        except ValidationError as error:
            form.add_error("person", error)
        else:
            messages.success(request, _("Shared."))
            return redirect("wagtail_send_learning_wall:share", pk=post.pk)
    return render(
        request,
        "wagtail_send/learning_wall/post_share.html",
        {"post": post, "form": form, "grants": grants_for(post)},
    )


@login_required
@require_POST
def share_with_governors(request, pk):
    post = get_post(request, pk, "share")
    governors = (
        get_user_model()
        .objects.filter(
            is_active=True,
            send_memberships__school=post.school,
            send_memberships__role=Role.GOVERNOR,
        )
        .distinct()
    )
    for governor in governors:
        grant(post, governor, "view", by=request.user)
    messages.success(
        request,
        _("Shared with %(count)s governors.") % {"count": len(governors)},
    )
    return redirect("wagtail_send_learning_wall:share", pk=post.pk)


@login_required
@require_POST
def post_unshare(request, pk, user_pk):
    post = get_post(request, pk, "share")
    person = get_object_or_404(get_user_model(), pk=user_pk)
    held = dict(grants_for(post)).get(person, [])
    for action in held:
        revoke(post, person, action, by=request.user)
    messages.success(request, _("%(person)s no longer has access.") % {"person": person})
    return redirect("wagtail_send_learning_wall:share", pk=post.pk)
