"""Subject access covers every model that links to a person; reads are logged."""

import json
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from tests.testapp.models import Note
from wagtail_send.access import grant
from wagtail_send.privacy import log_read, personal_data_models, reads_of


def models_linking_to_people():
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for config in apps.get_app_configs():
        if not (config.name.startswith("wagtail_send") or config.name == "tests.testapp"):
            continue
        for model in config.get_models():
            if model.__name__.startswith("Historical"):
                continue
            for field in model._meta.local_concrete_fields:
                if field.is_relation and field.related_model is user_model:
                    yield model, field.name


def test_every_link_to_a_person_is_registered_for_subject_access():
    registry = personal_data_models()
    missing = [
        f"{model._meta.label}.{field}"
        for model, field in models_linking_to_people()
        if field not in registry.get(model, ())
    ]
    assert missing == []


def test_export_contains_what_the_person_wrote_and_was_given(people, school):
    teacher = people["teacher"] if "teacher" in people else people["staff"]
    note = Note.objects.create(school=school, title="My idea", created_by=teacher)
    Note.objects.create(school=school, title="Someone else's")
    grant(note, people["guest"], "view", by=people["senco"], as_guest=True)
    out = StringIO()
    call_command("export_personal_data", teacher.username, stdout=out)
    export = json.loads(out.getvalue())
    assert [row["title"] for row in export["testapp.Note"]] == ["My idea"]
    assert export["wagtail_send.Membership"][0]["role"] == "staff"
    guest_export = json.loads(_export(people["guest"]))
    assert guest_export["wagtail_send.AccessChange"][0]["action"] == "view"
    assert guest_export["testapp.NoteUserGrant"]


def _export(user):
    out = StringIO()
    call_command("export_personal_data", user.username, stdout=out)
    return out.getvalue()


def test_unknown_person_is_a_clear_error(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="No account"):
        call_command("export_personal_data", "nobody")


def test_reads_are_logged(people, school):
    note = Note.objects.create(school=school, title="Feedback")
    log_read(people["senco"], note)
    assert [r.reader for r in reads_of(note)] == [people["senco"]]
