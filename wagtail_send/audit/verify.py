"""Verification of every history chain, the signed digests and the grants.

For each record it names the first bad history row: a row edited, inserted, reordered
or sealed without the site's key; rows missing from the middle or cut off the end; a
chain that no longer holds what a signed digest saw; a record changed, deleted or
created without history; a record deleted with its whole history after a digest saw
it. Each grant must be the latest "granted" of the access log, which is itself
chained, so a grant written by hand is reported too.
"""

from .chain import ChainFault, _normalise, chained_history_models, seal_problem, tracked_attnames


def _chain_problem(row, expected_seq, prev_hash, attnames):
    if row.history_seq != expected_seq:
        if row.history_seq > expected_seq:
            return "a row is missing before this one"
        return "a row was inserted or reordered here"
    if row.history_prev_hash != prev_hash:
        return "the link to the previous row is broken (row deleted, inserted or reordered)"
    return seal_problem(row, attnames)


def erased_ids(model):
    """The ids of ``model``'s records erased for data protection (normalised)."""
    from django.contrib.contenttypes.models import ContentType

    from .records import ErasureRecord

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
    erased = erased_ids(history_model.instance_type)
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


#: Checks beyond the chains, each a callable yielding :class:`ChainFault`: the access
#: layer adds its grants (it sits above this one, so it registers rather than being
#: imported).
_further_checks = []


def also_verify(check):
    """Run ``check()`` in every full :func:`verify_history`."""
    if check not in _further_checks:
        _further_checks.append(check)


def verify_history(models=None):
    """Check the chains of ``models`` (by default every chained model, the digests and the
    further checks, such as the grants).

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
        for check in _further_checks:
            faults.extend(check())
    return faults
