"""Someone with write access to the database cannot rewrite history and still verify."""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import checks
from django.core.management import call_command

from tests.testapp.models import Note, NoteUserGrant
from wagtail_send.audit import acting_as, erase, verify_history
from wagtail_send.audit.digests import write_digest
from wagtail_send.audit.keys import sealing_key
from wagtail_send.models import AccessChange, Membership
from wagtail_send.roles import Role

from .tampering import execute, guessed_key, quoted, reseal, tamper_with_history

KEY = "k" * 40
NEW_KEY = "n" * 40


@pytest.fixture
def key_file(settings, tmp_path):
    path = tmp_path / "history.key"
    path.write_text(f"# the school's history key\n{KEY}\n")
    settings.WAGTAILSEND_HISTORY_KEY_FILE = str(path)
    return path


@pytest.fixture
def digests(settings, tmp_path):
    settings.WAGTAILSEND_HISTORY_DIGEST_DIR = str(tmp_path / "digests")
    return tmp_path / "digests"


def _note(school, senco, edits=3):
    with acting_as(senco, "Drafting"):
        note = Note.objects.create(school=school, title="Support plan")
        for n in range(edits):
            note.body = f"draft {n}"
            note.save()
    return note


def _rows(record):
    return list(type(record).history.filter(id=record.pk).order_by("history_seq"))


def _only_fault(faults):
    assert len(faults) == 1, [str(f) for f in faults]
    return faults[0]


@pytest.mark.parametrize("rehash", ["sha256", "guessed key"])
def test_rewriting_who_made_a_change_and_rehashing_is_reported(key_file, school, people, rehash):
    note = _note(school, people["senco"])
    second = _rows(note)[1]
    tamper_with_history()
    execute(
        f"UPDATE {quoted(Note.history.model)} SET history_user_id = %s, "  # noqa: S608
        "history_change_reason = 'Tidying' WHERE history_id = %s",
        [people["staff"].pk, second.history_id],
    )
    key = guessed_key(sealing_key().id) if rehash == "guessed key" else None
    reseal(Note.history.model, note.pk, key, from_seq=second.history_seq)
    # Only the notes: the rows migrate wrote were sealed before this key file was set.
    fault = _only_fault(verify_history([Note.history.model]))
    # The row before stays good; the rewritten one is named, and no later one.
    assert (fault.record_id, fault.history_id) == (note.pk, second.history_id)
    expected = "not sealed with a key" if key is None else "edited after it was written"
    assert expected in fault.problem


def test_a_rotated_key_keeps_old_rows_verifying_and_an_unknown_key_is_named(
    settings, key_file, school, people
):
    old = _note(school, people["senco"], edits=1)
    key_file.write_text(f"{KEY}\n{NEW_KEY}\n")
    settings.WAGTAILSEND_HISTORY_KEY_FILE = str(key_file)  # read again, as on a restart
    new = _note(school, people["senco"], edits=1)
    assert {r.history_hash.split(":")[0] for r in _rows(old)} != {
        r.history_hash.split(":")[0] for r in _rows(new)
    }
    assert verify_history([Note.history.model]) == []
    key_file.write_text(f"{NEW_KEY}\n")
    settings.WAGTAILSEND_HISTORY_KEY_FILE = str(key_file)
    fault = _only_fault(verify_history([Note.history.model]))
    assert fault.record_id == old.pk and "does not hold" in fault.problem


def test_a_record_deleted_with_sql_is_reported(school, make_user):
    membership = Membership.objects.create(user=make_user("ta"), school=school, role=Role.STAFF)
    execute(f"DELETE FROM {quoted(Membership)} WHERE id = %s", [membership.pk])  # noqa: S608
    fault = _only_fault(verify_history())
    assert fault.model == "wagtail_send.Membership" and fault.record_id == membership.pk
    assert "deleted without history" in fault.problem


def test_a_record_deleted_with_its_whole_history_is_reported_by_the_digest(
    digests, school, people
):
    note = _note(school, people["senco"])
    kept = _note(school, people["senco"])
    call_command("write_send_history_digest")
    tamper_with_history()
    execute(f"DELETE FROM {quoted(Note.history.model)} WHERE id = %s", [note.pk])  # noqa: S608
    execute(f"DELETE FROM {quoted(Note)} WHERE id = %s", [note.pk])  # noqa: S608
    fault = _only_fault(verify_history())
    assert fault.record_id == note.pk != kept.pk
    assert "whole history were deleted" in fault.problem


def test_an_erased_record_is_not_reported_missing(digests, school, people):
    note = _note(school, people["senco"])
    write_digest(digests)
    erase(note, by=people["senco"], reason="Request 7")
    assert verify_history() == []


def test_rows_cut_off_the_end_are_reported_by_the_digest(digests, school, people):
    note = _note(school, people["senco"])
    write_digest(digests)
    last, before = _rows(note)[-1], _rows(note)[-2]
    tamper_with_history()
    # Take the last change back, record and history both, so they still agree.
    execute(f"DELETE FROM {quoted(Note.history.model)} WHERE history_id = %s", [last.history_id])  # noqa: S608
    execute(f"UPDATE {quoted(Note)} SET body = %s WHERE id = %s", [before.body, note.pk])  # noqa: S608
    execute(
        f"UPDATE {quoted(Note)} SET updated_at = %s WHERE id = %s",  # noqa: S608
        [before.updated_at, note.pk],
    )
    fault = _only_fault(verify_history())
    assert fault.record_id == note.pk and "cut off the end" in fault.problem


def test_an_altered_or_missing_digest_is_reported(digests, school, people):
    _note(school, people["senco"])
    first = write_digest(digests)
    second = write_digest(digests)
    third = write_digest(digests)
    assert verify_history() == []
    body = json.loads(third.read_text())
    body["tables"][Note.history.model._meta.db_table]["heads"] = []
    third.write_text(json.dumps(body))
    second.unlink()
    faults = {f.record_id: f.problem for f in verify_history()}
    assert faults == {third.name: "the digest was altered after it was signed"}
    body = json.loads(first.read_text())
    write_digest(digests)  # chained to the altered digest's signature
    assert first.name not in faults and body["previous"] == ""


def test_a_membership_slipped_in_by_hand_is_reported_and_migrate_does_not_bless_it(
    school, make_user
):
    ta = make_user("ta", school=school, role=Role.STAFF)
    execute(
        f"INSERT INTO {quoted(Membership)} (user_id, school_id, role, job_title) "  # noqa: S608
        "VALUES (%s, %s, %s, '')",
        [ta.pk, school.pk, Role.SENCO],
    )
    smuggled = Membership.objects.get(user=ta, role=Role.SENCO)
    call_command("migrate", verbosity=0)
    fault = _only_fault(verify_history())
    assert fault.record_id == smuggled.pk and "arrived without history" in fault.problem


def test_start_send_history_gives_existing_data_its_first_rows(school, make_user):
    ta = make_user("ta")
    execute(
        f"INSERT INTO {quoted(Membership)} (user_id, school_id, role, job_title) "  # noqa: S608
        "VALUES (%s, %s, %s, '')",
        [ta.pk, school.pk, Role.STAFF],
    )
    assert len(verify_history()) == 1
    call_command("start_send_history", note="Installed over the old intranet's data")
    assert verify_history() == []
    assert Membership.history.get(user=ta).history_change_reason == (
        "Installed over the old intranet's data"
    )


def test_queryset_update_of_memberships_writes_history(school, people):
    with acting_as(people["senco"], "Promoted"):
        assert Membership.objects.filter(user=people["staff"]).update(role=Role.SENCO) == 1
    row = Membership.history.filter(user=people["staff"]).order_by("history_seq").last()
    assert (row.role, row.history_user_id, row.history_change_reason) == (
        Role.SENCO,
        people["senco"].pk,
        "Promoted",
    )
    assert verify_history() == []


def test_a_grant_written_by_hand_is_reported(school, people):
    from django.contrib.auth.models import Permission

    note = _note(school, people["senco"], edits=0)
    permission = Permission.objects.get(codename="view_note")
    NoteUserGrant.objects.create(user=people["guest"], permission=permission, content_object=note)
    fault = _only_fault(verify_history())
    assert fault.model == "testapp.NoteUserGrant" and "not the access log's" in fault.problem


def test_an_access_log_row_edited_or_removed_is_reported(school, people):
    from wagtail_send.access.grants import grant

    note = _note(school, people["senco"], edits=0)
    grant(note, people["staff"], "change", by=people["senco"])
    assert verify_history() == []
    logged = AccessChange.objects.get(object_id=note.pk)
    execute(
        f"UPDATE {quoted(AccessChange)} SET changed_by_id = %s WHERE id = %s",  # noqa: S608
        [people["staff"].pk, logged.pk],
    )
    fault = _only_fault(verify_history())
    assert fault.model == "wagtail_send.AccessChange" and fault.record_id == logged.pk
    execute(f"DELETE FROM {quoted(AccessChange)} WHERE id = %s", [logged.pk])  # noqa: S608
    problems = {(f.model, f.problem.split(" (")[0]) for f in verify_history()}
    assert problems == {
        ("wagtail_send.AccessChange", "the record was deleted without history"),
        (
            "testapp.NoteUserGrant",
            f"the grant of change on testapp.Note #{note.pk} to person "
            f"#{people['staff'].pk} is not the access log's",
        ),
    }
    assert ContentType.objects.get_for_model(note).pk == logged.content_type_id


def test_deploy_checks_warn_while_the_key_comes_from_secret_key(settings, key_file, digests):
    def warnings():
        return {m.id for m in checks.run_checks(include_deployment_checks=True)} & {
            "wagtail_send.W011",
            "wagtail_send.W012",
        }

    assert warnings() == set()
    settings.WAGTAILSEND_HISTORY_KEY_FILE = ""
    settings.WAGTAILSEND_HISTORY_DIGEST_DIR = ""
    assert warnings() == {"wagtail_send.W011", "wagtail_send.W012"}
