"""Forms: the admin's service form and the front-end form an entry's maintainer uses."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from wagtail_send.access import visible
from wagtail_send.forms import SchoolRecordForm

from .models import SERVICE_DETAIL_FIELDS, Organisation, Service


class DirectoryRecordForm(SchoolRecordForm):
    """Offers as links only the school's services and organisations the person may change."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        for name, model in (("service", Service), ("organisation", Organisation)):
            if name in self.fields and for_user is not None:
                field = self.fields[name]
                field.queryset = field.queryset & visible(for_user, model, "change").active()


class ServiceAdminForm(DirectoryRecordForm):
    """Whoever last checked an entry stays on record after leaving; maintainers (the
    core's form offers the school's active members) are current."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("last_verified_by")
        if field is not None and self.choices_school is not None:
            field.queryset = (
                get_user_model()
                .objects.filter(send_memberships__school=self.choices_school)
                .distinct()
                .order_by("first_name", "last_name")
            )


class MaintainerServiceForm(forms.ModelForm):
    """What the member of staff who keeps an entry up to date may change."""

    checked = forms.BooleanField(
        label=_("I have checked these details are correct today"),
        required=False,
    )

    class Meta:
        model = Service
        fields = ["name", *SERVICE_DETAIL_FIELDS]
