"""Who may share a cached copy: the people who see exactly the same records.

Derived from the permission policy (see :mod:`.policy`). What a signed-in member sees
of a model at one school is what their roles reach there, plus what they wrote (authors
hold ``view``), plus what they were granted. A role that reads every record of its
school makes authorship and grants add nothing; a role narrowed by ``role_scopes`` reads
the same records for everyone holding it, so there only a person who wrote or was
granted records of the model there sees more, and has a copy of their own. Guests (no
role at the school) see only what they were granted: never shared.
"""

from .policy import grant_model_for, memberships_of

PUBLIC = "public"
SUPERUSER = "superuser"


def audience(user, school_id, models):
    """Whose view of ``models`` at school ``school_id`` ``user`` shares, or None.

    Returns:
        ``"public"`` for visitors not signed in, ``"superuser"`` for active superusers,
        ``"roles:<roles>"`` for a member whose view follows from their roles alone, and
        None for anyone whose view is their own (a guest, or an author or grantee of
        records their roles do not reach): their copy must never be shared.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return PUBLIC
    if user.is_superuser:
        return SUPERUSER
    roles = memberships_of(user).get(school_id, set())
    if not roles:
        return None
    for model in models:
        viewers = {role for role, actions in model.role_actions.items() if "view" in actions}
        scoped = getattr(model, "role_scopes", {})
        if roles & (viewers - set(scoped)):
            continue  # reads every record of the school
        if _reaches_more_than_roles(user, school_id, model):
            return None
    return "roles:" + ",".join(sorted(roles))


def _reaches_more_than_roles(user, school_id, model):
    records = model._default_manager.filter(school_id=school_id)
    if "view" in getattr(model, "author_actions", ()) and records.filter(created_by=user).exists():
        return True
    grant_model = grant_model_for(model)
    return grant_model is not None and (
        grant_model.objects.filter(user=user, content_object__school_id=school_id).exists()
    )
