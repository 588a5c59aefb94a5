"""The core's cache layer: its settings, and a school's write renewing only its copies."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from wagtail_send import caching
from wagtail_send.conf import unknown_settings, validate
from wagtail_send.directory.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_cache_settings_are_known_and_checked(settings):
    settings.WAGTAILSEND_PAGE_CACHE = "default"
    settings.WAGTAILSEND_CACHE_TIMEOUT = 600
    assert unknown_settings() == []
    assert caching.timeout() == 600
    with pytest.raises(ImproperlyConfigured):
        validate("PAGE_CACHE", "nowhere")


def test_a_bulk_write_renews_only_the_copies_of_the_schools_it_wrote(school, other_school, people):
    built = []

    def copy(pk):
        return caching.cached("directory", pk, ("listing",), lambda: built.append(pk) or pk)

    copy(school.pk), copy(other_school.pk)
    Organisation.objects.bulk_create(
        [Organisation(school=school, name="Northshire NHS Trust", created_by=people["senco"])]
    )
    copy(school.pk), copy(other_school.pk)
    assert built == [school.pk, other_school.pk, school.pk]


def test_a_record_with_no_school_renews_every_schools_copies(school, other_school):
    from wagtail_send.models import NeedType

    before = {pk: caching.generation("wall", pk) for pk in (school.pk, other_school.pk)}
    NeedType.objects.filter(in_use=True).first().save()
    after = {pk: caching.generation("wall", pk) for pk in (school.pk, other_school.pk)}
    assert all(before[pk] != after[pk] for pk in before)
