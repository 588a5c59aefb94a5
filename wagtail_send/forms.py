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
    """Admin form for a school record: only schools where the person may add records.

    It also carries the record's version (its last-changed time) in a hidden field, so
    that when two people edit one record the second to save is told, instead of
    silently overwriting the first one's change.
    """

    record_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["record_version"].initial = self._stored_version()
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

    def _stored_version(self):
        model = type(self.instance)
        if not self.instance.pk or not hasattr(self.instance, "updated_at"):
            return ""
        when = model._base_manager.filter(pk=self.instance.pk).values_list("updated_at", flat=True)
        return when[0].isoformat() if when else ""

    def clean(self):
        cleaned_data = super().clean()
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
