"""Personal data (UK GDPR): where it is, a subject-access export, and a log of reads.

Every model that links to a person registers the fields that do, here, in its app's
``AppConfig.ready()``; a test checks the registry against every model that has a foreign
key to the user model, so nothing is forgotten. Records inheriting ``SchoolRecord`` are
registered by their ``created_by`` automatically.
"""

import json

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.forms.models import model_to_dict

_registry: dict[type, tuple[str, ...]] = {}


def register_personal_data(model, *person_fields):
    """Declare that ``model`` holds personal data about the people in ``person_fields``."""
    _registry[model] = tuple(sorted({*_registry.get(model, ()), *person_fields}))


def personal_data_models():
    """``{model: (fields naming a person)}`` for every registered model."""
    return dict(_registry)


def personal_data_of(user):
    """Everything held about ``user``, as ``{model label: [field dicts]}`` (JSON-ready)."""
    export = {
        "person": model_to_dict(
            user, fields=[get_user_model().USERNAME_FIELD, "first_name", "last_name", "email"]
        )
    }
    for model, fields in sorted(_registry.items(), key=lambda item: item[0]._meta.label):
        q = Q()
        for field in fields:
            q |= Q(**{field: user})
        rows = [
            {k: v if _plain(v) else _jsonable(v) for k, v in row.items()}
            for row in model._base_manager.filter(q).values()
        ]
        if rows:
            export[model._meta.label] = rows
    return export


def _jsonable(value):
    # JSONField values (dicts, lists) hold plain values already; the rest (dates,
    # decimals, UUIDs) become the strings DjangoJSONEncoder gives them.
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _plain(value):
    return value is None or isinstance(value, str | int | float | bool)


def log_read(reader, record):
    """Record that ``reader`` opened ``record`` (for answers and feedback about a person)."""
    from .models import RecordRead

    RecordRead.objects.create(
        reader=reader if reader.is_authenticated else None,
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        school_id=getattr(record, "school_id", None),
    )


def reads_of(record):
    """Who has read ``record``, newest first."""
    from .models import RecordRead

    return RecordRead.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    ).select_related("reader")
