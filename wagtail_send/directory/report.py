"""Live summaries for the SEN Information Report (items 10 and 11), from aggregates only."""

from django.db.models import Count, Q
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from .models import Service
from .taxonomy import PARENT_SERVICE_TYPES, ServiceType


def _services(school):
    return Service.objects.active().filter(school=school, status=Service.Status.ACTIVE)


def agencies(school):
    """Item 10: the kinds of agency the school works with, and how many of each."""
    counts = (
        _services(school).values("service_type").annotate(n=Count("pk")).order_by("service_type")
    )
    rows = [(ServiceType(c["service_type"]).label, c["n"]) for c in counts]
    if not rows:
        return ""
    return format_html(
        "<p>{}</p><ul>{}</ul>",
        _("The school works with these kinds of specialist service:"),
        format_html_join("", "<li>{} ({})</li>", sorted(rows, key=lambda r: str(r[0]))),
    )


def parent_support(school):
    """Item 11: support services for parents, the information, advice and support service first."""
    services = list(
        _services(school)
        .filter(Q(service_type__in=PARENT_SERVICE_TYPES) | Q(is_public=True))
        .order_by("name")
        .values_list("name", "service_type", "is_public")
    )
    iass = [name for name, kind, _public in services if kind == ServiceType.IASS]
    others = [name for name, kind, public in services if kind != ServiceType.IASS and public]
    if not services:
        return ""
    parts = []
    if iass:
        parts.append(
            format_html(
                "<p>{} {}</p>",
                _("Information, advice and support for parents and carers (SENDIASS):"),
                ", ".join(iass),
            )
        )
    if others:
        parts.append(
            format_html(
                "<p>{}</p><ul>{}</ul>",
                _("Other services for families, listed in our service directory:"),
                format_html_join("", "<li>{}</li>", ((name,) for name in others)),
            )
        )
    return format_html_join("", "{}", ((part,) for part in parts))
