"""In Chromium: a parent on a phone finds a service and can call it; axe finds nothing;
a maintainer's edit shows in the listing at once."""

import pytest
from playwright.sync_api import expect

from tests.conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_parent_on_a_phone_searches_and_calls(phone, directory, directory_page):
    phone.goto(directory_page.url)
    assert axe_violations(phone) == []
    phone.select_option("#id_area", "communication")
    phone.get_by_role("button", name="Search").click()
    phone.get_by_role("link", name="Speech and Language Therapy").click()
    call = phone.get_by_role("link", name="Call 01632 960101")
    assert call.get_attribute("href") == "tel:01632960101"
    box = call.bounding_box()
    assert box["height"] >= 44
    assert "Ask for Jo" not in phone.content()
    assert axe_violations(phone) == []


def test_maintainer_marks_an_entry_checked(page, people, directory, directory_page):
    salt = directory["salt"]
    salt.maintainer = people["staff"]
    salt.save()
    from wagtail_send.directory.rules import sync_maintainer_grant

    sync_maintainer_grant(salt, None, by=people["senco"])
    sign_in(page, "teacher")
    page.goto(directory_page.url)
    expect(page.get_by_text("Ages: 2–18")).to_be_visible()
    page.goto(f"{directory_page.url}{salt.pk}/")
    page.get_by_role("link", name="Edit or mark as checked").click()
    assert axe_violations(page) == []
    page.fill("#id_maximum_age", "1")
    page.check("#id_checked")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_be_visible()  # the error summary: ages upside down
    page.fill("#id_maximum_age", "19")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("“Speech and Language Therapy” saved.")).to_be_visible()
    salt.refresh_from_db()
    assert salt.maximum_age == 19 and salt.last_verified_by == people["staff"]
    page.goto(directory_page.url)  # the listing shows the change at once
    expect(page.get_by_text("Ages: 2–19")).to_be_visible()
