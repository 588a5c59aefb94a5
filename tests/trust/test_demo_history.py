"""History on a loaded demo: whole, attributed, and tamper-evident for every chained model.

``manage.py load_demo`` is the widest write path there is (every feature's loader, pages,
imports of seed data), so it is the natural place to check that nothing wrote without
history, and to tamper with every model's chains.
"""

import random

import pytest
from django.core.management import call_command
from django.db import connection

from tests.conftest import tamper_with_history
from wagtail_send.audit import verify_history
from wagtail_send.audit.chain import chained_history_models

from .demo import load_demo

#: random tamper trials per chained history model (the core runs 1,000 on its test model)
TRIALS_PER_MODEL = 25


@pytest.fixture
def demo(db):
    load_demo()


def _models_with_rows():
    return [m for m in chained_history_models() if m.objects.exists()]


def test_the_demo_history_is_whole_and_attributed(demo):
    assert verify_history() == []
    call_command("verify_send_history", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for history in _models_with_rows():
        label = history.instance_type._meta.label
        # A write without a person (a migration's seed data, the demo's school) must at
        # least say why; anything else unattributed escaped ``acting_as``.
        unexplained = history.objects.filter(history_user_id__isnull=True).filter(
            history_change_reason__in=["", None]
        )
        assert list(unexplained.values_list("history_type", flat=True)) == [], label


def _tamper_statements(history, row, rng):
    """SQL that changes one stored value of ``row`` (always to a different value)."""
    table = connection.ops.quote_name(history._meta.db_table)
    text = [
        f.column
        for f in history.tracked_fields
        if f.get_internal_type() in ("CharField", "TextField") and not f.choices
    ]
    numbers = [
        f.column
        for f in history.tracked_fields
        if f.get_internal_type() in ("IntegerField", "PositiveIntegerField", "BigIntegerField")
        and getattr(row, f.attname) is not None
    ]
    options = ["history_change_reason", "history_date", "delete"] + text + numbers
    column = rng.choice(options)
    where = "WHERE history_id = %s"
    if column == "delete":
        return f"DELETE FROM {table} {where}", column  # noqa: S608
    if column == "history_date":
        return f"UPDATE {table} SET history_date = '2001-01-01 00:00:00' {where}", column  # noqa: S608
    quoted = connection.ops.quote_name(column)
    if column in numbers:
        return f"UPDATE {table} SET {quoted} = {quoted} + 1 {where}", column  # noqa: S608
    flip = f"CASE WHEN {quoted} = 'a' THEN 'b' ELSE 'a' END"  # fits any length, always differs
    return f"UPDATE {table} SET {quoted} = {flip} {where}", column  # noqa: S608


def tamper_trials():
    return TRIALS_PER_MODEL * len(chained_history_models())


def test_random_tampering_is_caught_on_every_chained_model(demo, school, make_user):
    from .factories import make

    rng = random.Random(20261122)
    author = make_user("tamperer", school=school, role="senco")
    uncaught = []
    tamper_with_history()
    for history in chained_history_models():
        model = history.instance_type
        if not history.objects.exists():
            from wagtail_send.models import SchoolRecord

            if not issubclass(model, SchoolRecord):
                continue  # no rows to tamper with and no factory for non-record models
            make(model, school=school, author=author)
        ids = list(history.objects.values_list("history_id", flat=True))
        for _ in range(TRIALS_PER_MODEL):
            history_id = rng.choice(ids)
            row = history.objects.get(history_id=history_id)
            statement, column = _tamper_statements(history, row, rng)
            with connection.cursor() as cursor:
                cursor.execute("SAVEPOINT tamper")
                cursor.execute(statement, [history_id])
                changed = cursor.rowcount
                faults = verify_history([history])
                cursor.execute("ROLLBACK TO SAVEPOINT tamper")
            if changed != 1:
                uncaught.append(f"{model._meta.label} {column} row {history_id} not changed")
            elif not any(f.record_id == row.id for f in faults):
                uncaught.append(f"{model._meta.label} {column} row {history_id}")
    assert uncaught == []
    assert verify_history() == []
