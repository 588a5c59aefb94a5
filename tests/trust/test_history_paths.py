"""Every write path on every feature record model leaves a history row (user, UTC time) or
is refused.

``WRITE_PATHS`` names each path once; the test runs each on one record of every model
that ``record_models`` finds, so a new model is covered without touching this file.
Paths of particular features (imports, admin bulk actions, commands) are tested at the
end of this module and in ``test_demo_history.py``.
"""

import datetime

import pytest
from django.db.models import F

from wagtail_send.audit import HistoryRequired, acting_as, erase, verify_history
from wagtail_send.audit.bulk import history_model_for
from wagtail_send.models import ErasureRecord

from .factories import build, feature_record_models, make

MODELS = {m._meta.label: m for m in feature_record_models()}


def _text_field(model):
    """A plain field to change (text, else a count), so the change shows in the history row."""
    for kinds in (("CharField", "TextField"), ("PositiveIntegerField", "IntegerField")):
        for field in model._meta.concrete_fields:
            plain = not (field.choices or field.unique or field.primary_key or field.is_relation)
            if field.get_internal_type() in kinds and plain:
                return field
    raise AssertionError(f"{model} has no plain field to change")


def _changed(record, field, words):
    value = getattr(record, field.attname)
    return f"{value[:20]} {words}" if isinstance(value, str) else value + 1


def _save_create(model, record, actor):
    with acting_as(actor, "path"):
        return [make(model, school=record.school, author=actor)]


def _save_change(model, record, actor):
    field = _text_field(model)
    setattr(record, field.attname, _changed(record, field, "changed"))
    with acting_as(actor, "path"):
        record.save()
    return [record]


def _queryset_update(model, record, actor):
    field = _text_field(model)
    with acting_as(actor, "path"):
        model.objects.filter(pk=record.pk).update(
            **{field.attname: _changed(record, field, "updated in bulk")}
        )
    return [record]


def _bulk_create(model, record, actor):
    fresh = build(model, school=record.school, author=actor)
    with acting_as(actor, "path"):
        return model.objects.bulk_create([fresh])


def _bulk_update(model, record, actor):
    field = _text_field(model)
    setattr(record, field.attname, _changed(record, field, "bulk updated"))
    with acting_as(actor, "path"):
        model.objects.bulk_update([record], [field.name])
    return [record]


def _record_delete(model, record, actor):
    with acting_as(actor, "path"):
        record.delete()
    assert model._base_manager.get(pk=record.pk).archived_at is not None
    return [record]


def _queryset_delete(model, record, actor):
    with acting_as(actor, "path"):
        model.objects.filter(pk=record.pk).delete()
    assert model._base_manager.get(pk=record.pk).archived_at is not None
    return [record]


def _archive(model, record, actor):
    with acting_as(actor, "path"):
        record.archive("path")
    return [record]


def _restore(model, record, actor):
    record.archive()
    with acting_as(actor, "path"):
        record.restore("path")
    assert model._base_manager.get(pk=record.pk).archived_at is None
    return [record]


WRITE_PATHS = {
    "save (create)": _save_create,
    "save (change)": _save_change,
    "QuerySet.update": _queryset_update,
    "QuerySet.bulk_create": _bulk_create,
    "QuerySet.bulk_update": _bulk_update,
    "Model.delete (archives)": _record_delete,
    "QuerySet.delete (archives)": _queryset_delete,
    "archive": _archive,
    "restore": _restore,
}

#: paths that must be refused rather than write without history
REFUSED_PATHS = ["QuerySet.update with an expression", "bulk_create ignoring conflicts"]

#: paths that remove history on purpose, leaving an ErasureRecord instead
ERASURE_PATHS = ["erase"]


def write_path_count():
    paths = len(WRITE_PATHS) + len(REFUSED_PATHS) + len(ERASURE_PATHS)
    return paths * len(MODELS)


@pytest.mark.parametrize("label", sorted(MODELS))
def test_every_write_path_leaves_a_history_row(label, people, school):
    model = MODELS[label]
    history = history_model_for(model)
    actor = people["senco"]
    missing = []
    for name, write in WRITE_PATHS.items():
        record = make(model, school=school, author=people["staff"])
        before = history.objects.count()
        written = write(model, record, actor)
        for obj in written:
            newest = history.objects.filter(id=obj.pk).order_by("-history_seq").first()
            ok = (
                history.objects.count() > before
                and newest is not None
                and newest.history_user_id == actor.pk
                and newest.history_date.utcoffset() == datetime.timedelta(0)
            )
            if not ok:
                missing.append(name)
    assert missing == [], label
    assert verify_history([history]) == []


@pytest.mark.parametrize("label", sorted(MODELS))
def test_writes_that_would_escape_history_are_refused(label, people, school):
    model = MODELS[label]
    record = make(model, school=school, author=people["staff"])
    field = _text_field(model)
    with pytest.raises(HistoryRequired):
        model.objects.filter(pk=record.pk).update(**{field.attname: F(field.attname)})
    with pytest.raises(HistoryRequired):
        model.objects.bulk_create([model(school=school)], ignore_conflicts=True)


@pytest.mark.parametrize("label", sorted(MODELS))
def test_erasure_removes_history_and_keeps_the_fact(label, people, school):
    model = MODELS[label]
    history = history_model_for(model)
    record = make(model, school=school, author=people["staff"])
    pk = record.pk
    erase(record, by=people["senco"], reason="Data-protection request 7")
    assert not model._base_manager.filter(pk=pk).exists()
    assert not history.objects.filter(id=pk).exists()
    assert ErasureRecord.objects.filter(object_id=pk, erased_by=people["senco"]).exists()
    assert verify_history([history]) == []
