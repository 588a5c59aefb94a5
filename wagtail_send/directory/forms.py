"""Forms: the admin's service form and the front-end form an entry's maintainer uses."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from wagtail_send.access import visible
from wagtail_send.forms import SchoolRecordForm

from .models import SERVICE_DETAIL_FIELDS, Organisation, Service


class DirectoryRecordForm(SchoolRecordForm):
    """Offers only services and organisations the person may change as links."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        for name, model in (("service", Service), ("organisation", Organisation)):
            if name in self.fields and for_user is not None:
                self.fields[name].queryset = visible(for_user, model, "change").active()

    def clean(self):
        cleaned = super().clean()
        school = self.instance.school if self.instance.pk else cleaned.get("school")
        for name in ("service", "organisation"):
            linked = cleaned.get(name)
            if linked is not None and school is not None and linked.school_id != school.pk:
                self.add_error(name, _("Choose one from the same school."))
        return cleaned


class ServiceAdminForm(DirectoryRecordForm):
    """Offers only members of the person's schools as maintainers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("maintainer", "last_verified_by"):
            self._offer_members(name)

    def _offer_members(self, name):
        field = self.fields.get(name)
        if field is not None:
            schools = (
                [self.instance.school_id]
                if self.instance.pk
                else list(self.fields["school"].queryset.values_list("pk", flat=True))
                if "school" in self.fields
                else []
            )
            people = get_user_model().objects.filter(send_memberships__school__in=schools)
            if name == "maintainer":
                # Whoever checked it stays on record after leaving; maintainers are current.
                people = people.filter(is_active=True)
            field.queryset = people.distinct().order_by("first_name", "last_name")

    def clean(self):
        cleaned = super().clean()
        maintainer = cleaned.get("maintainer")
        school = self.instance.school if self.instance.pk else cleaned.get("school")
        if (
            maintainer
            and school
            and not maintainer.send_memberships.filter(school=school).exists()
        ):
            self.add_error("maintainer", _("Choose a member of staff at this school."))
        return cleaned


class MaintainerServiceForm(forms.ModelForm):
    """What the member of staff who keeps an entry up to date may change."""

    checked = forms.BooleanField(
        label=_("I have checked these details are correct today"),
        required=False,
    )

    class Meta:
        model = Service
        fields = ["name", *SERVICE_DETAIL_FIELDS]
