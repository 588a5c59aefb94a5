"""The SQLite advice: a database without IMMEDIATE transactions is warned about."""

import pytest
from django.conf import settings
from django.core.checks import run_checks


def sqlite_warnings():
    return [message for message in run_checks() if message.id == "wagtail_send.W010"]


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
    assert "DATABASES['notes']['OPTIONS']" in warning.hint
    assert "'transaction_mode': 'IMMEDIATE'" in warning.hint
    assert "'init_command': 'PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;'" in warning.hint


def test_sqlite_with_immediate_transactions_passes(notes_database):
    notes_database({"transaction_mode": "immediate"})
    assert sqlite_warnings() == []
