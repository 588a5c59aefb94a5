"""Directory fixtures: a few services at the test school, one public with a private contact."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from wagtail_send.audit import acting_as
from wagtail_send.directory.models import (
    Contact,
    Location,
    Organisation,
    Service,
)
from wagtail_send.directory.pages import ServiceDirectoryPage
from wagtail_send.directory.taxonomy import ServiceType


@pytest.fixture
def api_url(school):
    """The address of ``school``'s Open Referral API."""
    return f"/send/directory/schools/{school.pk}/api"


@pytest.fixture
def directory(school, other_school, people):
    """``{name: Service}``: two public and one staff-only service at ``school``, one elsewhere."""
    senco = people["senco"]
    with acting_as(senco, "test data"):
        nhs = Organisation.objects.create(
            school=school, name="Northshire NHS Trust", created_by=senco
        )
        salt = Service.objects.create(
            school=school,
            created_by=senco,
            organisation=nhs,
            name="Speech and Language Therapy",
            description="Assessment and therapy.",
            service_type=ServiceType.SPEECH_LANGUAGE,
            need_communication=True,
            minimum_age=2,
            maximum_age=18,
            is_public=True,
            internal_notes="Ask for Jo; waiting list 14 weeks.",
            last_verified_on=timezone.localdate(),
            phone="01632 960100",
        )
        Contact.objects.create(
            school=school,
            created_by=senco,
            service=salt,
            name="Referrals team",
            phone="01632 960101",
            email="salt@nhs.example",
            is_public=True,
        )
        Contact.objects.create(
            school=school,
            created_by=senco,
            service=salt,
            name="Jo Private",
            phone="07700 900123",
            is_public=False,
        )
        Location.objects.create(
            school=school,
            created_by=senco,
            service=salt,
            name="Northshire Clinic",
            address="1 High Street",
            town="Northtown",
            postcode="NT1 1AA",
            accessibility="Step-free entrance",
        )
        iass = Service.objects.create(
            school=school,
            created_by=senco,
            name="Northshire SENDIASS",
            service_type=ServiceType.IASS,
            is_public=True,
            last_verified_on=timezone.localdate() - datetime.timedelta(days=400),
        )
        ep = Service.objects.create(
            school=school,
            created_by=senco,
            name="Educational Psychology",
            service_type=ServiceType.EDUCATIONAL_PSYCHOLOGY,
            need_cognition=True,
            internal_notes="Traded service: 6 visits a year.",
        )
        elsewhere = Service.objects.create(
            school=other_school,
            created_by=people["other_senco"],
            name="Elm Park Counselling",
            service_type=ServiceType.MENTAL_HEALTH,
            is_public=False,
        )
    return {"salt": salt, "iass": iass, "ep": ep, "elsewhere": elsewhere}


@pytest.fixture
def directory_page(school):
    """A ServiceDirectoryPage for ``school`` on the default site."""
    site = Site.objects.filter(is_default_site=True).first() or _default_site()
    page = site.root_page.add_child(
        instance=ServiceDirectoryPage(title="Who can help", slug="directory", school=school)
    )
    return page


def _default_site():
    # Transactional (browser) tests flush the tables, including Wagtail's initial site.
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=Page(title="Home", slug="home"))
    return Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
