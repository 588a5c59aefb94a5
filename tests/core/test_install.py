"""What a site gets from docs/install.md's lines, and what it is told when one is missing."""

import io
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.checks import run_checks
from django.core.management import call_command
from django.test import override_settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.models import PageViewRestriction

from wagtail_send.install import CONTEXT_PROCESSOR
from wagtail_send.learning_wall.pages import LearningWallPage
from wagtail_send.learning_wall.privacy import STAFF_ROLES
from wagtail_send.models import Membership, School
from wagtail_send.policies.models import SchoolPoliciesIndexPage, SENInformationReportPage
from wagtail_send.roles import Role
from wagtail_send.schools import role_group

pytestmark = pytest.mark.django_db

# ROOT_URLCONF for the checks below: this module, with its urlpatterns swapped per test.
urlpatterns = []


def errors_by_id():
    return {message.id: message for message in run_checks() if message.id}


def create_pages():
    out = io.StringIO()
    call_command("send_create_pages", stdout=out)
    return out.getvalue()


@pytest.fixture
def own_urls(monkeypatch, settings):
    def use(*patterns):
        monkeypatch.setattr(sys.modules[__name__], "urlpatterns", list(patterns))
        settings.ROOT_URLCONF = __name__

    return use


def test_a_site_without_the_url_line_is_told_the_line(own_urls):
    own_urls(path("", include(wagtail_urls)))
    error = errors_by_id()["wagtail_send.E005"]
    assert 'path("send/", include("wagtail_send.urls")),' in error.hint


def test_the_url_line_after_wagtails_pages_is_an_error_too(own_urls):
    own_urls(path("", include(wagtail_urls)), path("send/", include("wagtail_send.urls")))
    assert "wagtail_send.E005" in errors_by_id()


def test_the_url_line_before_wagtails_pages_passes(own_urls):
    own_urls(path("send/", include("wagtail_send.urls")), path("", include(wagtail_urls)))
    assert "wagtail_send.E005" not in errors_by_id()


def test_a_missing_context_processor_is_an_error_naming_the_line(settings):
    engine = settings.TEMPLATES[0]
    processors = [p for p in engine["OPTIONS"]["context_processors"] if p != CONTEXT_PROCESSOR]
    settings.TEMPLATES = [
        {**engine, "OPTIONS": {**engine["OPTIONS"], "context_processors": processors}}
    ]
    assert "wagtail_send_install.CONTEXT_PROCESSORS" in errors_by_id()["wagtail_send.E006"].hint


@override_settings(WAGTAILSEND_BASE_TEMPLATE="school_theme/base.html")
def test_a_base_template_that_does_not_exist_is_an_error():
    assert "standalone.html" in errors_by_id()["wagtail_send.E007"].hint


@override_settings(WAGTAILDOCS_SERVE_METHOD="direct")
def test_documents_served_directly_are_an_error():
    assert "wagtail_send.E008" in errors_by_id()


def test_the_pages_are_made_once_under_the_site_root_and_the_wall_is_for_staff():
    school = School.objects.get()  # the one the first migrate made
    first = create_pages()
    assert "SEN Information Report" in first and "Learning wall" in first
    index = SchoolPoliciesIndexPage.objects.get(school=school)
    assert index.get_parent().pk == school.site.root_page_id and index.live
    report = SENInformationReportPage.objects.get(school=school)
    assert not report.live and report.latest_revision  # a draft for the SENCO to write
    wall = LearningWallPage.objects.get()
    restriction = PageViewRestriction.objects.get(page=wall)
    assert set(restriction.groups.all()) == {role_group(school, role) for role in STAFF_ROLES}

    again = create_pages()
    assert "already there" in again
    assert LearningWallPage.objects.count() == 1
    assert SENInformationReportPage.objects.filter(school=school).count() == 1


def test_a_visitor_to_the_wall_goes_to_wagtails_own_sign_in_page(client):
    create_pages()
    response = client.get("/learning-wall/")
    assert response.status_code == 302
    assert response.url.startswith("/_util/login/?next=")
    assert client.get(response.url).status_code == 200


@override_settings(WAGTAIL_FRONTEND_LOGIN_URL="/sso/start/")
def test_a_site_with_its_own_sign_in_page_keeps_it_for_staff_views_too(client):
    response = client.get("/send/skills-audit/")
    assert response.status_code == 302 and response.url.startswith("/sso/start/?next=")


def test_staff_pages_wear_the_sites_base_template_with_the_send_stylesheet(client):
    create_pages()
    teacher = get_user_model().objects.create_user("amara", first_name="Amara", last_name="Obi")
    Membership.objects.create(user=teacher, school=School.objects.get(), role=Role.STAFF)
    client.force_login(teacher)
    html = client.get("/learning-wall/").content.decode()
    head = html.split("</head>")[0]
    assert "wagtail_send/send.css" in head and "learning_wall.css" in head
    assert "is a fictional school" in html  # the example site's own footer
    assert "Amara Obi" in html and "amara" not in html.lower().replace("amara obi", "")

    with override_settings(WAGTAILSEND_BASE_TEMPLATE="wagtail_send/standalone.html"):
        html = client.get("/learning-wall/").content.decode()
    assert "is a fictional school" not in html and "wagtail_send/send.css" in html


def test_signing_out_from_a_send_page_ends_the_session(client):
    teacher = get_user_model().objects.create_user("amara")
    client.force_login(teacher)
    response = client.post("/send/sign-out/")
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/send/skills-audit/").status_code == 302  # signed out


def test_a_superuser_makes_the_pages_from_the_admin_and_nobody_else_can(client):
    get_user_model().objects.create_user("senco")
    admin = get_user_model().objects.create_superuser("admin", "admin@school.example", "pw")
    client.force_login(admin)
    listing = client.get("/admin/send-pages/")
    assert listing.status_code == 200 and School.objects.get().name in listing.content.decode()
    client.post("/admin/send-pages/")
    assert LearningWallPage.objects.count() == 1
    response = client.post("/admin/send-pages/", follow=True)
    assert "Every feature page is already there." in response.content.decode()

    senco = get_user_model().objects.get(username="senco")
    Membership.objects.create(user=senco, school=School.objects.get(), role=Role.SENCO)
    client.force_login(senco)
    assert client.post("/admin/send-pages/").status_code in (302, 403)
    assert LearningWallPage.objects.count() == 1


def test_the_admin_still_works_on_a_site_without_the_url_line(own_urls, client):
    from wagtail.admin import urls as wagtailadmin_urls

    own_urls(path("admin/", include(wagtailadmin_urls)), path("", include(wagtail_urls)))
    admin = get_user_model().objects.create_superuser("admin", "admin@school.example", "pw")
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Policy history" not in response.content.decode()  # its pages are not mounted
