"""Photos and files on posts, kept in the core's private storage (:mod:`wagtail_send.files`).

The wall links to them only through views that check the post (:mod:`.views.files`);
they have no public media URL.
"""

from .models import PostDocument, PostImage


def attach_image(post, upload, *, alt_text):
    """Store an uploaded (already validated) photo on ``post``."""
    return PostImage.objects.create(post=post, file=upload, description=alt_text[:255])


def attach_document(post, upload):
    """Store an uploaded (already validated) file on ``post``."""
    return PostDocument.objects.create(post=post, file=upload)
