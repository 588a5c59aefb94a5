"""On PostgreSQL the site's own role cannot remove or rewrite history; erasure still works.

The test database is owned by the role the tests connect as, as migrations would be in
production. Each test makes a second role, the site's (``WAGTAILSEND_DATABASE_APP_ROLE``),
gives it its rights as ``migrate`` would, and runs the connection as that role.
"""

import pytest
from django.db import DatabaseError, connection, transaction

from tests.testapp.models import Note
from wagtail_send.audit import acting_as, append_only, erase, place_legal_hold, verify_history
from wagtail_send.models import ErasureRecord

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="privileges are PostgreSQL's"
)


@pytest.fixture
def app_role(settings, school):
    """The connection, to the end of the test, runs as a non-owner role with the site's rights."""
    role = f"wsend_site_{connection.settings_dict['NAME']}"[:63]
    settings.WAGTAILSEND_DATABASE_APP_ROLE = role
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {connection.ops.quote_name(role)} NOLOGIN")
        append_only.install()  # what every migrate does
        # Undone with the test's transaction, like the role itself.
        cursor.execute(f"SET LOCAL ROLE {connection.ops.quote_name(role)}")
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == role
    return role


def _history_table():
    return connection.ops.quote_name(Note.history.model._meta.db_table)


def _refused(*statements, match="permission denied|must be owner"):
    with (
        pytest.raises(DatabaseError, match=match),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        for sql, params in statements:
            cursor.execute(sql, params)


def _erase_in_database(table, note, reason, match):
    from django.contrib.contenttypes.models import ContentType

    sql = f"SELECT {append_only.ERASE_FUNCTION}(%s, %s, %s, %s, %s, NULL)"
    params = [table, note.pk, ContentType.objects.get_for_model(Note).pk, note.school_id, reason]
    _refused((sql, params), match=match)


def test_the_site_role_writes_records_and_erases_through_the_owners_function(
    app_role, school, people
):
    with acting_as(people["senco"], "Planning"):
        note = Note.objects.create(school=school, title="Personal", body="private")
        note.title = "Personal 2"
        note.save()
    erasure = erase(note, by=people["senco"], reason="Subject access request 42")
    assert not Note.history.filter(id=erasure.object_id).exists()
    assert (erasure.history_rows_removed, erasure.erased_by, erasure.reason) == (
        3,
        people["senco"],
        "Subject access request 42",
    )
    assert erasure.last_history_hash and erasure.erased_at is not None
    assert verify_history() == []


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM {t}",
        "UPDATE {t} SET body = 'rewritten'",
        "TRUNCATE {t}",
    ],
)
def test_the_site_role_cannot_delete_rewrite_or_truncate_history(app_role, school, statement):
    Note.objects.create(school=school, title="A")
    _refused((statement.format(t=_history_table()), None))
    assert Note.history.count() == 1


def test_the_old_erasure_setting_opens_nothing(app_role, school):
    Note.objects.create(school=school, title="A")
    _refused(
        ("SET LOCAL wagtail_send.erasure = 'on'", None),
        (f"DELETE FROM {_history_table()}", None),  # noqa: S608
    )
    _refused(
        ("SELECT set_config('wagtail_send.erasure', 'on', true)", None),
        (f"TRUNCATE {_history_table()}", None),
    )
    assert Note.history.count() == 1


def test_the_site_role_cannot_forge_an_erasure_or_turn_the_function_on_other_tables(
    app_role, school, people
):
    note = Note.objects.create(school=school, title="A")
    table = ErasureRecord._meta.db_table
    _refused(
        (
            f"INSERT INTO {table} (content_type_id, object_id, reason, history_rows_removed, "  # noqa: S608
            "last_history_hash, erased_at) VALUES (1, %s, 'cover', 0, '', now())",
            [note.pk],
        )
    )
    _erase_in_database(Note._meta.db_table, note, "cover", "not a wagtail-send history table")
    assert Note.objects.filter(pk=note.pk).exists() and Note.history.count() == 1


def test_the_function_itself_refuses_a_record_under_legal_hold(app_role, school, people):
    note = Note.objects.create(school=school, title="Tribunal evidence")
    place_legal_hold(note, by=people["senco"], reason="Tribunal 12")
    _erase_in_database(Note.history.model._meta.db_table, note, "skip the check", "legal hold")
    assert Note.history.filter(id=note.pk).count() == 1
