"""Personal data (UK GDPR): where it is, a subject-access export, and a log of reads.

Every model that links to a person registers the fields that do, here, in its app's
``AppConfig.ready()``, and the text fields that may name one; a test checks the registry
against every model that has a foreign key to the user model or a name field, so nothing
is forgotten. Records inheriting ``SchoolRecord`` are
registered by their ``created_by`` automatically.
"""

import json

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.forms.models import model_to_dict

_registry: dict[type, tuple[str, ...]] = {}
_names: dict[type, tuple[str, ...]] = {}


def register_personal_data(model, *person_fields):
    """Declare that ``model`` holds personal data about the people in ``person_fields``.

    A field is a link to the user model, or a path to one (``"visit__staff_member"``:
    feedback on the lesson of the member of staff visited).
    """
    _registry[model] = tuple(sorted({*_registry.get(model, ()), *person_fields}))


def register_person_names(model, *text_fields):
    """Declare that ``text_fields`` of ``model`` may name a person in words.

    A name typed in (a SENCO's name, a contact's) or text written about people (feedback,
    observations): a subject-access export includes each row whose text holds the
    person's full name.
    """
    _names[model] = tuple(sorted({*_names.get(model, ()), *text_fields}))


def personal_data_models():
    """``{model: (fields naming a person)}`` for every model registered by its links."""
    return dict(_registry)


def person_name_models():
    """``{model: (text fields that may name a person)}``."""
    return dict(_names)


def personal_data_of(user):
    """Everything held about ``user``, as ``{section: [field dicts]}`` (JSON-ready).

    A section is a model's label, for its rows that link to the person or name them, or
    the label and " (history)", for the earlier versions of those rows and every change
    the person made to a row of that model.
    """
    export = {
        "person": model_to_dict(
            user, fields=[get_user_model().USERNAME_FIELD, "first_name", "last_name", "email"]
        )
    }
    full_name = user.get_full_name().strip()
    for model in sorted({*_registry, *_names}, key=lambda model: model._meta.label):
        links = _registry.get(model, ())
        texts = _names.get(model, ()) if full_name else ()
        label = model._meta.label
        rows = _rows(model._base_manager.filter(_about(links, texts, user, full_name)))
        if rows:
            export[label] = rows
        history = _history_model(model)
        if history is not None:
            known = {f.name for f in history._meta.get_fields() if not f.many_to_many}
            about = _about(
                [f for f in links if f.split("__")[0] in known],
                [f for f in texts if f in known],
                user,
                full_name,
            )
            rows = _rows(history.objects.filter(about | Q(history_user_id=user.pk)))
            if rows:
                export[f"{label} (history)"] = rows
    return export


def _about(links, texts, user, full_name):
    q = Q(pk__in=[])
    for field in links:
        q |= Q(**{field: user})
    for field in texts:
        q |= Q(**{f"{field}__icontains": full_name})
    return q


def _history_model(model):
    attribute = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, attribute).model if attribute else None


def _rows(queryset):
    return [
        {k: v if _plain(v) else _jsonable(v) for k, v in row.items()}
        for row in queryset.distinct().values()
    ]


def _jsonable(value):
    # JSONField values (dicts, lists) hold plain values already; the rest (dates,
    # decimals, UUIDs) become the strings DjangoJSONEncoder gives them.
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _plain(value):
    return value is None or isinstance(value, str | int | float | bool)


_read_logged: dict[type, str] = {}


def register_read_logged(model, subject):
    """Log every read of ``model`` by anyone but its ``subject`` (a path to the person).

    Such records are about one person (their audit answers, feedback on their lesson), who
    may then learn who read them. The core's admin views (inspect, edit, history) log reads
    of a registered model themselves; a feature's own views call :func:`log_read`.
    """
    _read_logged[model] = subject


def read_logged_models():
    """``{model: path to the person it is about}`` for every read-logged model."""
    return dict(_read_logged)


def log_read(reader, record):
    """Record that ``reader`` opened ``record``, unless ``reader`` is who it is about."""
    from .models import RecordRead

    subject = _read_logged.get(type(record)._meta.concrete_model)
    if (
        subject is not None
        and reader.is_authenticated
        and _subject_id(record, subject) == reader.pk
    ):
        return
    RecordRead.objects.create(
        reader=reader if reader.is_authenticated else None,
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        school_id=getattr(record, "school_id", None),
    )


def _subject_id(record, path):
    *hops, last = path.split("__")
    for hop in hops:
        record = getattr(record, hop)
    return getattr(record, f"{last}_id")


def reads_of(record):
    """Who has read ``record``, newest first."""
    from .models import RecordRead

    return RecordRead.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    ).select_related("reader")
