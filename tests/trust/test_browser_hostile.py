"""In Chromium: hostile input in every text field, rich text and file name never runs.

The demo school is loaded; the wall's front-end form takes every payload (title, rich
text body, photo description, file name, reply); every other feature record gets the
payloads in each free-text field. A SENCO, who may see all of it, then opens every page
that shows it, on the front end and in the admin, while the browser listens for dialogs
and ``window.__xss``.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import NoReverseMatch, get_resolver, reverse
from playwright.sync_api import expect
from wagtail.admin.viewsets import viewsets

from tests.conftest import sign_in
from wagtail_send.models import School
from wagtail_send.viewsets import SchoolRecordViewSet

from . import hostile
from .demo import DEMO_PASSWORD, load_demo
from .factories import feature_record_models, make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


#: front-end views that show one record, by model, and how to reach them from a record
FRONT_END_PAGES = {
    "wagtail_send_learning_walks.LearningWalk": ["wagtail_send_learning_walks:plan"],
    "wagtail_send_learning_walks.Feedback": ["wagtail_send_learning_walks:feedback"],
    "wagtail_send_skills_audit.Response": ["wagtail_send_skills_audit:response"],
    "wagtail_send_skills_audit.NeedProfile": ["wagtail_send_skills_audit:profile"],
    "wagtail_send_skills_audit.Campaign": [
        "wagtail_send_skills_audit:responses",
        "wagtail_send_skills_audit:summary",
    ],
}


def _post_through_the_wall_form(user, school):
    from wagtail_send.learning_wall.models import Post

    client = Client()
    client.force_login(user)
    response = client.post(
        reverse("wagtail_send_learning_wall:create"),
        {
            "school": school.pk,
            "kind": "resource",
            "title": hostile.SHORT,
            "body": hostile.ALL,
            "file": SimpleUploadedFile(hostile.FILE_NAME, b"plan", content_type="text/plain"),
        },
    )
    assert response.status_code == 302, response.content[:2000]
    post = Post.objects.get(title=hostile.SHORT)
    reply = client.post(
        reverse("wagtail_send_learning_wall:reply", args=[post.pk]), {"body": hostile.ALL}
    )
    assert reply.status_code == 302
    return post


def _record_pages(records):
    _ = get_resolver().url_patterns  # the admin registers its viewsets while loading its URLs
    urls = []
    for viewset in viewsets.viewsets:
        if isinstance(viewset, SchoolRecordViewSet) and viewset.model in records:
            record = records[viewset.model]
            urls.append(reverse(viewset.get_url_name("index")))
            for name in ("edit", "history", "inspect"):
                try:
                    urls.append(reverse(viewset.get_url_name(name), args=[record.pk]))
                except NoReverseMatch:
                    continue
    for model, record in records.items():
        for name in FRONT_END_PAGES.get(model._meta.label, ()):
            urls.append(reverse(name, args=[record.pk]))
    return urls


def test_no_payload_runs_anywhere_it_is_shown(page):
    from wagtail_send.learning_wall.pages import LearningWallPage

    load_demo()
    school = School.objects.get(urn="999901")
    from django.contrib.auth import get_user_model

    senco = get_user_model().objects.get(username="senco")
    post = _post_through_the_wall_form(get_user_model().objects.get(username="teacher"), school)
    records = {}
    for model in feature_record_models():
        records[model] = make(model, school=school, author=senco, **hostile.text_values(model))
    urls = [
        LearningWallPage.objects.live().first().url,
        reverse("wagtail_send_learning_wall:post", args=[post.pk]),
        reverse("wagtail_send_learning_wall:meeting"),
        reverse("wagtail_send_learning_walks:index"),
        reverse("wagtail_send_skills_audit:index"),
        reverse("wagtail_send_skills_audit:profiles"),
        *_record_pages(records),
    ]
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(page.url), dialog.dismiss()))
    sign_in(page, "senco", DEMO_PASSWORD)
    ran, broken = [], []
    for url in urls:
        response = page.goto(url)
        if response.status != 200:
            broken.append(f"{url}: {response.status}")
            continue
        page.wait_for_timeout(50)
        if page.evaluate("window.__xss !== undefined"):
            ran.append(url)
        if page.evaluate(
            "[...document.querySelectorAll('a[href], iframe[src]')].some(e => "
            "/^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src')))"
        ):
            ran.append(f"{url} (javascript: link)")
    assert broken == []
    assert ran == []
    assert dialogs == []
    # The payloads were stored and shown as text, not dropped on the way.
    page.goto(reverse("wagtail_send_learning_wall:post", args=[post.pk]))
    expect(page.get_by_text("onerror=window.__xss=1", exact=False).first).to_be_visible()


def payload_count():
    """Payloads x fields they went through (front-end form fields + record text fields)."""
    fields = 4  # wall title, wall rich-text body, file name, reply
    fields += sum(len(hostile.text_values(m)) for m in feature_record_models())
    return len(hostile.PAYLOADS), fields
