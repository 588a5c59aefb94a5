"""The read-only Open Referral UK API of the school's public entries.

``GET /`` describes the API, ``GET /services`` pages through the public services and
``GET /services/{id}`` returns one in full. Anyone may call it: no key, and every
response allows any origin, as the UK profile requires.
"""

import math
import uuid

from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.timezone import is_naive, make_aware
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import oruk
from ..filters import search
from ..models import Contact, Location, Service
from ..taxonomy import AREA_FIELDS, all_terms, term_by_id

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _bad_request(message):
    return _json({"error": message}, status=400)


def _public_services():
    return Service.objects.public().select_related("organisation").order_by("name", "pk")


@require_GET
def api_root(request):
    return _json(
        {
            "version": oruk.HSDS_VERSION,
            "profile": oruk.PROFILE_URL,
            "openapi_url": oruk.OPENAPI_URL,
        }
    )


def _int(request, name, default, minimum, maximum):
    value = request.GET.get(name, "")
    if value == "":
        return default
    number = int(value)  # ValueError is reported by the caller
    if not minimum <= number <= maximum:
        raise ValueError(name)
    return number


def _page(request, items):
    """One page of ``items`` (a queryset or list) in the standard's envelope, or a 400."""
    try:
        page = _int(request, "page", 1, 1, 10**6)
        per_page = _int(request, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    except ValueError:
        return None, _bad_request(
            _("page must be 1 or more and per_page between 1 and %(max)s.") % {"max": MAX_PER_PAGE}
        )
    total = len(items) if isinstance(items, list) else items.count()
    pages = math.ceil(total / per_page) if total else 0
    chosen = items[(page - 1) * per_page : page * per_page]
    envelope = {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(chosen),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": not chosen,
    }
    return (envelope, chosen), None


def _taxonomy_term(uid, taxonomy, kind, code, label):
    return {
        "id": str(uid),
        "name": str(label),
        "description": str(label),
        "taxonomy": str(_("Area of need") if kind == "area" else _("Type of service")),
        "taxonomy_id": str(taxonomy),
        "term": code,
    }


@require_GET
def taxonomy_terms(request):
    """``GET /taxonomy_terms``: the areas of need and service types services are tagged with."""
    found, error = _page(request, all_terms())
    if error:
        return error
    envelope, chosen = found
    return _json({**envelope, "contents": [_taxonomy_term(*term) for term in chosen]})


@require_GET
def taxonomy_term_detail(request, uid):
    for term in all_terms():
        if str(term[0]) == uid.lower():
            return _json(_taxonomy_term(*term))
    return _json({"error": _("No taxonomy term has this identifier.")}, status=404)


@require_GET
def services(request):
    """``GET /services``: a page of public services with their one-to-one fields."""
    found = _public_services()
    if request.GET.get("search"):
        found = search(found, request.GET["search"])
    if request.GET.get("taxonomy_term_id"):
        term = term_by_id(request.GET["taxonomy_term_id"])
        if term is None:
            found = found.none()
        elif term[0] == "area":
            found = found.filter(**{AREA_FIELDS[term[1]]: True})
        else:
            found = found.filter(service_type=term[1])
    if request.GET.get("organization_id"):
        try:
            found = found.filter(organisation__uid=uuid.UUID(request.GET["organization_id"]))
        except ValueError:
            found = found.none()
    if request.GET.get("modified_after"):
        text = request.GET["modified_after"].strip().replace(" ", "+")
        when = parse_datetime(text) or (
            parse_datetime(f"{text}T00:00:00") if parse_date(text) else None
        )
        if when is None:
            return _bad_request(_("modified_after must be a date or date-time (ISO 8601)."))
        found = found.filter(updated_at__gte=make_aware(when) if is_naive(when) else when)
    paged, error = _page(request, found)
    if error:
        return error
    envelope, chosen = paged
    return _json({**envelope, "contents": [oruk.service_summary(s) for s in chosen]})


@require_GET
def service_detail(request, uid):
    """``GET /services/{id}``: one public service, fully nested."""
    try:
        uid = uuid.UUID(str(uid))
    except ValueError:
        raise Http404 from None
    service = (
        _public_services()
        .filter(uid=uid)
        .prefetch_related(
            Prefetch(
                "contacts",
                Contact.objects.filter(Contact.public_filter()),
                to_attr="public_contacts",
            ),
            Prefetch(
                "locations",
                Location.objects.filter(Location.public_filter()),
                to_attr="public_locations",
            ),
        )
        .first()
    )
    if service is None:
        return _json({"error": _("No public service has this identifier.")}, status=404)
    return _json(oruk.service_full(service, service.public_contacts, service.public_locations))
