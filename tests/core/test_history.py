"""Every write path on a tracked record leaves a history row with the user, or is refused."""

import random

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from wagtail.signal_handlers import disable_reference_index_auto_update

from tests.conftest import tamper_with_history
from tests.testapp.models import Note
from wagtail_send.audit import HistoryRequired, acting_as, erase, verify_history
from wagtail_send.models import ErasureRecord


@pytest.fixture
def senco(people):
    return people["senco"]


def history_of(record):
    return list(
        record.history.order_by("history_seq").values_list(
            "history_type", "history_user_id", "history_change_reason"
        )
    )


def test_save_create_and_change(senco, school):
    with acting_as(senco, "Planning"):
        note = Note.objects.create(school=school, title="A")
        note.title = "B"
        note.save()
    assert history_of(note) == [("+", senco.pk, "Planning"), ("~", senco.pk, "Planning")]
    assert note.history.first().history_date.tzinfo is not None


def test_a_save_costs_three_statements_however_long_its_history(senco, school):
    """The record's UPDATE, one probe of its chain head, the history INSERT: no more."""
    note = Note.objects.create(school=school, title="A")
    with acting_as(senco, "Drafting"):
        for n in range(30):
            note.body = f"draft {n}"
            note.save()
        # Once the admin has loaded, Wagtail's reference index adds its own queries.
        with disable_reference_index_auto_update(), CaptureQueriesContext(connection) as saved:
            note.body = "final"
            note.save()
    statements = [query["sql"].split()[0] for query in saved.captured_queries]
    assert statements == ["UPDATE", "SELECT", "INSERT"]
    # The head is read directly (ORDER BY ... LIMIT 1), not by a subquery run per row.
    assert saved.captured_queries[1]["sql"].upper().count("SELECT") == 1
    assert note.history.count() == 32
    assert note.history.first().body == "final"
    assert verify_history([Note.history.model]) == []


def test_queryset_update_writes_one_row_per_record(senco, school):
    with acting_as(senco):
        Note.objects.bulk_create([Note(school=school, title=f"n{i}") for i in range(3)])
        assert Note.objects.filter(title__startswith="n").update(body="checked") == 3
    for note in Note.objects.all():
        assert [t for t, *_ in history_of(note)] == ["+", "~"]
        assert note.history.first().body == "checked"


def test_update_with_an_expression_is_refused(school):
    Note.objects.create(school=school, title="A")
    with pytest.raises(HistoryRequired):
        Note.objects.update(title=F("body"))


def test_bulk_create_with_conflict_handling_is_refused(school):
    with pytest.raises(HistoryRequired):
        Note.objects.bulk_create([Note(school=school, title="A")], ignore_conflicts=True)


def test_bulk_update_writes_history_and_stamps_updated_at(senco, school):
    notes = Note.objects.bulk_create([Note(school=school, title=f"n{i}") for i in range(2)])
    before = {n.pk: n.updated_at for n in Note.objects.all()}
    for note in notes:
        note.title += "!"
    with acting_as(senco, "Tidy titles"):
        Note.objects.bulk_update(notes, ["title"])
    for note in Note.objects.all():
        assert note.title.endswith("!")
        assert note.updated_at > before[note.pk]
        assert history_of(note)[-1] == ("~", senco.pk, "Tidy titles")


def test_delete_archives_and_restore_brings_back(senco, school):
    note = Note.objects.create(school=school, title="A")
    with acting_as(senco):
        note.delete()
    note.refresh_from_db()
    assert note.is_archived
    assert not Note.objects.active().filter(pk=note.pk).exists()
    with acting_as(senco):
        note.restore()
    assert not Note.objects.get(pk=note.pk).is_archived
    assert [r for *_, r in history_of(note)][-2:] == ["Archived", "Restored"]


def test_queryset_delete_archives(senco, school):
    Note.objects.bulk_create([Note(school=school, title=f"n{i}") for i in range(2)])
    with acting_as(senco):
        Note.objects.all().delete()
    assert Note.objects.count() == 2
    assert Note.objects.active().count() == 0


def test_erasure_removes_the_record_and_its_history_but_logs_the_fact(senco, school):
    note = Note.objects.create(school=school, title="Personal", body="private")
    note.title = "Personal 2"
    note.save()
    erasure = erase(note, by=senco, reason="Subject access request 42")
    assert not Note.objects.filter(pk=erasure.object_id).exists()
    assert not Note.history.filter(id=erasure.object_id).exists()
    logged = ErasureRecord.objects.get()
    # Created, changed, and the row its deletion wrote.
    assert logged.history_rows_removed == 3 and logged.erased_by == senco
    assert "private" not in str(vars(logged))
    assert verify_history() == []


def test_erasure_needs_a_reason(senco, school):
    from django.core.exceptions import ValidationError

    note = Note.objects.create(school=school, title="A")
    with pytest.raises(ValidationError):
        erase(note, by=senco, reason=" ")
    assert Note.objects.filter(pk=note.pk).exists()


def _history_table():
    return Note.history.model._meta.db_table


def _make_history(school, records=5, edits=4):
    for i in range(records):
        note = Note.objects.create(school=school, title=f"n{i}")
        for j in range(edits):
            note.body = f"edit {j}"
            note.save()


def test_an_intact_history_verifies(school):
    _make_history(school)
    assert verify_history() == []


@pytest.mark.parametrize(
    "tamper",
    ["edit", "delete_middle", "delete_last", "insert", "reorder", "edit_record"],
)
def test_each_kind_of_tampering_is_named(school, tamper):
    _make_history(school, records=2, edits=3)
    table = _history_table()
    rows = list(Note.history.filter(id=Note.objects.first().pk).order_by("history_seq"))
    tamper_with_history()
    with connection.cursor() as cursor:
        if tamper == "edit":
            cursor.execute(
                f"UPDATE {table} SET body = 'forged' WHERE history_id = %s", [rows[1].history_id]
            )  # noqa: S608
        elif tamper == "delete_middle":
            cursor.execute(f"DELETE FROM {table} WHERE history_id = %s", [rows[1].history_id])  # noqa: S608
        elif tamper == "delete_last":
            cursor.execute(f"DELETE FROM {table} WHERE history_id = %s", [rows[-1].history_id])  # noqa: S608
        elif tamper == "insert":
            row = rows[1]
            row.history_id = None
            row.body = "inserted"
            row.save()
        elif tamper == "reorder":
            a, b = rows[1], rows[2]
            cursor.execute(
                f"UPDATE {table} SET history_seq = %s WHERE history_id = %s",
                [b.history_seq, a.history_id],
            )  # noqa: S608
            cursor.execute(
                f"UPDATE {table} SET history_seq = %s WHERE history_id = %s",
                [a.history_seq, b.history_id],
            )  # noqa: S608
        elif tamper == "edit_record":
            cursor.execute(
                f"UPDATE {Note._meta.db_table} SET title = 'changed quietly' WHERE id = %s",
                [rows[0].id],
            )  # noqa: S608
    faults = verify_history()
    assert faults, tamper
    assert all(f.record_id == rows[0].id for f in faults)


def test_random_tampering_is_always_caught(school):
    """1,000 random edits to random history fields, each undone before the next."""
    _make_history(school, records=3, edits=3)
    table = _history_table()
    history_ids = list(Note.history.values_list("history_id", flat=True))
    columns = ["title", "body", "history_change_reason", "history_type", "history_date"]
    values = {
        "title": "x",
        "body": "y",
        "history_change_reason": "z",
        "history_type": "-",
        "history_date": "2001-01-01 00:00:00",
    }
    rng = random.Random(2026)
    tamper_with_history()
    for _ in range(1000):
        history_id = rng.choice(history_ids)
        column = rng.choice(columns)
        with connection.cursor() as cursor:
            cursor.execute("SAVEPOINT tamper")
            cursor.execute(
                f"UPDATE {table} SET {column} = %s WHERE history_id = %s",
                [values[column], history_id],
            )  # noqa: S608
            faults = verify_history([Note.history.model])
            cursor.execute("ROLLBACK TO SAVEPOINT tamper")
        assert any(f.history_id == history_id for f in faults), (history_id, column)
    assert verify_history() == []


def test_verify_command_reports_faults_and_fails(school):
    from django.core.management import CommandError, call_command

    _make_history(school, records=1, edits=1)
    call_command("verify_send_history")
    tamper_with_history()
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {_history_table()} SET body = 'forged'")  # noqa: S608
    # One per record: its first bad row (the later ones cannot be trusted after it).
    with pytest.raises(CommandError, match=r"1 fault\(s\)"):
        call_command("verify_send_history")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="triggers are PostgreSQL's")
def test_postgresql_refuses_an_update_of_history_even_to_the_owner(school):
    """Deletes and truncation are refused by privileges: ``tests/audit/test_privileges.py``."""
    from django.db import DatabaseError, transaction

    Note.objects.create(school=school, title="A")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"UPDATE {_history_table()} SET body = 'x'")  # noqa: S608
    assert Note.history.get().body == ""
