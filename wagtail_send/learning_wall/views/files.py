"""Photos and files of a post, sent only to people who may see the post."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import cache_control

from ...signin import login_required
from ..media import RENDITIONS
from ..models import PostDocument, PostImage
from .common import get_post


@login_required
@cache_control(private=True, max_age=3600)
def post_image(request, pk, image_pk, size):
    post = get_post(request, pk)
    if size not in RENDITIONS:
        raise Http404
    attached = get_object_or_404(PostImage.objects.select_related("image"), post=post, pk=image_pk)
    rendition = attached.image.get_rendition(RENDITIONS[size])
    rendition.file.open("rb")
    return FileResponse(rendition.file, content_type=_content_type(rendition.file.name))


@login_required
@cache_control(private=True, no_store=True)
def post_document(request, pk, document_pk):
    post = get_post(request, pk)
    attached = get_object_or_404(
        PostDocument.objects.select_related("document"), post=post, pk=document_pk
    )
    document = attached.document
    document.file.open("rb")
    return FileResponse(document.file, as_attachment=True, filename=document.filename)


def _content_type(name):
    extension = name.rsplit(".", 1)[-1].lower()
    return {
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "png": "image/png",
        "gif": "image/gif",
        "webp": "image/webp",
        "avif": "image/avif",
    }.get(extension, "application/octet-stream")
