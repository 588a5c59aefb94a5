"""Private files: kept out of public media, under names nobody can guess.

Photos and files that belong to a record (a learning-wall post's pictures and documents)
are sent only by views that ask the permission policy first. They live in their own
storage, the ``STORAGES`` alias :data:`STORAGE_ALIAS` when a site sets one (an S3 bucket
with no public access, say) and otherwise a folder beside ``MEDIA_ROOT``
(``WAGTAILSEND_PRIVATE_FILES_ROOT``), which has no URL: a site serving ``/media/`` serves
none of them. A stored name is random; the name the file was uploaded with is kept only
to name the download. Resized copies (renditions) of a private picture are stored and
sent the same way.
"""

import io
import secrets
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse
from django.utils.functional import LazyObject

from .conf import send_settings

#: The ``STORAGES`` alias a site may set for private files.
STORAGE_ALIAS = "wagtail_send_private"

#: How a rendition is made: ``(name, (how, width, height))``, "fill" crops to the size,
#: "max" shrinks to fit inside it.
RENDITIONS = {"card": ("fill", 640, 420), "full": ("max", 1600, 1600)}

CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
}


class PrivateStorage(FileSystemStorage):
    """A folder whose files have no address on the web."""

    def url(self, name):
        raise ValueError("Private files have no URL; send them through a checked view.")


def default_location():
    """``WAGTAILSEND_PRIVATE_FILES_ROOT``, or ``private-files`` beside ``MEDIA_ROOT``."""
    configured = send_settings.PRIVATE_FILES_ROOT
    if configured:
        return Path(configured)
    return Path(settings.MEDIA_ROOT).resolve().parent / "private-files"


class _PrivateStorage(LazyObject):
    def _setup(self):
        if STORAGE_ALIAS in settings.STORAGES:
            self._wrapped = storages[STORAGE_ALIAS]
        else:
            self._wrapped = PrivateStorage(location=default_location())


private_storage = _PrivateStorage()


def get_private_storage():
    """The private storage (a callable for ``FileField(storage=...)``, kept out of migrations)."""
    return private_storage


def unguessable_name(instance, filename):
    """``private/<32 random hex digits>.<extension>``: nothing of the original name."""
    extension = PurePosixPath(filename).suffix.lower()[:10]
    return f"private/{secrets.token_hex(16)}{extension}"


def extension_of(name):
    return PurePosixPath(name).suffix.lstrip(".").lower()


def send_file(private_file, *, as_attachment):
    """A response streaming ``private_file`` (a :class:`~wagtail_send.models.PrivateFile`)."""
    handle = private_file.file.storage.open(private_file.file.name, "rb")
    return FileResponse(
        handle,
        as_attachment=as_attachment,
        filename=private_file.original_name,
        content_type=CONTENT_TYPES.get(extension_of(private_file.file.name))
        or "application/octet-stream",
    )


def rendition_name(name, size):
    """Where the ``size`` rendition of the stored file ``name`` is kept."""
    path = PurePosixPath(name)
    return str(path.parent / "renditions" / f"{path.stem}-{size}{path.suffix}")


def rendition(private_file, size):
    """The stored name of the ``size`` rendition of a private picture, made on first use."""
    from PIL import Image, ImageOps

    storage = private_file.file.storage
    name = rendition_name(private_file.file.name, size)
    if storage.exists(name):
        return name
    how, width, height = RENDITIONS[size]
    with storage.open(private_file.file.name, "rb") as source, Image.open(source) as picture:
        image_format = picture.format
        if how == "fill":
            picture = ImageOps.fit(picture, (width, height))
        else:
            picture.thumbnail((width, height))
        out = io.BytesIO()
        picture.save(out, format=image_format)
    return storage.save(name, ContentFile(out.getvalue()))


def send_rendition(private_file, size):
    """A response with the ``size`` rendition of the private picture ``private_file``."""
    name = rendition(private_file, size)
    return FileResponse(
        private_file.file.storage.open(name, "rb"),
        content_type=CONTENT_TYPES.get(extension_of(name), "application/octet-stream"),
    )


def delete_stored(name, storage=None):
    """Remove a stored private file and every rendition made of it."""
    storage = storage or private_storage
    for stored in [name, *(rendition_name(name, size) for size in RENDITIONS)]:
        storage.delete(stored)
