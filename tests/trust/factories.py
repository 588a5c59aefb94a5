"""Build one record of any wagtail-send record model, filling only what the database needs.

The factory reads each model's required fields, so a new record model is covered by the
trust tests as soon as it exists (``record_models`` finds it); models whose required
fields need particular values list them in ``OVERRIDES``.
"""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone

from wagtail_send.audit import acting_as
from wagtail_send.models import School, record_models

_serial = itertools.count(1)

#: label -> field values a model needs beyond "any valid value"
OVERRIDES = {
    "wagtail_send_learning_wall.HalfTerm": {
        "starts_on": datetime.date(2026, 9, 1),
        "ends_on": datetime.date(2026, 10, 23),
    },
    "wagtail_send_learning_walks.LearningWalk": {
        "starts_at": datetime.time(9, 0),
        "ends_at": datetime.time(11, 0),
    },
    "wagtail_send_learning_walks.Visit": {
        "starts_at": datetime.time(9, 0),
        "ends_at": datetime.time(9, 30),
    },
}

#: label -> values that keep a record of a model that is public by default off the public
#: site, for the tests of who may reach a school's own records
NOT_PUBLIC = {
    # A live term is public vocabulary (the open API lists it); a withdrawn one is not.
    "wagtail_send_directory.TaxonomyTerm": {"archived_at": timezone.now()},
}

#: label -> optional links to a person that a realistic record has (set to the author)
PEOPLE_LINKS = {"wagtail_send_learning_walks.Visit": ("staff_member",)}


def feature_record_models():
    """Every record model of every feature app (the core's test model excluded)."""
    return [m for m in record_models() if m._meta.app_label != "testapp"]


def _value(field, school, author):
    if field.is_relation:
        target = field.related_model
        if target is School:
            return school
        if target is get_user_model():
            return author
        return make(target, school=school, author=author)
    if field.choices:
        return field.choices[0][0]
    n = next(_serial)
    if isinstance(field, models.CharField | models.TextField):
        text = f"Trust {field.name} {n}"
        return text[: field.max_length] if field.max_length else text
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return timezone.localdate() + datetime.timedelta(days=30)
    if isinstance(field, models.TimeField):
        return datetime.time(9, 0)
    if isinstance(field, models.DecimalField | models.FloatField | models.IntegerField):
        return 1
    if isinstance(field, models.BooleanField):
        return False
    raise NotImplementedError(f"No factory value for {field!r}")


def _needs_value(field):
    if field.auto_created or not field.concrete or field.primary_key:
        return False
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return False
    if field.null or field.has_default():
        return False
    return not (field.blank and isinstance(field, models.CharField | models.TextField))


def build(model, *, school, author, **values):
    """An unsaved ``model`` of ``school`` (by ``author``); its parents are saved."""
    values = {**OVERRIDES.get(model._meta.label, {}), **values}
    for field in model._meta.concrete_fields:
        if field.name in values or field.attname in values:
            continue
        if field.name == "school":
            values["school"] = school
        elif field.name == "created_by" or field.name in PEOPLE_LINKS.get(model._meta.label, ()):
            values[field.name] = author
        elif _needs_value(field):
            values[field.name] = _value(field, school, author)
    with acting_as(author, "Made by the trust tests"):
        return model(**values)


def make_not_public(model, *, school, author):
    """:func:`make`, but a record only the school's people (and grants) may reach."""
    return make(model, school=school, author=author, **NOT_PUBLIC.get(model._meta.label, {}))


def make(model, *, school, author, **values):
    """Create one ``model`` of ``school`` (made by ``author``) with every required field."""
    record = build(model, school=school, author=author, **values)
    with acting_as(author, "Made by the trust tests"):
        record.save()
    return record
