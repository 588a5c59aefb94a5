"""Subject access covers every model that links to a person; reads are logged."""

import json
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from tests.testapp.models import Note
from wagtail_send.access import grant
from wagtail_send.privacy import log_read, person_name_models, personal_data_models, reads_of

#: Name fields that name things, not people (a new one must be registered or added here).
NOT_PEOPLE = {
    "wagtail_send.NeedType.name",
    "wagtail_send.School.name",
    "wagtail_send_learning_wall.Team.name",
    "wagtail_send_learning_wall.HalfTerm.name",
    "wagtail_send_learning_wall.PostImage.original_name",
    "wagtail_send_learning_wall.PostDocument.original_name",
    "wagtail_send_directory.Organisation.name",
    "wagtail_send_directory.Service.name",
    "wagtail_send_directory.Location.name",
    "wagtail_send_learning_walks.ObservationTemplate.name",
    "wagtail_send_directory.TaxonomyTerm.name",
    "wagtail_send_directory.FeedSubscription.name",
    # The governing body's committee that decides ("Curriculum and standards committee").
    "wagtail_send_policies.ReviewOnlyApprovalTask.body_name",
    # A principle of inclusion ("Knowing children well, early and often").
    "wagtail_send_policies.InclusionPrinciple.name",
}


def our_models():
    for config in apps.get_app_configs():
        if config.name.startswith("wagtail_send") or config.name == "tests.testapp":
            yield from (m for m in config.get_models() if not m.__name__.startswith("Historical"))


def models_linking_to_people():
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for model in our_models():
        for field in model._meta.local_concrete_fields:
            if field.is_relation and field.related_model is user_model:
                yield model, field.name


def name_fields():
    """``(model, field)`` for every text field called a name (``name``, ``senco_name``)."""
    for model in our_models():
        for field in model._meta.local_concrete_fields:
            is_text = field.get_internal_type() in ("CharField", "TextField")
            named = field.name == "name" or field.name.endswith("_name")
            if is_text and named and f"{model._meta.label}.{field.name}" not in NOT_PEOPLE:
                yield model, field.name


@pytest.mark.parametrize(
    "found, registry",
    [(models_linking_to_people, personal_data_models), (name_fields, person_name_models)],
    ids=["links to a person", "names of people"],
)
def test_every_place_holding_a_person_is_registered_for_subject_access(found, registry):
    registered = registry()
    missing = [
        f"{model._meta.label}.{field}"
        for model, field in found()
        if field not in registered.get(model, ())
    ]
    assert missing == []


def test_subject_access_coverage(capsys):
    holding = {m for m, _ in models_linking_to_people()} | {m for m, _ in name_fields()}
    registered = set(personal_data_models()) | set(person_name_models())
    assert holding <= registered
    with capsys.disabled():
        print(
            f"\nSAR coverage: {len(holding & registered)} models registered / "
            f"{len(holding)} models holding personal data"
        )


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
