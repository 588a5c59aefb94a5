"""In Chromium: a teacher answers and saves; the SENCO views the heatmap; axe finds nothing."""

import pytest
from playwright.sync_api import expect

from tests.conftest import axe_violations, sign_in
from wagtail_send.skills_audit.models import Response

from .conftest import add_staff, answer_each, make_campaign, question
from .test_gaps import make_profile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def audit(census_codes, people, school):
    return make_campaign(school, people["senco"])


def test_teacher_answers_saves_and_comes_back(page, people, audit, school):
    sign_in(page, "teacher")
    page.goto("/send/skills-audit/")
    page.get_by_role("link", name="Answer the audit").click()
    page.get_by_role("heading", level=1).wait_for()
    assert axe_violations(page) == []
    asd = page.get_by_role("group", name="autistic pupils")
    asd.get_by_label("3 – Confident").check()
    page.get_by_label("I would like training on this").first.check()
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_text("Your answers are saved.")).to_be_visible()
    saved = Response.objects.get(created_by=people["staff"])
    assert saved.submitted_at is None
    assert saved.answers[str(question(school, "ASD").pk)]["confidence"] == 3

    page.get_by_role("link", name="Change my answers").click()
    expect(
        page.get_by_role("group", name="autistic pupils").get_by_label("3 – Confident")
    ).to_be_checked()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert axe_violations(page) == []


def test_senco_views_the_heatmap(page, phone, people, audit, school):
    make_profile(school, people["senco"], {"ASD": (6, 2), "SEMH": (4, 0), "HI": (1, 0)})
    asd, semh = question(school, "ASD"), question(school, "SEMH")
    # Not everyone alike: a figure where all gave the same answer is never shown.
    answers = [{asd: (1, True), semh: (3, False)}] * 5 + [{asd: (2, False), semh: (3, True)}]
    answer_each(audit, add_staff(school, 6), answers)
    sign_in(page, "senco")
    page.goto("/send/skills-audit/")
    page.get_by_role("link", name="Gap analysis").click()
    expect(
        page.get_by_role("img", name="Staff confidence against pupil need, by need")
    ).to_be_visible()
    expect(
        page.get_by_role("table", name="Pupil need and staff confidence by census need")
    ).to_be_visible()
    first = page.locator(".skills-priorities li").first.inner_text()
    assert first.startswith("Autistic spectrum disorder")
    assert axe_violations(page) == []

    # The printable summary's button works under the site's content security policy.
    page.get_by_role("link", name="Printable summary for leaders and governors").click()
    expect(page.get_by_role("button", name="Print this summary")).to_be_visible()
    assert axe_violations(page) == []

    # On a phone the heatmap scrolls sideways inside its own focusable region.
    sign_in(phone, "senco")
    phone.goto(page.url.replace("/summary/", "/gaps/"))
    expect(
        phone.get_by_role("img", name="Staff confidence against pupil need, by need")
    ).to_be_visible()
    assert axe_violations(phone) == []
