"""Reading a directory file and committing it: all or nothing, history written in bulk.

:func:`check` reads and validates a file without writing; :func:`commit` writes the
valid rows in one transaction with a handful of queries whatever the file's size
(bulk inserts and updates, whose history rows the core writes in one insert each).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail_send.audit import acting_as

from . import oruk, tabular
from .models import Contact, Location, Organisation, Service
from .rows import validate_all
from .taxonomy import AREA_FIELDS

FORMATS = {"csv": tabular.read_csv, "xlsx": tabular.read_xlsx, "json": oruk.read_json}
SERVICE_FIELDS = [
    "name",
    "description",
    "status",
    "service_type",
    "eligibility",
    "minimum_age",
    "maximum_age",
    "application_process",
    "fees",
    "languages",
    "url",
    "email",
    "phone",
    "internal_notes",
    *AREA_FIELDS.values(),
]
COMPARED = [*SERVICE_FIELDS, "organisation_id", "is_public", "last_verified_on"]
BATCH = 1000
#: The name given to contact details that come without a person's name.
GENERAL_CONTACT = gettext_lazy("General enquiries")


class InvalidFile(Exception):
    """Raised by :func:`commit` when the file has bad rows and only a complete import will do."""


@dataclass
class Checked:
    """What a file holds: every row, and a reason for the file as a whole if unreadable."""

    rows: list = field(default_factory=list)
    problem: str = ""

    @property
    def bad_rows(self):
        return [row for row in self.rows if not row.ok]

    @property
    def good_rows(self):
        return [row for row in self.rows if row.ok]

    @property
    def ok(self):
        return not self.problem and not self.bad_rows


def format_of(filename):
    """``csv``, ``xlsx`` or ``json`` from a file name, or None."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return ext if ext in FORMATS else None


def check(data, fmt):
    """Read and validate ``data`` (bytes) in format ``fmt`` without writing anything."""
    try:
        rows = FORMATS[fmt](data)
    except tabular.FileProblem as problem:
        return Checked(problem=str(problem))
    return Checked(rows=validate_all(rows))


@dataclass
class Result:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0


def commit(checked, *, school, by, only_valid=False, make_public=False):
    """Write the rows of ``checked`` to ``school``'s directory on ``by``'s authority.

    Args:
        checked: the result of :func:`check`.
        school: the school whose directory receives the entries.
        by: the person importing; history rows name them.
        only_valid: write the valid rows even if others are bad (the person chose it).
        make_public: show new entries to parents unless the file says otherwise.

    Raises:
        InvalidFile: the file has bad rows and ``only_valid`` is False; nothing is written.
    """
    if checked.problem or (checked.bad_rows and not only_valid):
        raise InvalidFile(_("The file has problems; nothing was imported."))
    rows = checked.good_rows
    with transaction.atomic(), acting_as(by, _("Imported from a file")):
        return _write(rows, school, by, make_public, Result(skipped=len(checked.bad_rows)))


def _write(rows, school, by, make_public, result):
    existing = list(Service.objects.active().filter(school=school))
    by_uid = {s.uid: s for s in existing}
    by_name = {s.name.lower(): s for s in existing}
    organisations = _organisations(rows, school, by)

    new, changed, pairs = [], [], []
    for row in rows:
        values = row.values
        service = (by_uid.get(values["uid"]) if values["uid"] else None) or by_name.get(
            values["name"].lower()
        )
        is_new = service is None
        if is_new:
            service = Service(school=school, created_by=by, is_public=make_public)
            if values["uid"]:
                service.uid = values["uid"]
        before = {} if is_new else {f: getattr(service, f) for f in COMPARED}
        checked_on = service.last_verified_on
        _apply(service, values, organisations)
        if service.last_verified_on != checked_on:
            # The file vouches for the entry: the importer takes responsibility for it.
            service.last_verified_by_id = getattr(by, "pk", None)
        if is_new:
            new.append(service)
        elif any(getattr(service, f) != v for f, v in before.items()):
            changed.append(service)
        else:
            result.unchanged += 1
        pairs.append((service, values))

    Service.objects.bulk_create(new, batch_size=BATCH)
    Service.objects.bulk_update(
        changed,
        [*SERVICE_FIELDS, "organisation", "is_public", "last_verified_on", "last_verified_by"],
        batch_size=BATCH,
    )
    result.created, result.updated = len(new), len(changed)
    _children(pairs, school, by, existing={s.pk for s in existing})
    return result


def _apply(service, values, organisations):
    for name in SERVICE_FIELDS:
        if name in values:
            setattr(service, name, values[name])
    for area, field_name in AREA_FIELDS.items():
        setattr(service, field_name, area in values["areas"])
    if values["organisation"]:
        service.organisation = organisations[values["organisation"].lower()]
    if values["is_public"] is not None:
        service.is_public = values["is_public"]
    if values["last_verified_on"]:
        service.last_verified_on = values["last_verified_on"]


def _organisations(rows, school, by):
    """``{lower name: Organisation}`` for every organisation the rows name, made if new."""
    wanted = {
        r.values["organisation"].lower(): r.values["organisation"]
        for r in rows
        if r.values["organisation"]
    }
    found = {
        o.name.lower(): o
        for o in Organisation.objects.active().filter(school=school)
        if o.name.lower() in wanted
    }
    new = [
        Organisation(school=school, created_by=by, name=name)
        for key, name in wanted.items()
        if key not in found
    ]
    for organisation in Organisation.objects.bulk_create(new, batch_size=BATCH):
        found[organisation.name.lower()] = organisation
    return found


def _children(pairs, school, by, existing):
    """Create or update each row's key contact and location, in bulk."""
    # Only services that were already there can have contacts and locations to update.
    # (Filtered by school rather than a list of ids, which could exceed SQLite's limits.)
    contacts, locations = {}, {}
    if existing:
        for contact in Contact.objects.active().filter(school=school).order_by("pk"):
            contacts.setdefault((contact.service_id, contact.name.lower()), contact)
        for location in Location.objects.active().filter(school=school).order_by("pk"):
            locations.setdefault(location.service_id, location)

    plans = [
        (
            Contact,
            contacts,
            "contact",
            {
                "name": "contact_name",
                "title": "contact_title",
                "phone": "contact_phone",
                "email": "contact_email",
                "other_details": "contact_other",
            },
        ),
        (
            Location,
            locations,
            "location",
            {
                "address": "address",
                "town": "town",
                "postcode": "postcode",
                "accessibility": "accessibility",
            },
        ),
    ]
    for model, known, kind, mapping in plans:
        new, changed = [], []
        for service, values in pairs:
            data = {field_name: values[key] for field_name, key in mapping.items()}
            if not any(data.values()):
                continue
            if kind == "contact" and not data["name"]:
                data["name"] = str(GENERAL_CONTACT)
            key = (service.pk, data["name"].lower()) if kind == "contact" else service.pk
            record = known.get(key)
            if record is None:
                new.append(
                    model(
                        school=school,
                        created_by=by,
                        service=service,
                        is_public=service.is_public,
                        **data,
                    )
                )
            elif any(getattr(record, f) != v for f, v in data.items()):
                for f, v in data.items():
                    setattr(record, f, v)
                changed.append(record)
        model.objects.bulk_create(new, batch_size=BATCH)
        model.objects.bulk_update(changed, list(mapping), batch_size=BATCH)
