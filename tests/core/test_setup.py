"""Configuration, system checks and the current school."""

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, override_settings

from wagtail_send.conf import send_settings
from wagtail_send.models import School
from wagtail_send.schools import SESSION_KEY, get_current_school


def check_ids():
    return {message.id for message in run_checks()}


def test_a_correct_install_passes_every_check():
    assert not {i for i in check_ids() if i and i.startswith("wagtail_send.")}


def test_missing_guardian_backend_is_an_error(settings):
    settings.AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
    assert "wagtail_send.E001" in check_ids()


def test_missing_history_middleware_is_an_error(settings):
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if m != "simple_history.middleware.HistoryRequestMiddleware"
    ]
    assert "wagtail_send.E002" in check_ids()


@override_settings(WAGTAILSEND_SMALL_GROUP_MINIMUM="five")
def test_a_setting_of_the_wrong_type_is_an_error_and_refused_on_read():
    assert "wagtail_send.E003" in check_ids()
    with pytest.raises(ImproperlyConfigured, match="SMALL_GROUP_MINIMUM"):
        send_settings.SMALL_GROUP_MINIMUM  # noqa: B018


@override_settings(WAGTAILSEND_APPROVAL_ROLE="caretaker")
def test_an_approval_role_outside_the_choices_is_an_error():
    assert "wagtail_send.E003" in check_ids()


@override_settings(WAGTAILSEND_SMAL_GROUP_MINIMUM=3)
def test_a_misspelt_setting_is_a_warning():
    assert "wagtail_send.W001" in check_ids()


def test_defaults_apply_when_unset():
    assert send_settings.SMALL_GROUP_MINIMUM == 5
    assert send_settings.APPROVAL_ROLE == "governor"


def test_a_single_school_install_has_its_school_without_configuration(db):
    assert School.objects.count() == 1  # created on migrate
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    request.session = {}
    assert get_current_school(request) == School.objects.get()


def test_current_school_follows_membership_and_the_session_choice(
    rf, people, school, other_school
):
    from wagtail_send.models import Membership

    user = people["senco"]
    Membership.objects.create(user=user, school=other_school, role="slt")
    request = rf.get("/")
    request.user = user
    request.session = {SESSION_KEY: other_school.pk}
    assert get_current_school(request) == other_school
    stranger = rf.get("/")
    stranger.user = people["other_staff"]
    stranger.session = {SESSION_KEY: school.pk}  # not theirs: ignored
    assert get_current_school(stranger) == other_school


def test_the_census_types_of_need_ship_as_data(db):
    from wagtail_send.models import NeedType

    codes = dict(NeedType.objects.values_list("code", "broad_area"))
    assert len(codes) == 13
    assert codes["ASD"] == "communication" and codes["SEMH"] == "semh" and codes["PD"] == "sensory"
    assert NeedType.history.filter(code="ASD").exists()
