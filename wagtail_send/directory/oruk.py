"""Open Referral UK (HSDS 3.0 UK profile) JSON: writing the directory and reading it back.

Each directory model keeps the profile fields it has columns for in those columns, and
every other field a file carried, as it came, in ``open_referral``: so schedules, service
areas, costs, funding, an authority's taxonomy terms and every child's identifier survive
an import, the API and an export. The school's own fields (internal notes, who checks an
entry, who maintains it, whether parents see it) are never written. Identifiers the school
has no record for (languages, addresses of its own entries, its taxonomy links) are derived
from the parent's identifier, so they are stable between calls.
"""

import io
import json
import re
import uuid

from django.utils.translation import gettext as _

from . import profile
from .models import Contact, Location, Service
from .rows import LIST_SEPARATOR, Row
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
OPENAPI_URL = "https://openreferraluk.org/docs/openapi30.json"

#: Service column -> the profile's field.
SERVICE_COLUMNS = {
    "name": "name",
    "description": "description",
    "url": "url",
    "email": "email",
    "status": "status",
    "fees": "fees",
    "eligibility": "eligibility_description",
    "application_process": "application_process",
    "minimum_age": "minimum_age",
    "maximum_age": "maximum_age",
}
ORGANISATION_COLUMNS = {
    "name": "name",
    "description": "description",
    "email": "email",
    "website": "website",
}
CONTACT_COLUMNS = {"name": "name", "title": "title", "email": "email"}
#: Fields made from the records themselves on the way out, so never kept as they came.
DERIVED = {
    "service": {
        "id",
        "organization",
        "contacts",
        "service_at_locations",
        "last_modified",
        "organization_id",
        "fees_description",
        "languages",
        "phones",
    },
    "organization": {"id", "services"},
    "contact": {"id", "service_id", "phones"},
    "location": {"id", "name", "addresses", "accessibility"},
}


def _child_id(parent_uid, kind, key=""):
    return str(uuid.uuid5(NAMESPACE, f"{parent_uid}:{kind}:{key}"))


def _drop_empty(data):
    return {k: v for k, v in data.items() if v not in ("", None)}


def _kept(record, kind):
    """What ``record`` keeps of the profile beside its columns (never a derived field)."""
    return {k: v for k, v in (record.open_referral or {}).items() if k not in DERIVED[kind]}


def _our_term(kind, code, label, link_id):
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


def organisation_object(organisation):
    data = _kept(organisation, "organization")
    data.update(
        _drop_empty(
            {
                "id": str(organisation.uid),
                "name": organisation.name,
                # The profile requires a description; the name is the best there is.
                "description": organisation.description or organisation.name,
                "email": organisation.email,
                "website": organisation.website,
            }
        )
    )
    return data


def service_summary(service, last_modified=None):
    """A service's one-to-one fields, as listed by ``GET /services``."""
    organisation = service.organisation
    kept = _kept(service, "service")
    data = {k: v for k, v in kept.items() if not isinstance(v, list | dict)}
    for column, key in SERVICE_COLUMNS.items():
        data.pop(key, None)
        value = getattr(service, column)
        if value not in ("", None):
            data[key] = value
    data["id"] = str(service.uid)
    if organisation is not None:
        data["organization_id"] = str(organisation.uid)
        data["organization"] = organisation_object(organisation)
    elif service.open_referral.get("organization_id"):
        # An organisation the file only named by its identifier.
        data["organization_id"] = service.open_referral["organization_id"]
    when = last_modified or service.updated_at
    data["last_modified"] = when.isoformat(timespec="milliseconds")
    return data


def _languages(service):
    """The languages column as profile objects: the stored object of each name kept, and
    stored ones without a name (the UK profile's language has none) as they came."""
    stored = [
        lang for lang in service.open_referral.get("languages") or [] if isinstance(lang, dict)
    ]
    named = {str(lang.get("name") or lang.get("code") or "").lower(): lang for lang in stored}
    uid = str(service.uid)
    return [lang for lang in stored if not (lang.get("name") or lang.get("code"))] + [
        named.get(name.lower())
        or {"id": _child_id(uid, "language", name), "service_id": uid, "name": name}
        for name in service.language_list
    ]


def _phones(record, uid, number):
    """The stored phones with the record's own number first (or none, if it has none)."""
    stored = [p for p in record.open_referral.get("phones") or [] if isinstance(p, dict)]
    if not number:
        return stored[1:]
    first = dict(stored[0]) if stored else {"id": _child_id(uid, "phone")}
    first["number"] = number
    return [first, *stored[1:]]


def contact_object(contact, service_uid):
    data = _kept(contact, "contact")
    for column, key in CONTACT_COLUMNS.items():
        data.pop(key, None)
        if getattr(contact, column):
            data[key] = getattr(contact, column)
    data["id"] = str(contact.uid)
    data["service_id"] = str(service_uid)
    phones = _phones(contact, contact.uid, contact.phone)
    if phones:
        data["phones"] = phones
    return data


def location_object(location):
    lid = str(location.uid)
    stored = location.open_referral or {}
    place = {k: v for k, v in _kept(location, "location").items() if k != "service_at_location"}
    place.setdefault("location_type", "physical")
    place["id"] = lid
    if location.name:
        place["name"] = location.name
    addresses = [dict(a) for a in stored.get("addresses") or [] if isinstance(a, dict)]
    if location.address or location.town or location.postcode:
        first = (
            addresses[0]
            if addresses
            else {
                "id": _child_id(lid, "address"),
                "location_id": lid,
                "state_province": "",
                "country": "GB",
                "address_type": "physical",
            }
        )
        first.update(
            {
                "address_1": location.address.replace("\n", ", "),
                "city": location.town,
                "postal_code": location.postcode,
            }
        )
        addresses[:1] = [first]
    place["addresses"] = addresses
    access = [dict(a) for a in stored.get("accessibility") or [] if isinstance(a, dict)]
    if location.accessibility:
        first = (
            access[0]
            if access
            else {
                "id": _child_id(lid, "accessibility"),
                "location_id": lid,
            }
        )
        first["description"] = location.accessibility
        access[:1] = [first]
    else:
        access = access[1:]
    place["accessibility"] = access
    return place


def service_at_location(service_uid, location):
    lid = str(location.uid)
    link = dict((location.open_referral or {}).get("service_at_location") or {})
    link.setdefault("id", _child_id(service_uid, "service_at_location", lid))
    link.update(
        {"service_id": str(service_uid), "location_id": lid, "location": location_object(location)}
    )
    return link


def service_full(service, contacts, locations, last_modified=None):
    """A fully nested service (``GET /services/{id}``) with its public contacts and locations."""
    data = {**_kept(service, "service"), **service_summary(service, last_modified)}
    uid = service.uid
    data["languages"] = _languages(service)
    data["contacts"] = [contact_object(c, uid) for c in contacts]
    phones = _phones(service, uid, service.phone)
    if phones:
        data["phones"] = phones
    data["service_at_locations"] = [service_at_location(uid, loc) for loc in locations]
    ours = [_our_term("area", code, AreaOfNeed(code).label, uid) for code in service.areas_of_need]
    ours.append(
        _our_term("type", service.service_type, ServiceType(service.service_type).label, uid)
    )
    theirs = [a for a in data.get("attributes") or [] if isinstance(a, dict)]
    data["attributes"] = ours + theirs
    return data


# Reading ------------------------------------------------------------------------------


def _first(items):
    return items[0] if isinstance(items, list) and items and isinstance(items[0], dict) else {}


def _dicts(items):
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _split(item, columns, kind):
    """``(column values the item carries, the rest to keep)`` of one profile object."""
    values = {column: item[key] for column, key in columns.items() if key in item}
    rest = {k: v for k, v in item.items() if k not in DERIVED[kind] and k not in columns.values()}
    return values, rest


def read_organisation(item):
    """An organisation object as ``{"uid", column values..., "open_referral"}``."""
    values, rest = _split(item, ORGANISATION_COLUMNS, "organization")
    return {"uid": item.get("id"), **values, "open_referral": rest}


def _beyond(rest, derived):
    """``rest`` without what the record's columns give anyway: so re-importing the school's
    own export stores nothing new, and only an authority's extra detail is kept."""
    return {k: v for k, v in rest.items() if k not in derived or derived[k] != v}


def read_contact(item):
    values, rest = _split(item, CONTACT_COLUMNS, "contact")
    if "phones" in item:
        values["phone"] = _first(item["phones"]).get("number", "")
        rest["phones"] = _dicts(item["phones"])
    uid = item.get("id")
    template = Contact(uid=uid, phone=values.get("phone", ""))
    rest = _beyond(rest, {"phones": _phones(template, uid, template.phone)})
    return {"uid": uid, **values, "open_referral": rest}


def read_location(link, service_uid):
    """A service_at_location object as the Location it describes."""
    item = link.get("location") if isinstance(link.get("location"), dict) else {}
    values = {"name": item["name"]} if "name" in item else {}
    rest = {k: v for k, v in item.items() if k not in {"id", "name"}}
    if "addresses" in item:
        address = _first(item["addresses"])
        values["address"] = address.get("address_1", "")
        values["town"] = address.get("city", "")
        values["postcode"] = address.get("postal_code", "")
    if "accessibility" in item:
        values["accessibility"] = _first(item["accessibility"]).get("description", "")
    uid = item.get("id") or link.get("location_id")
    template = Location(uid=uid, **values)
    rest = _beyond(rest, location_object(template))
    own = {k: v for k, v in link.items() if k not in {"location", "service_id", "location_id"}}
    if own != {"id": _child_id(service_uid, "service_at_location", uid)}:
        rest["service_at_location"] = own
    return {"uid": uid, **values, "open_referral": rest}


def _classification(item):
    """The raw type and areas from the school's own terms, and the other terms to keep."""
    raw, theirs, areas = {}, [], []
    for attribute in _dicts(item.get("attributes")):
        term = (
            attribute.get("taxonomy_term")
            if isinstance(attribute.get("taxonomy_term"), dict)
            else {}
        )
        found = term_by_id(attribute.get("taxonomy_term_id") or term.get("id") or "")
        if found is None:
            theirs.append(attribute)
        elif found[0] == "area":
            areas.append(str(AreaOfNeed(found[1]).label))
        else:
            raw["service_type"] = found[1]
    if areas:
        raw["areas"] = LIST_SEPARATOR.join(areas)
    return raw, theirs


def service_row(number, item, organisation=None):
    """An import row from one ORUK service object; ``organisation`` if the file nests it."""
    values, rest = _split(item, SERVICE_COLUMNS, "service")
    if "fees" not in item and "fees_description" in item:
        values["fees"] = item["fees_description"]
    raw = {k: "" if v is None else v for k, v in values.items()}
    raw["uid"] = item.get("id", "")
    if "languages" in item:
        languages = _dicts(item["languages"])
        names = [str(lang.get("name") or lang.get("code") or "") for lang in languages]
        raw["languages"] = ", ".join(name for name in names if name)
        rest["languages"] = languages
    if "phones" in item:
        raw["phone"] = _first(item["phones"]).get("number", "")
        rest["phones"] = _dicts(item["phones"])
    if item.get("assured_date"):
        raw["last_verified_on"] = item["assured_date"]
    classification, theirs = _classification(item)
    raw.update(classification)
    rest["attributes"] = theirs
    template = Service(
        uid=raw["uid"], phone=raw.get("phone", ""), languages=raw.get("languages", "")
    )
    rest = _beyond(
        rest,
        {
            "phones": _phones(template, template.uid, template.phone),
            "languages": _languages(template),
        },
    )
    organisation = (
        item.get("organization") if isinstance(item.get("organization"), dict) else organisation
    )
    if organisation:
        raw["organisation"] = organisation.get("name", "")
    elif item.get("organization_id"):
        rest["organization_id"] = item["organization_id"]
    contacts = [read_contact(c) for c in _dicts(item.get("contacts"))]
    locations = [
        read_location(link, raw["uid"]) for link in _dicts(item.get("service_at_locations"))
    ]
    # The first contact and location stand for the rest in the preview and the checks.
    if contacts:
        first = contacts[0]
        raw.update({f"contact_{k}": first.get(k, "") for k in ("name", "title", "email", "phone")})
    if locations:
        raw.update({k: v for k, v in locations[0].items() if k in ("address", "town", "postcode")})
    row = Row(number, raw)
    row.source = {
        "open_referral": rest,
        "organisation": read_organisation(organisation) if organisation else None,
        "contacts": contacts,
        "locations": locations,
    }
    whole = dict(item)
    if organisation and "organization" not in whole:
        whole["organization"] = {k: v for k, v in organisation.items() if k != "services"}
    row.errors.extend(profile.problems("service", whole))
    row.errors.extend(_repeated_ids(contacts, locations))
    return row


def _repeated_ids(*groups):
    seen, problems = set(), []
    for group in groups:
        for child in group:
            if child["uid"] in seen:
                problems.append(
                    _("The identifier %(id)s is used twice in this entry.") % {"id": child["uid"]}
                )
            seen.add(child["uid"])
    return problems


#: TaxonomyTerm column -> the profile's field.
TERM_FIELDS = {
    "name": "name",
    "description": "description",
    "code": "term",
    "taxonomy": "taxonomy",
    "taxonomy_uid": "taxonomy_id",
    "parent_uid": "parent_id",
    "term_uri": "term_uri",
}
_TERM_IDS = ("taxonomy_uid", "parent_uid")


def term_values(item):
    """A taxonomy term object as TaxonomyTerm column values (with its ``uid``)."""
    values = {
        column: item.get(key) if column in _TERM_IDS else str(item.get(key) or "")
        for column, key in TERM_FIELDS.items()
    }
    return {"uid": item.get("id"), **values}


def term_object(term):
    """A TaxonomyTerm as the profile's ``taxonomy_term``."""
    data = {
        key: str(getattr(term, column)) if column in _TERM_IDS else getattr(term, column)
        for column, key in TERM_FIELDS.items()
        if getattr(term, column)
    }
    data["id"] = str(term.uid)
    data.setdefault("description", term.name)
    return data


def term_row(number, item):
    """An import row from one taxonomy term (a taxonomy's terms come one row each)."""
    row = Row(number, {"name": item.get("name", ""), "uid": item.get("id", "")}, kind="term")
    row.values = term_values(item)
    row.errors.extend(profile.problems("taxonomy_term", item))
    return row


#: What each kind of object has that the others do not.
SERVICE_KEYS = {
    "status",
    "service_at_locations",
    "organization_id",
    "eligibility_description",
    "fees",
    "fees_description",
    "schedules",
    "service_areas",
    "cost_options",
}
ORGANISATION_KEYS = {
    "services",
    "website",
    "logo",
    "organization_identifiers",
    "parent_organization_id",
    "legal_status",
    "year_incorporated",
}
TERM_KEYS = {"taxonomy_id", "term", "term_uri", "parent_id", "taxonomy", "code", "vocabulary"}


def kind_of(item):
    """``service``, ``organisation``, ``taxonomy``, ``term`` or None for one JSON object."""
    keys = set(item)
    if keys & SERVICE_KEYS:
        return "service"
    if keys & ORGANISATION_KEYS:
        return "organisation"
    if isinstance(item.get("terms"), list) or (keys & {"version"} and "name" in keys):
        return "taxonomy"
    if keys & TERM_KEYS:
        return "term"
    return None


def _rows_of(item, number):
    """The rows one object of a file gives: its services, or its terms."""
    kind = kind_of(item)
    if kind == "service":
        return [service_row(number, item)]
    if kind == "organisation":
        services = _dicts(item.get("services"))
        rows = [service_row(number + 1 + n, s, organisation=item) for n, s in enumerate(services)]
        organisation = Row(number, {"name": item.get("name", "")}, kind="organisation")
        organisation.values = read_organisation(item)
        organisation.errors.extend(
            profile.problems("organization", {k: v for k, v in item.items() if k != "services"})
        )
        return [organisation, *rows]
    if kind == "taxonomy":
        terms = _dicts(item.get("terms"))
        for term in terms:
            term.setdefault("taxonomy", item.get("name", ""))
            term.setdefault("taxonomy_id", item.get("id"))
        return [term_row(number + n, term) for n, term in enumerate(terms)]
    if kind == "term":
        return [term_row(number, item)]
    return []


def _what(parsed):
    """A short description of a JSON value that is not Open Referral, for the message."""
    if isinstance(parsed, dict):
        keys = ", ".join(sorted(str(k) for k in parsed)[:8])
        return (
            _("an object with the fields %(keys)s") % {"keys": keys}
            if keys
            else _("an empty object")
        )
    if isinstance(parsed, list):
        return _("an empty list") if not parsed else _("a list of values that are not objects")
    return _("a single value")


_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"\s*")


def _decode(text, at):
    """``(value, where it ends)`` of the JSON value at ``text[at]``, after any white space."""
    try:
        return _DECODER.raw_decode(text, _SPACE.match(text, at).end())
    except ValueError:
        raise FileProblem(_("The file is not JSON.")) from None


def _expect(text, at, marks):
    """The position after the first of ``marks`` found at ``text[at]`` (after white space)."""
    at = _SPACE.match(text, at).end()
    if at < len(text) and text[at] in marks:
        return at + 1, text[at]
    raise FileProblem(_("The file is not JSON."))


def _items(text, at, ends=None):
    """Each value of the JSON array at ``text[at]``, decoded one at a time (so a file of
    thousands of services never holds more than one as objects); where it ends is appended
    to ``ends``."""
    at, _mark = _expect(text, at, "[")
    if text.startswith("]", _SPACE.match(text, at).end()):
        at, mark = _expect(text, at, "]")
    else:
        mark = ","
    while mark == ",":
        value, at = _decode(text, at)
        yield value
        at, mark = _expect(text, at, ",]")
    if ends is not None:
        ends.append(at)


def _contents_of(text, at):
    """``(where its contents array starts or None, where it ends)`` of the object at
    ``text[at]``; its other fields (a page's number, the total) are decoded and dropped."""
    at, mark = _expect(text, at, "{")
    found = None
    if text.startswith("}", _SPACE.match(text, at).end()):
        return None, _expect(text, at, "}")[0]
    while mark != "}":
        key, at = _decode(text, at)
        at, _colon = _expect(text, at, ":")
        at = _SPACE.match(text, at).end()
        if key == "contents" and text.startswith("[", at):
            found, ends = at, []
            for _item in _items(text, at, ends):
                pass
            at = ends[0]
        else:
            _value, at = _decode(text, at)
        at, mark = _expect(text, at, ",}")
    return found, at


def _top_items(text):
    """The objects of a file, one at a time: a list's items, a page's contents, or the file's
    one object; anything else is refused, naming what it is."""
    at = _SPACE.match(text).end()
    ends = []
    if text.startswith("[", at):
        empty = True
        for item in _items(text, at, ends):
            if not isinstance(item, dict):
                raise FileProblem(_refused(_("a list of values that are not objects")))
            empty = False
            yield item
        if empty:
            raise FileProblem(_refused(_("an empty list")))
    else:
        contents, end = _contents_of(text, at) if text.startswith("{", at) else (None, 0)
        if contents is None:
            parsed, end = _decode(text, at)
            if not isinstance(parsed, dict):
                raise FileProblem(_refused(_what(parsed)))
            yield parsed
        else:
            for item in _items(text, contents):
                if not isinstance(item, dict):
                    raise FileProblem(_refused(_("a list of values that are not objects")))
                yield item
        ends.append(end)
    if text[ends[0] :].strip():
        raise FileProblem(_("The file is not JSON."))


def _refused(what):
    return _(
        "The file holds %(what)s, not Open Referral services, organisations or taxonomy terms."
    ) % {"what": what}


def read_json(file):
    """Rows, one at a time, from a binary ORUK JSON file: a service, a list or page of
    services, an organisation with its services, or a taxonomy or list of terms.

    The text is read whole (the upload limit bounds it) and checked for nesting before any
    of it is decoded; then each entry is decoded, turned into rows and dropped in turn."""
    try:
        text = io.TextIOWrapper(file, encoding="utf-8-sig")
        try:
            content = text.read()
        finally:
            text.detach()
    except UnicodeDecodeError:
        raise FileProblem(_("The file is not JSON.")) from None
    if profile.too_deep(content):
        raise FileProblem(
            _(
                "The file nests objects more than %(depth)s levels deep, which no Open Referral "
                "file does."
            )
            % {"depth": profile.MAX_DEPTH}
        )
    number, held = 1, None
    for count, item in enumerate(_top_items(content), start=1):
        found = _rows_of(item, number)
        if not found:
            row = Row(number, {"name": item.get("name", "")})
            row.errors.append(
                _(
                    "Entry %(number)s is %(what)s, not an Open Referral service, organisation or "
                    "taxonomy term."
                )
                % {"number": number, "what": _what(item)}
            )
            found = [row]
        number += len(found)
        if count == 1:
            held = found  # a file of one thing that is not Open Referral is refused whole
            continue
        if held:
            yield from held
            held = None
        yield from found
    if held is not None:
        only = held[0]
        if len(held) == 1 and not only.source and only.kind == "service":
            raise FileProblem(only.errors[0])
        yield from held
