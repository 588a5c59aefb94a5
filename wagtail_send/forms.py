from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .access import policy_for
from .roles import GRANTABLE_ACTIONS
from .schools import schools_for


class SchoolRecordForm(WagtailAdminModelForm):
    """Admin form for a school record: only schools where the person may add records."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
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
        field.queryset = schools
        if len(schools) == 1:
            field.initial = schools[0].pk


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
