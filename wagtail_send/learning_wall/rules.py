"""The one learning-wall rule that is not per-record CRUD: who moderates, and hidden posts.

Moderators are the people whose role in a post's school holds ``change`` on every
post there (``Post.role_actions``: the SENCO by default). Authors also hold ``change``
on their own posts, but must not be able to hide or unhide them, so moderation needs
this one extra rule. Hidden posts are seen only by their author and the moderators.
"""

from django.db.models import Q

from wagtail_send.access import can, memberships_of


def _moderator_roles():
    from .models import Post

    return {role for role, actions in Post.role_actions.items() if "change" in actions}


def moderated_school_ids(user):
    """Ids of the schools where ``user`` moderates the learning wall."""
    roles = _moderator_roles()
    return [sid for sid, held in memberships_of(user).items() if held & roles]


def can_moderate(user, post):
    """Whether ``user`` may hide, unhide, archive and restore ``post``."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return post.school_id in moderated_school_ids(user) and can(user, "change", post)


def unhidden_for(user):
    """A Q of posts ``user`` may see, as far as hiding goes (combine with ``visible``)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return Q()
    return Q(hidden=False) | Q(created_by=user) | Q(school_id__in=moderated_school_ids(user))


def can_see(user, post):
    """``view`` through the core policy, and not hidden from this person."""
    if not can(user, "view", post):
        return False
    return not post.hidden or post.created_by_id == user.pk or can_moderate(user, post)


def can_add(user, model, school):
    """Whether ``user`` may add a ``model`` record (a post, a reply) at ``school``."""
    from wagtail_send.access import policy_for

    if school is None:
        return False
    return policy_for(model).user_has_permission_for_instance(user, "add", model(school=school))


def can_react(user, post):
    """Whether ``user`` may mark ``post`` useful: someone who may add to its school's wall.

    A guest's grant says what they may do to the post; a view grant is for reading only.
    """
    from .models import Reply

    return can_add(user, Reply, post.school)
