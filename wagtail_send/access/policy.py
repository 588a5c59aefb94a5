"""The guardian-backed Wagtail permission policy for every wagtail-send record model.

A person may do an action to a record when, in this order:

1. their role in the record's school holds the action (``Model.role_actions``), and
   the record is within that role's reach where the model narrows it
   (``Model.role_scopes``: role -> Q, e.g. governors read a report once signed off);
2. they created the record and authors hold it (``Model.author_actions``), while they
   hold a membership in the record's school;
3. they have a per-record grant for it (guardian's direct-FK object permission), while
   they hold a membership in the record's school or if it was made to them as a guest;
4. they are an active superuser.

So leaving a school ends a person's grants and authorship there at their next request,
and rejoining it brings them back (``wagtail_send.access.lapses`` logs both).

The admin asks the same questions "at" one school (:func:`can_at`, :func:`visible_at`):
the school the request is about. There only that school's records count, and only by
steps 1 to 4; a public record is not thereby open in the admin, which shows its
staff-only fields. A feature's own rule about what a person sees (hidden posts) is
declared once with :func:`register_admin_rule` and the admin applies it too.

Django's model-level permissions are deliberately ignored: they are global, and a
global permission must never list every school's records (guardian's
``accept_global_perms``). Listings are one filtered query, never a loop in Python.
"""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.utils.functional import cached_property
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import policy_registry

from ..roles import ACTIONS, GRANTABLE_ACTIONS

_CACHE_ATTR = "_wagtail_send_memberships"
_MODEL_ANSWERS_ATTR = "_wagtail_send_model_answers"


def grant_model_for(model):
    """The :class:`~wagtail_send.models.SchoolUserGrant` model for ``model``, or None."""
    from ..models import SchoolUserGrant

    for relation in model._meta.related_objects:
        related = relation.related_model
        if (
            issubclass(related, SchoolUserGrant)
            and relation.field.name == "content_object"
            and relation.one_to_many
        ):
            return related
    return None


def memberships_of(user):
    """``{school_id: {roles}}`` for ``user``, cached on the user object for one request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        from ..models import Membership

        cached = {}
        for school_id, role in Membership.objects.filter(user=user).values_list(
            "school_id", "role"
        ):
            cached.setdefault(school_id, set()).add(role)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_memberships(user):
    """Drop the cached memberships, after changing them for a user in the same request."""
    for attr in (_CACHE_ATTR, _MODEL_ANSWERS_ATTR):
        user.__dict__.pop(attr, None)


#: model -> ``rule(user)``, a Q of the records the person may see as far as a feature's
#: own rule goes (a hidden post): the admin applies it with the policy.
admin_rules = {}


def register_admin_rule(model, rule):
    """Declare, in a feature's ``AppConfig.ready()``, a rule the admin applies to ``model``.

    Args:
        model: the record model.
        rule: ``rule(user)`` -> Q of the records ``user`` may see by the feature's rule.
    """
    admin_rules[model] = rule


class SchoolRecordPermissionPolicy(BasePermissionPolicy):
    """Permission policy for a :class:`~wagtail_send.models.SchoolRecord` model.

    It also serves School and Membership, which declare ``role_actions`` and a
    ``school_field`` (``"pk"`` for School itself) but have no author or grants.
    """

    @property
    def school_field(self):
        return getattr(self.model, "school_field", "school")

    def _school_id(self, instance):
        if self.school_field == "pk":
            return instance.pk
        return getattr(instance, self.school_field + "_id")

    def _in_schools(self, school_ids):
        lookup = "pk__in" if self.school_field == "pk" else f"{self.school_field}_id__in"
        return Q(**{lookup: school_ids})

    @property
    def _author_actions(self):
        return set(getattr(self.model, "author_actions", ()))

    def _roles_for(self, actions):
        return {role for role, held in self.model.role_actions.items() if set(actions) & set(held)}

    def _codename(self, action):
        return f"{action}_{self.model._meta.model_name}"

    @cached_property
    def grant_model(self):
        return grant_model_for(self.model)

    def _grantable(self, actions):
        return actions & set(GRANTABLE_ACTIONS) if self.grant_model else set()

    def _grants_of(self, user, actions):
        """The person's grants for ``actions`` that count: a guest's, or a member's."""
        schools = list(memberships_of(user))
        return self.grant_model.objects.filter(
            Q(as_guest=True) | Q(**{f"content_object__{self.school_field}_id__in": schools}),
            user=user,
            permission__codename__in=[self._codename(a) for a in actions],
        )

    def _counting(self, grants):
        """``grants`` (of anyone) that count: a guest's, or a member's of the record's school."""
        from ..models import Membership

        member = Membership.objects.filter(
            user_id=OuterRef("user_id"),
            school_id=OuterRef(f"content_object__{self.school_field}_id"),
        )
        return grants.filter(Q(as_guest=True) | Exists(member))

    def _authored_by(self, user):
        """Records the person wrote at a school they belong to."""
        return Q(created_by=user) & self._in_schools(list(memberships_of(user)))

    @staticmethod
    def _is_known_active(user):
        return getattr(user, "is_authenticated", False) and user.is_active

    # Model-level: may the person do this to at least one record (or add one)?
    def user_has_permission(self, user, action):
        return self.user_has_any_permission(user, [action])

    def user_has_any_permission(self, user, actions):
        actions = frozenset(actions) & ACTIONS
        if not actions or not self._is_known_active(user):
            return False
        if user.is_superuser:
            return True
        # Admin listings ask this once per row button: answer it once per request.
        answers = user.__dict__.setdefault(_MODEL_ANSWERS_ATTR, {})
        key = (self.model, actions)
        if key not in answers:
            answers[key] = self._member_has_any_permission(user, set(actions))
        return answers[key]

    def _member_has_any_permission(self, user, actions):
        roles = self._roles_for(actions)
        if any(held & roles for held in memberships_of(user).values()):
            return True
        if "add" in actions and not (actions - {"add"}):
            return False
        authored = actions & self._author_actions
        if authored and self.model._default_manager.filter(self._authored_by(user)).exists():
            return True
        grantable = self._grantable(actions)
        return bool(grantable) and self._grants_of(user, grantable).exists()

    def users_with_any_permission(self, actions):
        actions = set(actions) & ACTIONS
        users = get_user_model().objects.filter(is_active=True)
        if not actions:
            return users.none()
        q = Q(is_superuser=True)
        roles = self._roles_for(actions)
        if roles:
            q |= Q(send_memberships__role__in=roles)
        grantable = self._grantable(actions)
        if grantable:
            grants = self.grant_model.objects.filter(
                permission__codename__in=[self._codename(a) for a in grantable]
            )
            q |= Q(pk__in=self._counting(grants).values("user_id"))
        return users.filter(q).distinct()

    # Instance-level.
    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        actions = set(actions) & ACTIONS
        if not actions:
            return False
        if not self._is_known_active(user):
            return "view" in actions and self._is_public(instance)
        if user.is_superuser:
            return True
        if self._reaches(user, actions, instance):
            return True
        return "view" in actions and self._is_public(instance)

    def _reaches(self, user, actions, instance):
        """Role, authorship or grant (steps 1 to 3): being public aside."""
        held = memberships_of(user).get(self._school_id(instance), set())
        if self._role_allows(held & self._roles_for(actions), instance):
            return True
        # A member holds at least one role, so ``held`` says whether authorship counts.
        if held and actions & self._author_actions and instance.created_by_id == user.pk:
            return True
        grantable = self._grantable(actions)
        return bool(grantable) and (
            self._grants_of(user, grantable).filter(content_object=instance).exists()
        )

    def user_has_any_permission_for_instance_at(self, user, actions, instance, school):
        """The admin's check: ``instance`` belongs to ``school`` (the school the request is
        about) and the person reaches it there by role, authorship or grant.

        Being public does not count: the admin shows a record's staff-only fields.
        Superusers, who administer the whole install, are not held to one school.
        """
        actions = set(actions) & ACTIONS
        if not actions or not self._is_known_active(user):
            return False
        if user.is_superuser:
            return True
        if school is None or self._school_id(instance) != school.pk:
            return False
        if not self._reaches(user, actions, instance):
            return False
        rule = admin_rules.get(self.model)
        return (
            rule is None or self.model._default_manager.filter(rule(user), pk=instance.pk).exists()
        )

    def instances_user_has_any_permission_for_at(self, user, actions, school):
        """The admin's listing: the records of ``school`` that the person reaches by role,
        authorship or grant (every record for a superuser), as one filtered queryset."""
        records = self.model._default_manager.all()
        actions = set(actions) & ACTIONS
        if not actions or not self._is_known_active(user):
            return records.none()
        if user.is_superuser:
            return records
        if school is None:
            return records.none()
        records = records.filter(self._reach_filter(user, actions) & self._in_schools([school.pk]))
        rule = admin_rules.get(self.model)
        return records.filter(rule(user)) if rule else records

    @property
    def _role_scopes(self):
        return getattr(self.model, "role_scopes", {})

    def _role_allows(self, roles, instance):
        """Whether any of ``roles`` (held in the record's school) reaches this record."""
        scopes = self._role_scopes
        if any(role not in scopes for role in roles):
            return True
        return any(
            self.model._default_manager.filter(scopes[role], pk=instance.pk).exists()
            for role in roles
        )

    def _role_filter(self, user, roles):
        """Records that ``roles``, as ``user`` holds them school by school, reach."""
        memberships = memberships_of(user).items()
        scopes = self._role_scopes
        unscoped = {role for role in roles if role not in scopes}
        q = self._in_schools([sid for sid, held in memberships if held & unscoped])
        for role in roles & set(scopes):
            schools = [sid for sid, held in memberships if role in held]
            if schools:
                q |= self._in_schools(schools) & scopes[role]
        return q

    def _public_filter(self):
        public_filter = getattr(self.model, "public_filter", None)
        return public_filter() if public_filter else None

    def _is_public(self, instance):
        public = self._public_filter()
        return public is not None and (
            self.model._default_manager.filter(public, pk=instance.pk).exists()
        )

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def instances_user_has_any_permission_for(self, user, actions):
        """Records the person may do any of ``actions`` to, as one filtered queryset."""
        records = self.model._default_manager.all()
        actions = set(actions) & ACTIONS
        public = self._public_filter() if "view" in actions else None
        if not actions or not self._is_known_active(user):
            return records.filter(public) if public is not None else records.none()
        if user.is_superuser:
            return records
        q = self._reach_filter(user, actions)
        if public is not None:
            q |= public
        return records.filter(q)

    def _reach_filter(self, user, actions):
        """A Q of the records the person reaches by role, authorship or grant."""
        q = self._role_filter(user, self._roles_for(actions))
        if actions & self._author_actions:
            q |= self._authored_by(user)
        grantable = self._grantable(actions)
        if grantable:
            q |= Q(pk__in=self._grants_of(user, grantable).values("content_object_id"))
        return q

    def users_with_any_permission_for_instance(self, actions, instance):
        actions = set(actions) & ACTIONS
        users = get_user_model().objects.filter(is_active=True)
        if not actions:
            return users.none()
        q = Q(is_superuser=True)
        roles = self._roles_for(actions)
        if roles:
            q |= Q(
                send_memberships__school_id=self._school_id(instance),
                send_memberships__role__in=roles,
            )
        if actions & self._author_actions and instance.created_by_id:
            q |= Q(
                pk=instance.created_by_id,
                send_memberships__school_id=self._school_id(instance),
            )
        grantable = self._grantable(actions)
        if grantable:
            grants = self._counting(self._grants_of_instance(instance, grantable))
            q |= Q(pk__in=grants.values("user_id"))
        return users.filter(q).distinct()

    def _grants_of_instance(self, instance, actions):
        return self.grant_model.objects.filter(
            content_object=instance,
            permission__codename__in=[self._codename(a) for a in actions],
        )


def policy_for(model):
    """The registered policy for a model or instance."""
    return policy_registry.get_by_type(model if isinstance(model, type) else type(model))


def can(user, action, record):
    """Whether ``user`` may do ``action`` to ``record``. Unknown actions are denied."""
    return policy_for(record).user_has_permission_for_instance(user, action, record)


def visible(user, model, action="view"):
    """The records of ``model`` that ``user`` may do ``action`` to (one queryset)."""
    return policy_for(model).instances_user_has_permission_for(user, action)


def can_at(user, action, record, school):
    """Whether the admin lets ``user`` do ``action`` to ``record`` while at ``school``."""
    return policy_for(record).user_has_any_permission_for_instance_at(
        user, [action], record, school
    )


def visible_at(user, model, actions, school):
    """The records of ``model`` the admin lists for ``user`` at ``school`` (one queryset)."""
    return policy_for(model).instances_user_has_any_permission_for_at(user, actions, school)
