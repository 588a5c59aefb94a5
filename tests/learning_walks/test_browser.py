"""In Chromium: a walker records evidence on a phone; the SENCO compiles the report."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import axe_violations, sign_in
from wagtail_send.learning_walks.models import Observation, WalkReport

from .conftest import url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _note(walk, look_for_index=0):
    observation = Observation.objects.filter(walk=walk).first()
    look_for = list(walk.look_fors.all())[look_for_index]
    return observation.note_for(look_for) if observation else None


def test_walker_records_on_a_phone_and_senco_compiles_the_report(phone, page, walk, people):
    sign_in(phone, people["slt"].username)
    phone.goto(url("plan", walk.pk))
    phone.get_by_role("link", name="09:00 Class 1").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Evidence: Class 1")
    assert axe_violations(phone) == []

    box = phone.get_by_label("Tasks are scaffolded")
    box.fill("Word mats and sentence stems on tables")
    phone.get_by_label("Pupils use working walls").focus()  # blur saves straight away
    phone.get_by_text("Saved at").wait_for()
    assert _note(walk) == "Word mats and sentence stems on tables"

    # Offline: the note waits on the device, then goes when the connection is back.
    phone.context.set_offline(True)
    box.fill("Word mats on every table")
    phone.get_by_label("Pupils use working walls").focus()
    phone.get_by_text("Not saved yet").wait_for()
    phone.context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    phone.get_by_text("Saved at").wait_for()
    assert _note(walk) == "Word mats on every table"

    # A pupil's name is held back and the walker is offered a replacement.
    box.fill("Amelia Jones used a word mat")
    phone.get_by_label("Pupils use working walls").focus()
    phone.get_by_text("These look like pupils' names").wait_for()
    assert _note(walk) == "Word mats on every table"
    phone.get_by_role("button", name="Replace with initials").click()
    phone.locator("#names-live").wait_for(state="hidden")
    assert box.input_value() == "A.J. used a word mat"
    assert _note(walk) == "A.J. used a word mat"

    sign_in(page, people["senco"].username)
    page.goto(url("triangulate", walk.pk))
    assert "A.J. used a word mat" in page.content()
    page.get_by_label("Look-for").first.select_option(label="Tasks are scaffolded")
    page.get_by_label("Kind").select_option(label="Strength")
    page.get_by_label("What the team agreed").fill("Scaffolds in every class")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text("Scaffolds in every class")).to_be_visible()
    page.goto(url("report", walk.pk))  # nothing compiled yet: to the compile form
    page.get_by_label("Summary").fill("Adaptive teaching is secure across the school.")
    page.get_by_role("button", name="Save the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Learning walk report"))
    expect(page.get_by_text("Scaffolds in every class")).to_be_visible()
    assert "A.J. used a word mat" not in page.content()  # raw notes stay out of the report
    assert axe_violations(page) == []
    page.get_by_role("button", name="Sign off the walk").click()
    page.get_by_text("Walk signed off").wait_for()
    assert WalkReport.objects.get(walk=walk).walk.signed_off_at is not None


def test_two_tabs_of_one_observation_keep_each_others_notes(phone, walk, people):
    sign_in(phone, people["slt"].username)
    other = phone.context.new_page()
    for tab in (phone, other):
        tab.goto(url("observe", walk.pk, walk.visits.first().pk))

    phone.get_by_label("Tasks are scaffolded").fill("Word mats on every table")
    phone.get_by_label("Anything else you noticed").focus()
    phone.get_by_text("Saved at").wait_for()
    # The second tab still shows the first box empty; saving its own note leaves it be.
    other.get_by_label("Anything else you noticed").fill("Calm start to the lesson")
    other.get_by_label("Tasks are scaffolded").focus()
    other.get_by_text("Saved at").wait_for()

    observation = Observation.objects.get()
    assert _note(walk) == "Word mats on every table"
    assert observation.notes == "Calm start to the lesson"
