"""What a person may pick in an admin form or filter: one school's own, by the policy.

A choice list that crosses schools leaks (other schools' teams, templates, people) and
lets a form link a record to another school's. Forms and filters ask :func:`choices_for`
for every choice of a record, a school or a person.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permissions import policy_registry

from .policy import SchoolRecordPermissionPolicy, visible_at


def person_name(user):
    """How a person is shown in a choice: by their name (the username only if none)."""
    return user.get_full_name() or user.get_username()


def people_of(school):
    """The active members of ``school``, by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True, send_memberships__school=school)
        .distinct()
        .order_by("first_name", "last_name", "pk")
    )


def choices_for(user, model, school):
    """The ``model`` records ``user`` may choose for a record of ``school``.

    Args:
        user: the person filling in the form or filter.
        model: the model the choice is of (a record model, School or the user model).
        school: the school of the record being made or changed (the current school).

    Returns:
        A queryset, or None when ``model`` is not one school's (a census type of need).
    """
    is_person = model is get_user_model()
    policy = None if is_person else policy_registry.get_by_type(model, fallback=False)
    if not is_person and not isinstance(policy, SchoolRecordPermissionPolicy):
        return None
    if school is None:
        # A superuser outside any school: every school's, checked when the form is saved.
        return None if user.is_superuser else model.objects.none()
    if is_person:
        return people_of(school)
    records = visible_at(user, model, ["view"], school)
    field = "pk" if policy.school_field == "pk" else f"{policy.school_field}_id"
    return records.filter(Q(**{field: school.pk}))


def belongs_to(choice, school):
    """Whether a chosen record or person is ``school``'s (None: not one school's)."""
    if isinstance(choice, get_user_model()):
        return choice.send_memberships.filter(school=school).exists()
    policy = policy_registry.get_by_type(type(choice), fallback=False)
    if not isinstance(policy, SchoolRecordPermissionPolicy):
        return None
    return policy._school_id(choice) == school.pk


def limit_field(field, user, school):
    """Narrow a form or filter field to ``school``'s choices, people shown by name.

    Returns:
        Whether the field's choices are one school's (and so were narrowed).
    """
    from django.forms import ModelChoiceField

    if not isinstance(field, ModelChoiceField):
        return False
    model = field.queryset.model
    if model is get_user_model():
        field.label_from_instance = person_name
    choices = choices_for(user, model, school)
    if choices is not None:
        field.queryset = choices
    return choices is not None


def in_open_collections(user):
    """A Q of images or documents outside every collection closed to ``user``.

    A school's private collection (its learning-wall files) is restricted to its role
    groups; choosers must not list another school's private file names either.
    """
    from wagtail.models import CollectionViewRestriction

    if user.is_superuser:
        return Q()
    closed = (
        CollectionViewRestriction.objects.filter(restriction_type=CollectionViewRestriction.GROUPS)
        .exclude(groups__in=user.groups.all())
        .values_list("collection__path", flat=True)
    )
    hidden = Q(pk__in=[])
    for path in closed:
        hidden |= Q(collection__path__startswith=path)
    return ~hidden
