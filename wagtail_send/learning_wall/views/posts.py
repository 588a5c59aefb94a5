"""A post: reading it, making it, changing it, archiving it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail_send.access import can
from wagtail_send.audit.context import noting
from wagtail_send.schools import get_current_school

from ...signin import login_required
from ..forms import HideForm, PostForm, ReplyForm
from ..media import attach_document, attach_image
from ..models import Post, Reply, Useful
from ..rules import can_add, can_moderate, can_react
from .common import get_post, wall_url


@login_required
def post_detail(request, pk):
    post = get_post(request, pk)
    user = request.user
    context = {
        "post": post,
        "images": list(post.images.all()),
        "documents": list(post.documents.all()),
        "replies": list(post.replies.active().select_related("created_by")),
        "useful_count": post.useful_marks.count(),
        "marked_useful": post.useful_marks.filter(user=user).exists(),
        "can_change": can(user, "change", post),
        "can_archive": can(user, "delete", post),
        "can_share": can(user, "share", post),
        "can_moderate": can_moderate(user, post),
        "can_react": can_react(user, post),
        "can_reply": can_add(user, Reply, post.school) and not post.is_archived,
        "reply_form": ReplyForm(),
        "hide_form": HideForm(),
        "wall_url": wall_url(post.school),
    }
    return render(request, "wagtail_send/learning_wall/post_detail.html", context)


def _save_post(form, user, note):
    """Save the post and its attachments in one transaction, with one history note."""
    with transaction.atomic(), noting(note):
        post = form.save(commit=False)
        if not post.pk:
            post.created_by = user
        post.save()
        form.save_m2m()
        photo = form.cleaned_data.get("photo")
        if photo:
            attach_image(post, photo, alt_text=form.cleaned_data["photo_description"].strip())
        upload = form.cleaned_data.get("file")
        if upload:
            attach_document(post, upload)
        for attached in form.cleaned_data.get("remove_images") or ():
            attached.delete()
    return post


@login_required
def post_create(request):
    school = get_current_school(request)
    if request.method == "POST":
        form = PostForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            if not can_add(request.user, Post, form.cleaned_data["school"]):
                raise PermissionDenied
            post = _save_post(form, request.user, _("Posted on the learning wall"))
            messages.success(request, _("Your post is on the wall."))
            return redirect(post)
    else:
        form = PostForm(user=request.user, initial={"kind": request.GET.get("kind")})
        if not form.fields["school"].queryset.exists():
            raise PermissionDenied
    return render(
        request,
        "wagtail_send/learning_wall/post_form.html",
        {"form": form, "wall_url": wall_url(school), "post": None},
    )


@login_required
def post_edit(request, pk):
    post = get_post(request, pk, "change")
    if post.is_archived:
        raise PermissionDenied
    if request.method == "POST":
        form = PostForm(request.POST, request.FILES, instance=post, user=request.user)
        if form.is_valid():
            _save_post(form, request.user, _("Edited on the learning wall"))
            messages.success(request, _("Your changes are saved."))
            return redirect(post)
    else:
        form = PostForm(instance=post, user=request.user)
    return render(
        request,
        "wagtail_send/learning_wall/post_form.html",
        {"form": form, "wall_url": wall_url(post.school), "post": post},
    )


@login_required
@require_POST
def post_archive(request, pk):
    post = get_post(request, pk, "delete")
    post.archive(_("Archived on the learning wall"))
    messages.success(request, _("The post is archived. It can be restored from its page."))
    return redirect(wall_url(post.school))


@login_required
@require_POST
def post_restore(request, pk):
    post = get_post(request, pk, "delete")
    post.restore(_("Restored on the learning wall"))
    messages.success(request, _("The post is back on the wall."))
    return redirect(post)


@login_required
@require_POST
def post_hide(request, pk, hide):
    post = get_post(request, pk)
    if not can_moderate(request.user, post):
        raise PermissionDenied
    form = HideForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    default = _("Hidden by the SENCO") if hide else _("Shown again by the SENCO")
    with noting(reason or default):
        post.hidden = hide
        post.save(update_fields=["hidden", "updated_at"])
    messages.success(
        request,
        _("The post is hidden from staff.") if hide else _("The post is back on the wall."),
    )
    return redirect(post)


@login_required
@require_POST
def reply_create(request, pk):
    post = get_post(request, pk)
    if post.is_archived or not can_add(request.user, Reply, post.school):
        raise PermissionDenied
    form = ReplyForm(request.POST)
    if form.is_valid():
        reply = form.save(commit=False)
        reply.post = post
        reply.school = post.school
        reply.created_by = request.user
        with noting(_("Replied on the learning wall")):
            reply.save()
        messages.success(request, _("Your reply is posted."))
        return redirect(f"{post.get_absolute_url()}#reply-{reply.pk}")
    messages.error(request, form.errors["body"][0])
    return redirect(f"{post.get_absolute_url()}#reply")


@login_required
@require_POST
def useful_toggle(request, pk):
    post = get_post(request, pk)
    if not can_react(request.user, post):
        raise PermissionDenied
    # get_or_create, so a double tap cannot break the one-per-person rule.
    mark, created = Useful.objects.get_or_create(post=post, user=request.user)
    if not created:
        mark.delete()
    return redirect(f"{post.get_absolute_url()}#useful")
