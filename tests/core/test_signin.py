"""Signing in: failed attempts are throttled on both sign-in pages; a sign-in lasts a day."""

import datetime

import pytest
from django.utils import timezone

from wagtail_send.install import THROTTLE_DEFAULTS

FRONT_END = "/_util/login/"
ADMIN = "/admin/login/"
LIMIT = THROTTLE_DEFAULTS["AXES_FAILURE_LIMIT"]


def _sign_in(client, url, username, password):
    client.post(url, {"username": username, "password": password})
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", [FRONT_END, ADMIN])
def test_repeated_failed_sign_ins_lock_the_account_from_that_address(
    url, people, client, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    senco = people["senco"]
    for _ in range(LIMIT):
        assert not _sign_in(client, url, senco.username, "guess")
    # Now even the right password is refused, on either sign-in page.
    response = client.post(url, {"username": senco.username, "password": "pw"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    other = FRONT_END if url == ADMIN else ADMIN
    assert not _sign_in(client, other, senco.username, "pw")
    # A colleague at the same school (the same internet address) is not locked out.
    assert _sign_in(client, url, people["superuser"].username, "pw")
    client.logout()
    time_machine.shift(datetime.timedelta(minutes=16))
    assert _sign_in(client, url, senco.username, "pw")


def test_a_success_before_the_limit_starts_the_count_again(people, client):
    teacher = people["staff"]
    for _ in range(LIMIT - 1):
        assert not _sign_in(client, FRONT_END, teacher.username, "guess")
    assert _sign_in(client, FRONT_END, teacher.username, "pw")
    client.logout()
    for _ in range(LIMIT - 1):
        assert not _sign_in(client, FRONT_END, teacher.username, "guess")
    assert _sign_in(client, FRONT_END, teacher.username, "pw")


@pytest.mark.parametrize("url", [FRONT_END, ADMIN])
def test_a_sign_in_lasts_a_school_day_counted_from_signing_in(url, people, client, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    assert _sign_in(client, url, people["senco"].username, "pw")
    assert client.session.get_expiry_age() == 10 * 60 * 60
    time_machine.shift(datetime.timedelta(hours=9))
    assert client.get("/send/learning-walks/").status_code == 200
    assert client.session.get_expiry_age() == 60 * 60  # using it does not make it last longer
    time_machine.shift(datetime.timedelta(hours=1, seconds=1))
    assert client.get("/send/learning-walks/").status_code == 302  # signed out


def test_the_session_age_is_a_setting(people, client, settings):
    settings.WAGTAILSEND_SESSION_AGE = 45 * 60
    assert _sign_in(client, FRONT_END, people["senco"].username, "pw")
    assert 45 * 60 - 5 <= client.session.get_expiry_age() <= 45 * 60
    settings.WAGTAILSEND_SESSION_AGE = 0
    client.get("/send/learning-walks/")
    assert client.session.get_expire_at_browser_close()
