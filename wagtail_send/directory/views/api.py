"""The read-only Open Referral UK API of one school's public entries.

Every endpoint and parameter of the profile's openapi.json: ``/``, ``/services``,
``/services/{id}``, ``/service_at_locations``, ``/service_at_locations/{id}``,
``/taxonomies``, ``/taxonomies/{id}``, ``/taxonomy_terms`` and ``/taxonomy_terms/{id}``.
Each school's directory has its own address (``/schools/<id>/api/``); ``/api/`` is the
directory of the school whose site serves the request, or of the only school. Anyone may
call it: no key, JSON errors, and every response (HEAD and OPTIONS too) allows any origin,
as the UK profile requires.
"""

import functools
import logging
import math
import re
import uuid

from django.db.models import DateTimeField, OuterRef, Prefetch, Q, Subquery, TextField
from django.db.models.functions import Cast, Coalesce, Greatest
from django.http import JsonResponse
from django.urls import reverse
from django.utils.dateparse import parse_date, parse_datetime, parse_time
from django.utils.timezone import is_naive, make_aware
from django.utils.translation import gettext as _
from wagtail.models import Site

from wagtail_send.models import School

from .. import oruk
from ..filters import search
from ..models import Contact, Location, Service, TaxonomyTerm
from ..taxonomy import AREA_FIELDS, AREA_TAXONOMY_ID, TYPE_TAXONOMY_ID, all_terms, term_by_id

logger = logging.getLogger(__name__)
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 1000
ALLOWED = "GET, HEAD, OPTIONS"
DAYS = {
    "MO": "monday",
    "TU": "tuesday",
    "WE": "wednesday",
    "TH": "thursday",
    "FR": "friday",
    "SA": "saturday",
    "SU": "sunday",
}


class BadParameter(Exception):
    """A query parameter the caller must correct (answered with a 400)."""


def _json(data, status=200):
    response = JsonResponse(
        data, status=status, safe=False, json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(message, status):
    return _json({"error": str(message)}, status=status)


def _school_for(request, school_id):
    if school_id is not None:
        return School.objects.filter(pk=school_id).first()
    site = Site.find_for_request(request)
    school = School.objects.filter(site=site).first() if site else None
    if school is None:
        schools = list(School.objects.all()[:2])
        school = schools[0] if len(schools) == 1 else None
    return school


def endpoint(view):
    """An API view: the school, GET/HEAD/OPTIONS, JSON errors with CORS."""

    @functools.wraps(view)
    def wrapper(request, school=None, **kwargs):
        if request.method == "OPTIONS":
            response = _json({}, status=200)
            response["Allow"] = ALLOWED
            response["Access-Control-Allow-Methods"] = ALLOWED
            response["Access-Control-Allow-Headers"] = "*"
            response["Access-Control-Max-Age"] = "86400"
            return response
        if request.method not in ("GET", "HEAD"):
            response = _error(_("This API only answers GET, HEAD and OPTIONS."), 405)
            response["Allow"] = ALLOWED
            return response
        found = _school_for(request, school)
        if found is None and view is not api_root:
            response = _error(_("No school's directory is served at this address."), 404)
        else:
            try:
                response = view(request, found, **kwargs)
            except BadParameter as problem:
                response = _error(problem, 400)
            except Exception:
                # Callers are other systems: they get JSON they can read, with CORS.
                logger.exception("Open Referral API error at %s", request.path)
                response = _error(_("The directory could not answer; try again later."), 500)
        if request.method == "HEAD":
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response

    return wrapper


def _absolute(request, name, school):
    return request.build_absolute_uri(
        reverse(f"wagtail_send_directory:{name}", kwargs={"school": school.pk})
    )


@endpoint
def api_root(request, school):
    data = {
        "version": oruk.HSDS_VERSION,
        "profile": oruk.PROFILE_URL,
        "openapi_url": oruk.OPENAPI_URL,
    }
    if school is not None:
        data["school"] = {
            "name": school.name,
            "urn": school.urn,
            "api_url": _absolute(request, "api_root", school),
        }
    else:
        # Several schools, none chosen by the site: say where each directory is.
        data["schools"] = [
            {"name": s.name, "urn": s.urn, "api_url": _absolute(request, "api_root", s)}
            for s in School.objects.order_by("name")
        ]
    return _json(data)


@endpoint
def not_found(request, school, rest=""):
    return _error(_("There is nothing at this address in the Open Referral API."), 404)


# Parameters --------------------------------------------------------------------------


def _int(request, name, default, minimum, maximum):
    value = request.GET.get(name, "")
    if value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or not minimum <= number <= maximum:
        raise BadParameter(
            _("page must be 1 or more and per_page between 1 and %(max)s.") % {"max": MAX_PER_PAGE}
        )
    return number


def _number(request, name):
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        raise BadParameter(_("%(name)s must be a number.") % {"name": name}) from None


def _boolean(request, name):
    return request.GET.get(name, "").strip().lower() in ("true", "1", "yes")


def _time(request, name):
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    when = parse_time(value)
    if when is None:
        raise BadParameter(_("%(name)s must be a time like 09:30.") % {"name": name})
    return when


def _day(request):
    value = request.GET.get("day", "").strip().lower()
    if not value:
        return None
    for code, name in DAYS.items():
        if value in (code.lower(), name, name[:3]):
            return code
    raise BadParameter(_("day must be a day of the week, like MO or Monday."))


def _modified_after(request):
    text = request.GET.get("modified_after", "").strip().replace(" ", "+")
    if not text:
        return None
    when = parse_datetime(text) or (
        parse_datetime(f"{text}T00:00:00") if parse_date(text) else None
    )
    if when is None:
        raise BadParameter(_("modified_after must be a date or date-time (ISO 8601)."))
    return make_aware(when) if is_naive(when) else when


def _page(request, items, render):
    """One page of ``items`` (a queryset or list) in the profile's envelope."""
    page = _int(request, "page", 1, 1, 10**6)
    per_page = _int(request, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    total = len(items) if isinstance(items, list) else items.count()
    pages = math.ceil(total / per_page) if total else 0
    chosen = items[(page - 1) * per_page : page * per_page]
    return _json(
        {
            "total_items": total,
            "total_pages": pages,
            "page_number": page,
            "size": len(chosen),
            "first_page": page == 1,
            "last_page": page >= pages,
            "empty": not chosen,
            "contents": [render(item) for item in chosen],
        }
    )


# Services ----------------------------------------------------------------------------


def _latest(model, link="service"):
    return Subquery(
        model.objects.filter(**{link: OuterRef("pk")})
        .order_by("-updated_at")
        .values("updated_at")[:1],
        output_field=DateTimeField(),
    )


def _services(school, archived_too=False):
    """The school's public services, each with ``changed_at``: its own or a child's change."""
    found = Service.objects.filter(school=school, is_public=True)
    if not archived_too:
        found = found.filter(archived_at__isnull=True)
    return (
        found.select_related("organisation")
        .annotate(
            changed_at=Greatest(
                "updated_at",
                Coalesce(_latest(Contact), "updated_at"),
                Coalesce(_latest(Location), "updated_at"),
                Coalesce("organisation__updated_at", "updated_at"),
            )
        )
        .order_by("name", "pk")
    )


def _with_children(services):
    return services.prefetch_related(
        Prefetch(
            "contacts",
            Contact.objects.filter(Contact.public_filter()).order_by("pk"),
            to_attr="public_contacts",
        ),
        Prefetch(
            "locations",
            Location.objects.filter(Location.public_filter()).order_by("pk"),
            to_attr="public_locations",
        ),
    )


def _tagged(services, key, uid):
    """Services whose kept attributes name ``uid`` as their ``key`` (term or taxonomy id).

    The JSON is searched as text, the one way that works alike on SQLite and PostgreSQL,
    both of which write it with ``": "`` between a key and its value.
    """
    return services.annotate(kept=Cast("open_referral", TextField())).filter(
        kept__icontains=f'"{key}": "{uid}"'
    )


def _by_taxonomy(request, services):
    term_uid = request.GET.get("taxonomy_term_id", "").strip().lower()
    if term_uid:
        ours = term_by_id(term_uid)
        if ours is None:
            services = _tagged(services, "taxonomy_term_id", term_uid)
        elif ours[0] == "area":
            services = services.filter(**{AREA_FIELDS[ours[1]]: True})
        else:
            services = services.filter(service_type=ours[1])
    taxonomy_uid = request.GET.get("taxonomy_id", "").strip().lower()
    if taxonomy_uid == str(AREA_TAXONOMY_ID):
        any_area = Q()
        for field_name in AREA_FIELDS.values():
            any_area |= Q(**{field_name: True})
        services = services.filter(any_area)
    elif taxonomy_uid and taxonomy_uid != str(TYPE_TAXONOMY_ID):
        services = _tagged(services, "taxonomy_id", taxonomy_uid)
    return services


def _schedules_match(service, start, end, day):
    for schedule in service.open_referral.get("schedules") or []:
        if not isinstance(schedule, dict):
            continue
        opens, closes = (
            parse_time(schedule.get("opens_at") or ""),
            parse_time(schedule.get("closes_at") or ""),
        )
        if start and (opens is None or opens < start):
            continue
        if end and (closes is None or closes > end):
            continue
        days = {part.strip().upper()[-2:] for part in str(schedule.get("byday") or "").split(",")}
        if day and day not in days:
            continue
        return True
    return False


def _filtered(request, school):
    """The public services the request's parameters select: a queryset, or a list when
    schedules (kept as Open Referral JSON) had to be read."""
    modified_after = _modified_after(request)
    # Callers syncing changes must hear of withdrawn services: they come back as inactive.
    found = _services(school, archived_too=modified_after is not None)
    if modified_after is not None:
        found = found.filter(changed_at__gte=modified_after)
    if request.GET.get("search"):
        found = search(found, request.GET["search"])
    found = _by_taxonomy(request, found)
    if request.GET.get("organization_id"):
        try:
            found = found.filter(organisation__uid=uuid.UUID(request.GET["organization_id"]))
        except ValueError:
            found = found.none()
    minimum, maximum = _number(request, "minimum_age"), _number(request, "maximum_age")
    if minimum is not None:
        found = found.filter(minimum_age__gte=minimum)
    if maximum is not None:
        found = found.filter(maximum_age__lte=maximum)
    found = _with_children(found)
    start, end, day = _time(request, "start_time"), _time(request, "end_time"), _day(request)
    if start or end or day:
        found = [s for s in found if _schedules_match(s, start, end, day)]
    return found


def _summary(service):
    data = oruk.service_summary(service, service.changed_at)
    if service.archived_at is not None:
        data["status"] = Service.Status.INACTIVE
    return data


def _full(service):
    data = oruk.service_full(
        service, service.public_contacts, service.public_locations, service.changed_at
    )
    if service.archived_at is not None:
        data["status"] = Service.Status.INACTIVE
    return data


def _minimal(service):
    return {"id": str(service.uid), "last_modified": _summary(service)["last_modified"]}


@endpoint
def services(request, school):
    """``GET /services``: a page of public services (``full``: nested; ``minimal``: ids)."""
    found = _filtered(request, school)
    if _boolean(request, "minimal"):
        return _page(request, found, _minimal)
    if _boolean(request, "full"):
        return _page(request, found, _full)
    return _page(request, found, _summary)


def _uid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


@endpoint
def service_detail(request, school, uid):
    """``GET /services/{id}``: one public service, fully nested."""
    found = _uid(uid)
    service = _with_children(_services(school).filter(uid=found)).first() if found else None
    if service is None:
        return _error(_("No public service has this identifier."), 404)
    return _json(_full(service))


# Service at locations ------------------------------------------------------------------

EARTH_RADIUS_M = 6_371_000
OUTWARD = re.compile(r"^\s*([A-Z]{1,2}\d[A-Z\d]?)\s*\d[A-Z]{2}\s*$|^\s*([A-Z]{1,2}\d[A-Z\d]?)\s*$")


def _outward(postcode):
    match = OUTWARD.match(postcode.upper())
    return (match.group(1) or match.group(2)) if match else None


def _position(location):
    kept = location.open_referral or {}
    try:
        return float(kept["latitude"]), float(kept["longitude"])
    except (KeyError, TypeError, ValueError):
        return None


def _metres(a, b):
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


def _serves(service, location, district):
    """Whether the service covers the postcode district: by its service areas, if it
    says, or else by being delivered there."""
    areas = [a for a in service.open_referral.get("service_areas") or [] if isinstance(a, dict)]
    if areas:
        words = " ".join(
            str(a.get(k) or "") for a in areas for k in ("name", "extent", "service_area")
        )
        return district in re.split(r"[^A-Z0-9]+", words.upper())
    return _outward(location.postcode or "") == district


def _links(request, school):
    """``[(service, location)]`` for every public location of the selected services."""
    links = [(s, loc) for s in _filtered(request, school) for loc in s.public_locations]
    postcode = request.GET.get("postcode", "").strip()
    proximity = _number(request, "proximity")
    if proximity is not None and not postcode:
        raise BadParameter(_("proximity needs a postcode to measure from."))
    if postcode:
        district = _outward(postcode)
        if district is None:
            raise BadParameter(
                _("postcode “%(value)s” is not a UK postcode.") % {"value": postcode}
            )
        if proximity is None:
            return [(s, loc) for s, loc in links if _serves(s, loc, district)]
        wanted = postcode.replace(" ", "").upper()
        # No postcode register here: the centre is where the directory's own locations at
        # that postcode are.
        known = [
            _position(loc)
            for loc in Location.objects.filter(school=school, archived_at__isnull=True)
            if loc.postcode.replace(" ", "").upper() == wanted and _position(loc)
        ]
        if not known:
            raise BadParameter(
                _(
                    "No location in this directory has the postcode %(value)s and a position, "
                    "so distances from it cannot be measured."
                )
                % {"value": postcode}
            )
        centre = (sum(p[0] for p in known) / len(known), sum(p[1] for p in known) / len(known))
        return [
            (s, loc)
            for s, loc in links
            if _position(loc) and _metres(centre, _position(loc)) <= proximity
        ]
    return links


def _link_summary(pair):
    service, location = pair
    link = oruk.service_at_location(service.uid, location)
    link["service"] = _summary(service)
    return link


@endpoint
def service_at_locations(request, school):
    """``GET /service_at_locations``: each public service at each of its public locations."""
    return _page(request, _links(request, school), _link_summary)


@endpoint
def service_at_location_detail(request, school, uid):
    """``GET /service_at_locations/{id}``: the service, fully nested, at that one location
    (the profile's openapi gives this the service schema)."""
    wanted = str(_uid(uid))
    for service in _with_children(_services(school)):
        for location in service.public_locations:
            if oruk.service_at_location(service.uid, location)["id"] == wanted:
                service.public_locations = [location]
                return _json(_full(service))
    return _error(_("No public service at a location has this identifier."), 404)


# Taxonomies ----------------------------------------------------------------------------


def _vocabulary(school):
    """Every taxonomy term the school's directory uses: its own, then the authorities'."""
    terms = [
        {
            "id": str(uid),
            "name": str(label),
            "description": str(label),
            "taxonomy": str(_("Area of need") if kind == "area" else _("Type of service")),
            "taxonomy_id": str(taxonomy),
            "term": code,
        }
        for uid, taxonomy, kind, code, label in all_terms()
    ]
    theirs = TaxonomyTerm.objects.filter(school=school, archived_at__isnull=True)
    return terms + [oruk.term_object(term) for term in theirs]


def _taxonomies(school):
    found = {}
    for term in _vocabulary(school):
        key = term.get("taxonomy_id") or term.get("taxonomy")
        if key and key not in found:
            name = term.get("taxonomy") or key
            found[key] = {"id": term.get("taxonomy_id") or "", "name": name, "description": name}
    return [t for t in found.values() if t["id"]]


@endpoint
def taxonomies(request, school):
    return _page(request, _taxonomies(school), lambda taxonomy: taxonomy)


def _one(items, uid, missing):
    for item in items:
        if item["id"] == str(uid).lower():
            return _json(item)
    return _error(missing, 404)


@endpoint
def taxonomy_detail(request, school, uid):
    return _one(_taxonomies(school), uid, _("No taxonomy has this identifier."))


@endpoint
def taxonomy_terms(request, school):
    """``GET /taxonomy_terms``: the terms services are tagged with."""
    return _page(request, _vocabulary(school), lambda term: term)


@endpoint
def taxonomy_term_detail(request, school, uid):
    return _one(_vocabulary(school), uid, _("No taxonomy term has this identifier."))
