"""The grants, checked against the access log the history chains.

Each grant must be the latest "granted" of the access log, so a grant written or
deleted by hand is reported; a generic guardian grant on a record is reported too.
Registered with :func:`wagtail_send.audit.verify.also_verify` so that
``verify_send_history`` runs it.
"""

from ..audit.chain import ChainFault, _normalise
from ..audit.verify import erased_ids
from .policy import grant_model_for


def _logged_grants():
    """``{(content type, record, person, action): (kind, as_guest)}``, the log's latest."""
    from ..models import AccessChange

    logged = {}
    for kind, content_type, action, object_id, grantee, as_guest in (
        AccessChange.objects.filter(
            kind__in=[AccessChange.Kind.GRANTED, AccessChange.Kind.REVOKED],
            grantee__isnull=False,
        )
        .order_by("changed_at", "pk")
        .values_list("kind", "content_type_id", "action", "object_id", "grantee_id", "as_guest")
    ):
        logged[content_type, object_id, grantee, action] = (kind, as_guest)
    return logged


def verify_grants():
    """Yield a fault for each grant that is not what the access log last granted."""
    from django.contrib.contenttypes.models import ContentType
    from guardian.models import GroupObjectPermission, UserObjectPermission

    from ..models import AccessChange, record_models

    logged = _logged_grants()
    models = {ContentType.objects.get_for_model(m).pk: m for m in record_models()}
    for content_type, model in models.items():
        grant_model = grant_model_for(model)
        rows = grant_model.objects.values_list(
            "pk", "content_object_id", "user_id", "permission__codename", "as_guest"
        )
        for pk, object_id, user_id, codename, as_guest in rows:
            action = codename.rsplit("_", 1)[0]
            entry = logged.pop((content_type, object_id, user_id, action), (None, None))
            if entry != (AccessChange.Kind.GRANTED, as_guest):
                yield ChainFault(
                    grant_model._meta.label,
                    pk,
                    None,
                    f"the grant of {action} on {model._meta.label} #{object_id} to person "
                    f"#{user_id} is not the access log's (written without it)",
                )
    erased = {}
    for (content_type, object_id, user_id, action), (kind, _guest) in logged.items():
        model = models.get(content_type)
        if kind != AccessChange.Kind.GRANTED or model is None:
            continue
        if model not in erased:
            erased[model] = erased_ids(model)
        if _normalise(object_id) not in erased[model]:
            yield ChainFault(
                grant_model_for(model)._meta.label,
                None,
                None,
                f"the access log's grant of {action} on {model._meta.label} #{object_id} "
                f"to person #{user_id} is missing (deleted without it)",
            )
    for generic in (UserObjectPermission, GroupObjectPermission):
        rows = generic.objects.filter(content_type__in=models).values_list(
            "pk", "content_type_id", "object_pk"
        )
        for pk, content_type, object_pk in rows:
            yield ChainFault(
                generic._meta.label,
                pk,
                None,
                f"a grant on {models[content_type]._meta.label} #{object_pk} outside "
                "wagtail-send's grants",
            )
