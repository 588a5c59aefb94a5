"""The example site in Chromium: the demo SENCO signs in, opens the admin, sees the school."""

import pytest
from playwright.sync_api import expect

from tests.conftest import axe_violations, sign_in
from tests.trust.demo import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_demo_senco_signs_in_and_sees_the_school_in_the_admin(page):
    load_demo()  # after any earlier transactional test's flush, too
    sign_in(page, "senco", "oakfield-demo")
    page.goto("/admin/")
    assert page.locator("text=Schools and roles").count() > 0 or page.title()
    page.goto("/admin/send/schools/")
    expect(page.get_by_role("link", name="Oakfield Primary School").first).to_be_visible()


def test_sign_in_page_has_no_accessibility_violations(page):
    page.goto("/_util/login/")
    assert axe_violations(page) == []
