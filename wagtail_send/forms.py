from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .access import policy_for
from .access.choices import belongs_to, limit_field, person_name
from .models import School
from .roles import GRANTABLE_ACTIONS
from .schools import schools_for


class SchoolRecordForm(WagtailAdminModelForm):
    """Admin form for a school record: only schools where the person may add records,
    and every other choice (records, people) from the record's own school.

    ``school`` is the school the request is about: a new record is made there, so its
    choices come from there.

    It also carries the record's version (its last-changed time) in a hidden field, so
    that when two people edit one record the second to save is told, instead of
    silently overwriting the first one's change.
    """

    record_version = forms.CharField(widget=forms.HiddenInput, required=False)
    #: Fields whose choices the form limits itself, outside the one-school rule.
    own_choices = ()

    def __init__(self, *args, for_user=None, school=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["record_version"].initial = self._stored_version()
        self._limit_schools(for_user, school)
        #: The school whose records and people the form offers.
        self.choices_school = self.record_school or school
        if for_user is not None:
            self._limit_choices(for_user, self.choices_school)

    @property
    def record_school(self):
        """The school the record belongs to, once it has one."""
        if self.instance.pk or getattr(self.instance, "school_id", None):
            return getattr(self.instance, "school", None)
        return None

    def _limit_schools(self, for_user, school):
        field = self.fields.get("school")
        if field is None:
            return
        if self.instance.pk:
            field.disabled = True
            field.help_text = _("A record stays with the school it was made for.")
            return
        policy = policy_for(self._meta.model)
        roles = policy._roles_for({"add"})
        schools = schools_for(for_user)
        if for_user is not None and not for_user.is_superuser:
            schools = schools.filter(
                memberships__user=for_user, memberships__role__in=roles
            ).distinct()
        if school is not None:
            schools = schools.filter(pk=school.pk)
        field.queryset = schools
        if len(schools) == 1:
            field.initial = schools[0].pk

    def _limit_choices(self, for_user, school):
        for name, field in self.fields.items():
            if name not in ("school", *self.own_choices):
                limit_field(field, for_user, school)

    def _stored_version(self):
        model = type(self.instance)
        if not self.instance.pk or not hasattr(self.instance, "updated_at"):
            return ""
        when = model._base_manager.filter(pk=self.instance.pk).values_list("updated_at", flat=True)
        return when[0].isoformat() if when else ""

    def clean(self):
        cleaned_data = super().clean()
        self._check_choices_are_the_schools(cleaned_data)
        opened = cleaned_data.get("record_version")
        if opened and opened != self._stored_version():
            raise ValidationError(
                _(
                    "Someone else saved a change to this record after you opened it, so "
                    "yours has not been saved. Copy what you changed, reload the page to see "
                    "their change, and make yours again."
                ),
                code="stale",
            )
        return cleaned_data

    def _check_choices_are_the_schools(self, cleaned_data):
        school = self.record_school or cleaned_data.get("school")
        if not isinstance(school, School):
            return
        for name, field in self.fields.items():
            value = cleaned_data.get(name)
            if name in ("school", *self.own_choices) or not value:
                continue
            if not isinstance(field, forms.ModelChoiceField):
                continue
            chosen = value if isinstance(field, forms.ModelMultipleChoiceField) else [value]
            if any(belongs_to(choice, school) is False for choice in chosen):
                self.add_error(name, _("Choose from %(school)s.") % {"school": school})


class MembershipForm(SchoolRecordForm):
    """A role at the school for one of its people, or for someone in no school yet;
    never for another school's staff, whose names are not this school's to list."""

    own_choices = ("user",)

    def __init__(self, *args, for_user=None, school=None, **kwargs):
        super().__init__(*args, for_user=for_user, school=school, **kwargs)
        field = self.fields.get("user")
        if field is None or for_user is None or for_user.is_superuser:
            return
        people = get_user_model().objects.filter(is_active=True)
        field.queryset = (
            people.filter(
                Q(send_memberships__school=self.choices_school) | Q(send_memberships__isnull=True)
            )
            .distinct()
            .order_by("first_name", "last_name", "pk")
        )
        field.label_from_instance = person_name


class GrantForm(forms.Form):
    """Share a record with one person, from its access page."""

    person = forms.CharField(
        label=_("Person"),
        help_text=_("Their username or email address."),
    )
    action = forms.ChoiceField(
        label=_("May"),
        choices=[(a, a) for a in GRANTABLE_ACTIONS],
    )
    as_guest = forms.BooleanField(
        label=_("They are a guest from outside this school"),
        required=False,
        help_text=_("For example a visiting SENCO or an adviser. They will see this record only."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {"view": _("read"), "change": _("edit"), "delete": _("archive")}
        self.fields["action"].choices = [(a, labels[a]) for a in GRANTABLE_ACTIONS]

    def clean_person(self):
        value = self.cleaned_data["person"].strip()
        user_model = get_user_model()
        people = user_model.objects.filter(
            Q(**{f"{user_model.USERNAME_FIELD}__iexact": value})
            | Q(**{f"{user_model.get_email_field_name()}__iexact": value})
        )
        if len(people) != 1:
            raise ValidationError(
                _("No single person has the username or email address “%(value)s”."),
                params={"value": value},
            )
        return people[0]
