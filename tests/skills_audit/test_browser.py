"""In Chromium: a teacher answers and saves; the SENCO views the heatmap; axe finds nothing."""

import pytest

from tests.conftest import axe_violations, sign_in
from wagtail_send.skills_audit.models import Response

from .conftest import add_staff, answer_all, make_campaign, question
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
    assert page.get_by_text("Your answers are saved.").is_visible()
    saved = Response.objects.get(created_by=people["staff"])
    assert saved.submitted_at is None
    assert saved.answers[str(question(school, "ASD").pk)]["confidence"] == 3

    page.get_by_role("link", name="Change my answers").click()
    assert (
        page.get_by_role("group", name="autistic pupils")
        .get_by_label("3 – Confident")
        .is_checked()
    )
    page.get_by_role("button", name="Send my answers").click()
    summary = page.get_by_role("alert")
    assert "There is a problem" in summary.inner_text()
    assert axe_violations(page) == []


def test_senco_views_the_heatmap(page, phone, people, audit, school):
    make_profile(school, people["senco"], {"ASD": (6, 2), "SEMH": (4, 0), "HI": (1, 0)})
    answers = {question(school, c): (r, t) for c, r, t in [("ASD", 1, True), ("SEMH", 3, False)]}
    answer_all(audit, add_staff(school, 6), answers)
    sign_in(page, "senco")
    page.goto("/send/skills-audit/")
    page.get_by_role("link", name="Gap analysis").click()
    assert page.get_by_role(
        "img", name="Staff confidence against pupil need, by need"
    ).is_visible()
    assert page.get_by_role(
        "table", name="Pupil need and staff confidence by census need"
    ).is_visible()
    first = page.locator(".skills-priorities li").first.inner_text()
    assert first.startswith("Autistic spectrum disorder")
    assert axe_violations(page) == []

    # The printable summary's button works under the site's content security policy.
    page.get_by_role("link", name="Printable summary for leaders and governors").click()
    assert page.get_by_role("button", name="Print this summary").is_visible()
    assert axe_violations(page) == []

    # On a phone the heatmap scrolls sideways inside its own focusable region.
    sign_in(phone, "senco")
    phone.goto(page.url.replace("/summary/", "/gaps/"))
    assert phone.get_by_role("img", name="Staff confidence against pupil need, by need").count()
    assert axe_violations(phone) == []
