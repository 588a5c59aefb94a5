"""Verification of every history chain, the signed digests and the grants.

For each record it names the first bad history row: a row edited, inserted, reordered
or sealed without the site's key; rows missing from the middle or cut off the end; a
chain that no longer holds what a signed digest saw; a record changed, deleted or
created without history; a record deleted with its whole history after a digest saw
it. Each grant must be the latest "granted" of the access log, which is itself
chained, so a grant written by hand is reported too.
"""

from dataclasses import dataclass

from .chain import _normalise, chained_history_models, seal_problem, tracked_attnames


@dataclass
class ChainFault:
    model: str
    record_id: object
    history_id: object
    problem: str

    def __str__(self):
        return f"{self.model} #{self.record_id}, history row {self.history_id}: {self.problem}"


def _chain_problem(row, expected_seq, prev_hash, attnames):
    if row.history_seq != expected_seq:
        if row.history_seq > expected_seq:
            return "a row is missing before this one"
        return "a row was inserted or reordered here"
    if row.history_prev_hash != prev_hash:
        return "the link to the previous row is broken (row deleted, inserted or reordered)"
    return seal_problem(row, attnames)


def _erased_ids(model):
    from django.contrib.contenttypes.models import ContentType

    from ..models import ErasureRecord

    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    return {
        _normalise(object_id)
        for object_id in ErasureRecord.objects.filter(content_type=content_type).values_list(
            "object_id", flat=True
        )
    }


def verify_model(history_model, signed=None):
    """Yield a :class:`ChainFault` for the first break in each of ``history_model``'s chains.

    Args:
        history_model: a chained history model.
        signed: ``{record id: {sequence: (seal, digest name)}}`` from the digests.
    """
    label = history_model.instance_type._meta.label
    attnames = tracked_attnames(history_model)
    unseen = {record_id: dict(seqs) for record_id, seqs in (signed or {}).items()}
    rows = history_model.objects.order_by("id", "history_seq", "history_id").iterator(2000)
    current_id, expected_seq, prev_hash = object(), 0, ""
    newest, broken = {}, set()
    for row in rows:
        if row.id != current_id:
            current_id, expected_seq, prev_hash = row.id, 1, ""
        problem = _chain_problem(row, expected_seq, prev_hash, attnames)
        signed_seal, digest = unseen.get(_normalise(row.id), {}).pop(row.history_seq, (None, ""))
        if not problem and signed_seal not in (None, row.history_hash):
            problem = f"the row differs from the one signed in {digest}"
        if problem and row.id not in broken:
            broken.add(row.id)
            yield ChainFault(label, row.id, row.history_id, problem)
        expected_seq, prev_hash = row.history_seq + 1, row.history_hash
        newest[row.id] = (row.history_id, row.history_type, [getattr(row, n) for n in attnames])
    yield from _missing_from_digests(label, history_model, unseen, newest, broken)
    yield from _compare_live(history_model, label, attnames, newest, broken)


def _missing_from_digests(label, history_model, unseen, newest, broken):
    left = {record_id: seqs for record_id, seqs in unseen.items() if seqs}
    if not left:
        return
    erased = _erased_ids(history_model.instance_type)
    present = {_normalise(record_id): record_id for record_id in newest}
    for record_id, seqs in left.items():
        last_seq = max(seqs)
        digest = seqs[last_seq][1]
        if record_id in present:
            record = present[record_id]
            if record not in broken:
                broken.add(record)
                yield ChainFault(
                    label,
                    record,
                    newest[record][0],
                    f"rows up to {last_seq}, signed in {digest}, were cut off the end",
                )
        elif record_id not in erased:
            yield ChainFault(
                label,
                record_id,
                None,
                f"the record and its whole history were deleted (its chain is in {digest})",
            )


def _compare_live(history_model, label, attnames, newest, broken):
    """Each live record must equal its newest history row; each one gone, a deletion."""
    live = history_model.instance_type._base_manager.only(*attnames)
    for record in live.iterator(2000):
        if record.pk in broken:
            continue
        if record.pk not in newest:
            yield ChainFault(
                label, record.pk, None, "the record arrived without history (it has no rows)"
            )
            continue
        history_id, history_type, values = newest.pop(record.pk)
        for name, value in zip(attnames, values, strict=True):
            if _normalise(getattr(record, name)) != _normalise(value):
                yield ChainFault(
                    label,
                    record.pk,
                    history_id,
                    f"the record differs from its newest history row ({name}): a later "
                    "row was deleted or the record was changed without history",
                )
                break
    for record_id, (history_id, history_type, _values) in newest.items():
        if history_type != "-" and record_id not in broken:
            yield ChainFault(
                label, record_id, history_id, "the record was deleted without history"
            )


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

    from ..access.policy import grant_model_for
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
            erased[model] = _erased_ids(model)
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


def verify_history(models=None):
    """Check the chains of ``models`` (every chained model, digests and grants by default).

    Returns:
        The list of :class:`ChainFault` found; empty when all is intact.
    """
    from ..conf import send_settings
    from .digests import SignedHeads, read_digests

    directory = send_settings.HISTORY_DIGEST_DIR
    signed = read_digests(directory) if directory else SignedHeads()
    faults = list(signed.faults)
    for history_model in models or chained_history_models():
        faults.extend(verify_model(history_model, signed.for_table(history_model._meta.db_table)))
    if models is None:
        faults.extend(verify_grants())
    return faults
