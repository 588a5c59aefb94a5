"""Recording evidence: the form, save-as-you-go, and the pupil-name warning."""

import pytest

from wagtail_send.audit import verify_history
from wagtail_send.learning_walks.models import Observation
from wagtail_send.learning_walks.names import find_names, replace_names

from .conftest import url

pytestmark = pytest.mark.django_db


def _fields(walk):
    first, second = walk.look_fors.all()
    return f"lf_{first.pk}", f"lf_{second.pk}"


def test_walker_records_evidence_with_their_role_prompts(client, walk, people):
    head = people["slt"]
    visit = walk.visits.first()
    client.force_login(head)
    page = client.get(url("observe", walk.pk, visit.pk)).content.decode()
    assert "How is the task adapted?" in page  # learning-and-teaching prompt
    assert "What helps you learn?" not in page  # pupil-voice prompt
    first, second = _fields(walk)
    response = client.post(
        url("observe", walk.pk, visit.pk),
        {
            first: "Sentence stems on desks",
            second: "",
            "pr_0": "Three levels of task",
            "notes": "",
        },
    )
    assert response.status_code == 302
    observation = Observation.objects.get(visit=visit, created_by=head)
    assert observation.role == "teaching"
    assert observation.note_for(walk.look_fors.first()) == "Sentence stems on desks"
    assert observation.prompt_notes["How is the task adapted?"] == "Three levels of task"
    # The other walker can read it (granted when it was made).
    client.force_login(people["governor"])
    assert "Sentence stems on desks" in client.get(url("triangulate", walk.pk)).content.decode()
    assert verify_history() == []


def test_only_walkers_record_evidence(client, walk, people):
    client.force_login(people["senco"])  # plans the walk but is not walking it
    assert client.get(url("observe", walk.pk, walk.visits.first().pk)).status_code == 403


def test_autosave_stores_notes_and_returns_json(client, walk, people):
    client.force_login(people["slt"])
    visit = walk.visits.first()
    first, _second = _fields(walk)
    response = client.post(
        url("observe", walk.pk, visit.pk), {first: "Visual timetable", "autosave": "1"}
    )
    assert response.status_code == 200
    assert response.json()["saved"] == [first] and response.json()["held"] == []
    observation = Observation.objects.get(visit=visit)
    assert observation.note_for(walk.look_fors.first()) == "Visual timetable"
    client.post(
        url("observe", walk.pk, visit.pk), {first: "Visual timetable used", "autosave": "1"}
    )
    assert Observation.objects.filter(visit=visit).count() == 1
    observation.refresh_from_db()
    assert observation.note_for(walk.look_fors.first()) == "Visual timetable used"


def test_autosave_holds_back_a_note_that_names_a_pupil(client, walk, people):
    client.force_login(people["slt"])
    visit = walk.visits.first()
    first, second = _fields(walk)
    response = client.post(
        url("observe", walk.pk, visit.pk),
        {first: "Amelia Jones used a word mat", second: "Working wall in use", "autosave": "1"},
    )
    result = response.json()
    assert result["held"] == [first] and result["names"] == ["Amelia Jones"]
    observation = Observation.objects.get(visit=visit)
    assert observation.note_for(walk.look_fors.first()) == ""
    assert observation.note_for(walk.look_fors.last()) == "Working wall in use"


def test_saving_a_pupil_name_asks_first_and_loses_nothing(client, walk, people):
    client.force_login(people["slt"])
    visit = walk.visits.first()
    first, _second = _fields(walk)
    data = {first: "Oliver needed the TA to restate the task", "notes": ""}
    response = client.post(url("observe", walk.pk, visit.pk), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your notes may name a pupil: Oliver." in page
    assert "Oliver needed the TA to restate the task</textarea>" in page
    assert "Replace them with initials" in page
    assert not Observation.objects.filter(visit=visit).exists()

    response = client.post(url("observe", walk.pk, visit.pk), {**data, "names_action": "initials"})
    assert response.status_code == 302
    observation = Observation.objects.get(visit=visit)
    assert observation.note_for(walk.look_fors.first()) == "O. needed the TA to restate the task"


def test_replace_with_pupil_or_keep(client, walk, people):
    client.force_login(people["slt"])
    visit = walk.visits.first()
    first, _second = _fields(walk)
    client.post(
        url("observe", walk.pk, visit.pk),
        {first: "Grace Hall read aloud", "names_action": "pupil"},
    )
    observation = Observation.objects.get(visit=visit)
    assert observation.note_for(walk.look_fors.first()) == "pupil read aloud"
    client.post(
        url("observe", walk.pk, visit.pk),
        {first: "Display about Florence Nightingale", "names_action": "keep"},
    )
    observation.refresh_from_db()
    assert observation.note_for(walk.look_fors.first()) == "Display about Florence Nightingale"


def test_staff_first_names_are_not_flagged(walk, people, make_user):
    make_user("tpeters", school=walk.school, role="staff", last_name="Peters")
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(username="tpeters").update(first_name="Thomas")
    from wagtail_send.learning_walks.names import staff_first_names

    assert find_names("Thomas modelled it; Jack listened", staff_first_names(walk)) == ["Jack"]


def test_name_helpers():
    assert find_names("Then Isla Brown and isla and Isla spoke.") == ["Isla Brown", "Isla"]
    assert (
        replace_names("Isla Brown and Isla", ["Isla Brown", "Isla"], "initials") == "I.B. and I."
    )
