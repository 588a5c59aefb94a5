"""Photos and files of a post, sent only to people who may see the post."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import cache_control

from wagtail_send.files import RENDITIONS, send_file, send_rendition

from ...signin import login_required
from ..models import PostDocument, PostImage
from .common import get_post


@login_required
@cache_control(private=True, max_age=3600)
def post_image(request, pk, image_pk, size):
    post = get_post(request, pk)
    if size not in RENDITIONS:
        raise Http404
    return send_rendition(get_object_or_404(PostImage, post=post, pk=image_pk), size)


@login_required
@cache_control(private=True, no_store=True)
def post_document(request, pk, document_pk):
    post = get_post(request, pk)
    return send_file(
        get_object_or_404(PostDocument, post=post, pk=document_pk), as_attachment=True
    )
