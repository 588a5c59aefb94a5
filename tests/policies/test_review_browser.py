"""In Chromium: a governor approves a changed SEN policy from one page; staff confirm reading."""

import re

import pytest
from playwright.sync_api import expect

from example_site.demo.features import policies as demo
from tests.conftest import axe_violations, sign_in
from wagtail_send.policies.models import SENDPolicyPage

from .test_review import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def accessible(tab):
    """axe's WCAG rules, and its heading-order rule (a policy body must not skip a level)."""
    found = axe_violations(tab)  # also loads axe into the page
    result = tab.evaluate(
        "axe.run(document, {runOnly: {type: 'rule', values: ['heading-order']}})"
    )
    return found + [violation["id"] for violation in result["violations"]]


def fits(tab):
    return tab.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


@pytest.fixture
def demo_policies(public_report, school, people):
    demo.load(school=school, people=people, home=public_report.get_parent().get_parent())
    return SENDPolicyPage.objects.get(slug="sen-policy")


def test_governor_approves_a_changed_sen_policy_from_one_page(page, phone, demo_policies, people):
    policy = demo_policies
    submit(
        policy,
        people["senco"],
        body=policy.body.replace(
            "Identify needs early.", "Identify needs early and review them termly."
        ),
        change_note="Termly reviews",
        staff_to_read=True,
    )
    sign_in(page, "governor")
    page.goto("/admin/")
    page.get_by_role("link", name="Review SEN policy").click()
    expect(page.get_by_role("heading", name="Review SEN policy", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Policy", level=3)).to_be_visible()
    expect(page.get_by_text("Termly reviews").first).to_be_visible()
    expect(page.get_by_role("heading", name="Summary")).to_be_hidden()  # folded
    assert accessible(page) == []

    page.get_by_label("Comment").fill("Agreed at the autumn FGB.")
    page.get_by_label("Minute reference (optional)").fill("FGB minute 7")
    page.get_by_role("button", name="Approve with comment").click()
    expect(page.get_by_role("status")).to_contain_text("You approved “SEN policy”")
    expect(page.get_by_text("Agreed at the autumn FGB.")).to_be_visible()
    assert accessible(page) == []

    for tab in (page, phone):
        for path in ("/send/sen-policy/", "/send/accessibility-plan/"):
            tab.goto(path)
            assert accessible(tab) == [], path
            assert fits(tab), path
    page.goto("/send/sen-policy/")
    expect(page.get_by_text(re.compile(r"by Governor, governor \(FGB minute 7\)"))).to_be_visible()

    phone.set_viewport_size({"width": 390, "height": 844})
    sign_in(phone, "governor")
    phone.goto(f"/send/policies/history/{policy.pk}/")
    assert fits(phone)
    expect(phone.get_by_text("Agreed at the autumn FGB.").first).to_be_in_viewport()
    assert accessible(phone) == []


def test_staff_confirm_they_have_read_it(page, phone, demo_policies, people):
    from .conftest import publish_through_workflow

    publish_through_workflow(
        demo_policies,
        author=people["senco"],
        approver=people["governor"],
        staff_to_read=True,
        change_note="Termly reviews",
    )
    sign_in(page, "teacher")
    page.goto("/send/policies/to-read/")
    assert accessible(page) == []
    page.get_by_role("button", name="I have read SEN policy").click()
    expect(page.get_by_role("status")).to_contain_text("you have confirmed you read")
    expect(page.get_by_text("You have read every policy you were asked to.")).to_be_visible()
    assert accessible(page) == []

    sign_in(phone, "senco")
    phone.goto(f"/send/policies/reading/{demo_policies.pk}/")
    expect(phone.get_by_role("row", name=re.compile("Teacher"))).to_contain_text("Yes, on")
    assert accessible(phone) == []
    assert fits(phone)
