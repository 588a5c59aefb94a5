"""The tamper suite: random attacks on the history by someone with database write access.

Each trial makes one change an intruder could make with SQL (and the ORM): edit a row;
edit it and rehash the chain with SHA-256 or a guessed key; delete, insert or reorder
rows; truncate a history table; delete a record, with or without its history; slip in
a record, grant or history row out of band. Each runs in a savepoint rolled back before
the next, on one set of data, and must be reported naming the record it touched. The
test prints detected / tried per kind (``pytest -s`` or the summary below shows it).
"""

import random
from collections import Counter

import pytest
from django.contrib.auth.models import Permission
from django.db import connection, transaction

from tests.testapp.models import Note, NoteUserGrant
from wagtail_send.access.grants import grant
from wagtail_send.access.verify import verify_grants
from wagtail_send.audit import acting_as, verify_history
from wagtail_send.audit.chain import compute_seal, tracked_attnames
from wagtail_send.audit.digests import write_digest
from wagtail_send.audit.keys import sealing_key
from wagtail_send.models import AccessChange, Membership
from wagtail_send.roles import Role

from .tampering import execute, guessed_key, quoted, reseal, tamper_with_history

TRIALS = 1000
MODELS = [Note, Membership, AccessChange]


def _text_columns(history_model):
    return [
        f.column
        for f in history_model.tracked_fields
        if f.get_internal_type() in ("CharField", "TextField") and not f.choices
    ]


def _random_row(rng, model):
    history = model.history.model
    return history.objects.get(
        history_id=rng.choice(list(history.objects.values_list("history_id", flat=True)))
    )


def _edit(rng, model, row):
    history = model.history.model
    column = rng.choice(
        [*_text_columns(history), "history_change_reason", "history_user_id", "history_date"]
    )
    quoted_column = connection.ops.quote_name(column)
    if column == "history_user_id":
        value = f"COALESCE({quoted_column}, 0) + 1"  # someone else made the change
    elif column == "history_date":
        value = "'2001-01-01 00:00:00'"
    else:
        value = f"CASE WHEN {quoted_column} = 'a' THEN 'b' ELSE 'a' END"  # always differs
    execute(
        f"UPDATE {quoted(history)} SET {quoted_column} = {value} WHERE history_id = %s",  # noqa: S608
        [row.history_id],
    )


def edit(rng, model):
    row = _random_row(rng, model)
    _edit(rng, model, row)
    return row.id


def rehash_sha256(rng, model):
    row = _random_row(rng, model)
    _edit(rng, model, row)
    reseal(model.history.model, row.id, None, from_seq=row.history_seq)
    return row.id


def rehash_guessed_key(rng, model):
    row = _random_row(rng, model)
    _edit(rng, model, row)
    reseal(model.history.model, row.id, guessed_key(sealing_key().id), row.history_seq)
    return row.id


def delete(rng, model):
    row = _random_row(rng, model)
    execute(
        f"DELETE FROM {quoted(model.history.model)} WHERE history_id = %s",  # noqa: S608
        [row.history_id],
    )
    return row.id


def insert(rng, model):
    """A forged row after the head, or a second row at an existing place in the chain."""
    row = _random_row(rng, model)
    history = model.history.model
    head = history.objects.filter(id=row.id).order_by("-history_seq").first()
    forged = head if rng.random() < 0.5 else row
    forged.history_id = None
    forged.history_seq = head.history_seq + 1 if forged is head else row.history_seq
    forged.history_prev_hash = head.history_hash if forged is head else row.history_prev_hash
    forged.history_change_reason = "Corrected"
    forged.history_hash = compute_seal(
        forged, tracked_attnames(history), guessed_key(sealing_key().id)
    )
    forged.save()
    return row.id


def reorder(rng, model):
    history = model.history.model
    long_chains = [
        record_id
        for record_id, count in Counter(history.objects.values_list("id", flat=True)).items()
        if count > 1
    ]
    record_id = rng.choice(long_chains)
    first, second = rng.sample(list(history.objects.filter(id=record_id)), 2)
    parked = 1_000_000  # out of the way while the two swap places
    for row, seq in [(first, parked), (second, first.history_seq), (first, second.history_seq)]:
        execute(
            f"UPDATE {quoted(history)} SET history_seq = %s WHERE history_id = %s",  # noqa: S608
            [seq, row.history_id],
        )
    return record_id


def truncate(rng, model):
    table = quoted(model.history.model)
    execute(f"TRUNCATE {table}" if connection.vendor == "postgresql" else f"DELETE FROM {table}")  # noqa: S608
    return None


def delete_record(rng, model):
    record_id = rng.choice(list(model.objects.values_list("pk", flat=True)))
    if rng.random() < 0.5:
        execute(f"DELETE FROM {quoted(model.history.model)} WHERE id = %s", [record_id])  # noqa: S608
    execute(f"DELETE FROM {quoted(model)} WHERE id = %s", [record_id])  # noqa: S608
    return record_id


def out_of_band(rng, model, data):
    """A record, or a first history row of a record that never was, written by hand."""
    if rng.random() < 0.5:
        history = model.history.model
        forged = history.objects.order_by("?").first()
        forged.history_id, forged.history_seq, forged.history_prev_hash = None, 1, ""
        forged.id = model.objects.order_by("-pk").values_list("pk", flat=True).first() + 100
        forged.history_hash = compute_seal(
            forged, tracked_attnames(history), guessed_key(sealing_key().id)
        )
        forged.save()
        return forged.id
    if model is Note:
        record = Note(school=data["school"], title="Slipped in")
    elif model is Membership:
        record = Membership(user=data["people"]["staff"], school=data["school"], role=Role.SENCO)
    else:
        record = AccessChange.objects.order_by("?").first()
        record.pk = None
    record.save_without_historical_record()
    return record.pk


def grant_by_hand(rng, data):
    note = rng.choice(data["notes"][2:])  # the notes nobody has been granted
    NoteUserGrant.objects.create(
        user=data["people"][rng.choice(["guest", "staff", "governor"])],
        permission=Permission.objects.get(codename=f"{rng.choice(['view', 'change'])}_note"),
        content_object=note,
    )
    return None


KINDS = [
    edit,
    rehash_sha256,
    rehash_guessed_key,
    delete,
    insert,
    reorder,
    truncate,
    delete_record,
    out_of_band,
    grant_by_hand,
]


@pytest.fixture
def data(settings, tmp_path, school, people):
    settings.WAGTAILSEND_HISTORY_DIGEST_DIR = str(tmp_path)
    senco = people["senco"]
    with acting_as(senco, "Planning"):
        notes = [Note.objects.create(school=school, title=f"Plan {n}") for n in range(5)]
        for note in notes:
            for edit_number in range(3):
                note.body = f"draft {edit_number}"
                note.save()
        grant(notes[0], people["staff"], "change", by=senco)
        grant(notes[1], people["guest"], "view", by=senco, as_guest=True)
        grant(notes[1], people["staff"], "view", by=senco)
        for membership in Membership.objects.filter(school=school):
            membership.job_title = "Class teacher"
            membership.save()
    write_digest(tmp_path)
    assert verify_history([m.history.model for m in MODELS]) == []
    assert list(verify_grants()) == []
    return {"school": school, "people": people, "notes": notes}


def test_every_random_tampering_is_detected(data, capsys):
    rng = random.Random(20261201)
    tried, detected, missed = Counter(), Counter(), []
    tamper_with_history()
    for _ in range(TRIALS):
        kind = rng.choice(KINDS)
        # The access log is only ever added to, one row per change: nothing to reorder.
        model = rng.choice(MODELS if kind is not reorder else [Note, Membership])
        savepoint = transaction.savepoint()
        try:
            if kind is grant_by_hand:
                target = kind(rng, data)
                faults = list(verify_grants())
            else:
                target = kind(rng, model, data) if kind is out_of_band else kind(rng, model)
                # Only the model tampered with: the others are as the fixture left them.
                faults = verify_history([model.history.model])
        finally:
            transaction.savepoint_rollback(savepoint)
        tried[kind.__name__] += 1
        if faults and (target is None or any(f.record_id == target for f in faults)):
            detected[kind.__name__] += 1
        else:
            missed.append(f"{kind.__name__} on {model._meta.label} #{target}: {faults}")
    with capsys.disabled():
        print(
            f"\ntamper suite ({connection.vendor}): detected {sum(detected.values())} / "
            f"tried {sum(tried.values())}"
        )
        for name in sorted(tried):
            print(f"  {name}: {detected[name]} / {tried[name]}")
    assert missed == []
    assert sum(tried.values()) == TRIALS
    assert verify_history() == []
