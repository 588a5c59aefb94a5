"""Checking and cleaning what people upload: photos of classroom work, above all.

Photos taken on a phone carry EXIF metadata (where and when, sometimes who); it is
stripped by re-encoding the pixels only. The file's content decides its type, not its
name, and SVG (which can carry script) is refused.
"""

import io
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from .conf import send_settings

#: Pillow format -> (file extension, content type) of the images people may upload.
IMAGE_FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "GIF": ("gif", "image/gif"),
    "WEBP": ("webp", "image/webp"),
}


def clean_image_upload(upload):
    """Validate an uploaded image and return a copy without metadata.

    Args:
        upload: the uploaded file from a form.

    Returns:
        A new uploaded file of the same format, pixels only, named after the original.

    Raises:
        ValidationError: too large, not an image, a format that is not allowed (SVG
            among them) or too many pixels. The message says which.
    """
    if upload.size > send_settings.MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("This file is %(size)s MB; the largest allowed is %(limit)s MB.")
            % {
                "size": round(upload.size / 1_048_576, 1),
                "limit": round(send_settings.MAX_UPLOAD_BYTES / 1_048_576, 1),
            },
            code="file_too_large",
        )
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image_format = image.format
            if image_format not in IMAGE_FORMATS:
                raise ValidationError(
                    _("Upload a photo or picture (JPEG, PNG, GIF or WebP)."), code="bad_format"
                )
            if image.width * image.height > send_settings.MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("This picture is too large (%(w)s × %(h)s pixels).")
                    % {"w": image.width, "h": image.height},
                    code="too_many_pixels",
                )
            image.load()
            clean = _without_metadata(image)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not a picture we can read. Upload a JPEG, PNG, GIF or WebP."),
            code="not_an_image",
        ) from None
    extension, content_type = IMAGE_FORMATS[image_format]
    buffer = io.BytesIO()
    save_options = {"quality": 90} if image_format in ("JPEG", "WEBP") else {}
    clean.save(buffer, format=image_format, **save_options)
    name = f"{Path(upload.name).stem[:80] or 'photo'}.{extension}"
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def _without_metadata(image):
    """The same picture, upright, with no EXIF, XMP or comments."""
    from PIL import ImageOps

    upright = ImageOps.exif_transpose(image)
    if upright.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        upright = upright.convert("RGB")
    clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    if upright.mode == "P":
        clean.putpalette(upright.getpalette())
    return clean


class SafeImageFormMixin:
    """For Wagtail's image form (WAGTAILIMAGES_IMAGE_FORM_BASE): strip metadata on upload."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):
            return clean_image_upload(upload)
        return upload
