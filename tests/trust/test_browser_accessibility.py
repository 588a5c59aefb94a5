"""In Chromium: axe-core finds nothing on any front-end template; three keyboard-only flows.

The templates are enumerated from the feature apps' template folders (partials, emails
and admin templates excluded: they are checked inside the pages that include them).
The Django test client first says which templates each URL renders, so the test fails if
a new front-end template has no URL here.
"""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import axe_violations, sign_in

from .demo import DEMO_PASSWORD, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

APP_ROOT = Path(__file__).resolve().parents[2] / "wagtail_send"


def front_end_templates():
    found = set()
    for path in APP_ROOT.glob("*/templates/wagtail_send/*/*.html"):
        if not path.name.startswith("_"):
            found.add(f"wagtail_send/{path.parent.name}/{path.name}")
    found.add("wagtail_send/base.html")
    return found


#: front-end templates not rendered as a page of their own, and why
NOT_PAGES = {
    # Rendered by the report's provider registry inside the SEN Information Report page.
    "wagtail_send/skills_audit/report_section.html": "a section of report_page.html",
}


def _demo_urls():
    from wagtail.models import TaskState

    from wagtail_send.directory.models import Service
    from wagtail_send.directory.pages import ServiceDirectoryPage
    from wagtail_send.learning_walks.models import Feedback, LearningWalk, Visit, WalkReport
    from wagtail_send.learning_wall.models import Post
    from wagtail_send.learning_wall.pages import LearningWallPage
    from wagtail_send.policies.models import (
        InclusionStrategyPage,
        SENDPolicyPage,
        SENInformationReportPage,
    )
    from wagtail_send.skills_audit.models import Campaign, NeedProfile, Response

    walk = LearningWalk.objects.filter(visits__isnull=False).order_by("pk").first()
    visit = Visit.objects.filter(walk=walk).first()
    reported = WalkReport.objects.first().walk
    campaign = Campaign.objects.order_by("-closes_on").first()
    response = Response.objects.filter(campaign=campaign).first()
    directory = ServiceDirectoryPage.objects.live().first()
    service = Service.objects.filter(is_public=True).first()
    report = SENInformationReportPage.objects.live().first()
    policy = SENDPolicyPage.objects.live().first()
    strategy = InclusionStrategyPage.objects.live().order_by("-pk").first()
    revisions = list(report.revisions.order_by("created_at").values_list("pk", flat=True))
    post = Post.objects.first()
    lw, sa, pol = (
        "wagtail_send_learning_walks",
        "wagtail_send_skills_audit",
        "wagtail_send_policies",
    )
    return [
        "/_util/login/",
        LearningWallPage.objects.live().first().url,
        reverse("wagtail_send_learning_wall:post", args=[post.pk]),
        reverse("wagtail_send_learning_wall:create"),
        reverse("wagtail_send_learning_wall:share", args=[post.pk]),
        reverse("wagtail_send_learning_wall:meeting"),
        reverse(f"{lw}:index"),
        reverse(f"{lw}:create"),
        reverse(f"{lw}:plan", args=[walk.pk]),
        reverse(f"{lw}:observe", args=[walk.pk, visit.pk]),
        reverse(f"{lw}:write_feedback", args=[walk.pk, visit.pk]),
        reverse(f"{lw}:feedback", args=[Feedback.objects.first().pk]),
        reverse(f"{lw}:triangulate", args=[walk.pk]),
        reverse(f"{lw}:report", args=[reported.pk]),
        reverse(f"{lw}:compile", args=[reported.pk]),
        reverse(f"{sa}:index"),
        reverse(f"{sa}:answer", args=[campaign.pk]),
        reverse(f"{sa}:responses", args=[campaign.pk]),
        reverse(f"{sa}:gaps", args=[campaign.pk]),
        reverse(f"{sa}:summary", args=[campaign.pk]),
        reverse(f"{sa}:response", args=[response.pk]),
        reverse(f"{sa}:response_history", args=[response.pk]),
        reverse(f"{sa}:profiles"),
        reverse(f"{sa}:profile_add"),
        reverse(f"{sa}:profile_import"),
        reverse(f"{sa}:profile", args=[NeedProfile.objects.first().pk]),
        directory.url,
        directory.url + f"{service.pk}/",
        directory.url + f"{service.pk}/edit/",
        report.get_parent().url,
        report.url,
        policy.url,
        reverse(f"{pol}:history_index"),
        reverse(f"{pol}:history", args=[report.pk]),
        reverse(f"{pol}:compare", args=[report.pk]) + f"?from={revisions[0]}&to={revisions[-1]}",
        reverse(f"{pol}:review", args=[TaskState.objects.filter(status="in_progress").first().pk]),
        reverse(f"{pol}:to_read"),
        reverse(f"{pol}:read_by", args=[policy.pk]),
        strategy.url,
        reverse(f"{pol}:copy_forward", args=[strategy.pk]),
    ]


def test_every_front_end_template_has_no_axe_violations(page):
    load_demo()
    urls = _demo_urls()
    client = Client()
    client.force_login(get_user_model().objects.get(username="senco"))
    seen, broken = set(), []
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            broken.append(f"{url}: {response.status_code}")
        seen |= {t.name for t in response.templates if t.name}
    assert broken == []
    missing = front_end_templates() - seen - set(NOT_PAGES)
    assert missing == set(), "front-end templates with no URL in this test"

    sign_in(page, "senco", DEMO_PASSWORD)
    violations = {}
    for url in urls:
        page.goto(url)
        found = axe_violations(page)
        if found:
            violations[url] = found
    assert violations == {}


def templates_checked():
    return len(front_end_templates() - set(NOT_PAGES))


def tab_to(tab, selector, limit=120):
    """Press Tab until the focused element matches ``selector`` (no mouse)."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if tab.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_only_post_answer_and_read_the_report(page):
    """Post to the wall, answer a skills audit, read the report: Tab, Enter, Space only."""
    from wagtail_send.learning_wall.models import Post
    from wagtail_send.policies.models import SENInformationReportPage
    from wagtail_send.skills_audit.models import Campaign, Response

    load_demo()
    teacher = get_user_model().objects.get(username="teacher")
    sign_in(page, "teacher", DEMO_PASSWORD)

    # Posting: choose the kind by typing its name, type, submit with Enter.
    page.goto(reverse("wagtail_send_learning_wall:create"))
    tab_to(page, "#id_kind")
    page.keyboard.type("Question")
    assert page.evaluate("document.activeElement.value") == "question"
    tab_to(page, "#id_title")
    page.keyboard.type("Now and next boards")
    tab_to(page, "#id_body")
    page.keyboard.type("They calm transitions.")
    tab_to(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert not page.locator(".send-error-summary").count(), page.content()[:3000]
    assert Post.objects.filter(title="Now and next boards", created_by=teacher).exists()

    # Answering: Space picks the first choice of each question; Enter sends.
    campaign = (
        Campaign.objects.active()
        .exclude(responses__created_by=teacher, responses__submitted_at__isnull=False)
        .order_by("-closes_on")
        .first()
    )
    assert campaign is not None, "the demo has no audit left for the teacher to answer"
    page.goto(reverse("wagtail_send_skills_audit:answer", args=[campaign.pk]))
    names = page.evaluate(
        "[...new Set([...document.querySelectorAll('main input[type=radio]')].map(i => i.name))]"
    )
    for name in names:
        tab_to(page, f'input[type=radio][name="{name}"]')
        page.keyboard.press("Space")
    tab_to(page, "button[value=send]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Response.objects.filter(
        campaign=campaign, created_by=teacher, submitted_at__isnull=False
    ).exists()

    # Reading: the first Tab reaches the skip link; the contents lead to each section.
    report = SENInformationReportPage.objects.live().first()
    page.goto(report.url)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    tab_to(page, "nav a[href^='#'], .send-toc a[href^='#'], ol a[href^='#']")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == target
    expect(page.locator(target)).to_be_visible()
