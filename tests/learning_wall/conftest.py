"""Fixtures for the learning wall: a wall page, teams, and a way to make posts and photos."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from wagtail_send.learning_wall.models import Post, Team
from wagtail_send.learning_wall.pages import LearningWallPage
from wagtail_send.learning_wall.privacy import restrict_to_staff
from wagtail_send.models import School


@pytest.fixture
def wall(school, people):
    """A live wall page on the default site, private to ``school``'s staff."""
    site = Site.objects.filter(is_default_site=True).first() or _default_site()
    for holder in School.objects.filter(site=site).exclude(pk=school.pk):
        holder.site = None
        holder.save()
    school.site = site
    school.save()
    root = site.root_page
    page = root.add_child(instance=LearningWallPage(title="Learning wall", slug="learning-wall"))
    restrict_to_staff(page, school)
    return page


def _default_site():
    # Transactional (browser) tests flush the tables, including Wagtail's initial site.
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=Page(title="Home", slug="home"))
    return Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)


@pytest.fixture
def team(school, people):
    team = Team.objects.create(school=school, name="Year 3 team")
    team.members.add(people["staff"])
    return team


@pytest.fixture
def make_post(school, people):
    def make(**fields):
        fields.setdefault("school", school)
        fields.setdefault("created_by", people["staff"])
        fields.setdefault("kind", "resource")
        fields.setdefault("title", "Visual timetable")
        fields.setdefault("body", "<p>Works well for transitions.</p>")
        return Post.objects.create(**fields)

    return make


def photo_upload(name="photo.png", size=(60, 40), image_format="PNG"):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 120, 40)).save(buffer, image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
