"""Open Referral UK (HSDS 3.0 UK profile) JSON: writing services and reading them back.

Only public fields are ever written: the school's internal notes, who checks an entry
and who maintains it stay in the school. Identifiers of child objects that the school
does not store separately (languages, addresses, taxonomy links) are derived from the
parent's identifier, so they are stable between calls.
"""

import json
import uuid

from django.utils.translation import gettext as _

from .rows import Row
from .tabular import FileProblem
from .taxonomy import (
    AREA_TAXONOMY_ID,
    NAMESPACE,
    TYPE_TAXONOMY_ID,
    AreaOfNeed,
    ServiceType,
    term_by_id,
    term_id,
)

HSDS_VERSION = "3.0"
PROFILE_URL = "https://openreferraluk.org/"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/uk-profile/main/openapi.json"


def _child_id(parent_uid, kind, key=""):
    return str(uuid.uuid5(NAMESPACE, f"{parent_uid}:{kind}:{key}"))


def _drop_empty(data):
    return {k: v for k, v in data.items() if v not in ("", None)}


def _term(kind, code, label, link_id):
    uid = term_id(kind, code)
    taxonomy = AREA_TAXONOMY_ID if kind == "area" else TYPE_TAXONOMY_ID
    return {
        "id": _child_id(link_id, "attribute", uid),
        "link_id": str(link_id),
        "link_type": "service",
        "taxonomy_term_id": str(uid),
        "taxonomy_term": {
            "id": str(uid),
            "name": str(label),
            "description": str(label),
            "taxonomy": _("Area of need") if kind == "area" else _("Type of service"),
            "taxonomy_id": str(taxonomy),
            "term": code,
        },
    }


def service_summary(service):
    """A service's one-to-one fields, as listed by ``GET /services``."""
    organisation = service.organisation
    data = {
        "id": str(service.uid),
        "organization_id": str(organisation.uid) if organisation else None,
        "name": service.name,
        "description": service.description,
        "url": service.url,
        "email": service.email,
        "status": service.status,
        "fees_description": service.fees,
        "eligibility_description": service.eligibility,
        "application_process": service.application_process,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "last_modified": service.updated_at.isoformat(timespec="milliseconds"),
    }
    data = _drop_empty(data)
    if organisation is not None:
        data["organization"] = _drop_empty(
            {
                "id": str(organisation.uid),
                "name": organisation.name,
                "description": organisation.description or organisation.name,
                "email": organisation.email,
                "website": organisation.website,
            }
        )
    return data


def service_full(service, contacts, locations):
    """A fully nested service (``GET /services/{id}``) with its public contacts and locations."""
    data = service_summary(service)
    uid = service.uid
    data["languages"] = [
        {"id": _child_id(uid, "language", name), "service_id": str(uid), "name": name}
        for name in service.language_list
    ]
    data["contacts"] = [
        _drop_empty(
            {
                "id": str(c.uid),
                "service_id": str(uid),
                "name": c.name,
                "title": c.title,
                "email": c.email,
                "phones": [{"id": _child_id(c.uid, "phone"), "number": c.phone}]
                if c.phone
                else None,
            }
        )
        for c in contacts
    ]
    if service.phone:
        data["phones"] = [{"id": _child_id(uid, "phone"), "number": service.phone}]
    data["service_at_locations"] = [_service_at_location(uid, loc) for loc in locations]
    attributes = [
        _term("area", code, AreaOfNeed(code).label, uid) for code in service.areas_of_need
    ]
    attributes.append(
        _term("type", service.service_type, ServiceType(service.service_type).label, uid)
    )
    data["attributes"] = attributes
    return data


def _service_at_location(service_uid, location):
    lid = str(location.uid)
    place = {
        "id": lid,
        "location_type": "physical",
        "name": location.name,
        "addresses": [
            {
                "id": _child_id(lid, "address"),
                "location_id": lid,
                "address_1": location.address.replace("\n", ", "),
                "city": location.town,
                "state_province": "",
                "postal_code": location.postcode,
                "country": "GB",
                "address_type": "physical",
            }
        ],
        "accessibility": [
            {
                "id": _child_id(lid, "accessibility"),
                "location_id": lid,
                "description": location.accessibility,
            }
        ]
        if location.accessibility
        else [],
    }
    return {
        "id": _child_id(service_uid, "service_at_location", lid),
        "service_id": str(service_uid),
        "location_id": lid,
        "location": _drop_empty(place),
    }


def _first(items):
    return items[0] if isinstance(items, list) and items and isinstance(items[0], dict) else {}


def _row_from_service(number, item):
    """A raw import row from one ORUK service object."""
    organisation = item.get("organization") or {}
    contact = _first(item.get("contacts"))
    location = _first(item.get("service_at_locations")).get("location") or {}
    address = _first(location.get("addresses"))
    areas, kind = [], ""
    for attribute in item.get("attributes") or []:
        term = attribute.get("taxonomy_term") or {}
        found = term_by_id(attribute.get("taxonomy_term_id") or term.get("id") or "")
        if found is None:
            continue
        if found[0] == "area":
            areas.append(found[1])
        else:
            kind = found[1]
    languages = [
        lang.get("name", "") for lang in item.get("languages") or [] if isinstance(lang, dict)
    ]
    raw = {
        "uid": item.get("id", ""),
        "name": item.get("name", ""),
        "description": item.get("description", ""),
        "status": item.get("status", ""),
        "url": item.get("url", ""),
        "email": item.get("email", ""),
        "phone": _first(item.get("phones")).get("number", ""),
        "fees": item.get("fees_description") or item.get("fees") or "",
        "eligibility": item.get("eligibility_description", ""),
        "application_process": item.get("application_process", ""),
        "minimum_age": item.get("minimum_age", ""),
        "maximum_age": item.get("maximum_age", ""),
        "last_verified_on": item.get("assured_date", ""),
        "languages": ", ".join(name for name in languages if name),
        "organisation": organisation.get("name", ""),
        "service_type": kind,
        "areas": "; ".join(areas),
        "contact_name": contact.get("name", ""),
        "contact_title": contact.get("title", ""),
        "contact_email": contact.get("email", ""),
        "contact_phone": _first(contact.get("phones")).get("number", ""),
        "address": address.get("address_1", ""),
        "town": address.get("city", ""),
        "postcode": address.get("postal_code", ""),
        "accessibility": _first(location.get("accessibility")).get("description", ""),
    }
    return Row(number, {k: "" if v is None else v for k, v in raw.items()})


def read_json(data):
    """Rows from ORUK JSON: one service, a list of services, or a page with ``contents``."""
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise FileProblem(_("The file is not JSON.")) from None
    if isinstance(parsed, dict):
        parsed = parsed.get("contents", [parsed])
    if not isinstance(parsed, list) or not parsed:
        raise FileProblem(_("The file holds no Open Referral services."))
    rows = []
    for number, item in enumerate(parsed, start=1):
        if not isinstance(item, dict):
            row = Row(number, {})
            row.errors.append(_("This entry is not a service object."))
            rows.append(row)
            continue
        rows.append(_row_from_service(number, item))
    return rows
