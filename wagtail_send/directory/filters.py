"""Search and filters shared by the directory page, the admin export and the API."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Service
from .taxonomy import AREA_CHOICES, AREA_FIELDS, ServiceType


def search(services, text):
    """Services whose name, description, organisation or eligibility mention ``text``."""
    for word in text.split():
        services = services.filter(
            Q(name__icontains=word)
            | Q(description__icontains=word)
            | Q(organisation__name__icontains=word)
            | Q(eligibility__icontains=word)
        )
    return services


def for_age(services, age):
    """Services whose age range (where given) includes ``age``."""
    return services.filter(
        Q(minimum_age__isnull=True) | Q(minimum_age__lte=age),
        Q(maximum_age__isnull=True) | Q(maximum_age__gte=age),
    )


class DirectoryFilterForm(forms.Form):
    """The directory page's search box and filters (GET)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    area = forms.ChoiceField(
        label=_("Area of need"),
        required=False,
        choices=[("", _("Any area of need")), *AREA_CHOICES],
    )
    type = forms.ChoiceField(
        label=_("Type of service"),
        required=False,
        choices=[("", _("Any type")), *ServiceType.choices],
    )
    age = forms.IntegerField(label=_("Child's age"), required=False, min_value=0, max_value=25)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *Service.Status.choices],
    )

    def filter(self, services):
        """Apply the valid filters to ``services``; invalid ones are reported by the form."""
        self.is_valid()
        data = self.cleaned_data
        if data.get("q"):
            services = search(services, data["q"])
        if data.get("area"):
            services = services.filter(**{AREA_FIELDS[data["area"]]: True})
        if data.get("type"):
            services = services.filter(service_type=data["type"])
        if data.get("age") is not None:
            services = for_age(services, data["age"])
        if data.get("status"):
            services = services.filter(status=data["status"])
        return services
