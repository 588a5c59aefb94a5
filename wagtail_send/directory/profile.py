"""The Open Referral UK profile's JSON schemas, and checking objects against them.

The schemas are the profile's own (``data/``). Formats are enforced as an ORUK validator
enforces them: ``uuid``, ``email``, ``uri`` and ``date-time`` (the last two through
rfc3986-validator and rfc3339-validator, without which jsonschema skips them silently).
"""

import copy
import functools
import json
import re
import uuid
from pathlib import Path

import jsonschema
from django.utils.translation import gettext as _

DATA = Path(__file__).parent / "data"
#: Deeper than any object the profile defines (a service's location's address's attribute's
#: taxonomy term is 12 levels down); a file nested past this is refused before parsing.
MAX_DEPTH = 24


@functools.cache
def schema(name):
    """One of the profile's compiled schemas by file name (``service.json``...)."""
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _object_schemas():
    service = schema("service.json")
    props = service["properties"]
    location = props["service_at_locations"]["items"]["properties"]["location"]
    return {
        "service": service,
        "organization": props["organization"],
        "contact": props["contacts"]["items"],
        "location": location,
        "taxonomy_term": props["attributes"]["items"]["properties"]["taxonomy_term"],
    }


FORMAT_CHECKER = jsonschema.Draft202012Validator.FORMAT_CHECKER


@functools.cache
def _validator(kind, partial):
    found = _object_schemas()[kind]
    if partial:
        # The fields kept beside a model's columns: the required ones are columns.
        found = copy.deepcopy(found)
        found.pop("required", None)
    return jsonschema.Draft202012Validator(found, format_checker=FORMAT_CHECKER)


def _describe(error):
    where = "/".join(str(part) for part in error.absolute_path) or _("the entry")
    return _("Open Referral field %(field)s: %(problem)s") % {
        "field": where,
        "problem": error.message,
    }


def problems(kind, instance):
    """Every way ``instance`` departs from the profile's ``kind`` object, as sentences."""
    errors = sorted(_validator(kind, False).iter_errors(instance), key=lambda e: e.path)
    return [_describe(error) for error in errors]


def extra_problems(kind, extra):
    """Problems in the fields a model keeps beside its columns (``open_referral``)."""
    if not kind or not extra:
        return []
    if not isinstance(extra, dict):
        return [_("Open Referral details must be an object.")]
    return [_describe(error) for error in _validator(kind, True).iter_errors(extra)]


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")


def too_deep(text):
    """Whether arrays and objects in the JSON ``text`` nest deeper than :data:`MAX_DEPTH`."""
    depth = 0
    for match in _BRACKET.finditer(_STRING.sub("", text)):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        else:
            depth -= 1
    return False


# A full profile-shaped service, built from the schema: every field the profile defines
# holds a value (benchmarks and the round-trip checks use it).

_FORMATS = {
    "uri": "https://example.org/{path}",
    "email": "{leaf}@example.org",
    "date-time": "2020-06-01T09:30:00Z",
}
_STRINGS = {
    "opens_at": "09:00",
    "closes_at": "17:00",
    "byday": "MO,WE",
    "freq": "WEEKLY",
    "valid_from": "2020-01-01",
    "valid_to": "2030-12-31",
    "dtstart": "2020-01-06",
    "assured_date": "2020-06-01",
    "postal_code": "NT1 1AA",
    "country": "GB",
    "bymonthday": "1",
}
_NUMBERS = {"minimum_age": 5, "maximum_age": 18, "latitude": 53.8, "longitude": -1.55}
#: Lists given two items, so "all of them" is tested, not just the first.
_TWO = {"contacts", "service_at_locations"}
#: The object each reference field names, by the key its owner sits under.
_KINDS = {"organization": "organization", "location": "location"}


def _fill(spec, path, key):
    """A value for every field of ``spec``, unique to ``path`` and ``key``."""
    leaf = path.rsplit(".", 1)[-1]
    kind = spec.get("type")
    if kind == "array":
        count = 2 if leaf in _TWO else 1
        return [_fill(spec.get("items", {}), f"{path}.{n}", key) for n in range(count)]
    if kind == "object":
        return {
            name: _fill(child, f"{path}.{name}", key)
            for name, child in spec.get("properties", {}).items()
        }
    if kind in ("number", "integer"):
        return _NUMBERS.get(leaf, 3)
    if "enum" in spec:
        return spec["enum"][0]
    if spec.get("format") == "uuid":
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{key}:{path}"))
    if spec.get("format") in _FORMATS:
        return _FORMATS[spec["format"]].format(path=path.replace(".", "/"), leaf=leaf)
    return _STRINGS.get(leaf, f"{leaf} of {key}")


def _link(value, owners, owner):
    """Make every reference in ``value`` name the object it sits in, as a real feed does."""
    if isinstance(value, list):
        for item in value:
            _link(item, owners, owner)
        return
    if not isinstance(value, dict):
        return
    if "id" in value:
        owner = value["id"]
    if isinstance(value.get("location"), dict):
        value["location_id"] = value["location"]["id"]
    if isinstance(value.get("taxonomy_term"), dict):
        value["taxonomy_term_id"] = value["taxonomy_term"]["id"]
    for field_name, kind in (
        ("service_id", "service"),
        ("location_id", "location"),
        ("organization_id", "organization"),
    ):
        if field_name in value and kind in owners and not isinstance(value.get("location"), dict):
            value[field_name] = owners[kind]
    if "link_id" in value:
        value["link_id"] = owners["_parent"]
    for name, child in value.items():
        inner = dict(owners, _parent=owner)
        if name in _KINDS and isinstance(child, dict):
            inner[_KINDS[name]] = child["id"]
        _link(child, inner, owner)


def sample_service(key="1"):
    """A service with every field of the profile's ``service`` filled in, ids consistent."""
    data = _fill(schema("service.json"), "service", key)
    data["name"] = f"Sample service {key}"
    owners = {"service": data["id"], "organization": data["organization"]["id"]}
    for link in data["service_at_locations"]:
        # A location's children name the location, not the service.
        _link(
            link["location"],
            {**owners, "location": link["location"]["id"], "_parent": link["location"]["id"]},
            link["location"]["id"],
        )
    _link(
        {k: v for k, v in data.items() if k != "service_at_locations"},
        {**owners, "_parent": data["id"]},
        data["id"],
    )
    for link in data["service_at_locations"]:
        link["service_id"] = data["id"]
        link["location_id"] = link["location"]["id"]
    data["organization_id"] = data["organization"]["id"]
    for schedule in data["schedules"]:
        schedule["service_at_location_id"] = data["service_at_locations"][0]["id"]
    return data
