"""UK GDPR: subject access end to end, reads logged, retention, legal hold."""

import datetime
import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from wagtail_send.privacy import reads_of

from .demo import load_demo
from .factories import make


def test_subject_access_export_for_a_demo_teacher_covers_every_feature(db):
    """The demo's Year 3 teacher posted, answered an audit and had their class visited."""
    load_demo()
    out = StringIO()
    call_command("export_personal_data", "teacher", stdout=out)
    export = json.loads(out.getvalue())
    assert export["person"]["username"] == "teacher"
    teacher = get_user_model().objects.get(username="teacher")
    for label in (
        "wagtail_send.Membership",
        "wagtail_send_learning_wall.Post",
        "wagtail_send_skills_audit.Response",
    ):
        assert label in export, label
        assert all(teacher.pk in row.values() for row in export[label]), label
    walks = [label for label in export if label.startswith("wagtail_send_learning_walks.")]
    assert walks, "nothing from learning walks, though the teacher's class was visited"


def test_the_bundle_holds_what_was_written_about_the_person_and_earlier_versions(
    cast, school, tmp_path
):
    import csv
    import zipfile

    from wagtail_send.learning_walks.models import Feedback
    from wagtail_send.learning_wall.models import Post, Reply

    person = cast["author"]
    person.first_name, person.last_name = "Amira", "Khan"
    person.save()
    post = make(Post, school=school, author=person)
    post.title = "Sorting trays, second go"
    post.save()
    feedback = make(Feedback, school=school, author=cast["senco"])
    feedback.visit.staff_member = person
    feedback.visit.save()
    feedback.went_well = "Clear visual timetable at the start of the lesson"
    feedback.save()
    other = make(Post, school=school, author=cast["staff"])
    Reply.objects.create(
        school=school, post=other, body="Ask Amira Khan about this", created_by=cast["senco"]
    )
    Reply.objects.create(school=school, post=other, body="Lovely", created_by=cast["senco"])
    path = tmp_path / "sar.zip"
    call_command("export_personal_data", person.username, bundle=str(path), stdout=StringIO())

    with zipfile.ZipFile(path) as bundle:
        index = bundle.read("index.html").decode()
        files = {
            name: list(csv.DictReader(bundle.read(name).decode().splitlines()))
            for name in bundle.namelist()
            if name.endswith(".csv")
        }
        assert json.loads(bundle.read("data.json"))["person"]["first_name"] == "Amira"
    assert "Amira Khan" in index
    for name in files:
        assert f'href="{name}"' in index
    assert [r["went_well"] for r in files["wagtail_send_learning_walks-feedback.csv"]] == [
        "Clear visual timetable at the start of the lesson"
    ]
    assert [r["body"] for r in files["wagtail_send_learning_wall-reply.csv"]] == [
        "Ask Amira Khan about this"
    ]
    earlier = files["wagtail_send_learning_wall-post-history.csv"]
    titles = [r["title"] for r in earlier if r["id"] == str(post.pk)]
    assert "Sorting trays, second go" in titles and len(titles) == 2


def test_reading_someone_elses_audit_answers_is_logged(cast, school, client):
    from wagtail_send.skills_audit.models import Response

    response = make(Response, school=school, author=cast["author"])
    url = reverse("wagtail_send_skills_audit:response", args=[response.pk])
    client.force_login(cast["author"])
    assert client.get(url).status_code == 200
    assert list(reads_of(response)) == []  # reading your own answers is not logged
    client.force_login(cast["senco"])
    assert client.get(url).status_code == 200
    assert [r.reader for r in reads_of(response)] == [cast["senco"]]


def test_reading_learning_walk_feedback_is_logged(cast, school, client):
    from wagtail_send.access import grant
    from wagtail_send.learning_walks.models import Feedback

    feedback = make(Feedback, school=school, author=cast["senco"])
    teacher = feedback.visit.staff_member  # the factory's visit is to the author's class
    feedback.visit.staff_member = cast["author"]
    feedback.visit.save()
    grant(feedback, cast["author"], "view", by=cast["senco"])
    url = reverse("wagtail_send_learning_walks:feedback", args=[feedback.pk])
    client.force_login(cast["author"])
    assert client.get(url).status_code == 200
    assert list(reads_of(feedback)) == []  # the person it is about reading it: not logged
    client.force_login(cast["senco"])
    assert client.get(url).status_code == 200
    assert [r.reader for r in reads_of(feedback)] == [cast["senco"]]
    assert teacher is not None


@pytest.mark.parametrize("view", ["inspect", "history"])
def test_reading_answers_in_the_wagtail_admin_is_logged(view, cast, school, client):
    from wagtail_send.skills_audit.models import Response

    response = make(Response, school=school, author=cast["author"])
    url = reverse(f"skills_audit_answers:{view}", args=[response.pk])
    client.force_login(cast["senco"])
    assert client.get(url).status_code == 200
    assert [r.reader for r in reads_of(response)] == [cast["senco"]]
    own = make(Response, school=school, author=cast["senco"])
    assert client.get(reverse(f"skills_audit_answers:{view}", args=[own.pk])).status_code == 200
    assert list(reads_of(own)) == []  # the SENCO's own answers
    # Someone refused the page has read nothing.
    client.force_login(cast["other_staff"])
    assert client.get(url).status_code in (302, 403, 404)
    assert [r.reader for r in reads_of(response)] == [cast["senco"]]


def test_the_admin_does_not_log_reads_of_records_that_are_not_about_one_person(
    cast, school, client
):
    from wagtail_send.models import RecordRead
    from wagtail_send.skills_audit.models import Campaign

    campaign = make(Campaign, school=school, author=cast["author"])
    client.force_login(cast["senco"])
    for view in ("inspect", "history"):
        url = reverse(f"skills_audit_campaigns:{view}", args=[campaign.pk])
        assert client.get(url).status_code == 200
    assert not RecordRead.objects.exists()


def test_retention_command_erases_old_answers_and_keeps_recent_ones(cast, school):
    from wagtail_send.models import ErasureRecord
    from wagtail_send.skills_audit.models import Campaign, Response

    today = timezone.localdate()
    old = make(Campaign, school=school, author=cast["senco"])
    Campaign.objects.filter(pk=old.pk).update(closes_on=today - datetime.timedelta(days=40))
    recent = make(Campaign, school=school, author=cast["senco"])
    Campaign.objects.filter(pk=recent.pk).update(closes_on=today - datetime.timedelta(days=5))
    gone = make(Response, school=school, author=cast["author"], campaign=old)
    kept = make(Response, school=school, author=cast["author"], campaign=recent)
    with override_settings(WAGTAILSEND_ANSWER_RETENTION_DAYS=30):
        call_command("skills_audit_retention", stdout=StringIO())
    assert not Response.objects.filter(pk=gone.pk).exists()
    assert Response.objects.filter(pk=kept.pk).exists()
    assert ErasureRecord.objects.filter(object_id=gone.pk).exists()


def test_erasure_and_retention_respect_a_legal_hold(cast, school):
    from django.core.exceptions import ValidationError

    from wagtail_send.audit import erase, lift_legal_hold, place_legal_hold
    from wagtail_send.learning_wall.models import Post
    from wagtail_send.models import LegalHold
    from wagtail_send.skills_audit.models import Campaign, Response

    post = make(Post, school=school, author=cast["author"])
    with pytest.raises(ValidationError):
        place_legal_hold(post, by=cast["senco"], reason=" ")
    place_legal_hold(post, by=cast["senco"], reason="Tribunal 2026/14")
    with pytest.raises(ValidationError, match="legal hold"):
        erase(post, by=cast["senco"], reason="Data-protection request 9")
    assert Post.objects.filter(pk=post.pk).exists()
    assert lift_legal_hold(post, by=cast["senco"]) == 1
    erase(post, by=cast["senco"], reason="Data-protection request 9")
    assert not Post.objects.filter(pk=post.pk).exists()
    hold = LegalHold.objects.get()
    assert hold.lifted_by == cast["senco"] and hold.history.count() == 2

    # Retention skips held answers and erases the rest.
    campaign = make(Campaign, school=school, author=cast["senco"])
    Campaign.objects.filter(pk=campaign.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=40)
    )
    held = make(Response, school=school, author=cast["author"], campaign=campaign)
    other = make(Response, school=school, author=cast["staff"], campaign=campaign)
    place_legal_hold(held, by=cast["senco"], reason="Grievance 3")
    with override_settings(WAGTAILSEND_ANSWER_RETENTION_DAYS=30):
        call_command("skills_audit_retention", stdout=StringIO())
    assert Response.objects.filter(pk=held.pk).exists()
    assert not Response.objects.filter(pk=other.pk).exists()
