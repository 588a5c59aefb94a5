"""The base of every model holding a private file (see :mod:`wagtail_send.files`)."""

from pathlib import PurePosixPath

from django.core.exceptions import SuspiciousFileOperation
from django.db import models, transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from ..files import delete_stored, get_private_storage, unguessable_name


def download_name(name):
    """``name`` made safe for a download's Content-Disposition (no quotes, no markup)."""
    try:
        return get_valid_filename(PurePosixPath(name or "").name)[:200]
    except SuspiciousFileOperation:
        return "file"


class PrivateFile(models.Model):
    """A file in private storage under a random name; its own name is kept to name it."""

    file = models.FileField(
        _("file"), storage=get_private_storage, upload_to=unguessable_name, max_length=255
    )
    original_name = models.CharField(_("original name"), max_length=255)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.original_name and self.file:
            self.original_name = download_name(self.file.name)
        super().save(*args, **kwargs)

    @property
    def extension(self):
        return PurePosixPath(self.original_name).suffix.lstrip(".").lower()


def delete_private_file(sender, instance, **kwargs):
    """After a row holding a private file is deleted, delete the file and its renditions."""
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: delete_stored(name, storage))
