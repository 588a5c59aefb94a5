"""The SQLite advice: a database without IMMEDIATE transactions is warned about."""

import pytest
from django.conf import settings

from wagtail_send.checks import check_sqlite_transactions


def sqlite_warnings():
    # The check alone: Django 6.1's model checks would open the made-up database.
    return check_sqlite_transactions()


@pytest.fixture
def notes_database(monkeypatch):
    """A second, SQLite, database in the settings, whatever the tests run on."""

    def add(options):
        database = {"ENGINE": "django.db.backends.sqlite3", "NAME": "notes.sqlite3"}
        monkeypatch.setitem(settings.DATABASES, "notes", {**database, "OPTIONS": options})

    return add


def test_sqlite_without_immediate_transactions_is_warned_with_the_options_to_add(
    notes_database,
):
    notes_database({"timeout": 20})
    (warning,) = sqlite_warnings()
    assert "'notes'" in warning.msg and "database is locked" in warning.msg
    assert "wagtail_send_install.queue_sqlite_writers(DATABASES)" in warning.hint


def test_the_line_the_warning_names_queues_sqlite_writers_and_leaves_postgresql_alone():
    from wagtail_send.install import queue_sqlite_writers

    databases = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "OPTIONS": {"timeout": 5}},
        "trust": {"ENGINE": "django.db.backends.postgresql"},
    }
    queue_sqlite_writers(databases)
    assert databases["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert databases["default"]["OPTIONS"]["timeout"] == 5  # the site's own choice stays
    assert "journal_mode=WAL" in databases["default"]["OPTIONS"]["init_command"]
    assert "OPTIONS" not in databases["trust"]


def test_sqlite_with_immediate_transactions_passes(notes_database):
    notes_database({"transaction_mode": "immediate"})
    assert sqlite_warnings() == []
