"""Uploaded pictures: type by content, size and pixel limits, SVG refused, EXIF removed."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from wagtail_send.uploads import clean_image_upload

GPS_TAG = 0x8825


def photo(fmt="JPEG", size=(40, 30), exif=True, name="class.jpg"):
    image = Image.new("RGB", size, (200, 120, 40))
    buffer = io.BytesIO()
    options = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "PhoneMaker"  # Make
        data[0x9003] = "2026:11:20 09:15:00"  # DateTimeOriginal
        options["exif"] = data.tobytes()
    image.save(buffer, format=fmt, **options)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_exif_metadata_is_stripped_and_the_picture_kept():
    upload = photo()
    assert Image.open(io.BytesIO(upload.read())).getexif()
    upload.seek(0)
    clean = clean_image_upload(upload)
    image = Image.open(io.BytesIO(clean.read()))
    assert image.format == "JPEG" and image.size == (40, 30)
    assert not image.getexif()


def test_the_file_name_follows_the_content_not_the_claim():
    clean = clean_image_upload(photo(fmt="PNG", name="sneaky.jpg"))
    assert clean.name == "sneaky.png"


@pytest.mark.parametrize(
    "content",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"<html><script>alert(1)</script></html>",
        b"%PDF-1.4 not a picture",
    ],
)
def test_non_pictures_and_svg_are_refused(content):
    with pytest.raises(ValidationError, match="not a picture"):
        clean_image_upload(SimpleUploadedFile("photo.jpg", content, content_type="image/jpeg"))


def test_formats_outside_the_allow_list_are_refused():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="BMP")
    with pytest.raises(ValidationError, match="JPEG, PNG, GIF or WebP"):
        clean_image_upload(SimpleUploadedFile("a.bmp", buffer.getvalue()))


def test_oversized_files_are_refused(settings):
    settings.WAGTAILSEND_MAX_UPLOAD_BYTES = 100
    with pytest.raises(ValidationError, match="largest allowed"):
        clean_image_upload(photo())


def test_too_many_pixels_are_refused(settings):
    settings.WAGTAILSEND_MAX_IMAGE_PIXELS = 100
    with pytest.raises(ValidationError, match="too large"):
        clean_image_upload(photo(size=(20, 20)))
