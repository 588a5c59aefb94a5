"""A Welsh translation of the SEN Information Report goes through the governors' approval.

Through the real wagtail-localize and Wagtail admin, so it runs only under
``example_site.settings.localize`` (tests/policies/test_translatable.py starts that run).
"""

import html
import re
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from .conftest import WORDS

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not apps.is_installed("wagtail_localize"), reason="needs the localize settings"
    ),
]


@pytest.fixture
def welsh():
    from wagtail.models import Locale

    return Locale.objects.create(language_code="cy")


def start_translation(client, page, locale, capture):
    """Start a translation as wagtail-localize's "Translate this page" does."""
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    assert client.get(url).status_code == 200
    with capture(execute=True):  # wagtail-localize publishes once its transaction commits
        response = client.post(url, {"locales": [locale.pk]})
    assert response.status_code == 302
    return page.get_translation(locale)


def translate_strings(client, translated, limit=None):
    """Translate the strings in wagtail-localize's editor (its API), all or ``limit``."""
    from wagtail_localize.models import Translation

    translation = Translation.objects.get(target_locale=translated.locale)
    segments = translation.source.stringsegment_set.select_related("string").order_by("order")
    for segment in segments[:limit]:
        url = reverse(
            "wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]
        )
        response = client.put(
            url,
            urlencode({"value": segment.string.data.replace("Pupils", "Disgyblion")}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201), response.content[:300]
    return translation


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def submit_url(page):
    return reverse("wagtail_send_policies_submit_translation", args=[page.pk])


def shown_messages(response):
    return [str(message) for message in response.context["messages"]]


def test_senco_translates_and_submits_and_it_is_published_only_when_approved(
    client, report, people, welsh, django_capture_on_commit_callbacks, mailoutbox
):
    from wagtail.models import TaskState

    client.force_login(people["senco"])
    translated = start_translation(client, report, welsh, django_capture_on_commit_callbacks)
    assert translated is not None
    assert not translated.live  # the report is live, but its translation is not approved

    editor = client.get(edit_url(translated))
    assert editor.status_code == 200
    page = html.unescape(editor.content.decode())
    assert '"canPublish": false' in page  # no "Publish in Welsh" button
    assert submit_url(translated) in page  # the way to approval instead

    # Half translated: not submitted, and the SENCO is told how many strings remain.
    translation = translate_strings(client, translated, limit=3)
    total, done = translation.get_progress()
    response = client.get(submit_url(translated), follow=True)
    assert (
        f"{total - done} of {total} strings of “SEN Information Report” are not yet "
        "translated into Welsh" in " ".join(shown_messages(response))
    )
    translated.refresh_from_db()
    assert not translated.workflow_in_progress

    translate_strings(client, translated)
    assert client.get(submit_url(translated)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            submit_url(translated), {"change_note": "Welsh version for families"}, follow=True
        )
    assert "has been submitted for approval" in " ".join(shown_messages(response))
    translated.refresh_from_db()
    assert translated.workflow_in_progress
    assert not translated.live
    state = TaskState.objects.get(
        workflow_state__object_id=str(translated.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    submitted = state.revision.as_object()
    assert submitted.change_note == "Welsh version for families"
    assert "Disgyblion are supported" in submitted.item_1

    # The governor is asked, and approves it on the same review page as the original's.
    review = reverse("wagtail_send_policies:review", args=[state.pk])
    to_governor = [m for m in mailoutbox if people["governor"].email in m.to]
    assert len(to_governor) == 1 and review in to_governor[0].body
    client.force_login(people["governor"])
    assert client.get(review).status_code == 200
    assert client.post(review, {"decision": "approve"}).status_code == 302
    translated.refresh_from_db()
    assert translated.live
    assert "Disgyblion are supported" in translated.specific.item_1
    report.refresh_from_db()
    assert "Pupils are supported" in report.item_1  # the original is untouched


def test_publish_in_welsh_goes_to_approval_even_for_a_superuser(
    client, report, people, welsh, django_capture_on_commit_callbacks
):
    client.force_login(people["superuser"])
    translated = start_translation(client, report, welsh, django_capture_on_commit_callbacks)
    page = html.unescape(client.get(edit_url(translated)).content.decode())
    assert '"canPublish": false' in page

    # A form that still posts wagtail-localize's "Publish in Welsh" (untranslated strings).
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(translated), {"action": "publish"}, follow=True)
    translated.refresh_from_db()
    assert not translated.live
    said = " ".join(shown_messages(response))
    assert "published only when it is approved" in said
    assert "are not yet translated into Welsh" in said
    assert not translated.workflow_in_progress

    # Fully translated, the same button submits it for approval rather than publishing.
    translate_strings(client, translated)
    response = client.post(edit_url(translated), {"action": "publish"}, follow=True)
    assert response.redirect_chain[-1][0] == submit_url(translated)
    client.post(submit_url(translated), {"change_note": "Welsh version"})
    translated.refresh_from_db()
    assert translated.workflow_in_progress
    assert not translated.live


def test_nothing_publishes_a_translation_without_approval(
    report, people, welsh, django_capture_on_commit_callbacks
):
    from wagtail_localize.models import Translation, TranslationSource

    source, _ = TranslationSource.get_or_create_from_instance(report)
    translation = Translation.objects.create(source=source, target_locale=welsh)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(user=people["superuser"], publish=True)
    translated = report.get_translation(welsh)
    assert not translated.live

    translated.get_latest_revision().publish(user=people["superuser"])
    translated.refresh_from_db()
    assert not translated.live
    assert not translated.permissions_for_user(people["superuser"]).can_publish()
    # The original in the site's own language publishes as before.
    assert report.permissions_for_user(people["superuser"]).can_publish()


def test_the_senco_may_start_a_translation_but_not_staff(client, report, people, welsh):
    url = reverse("wagtail_localize:submit_page_translation", args=[report.pk])
    client.force_login(people["senco"])
    assert client.get(url).status_code == 200
    client.force_login(people["staff"])
    assert client.get(url).status_code in (302, 403)


def approve(client, governor, page):
    from wagtail.models import TaskState

    state = TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    client.force_login(governor)
    review = reverse("wagtail_send_policies:review", args=[state.pk])
    assert client.post(review, {"decision": "approve"}).status_code == 302
    page.refresh_from_db()


def test_a_live_translation_changes_only_when_the_change_is_approved(
    client, report, people, welsh, django_capture_on_commit_callbacks
):
    from wagtail.models import Page

    client.force_login(people["senco"])
    translated = start_translation(client, report, welsh, django_capture_on_commit_callbacks)
    translate_strings(client, translated)
    client.post(submit_url(translated), {"change_note": "Welsh version"})
    approve(client, people["governor"], translated)
    assert translated.live

    def shown():
        return Page.objects.get(pk=translated.pk).specific.item_1

    # The SENCO changes the Welsh and submits it: the live page keeps the approved text.
    translation = translate_strings(client, translated, limit=0)
    segment = translation.source.stringsegment_set.filter(string__data__contains=WORDS).first()
    client.force_login(people["senco"])
    client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        urlencode({"value": "Mae staff hyfforddedig yn cefnogi disgyblion."}),
        content_type="application/x-www-form-urlencoded",
    )
    response = client.post(submit_url(translated), {"change_note": "Shorter"}, follow=True)
    assert "has been submitted for approval" in " ".join(shown_messages(response))
    assert "Disgyblion are supported" in shown()
    assert "Mae staff" in Page.objects.get(pk=translated.pk).get_latest_revision_as_object().item_1

    # "Sync translated pages" with "Publish immediately" leaves the live page alone too.
    source = translation.source
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]),
            {"publish_translations": "on"},
        )
    assert response.status_code == 302
    assert "Disgyblion are supported" in shown()

    approve(client, people["governor"], translated)
    assert "Mae staff" in shown()


def test_an_alias_turned_into_a_translation_is_not_live_until_approved(
    client, report, people, welsh, django_capture_on_commit_callbacks
):
    # A locale synchronised from English shows the approved English report at first.
    alias = report.copy_for_translation(welsh, copy_parents=True, alias=True)
    assert alias.live

    client.force_login(people["senco"])
    translated = start_translation(client, report, welsh, django_capture_on_commit_callbacks)
    assert translated.pk == alias.pk
    assert not translated.live  # its Welsh draft is not shown before approval

    translate_strings(client, translated)
    client.post(submit_url(translated), {"change_note": "Welsh version"})
    approve(client, people["governor"], translated)
    assert translated.live
    assert "Disgyblion are supported" in translated.specific.item_1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_chromium_the_senco_submits_the_welsh_translation(page, public_report, people):
    from playwright.sync_api import expect
    from wagtail.models import Locale
    from wagtail_localize.models import StringTranslation, Translation, TranslationSource

    from tests.conftest import axe_violations, sign_in

    welsh = Locale.objects.create(language_code="cy")
    source, _ = TranslationSource.get_or_create_from_instance(public_report)
    translation = Translation.objects.create(source=source, target_locale=welsh)
    for segment in source.stringsegment_set.select_related("string"):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=welsh,
            context=segment.context,
            data=segment.string.data.replace("Pupils", "Disgyblion"),
        )
    translation.save_target(user=people["senco"], publish=False)
    translated = public_report.get_translation(welsh)

    sign_in(page, "senco")
    page.goto(edit_url(translated))
    page.get_by_role("link", name="Submit for approval").click()
    expect(
        page.get_by_role("heading", name="Submit the Welsh translation for approval")
    ).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("What changed").fill("Welsh version for families")
    page.get_by_role("button", name=re.compile("^Submit to ")).click()
    expect(page.get_by_text("has been submitted for approval")).to_be_visible()
    translated.refresh_from_db()
    assert translated.workflow_in_progress and not translated.live


def test_a_policy_with_an_appendix_is_translated_through_approval(
    client, index, people, welsh, django_capture_on_commit_callbacks
):
    import datetime

    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from wagtail_send.policies.models import PolicyDocument

    from .conftest import make_policy

    # Due after the approval, whatever today is (publishing moves it on from the approval).
    due = timezone.localdate() + datetime.timedelta(days=300)
    policy = make_policy(index, "SEN policy", due, owner=people["senco"])
    appendix = get_document_model().objects.create(
        title="Easy-read version", file=ContentFile(b"%PDF-1.4", name="easy-read.pdf")
    )
    PolicyDocument.objects.create(page=policy, document=appendix, title="Easy-read version")
    policy.save_revision(user=people["senco"]).publish(
        user=people["senco"], skip_permission_checks=True
    )

    client.force_login(people["senco"])
    translated = start_translation(client, policy, welsh, django_capture_on_commit_callbacks)
    assert not translated.live
    translate_strings(client, translated)
    response = client.post(submit_url(translated), {"change_note": "Welsh"}, follow=True)
    assert "has been submitted for approval" in " ".join(shown_messages(response))
    approve(client, people["governor"], translated)
    assert translated.live
    welsh_policy = translated.specific
    assert [item.document for item in welsh_policy.related_documents.all()] == [appendix]
