"""Reading a directory file and committing it: all or nothing, history written in bulk.

:func:`check` reads and validates a file a row at a time without writing, keeping only
counts and each bad row's reasons; :func:`preview` works out, without writing, what each
entry would become (the preview shows the first few); :func:`commit` reads the file again
and writes it a batch at a time in one transaction, with a handful of queries a batch
(bulk inserts and updates, whose history rows the core writes in one insert each). So the
memory an import takes does not grow with the file's length.

An import merges: it changes only the fields the file carries. The school's own fields
(internal notes, visibility, maintainer, and its type and areas of need, which an
authority's file cannot carry) stay as they are unless the school's own spreadsheet
sets them; entries, contacts and locations the file does not mention are kept.
"""

import io
import itertools
import json
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail_send.audit import acting_as

from . import oruk, tabular
from .models import Contact, Location, Organisation, Service, TaxonomyTerm
from .rows import validate_repeated
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
]
#: Every Service column an import may write.
WRITTEN = [
    *SERVICE_FIELDS,
    *AREA_FIELDS.values(),
    "organisation",
    "is_public",
    "last_verified_on",
    "last_verified_by",
    "open_referral",
]
COMPARED = [
    *SERVICE_FIELDS,
    *AREA_FIELDS.values(),
    "organisation_id",
    "is_public",
    "last_verified_on",
    "open_referral",
]
#: Rows planned and written at a time (a batch's ids fit any database's query limits).
BATCH = 500
#: The name given to contact details that come without a person's name.
GENERAL_CONTACT = gettext_lazy("General enquiries")
#: Row keys of the one contact and location a spreadsheet row describes.
FLAT_CHILDREN = {
    Contact: {
        "name": "contact_name",
        "title": "contact_title",
        "phone": "contact_phone",
        "email": "contact_email",
        "other_details": "contact_other",
    },
    Location: {
        "address": "address",
        "town": "town",
        "postcode": "postcode",
        "accessibility": "accessibility",
    },
}


class InvalidFile(Exception):
    """Raised by :func:`commit` when the file has bad rows and only a complete import will do."""


@dataclass
class BadRow:
    """What the report says of one bad row: its number, its name and every reason."""

    number: int
    name: str
    errors: list


@dataclass
class Checked:
    """What a file holds, found by reading it once: how many rows of each kind, every bad
    row's reasons (not the row), and a reason for the file as a whole if it is unreadable.

    :meth:`good_rows` reads the file again, so that no more than one row is held at a time.
    """

    source: object = None
    fmt: str = ""
    problem: str = ""
    bad_rows: list = field(default_factory=list)
    count: int = 0
    terms: int = 0

    @property
    def ready(self):
        """How many rows can be imported."""
        return self.count - len(self.bad_rows)

    @property
    def ok(self):
        return not self.problem and not self.bad_rows

    def rows(self):
        """Every row of the file, validated, one at a time."""
        self.source.seek(0)
        return validated(FORMATS[self.fmt](self.source))

    def good_rows(self):
        """The rows that can be imported (none from a file that cannot be read)."""
        return (row for row in self.rows() if row.ok) if self.source else iter(())


def validated(rows):
    """Validate each row as it comes, and report repeated entries (same name, or same
    identifier): only what identifies an entry is kept from one row to the next."""
    seen = {}
    for row in rows:
        if row.kind == "service":
            validate_repeated(row, seen)
        yield row


def format_of(filename):
    """``csv``, ``xlsx`` or ``json`` from a file name, or None."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return ext if ext in FORMATS else None


def check(data, fmt):
    """Read and validate ``data`` (bytes, or a binary file to be read again on import) in
    format ``fmt`` without writing anything."""
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    checked = Checked(source=source, fmt=fmt)
    try:
        for row in checked.rows():
            checked.count += 1
            if not row.ok:
                checked.bad_rows.append(BadRow(row.number, str(row.name), row.errors))
            elif row.kind == "term":
                checked.terms += 1
    except tabular.FileProblem as problem:
        return Checked(problem=str(problem))
    if not checked.count:
        return Checked(problem=_("The file holds no directory entries."))
    return checked


@dataclass
class Result:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    terms: int = 0


@dataclass
class Planned:
    """What one row will do to one service: ``changes`` is ``[(label, before, after)]``,
    ``before`` the compared fields as they were."""

    row: object
    service: Service
    is_new: bool
    changes: list
    before: dict


def _label(name):
    if name == "organisation_id":
        return str(Service._meta.get_field("organisation").verbose_name)
    return str(Service._meta.get_field(name).verbose_name)


def _brief(value):
    """A kept Open Referral value as short text for the preview."""
    if value in (None, "", [], {}):
        return ""
    return value if isinstance(value, str | int | float) else json.dumps(value, ensure_ascii=False)


def _shown(name, value, organisations):
    if name == "organisation_id":
        found = next((o for o in organisations.values() if o.pk == value), None)
        return found.name if found else ""
    return "" if value is None else value


class Directory:
    """Which of the school's entries a name stands for, kept as names and keys only, so
    matching a large file holds no more than a batch of entries at a time."""

    def __init__(self, school):
        self.school = school
        self.names = {}
        for pk, name in Service.objects.active().filter(school=school).values_list("pk", "name"):
            self.names[name.lower()] = pk

    def matching(self, rows):
        """``(by identifier, by name)``: the entries ``rows`` may update."""
        uids = {row.values["uid"] for row in rows if row.values["uid"]}
        names = {row.values["name"].lower() for row in rows} & set(self.names)
        found = Service.objects.active().filter(school=self.school)
        pks = {self.names[name] for name in names}
        found = {s.pk: s for s in found.filter(Q(uid__in=uids) | Q(pk__in=pks))}
        by_name = {name: found[self.names[name]] for name in names}
        return {s.uid: s for s in found.values()}, by_name

    def add(self, services):
        for service in services:
            self.names.setdefault(service.name.lower(), service.pk)


class Plan:
    """Entries of a checked file matched to the school's directory, nothing written.

    A large file is planned a batch at a time, sharing ``organisations`` and ``directory``.
    """

    def __init__(self, rows, school, by, make_public, *, organisations=None, directory=None):
        self.school, self.by, self.make_public = school, by, make_public
        rows = list(rows)
        self.directory = directory or Directory(school)
        by_uid, by_name = self.directory.matching([r for r in rows if r.kind == "service"])
        self.existing = {s.pk for s in [*by_uid.values(), *by_name.values()]}
        self.organisations = organisations or _Organisations(school, by)
        for row in rows:
            if row.kind == "organisation":
                self.organisations.merge(row.values)
        self.terms = [row for row in rows if row.kind == "term"]
        self.entries = []
        for row in rows:
            if row.kind == "service":
                uid = row.values["uid"]
                found = (by_uid.get(uid) if uid else None) or by_name.get(
                    row.values["name"].lower()
                )
                self.entries.append(self._plan(row, found))

    def _plan(self, row, service):
        is_new = service is None
        if is_new:
            service = Service(school=self.school, created_by=self.by, is_public=self.make_public)
            if row.values["uid"]:
                service.uid = row.values["uid"]
        before = {} if is_new else {f: getattr(service, f) for f in COMPARED}
        checked_on = service.last_verified_on
        self._apply(service, row)
        if service.last_verified_on != checked_on:
            # The file vouches for the entry: the importer takes responsibility for it.
            service.last_verified_by_id = getattr(self.by, "pk", None)
        changes = []
        for name, value in before.items():
            after = getattr(service, name)
            if after == value:
                continue
            if name == "open_referral":
                changes += [
                    (
                        _("Open Referral %(field)s") % {"field": key},
                        _brief(value.get(key)),
                        _brief(after.get(key)),
                    )
                    for key in sorted({*value, *after})
                    if value.get(key) != after.get(key)
                ]
            else:
                found = self.organisations.found
                changes.append(
                    (_label(name), _shown(name, value, found), _shown(name, after, found))
                )
        return Planned(row, service, is_new, changes, before)

    def _apply(self, service, row):
        values = row.values
        for name in SERVICE_FIELDS:
            if row.carries(name):
                setattr(service, name, values[name])
        if row.carries("areas"):
            for area, field_name in AREA_FIELDS.items():
                setattr(service, field_name, area in values["areas"])
        source = row.source or {}
        if source.get("organisation"):
            service.organisation = self.organisations.merge(source["organisation"])
        elif values["organisation"]:
            service.organisation = self.organisations.merge({"name": values["organisation"]})
        if row.carries("is_public") and values["is_public"] is not None:
            service.is_public = values["is_public"]
        if values["last_verified_on"] and (
            service.last_verified_on is None
            or values["last_verified_on"] > service.last_verified_on
        ):
            service.last_verified_on = values["last_verified_on"]
        if "open_referral" in source:
            service.open_referral = merged(service.open_referral, source["open_referral"])


class _Organisations:
    """The school's organisations, matched by identifier then name; new ones unsaved."""

    def __init__(self, school, by):
        self.school, self.by = school, by
        active = list(Organisation.objects.active().filter(school=school))
        self.by_uid = {str(o.uid): o for o in active}
        self.found = {o.name.lower(): o for o in active}
        self.new, self.changed = [], []

    def merge(self, values):
        uid = str(values.get("uid") or "")
        name = str(values.get("name") or "")
        organisation = self.by_uid.get(uid) or self.found.get(name.lower())
        if organisation is None:
            organisation = Organisation(school=self.school, created_by=self.by, name=name)
            if uid:
                organisation.uid = uid
            self.new.append(organisation)
        before = _fields(organisation, [*oruk.ORGANISATION_COLUMNS, "open_referral"])
        for column in oruk.ORGANISATION_COLUMNS:
            if column in values:
                setattr(organisation, column, str(values[column] or ""))
        if values.get("open_referral"):
            organisation.open_referral = merged(
                organisation.open_referral, values["open_referral"]
            )
        if (
            organisation.pk
            and before != _fields(organisation, before)
            and organisation not in self.changed
        ):
            self.changed.append(organisation)
        self.by_uid[str(organisation.uid)] = organisation
        self.found[organisation.name.lower()] = organisation
        return organisation

    def save(self):
        """Write the new and changed organisations, which later batches then find saved."""
        Organisation.objects.bulk_create(self.new, batch_size=BATCH)
        Organisation.objects.bulk_update(
            self.changed, [*oruk.ORGANISATION_COLUMNS, "open_referral"], batch_size=BATCH
        )
        self.new, self.changed = [], []


def merged(kept, carried):
    """The Open Referral fields kept, updated by those a file carried (empty ones go)."""
    both = {**kept, **carried}
    return {k: v for k, v in both.items() if v not in (None, "", [], {})}


def _fields(record, names):
    return {name: getattr(record, name) for name in names}


def _batches(rows, size=BATCH):
    rows = iter(rows)
    while batch := list(itertools.islice(rows, size)):
        yield batch


def plan(rows, *, school, by=None, make_public=False):
    """What writing ``rows`` (good rows, all in hand) would do, without writing."""
    return Plan(rows, school, by, make_public)


@dataclass
class Preview:
    """The first entries of a file (those that change come first: they are what the person
    has to check), and how many there are in all."""

    entries: list
    total: int


def preview(checked, *, school, limit):
    """What :func:`commit` would do with the good rows of ``checked``, without writing:
    the file is planned a batch at a time, and only the first ``limit`` entries kept."""
    changing, same, total = [], [], 0
    organisations, directory = _Organisations(school, None), Directory(school)
    for batch in _batches(checked.good_rows()):
        planned = Plan(
            batch, school, None, False, organisations=organisations, directory=directory
        )
        total += len(planned.entries)
        for entry in planned.entries:
            kept = changing if entry.is_new or entry.changes else same
            if len(kept) < limit:
                kept.append(entry)
    return Preview((changing + same)[:limit], total)


def commit(checked, *, school, by, only_valid=False, make_public=False):
    """Write the rows of ``checked`` to ``school``'s directory on ``by``'s authority.

    The file is read again and written a batch at a time, all in one transaction.

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
    result = Result(skipped=len(checked.bad_rows))
    with transaction.atomic(), acting_as(by, _("Imported from a file")):
        organisations, directory = _Organisations(school, by), Directory(school)
        for batch in _batches(checked.good_rows()):
            planned = Plan(
                batch,
                school,
                by,
                make_public,
                organisations=organisations,
                directory=directory,
            )
            write(planned, result)
    return result


def write(planned, result):
    """Write a :class:`Plan`: organisations, services, then their contacts and locations;
    ``result`` counts what was written."""
    planned.organisations.save()
    new = [p.service for p in planned.entries if p.is_new]
    changed = [p.service for p in planned.entries if not p.is_new and p.changes]
    Service.objects.bulk_create(new, batch_size=BATCH)
    Service.objects.bulk_update(changed, WRITTEN, batch_size=BATCH)
    planned.directory.add(new)
    result.created += len(new)
    result.updated += len(changed)
    result.unchanged += len(planned.entries) - len(new) - len(changed)
    _children(planned)
    result.terms += _terms(planned)
    return result


def _children(planned):
    """Create or update the contacts and locations the rows describe, in bulk."""
    school, by = planned.school, planned.by
    for model in (Contact, Location):
        known, by_uid = {}, {}
        if planned.existing:
            found = model.objects.active().filter(school=school, service__in=planned.existing)
            for record in found.order_by("pk"):
                by_uid[record.service_id, str(record.uid)] = record
                key = (
                    (record.service_id, record.name.lower())
                    if model is Contact
                    else record.service_id
                )
                known.setdefault(key, record)
        new, changed = [], []
        for entry in planned.entries:
            service, row = entry.service, entry.row
            if row.source is not None:
                wanted = row.source["contacts" if model is Contact else "locations"]
                public = True  # an authority's published details are public already
            else:
                wanted = [child for child in [_flat_child(model, row)] if child]
                public = service.is_public
            for data in wanted:
                uid = str(data.get("uid") or "")
                record = by_uid.get((service.pk, uid)) if uid else None
                if record is None and not uid:
                    key = (
                        (service.pk, str(data.get("name", "")).lower())
                        if model is Contact
                        else service.pk
                    )
                    record = known.get(key)
                values = {k: v for k, v in data.items() if k not in ("uid", "open_referral")}
                if record is None:
                    record = model(
                        school=school, created_by=by, service=service, is_public=public, **values
                    )
                    if uid:
                        record.uid = uid
                    record.open_referral = data.get("open_referral") or {}
                    new.append(record)
                    continue
                before = _fields(record, [*values, "open_referral", "service_id"])
                for name, value in values.items():
                    setattr(record, name, value)
                record.service = service
                if data.get("open_referral"):
                    record.open_referral = merged(record.open_referral, data["open_referral"])
                if before != _fields(record, before) and record.pk and record not in changed:
                    changed.append(record)
        fields = list(FLAT_CHILDREN[model]) + (["name"] if model is Location else [])
        model.objects.bulk_create(new, batch_size=BATCH)
        model.objects.bulk_update(changed, [*fields, "service", "open_referral"], batch_size=BATCH)


def _flat_child(model, row):
    """The one contact or location of a spreadsheet row, as the columns it carries."""
    data = {f: row.values[key] for f, key in FLAT_CHILDREN[model].items() if row.carries(key)}
    if not any(data.values()):
        return None
    if model is Contact and not data.get("name"):
        data["name"] = str(GENERAL_CONTACT)
    return data


def _terms(planned):
    """Add or update the vocabulary the file carried: term lists, and the authority's terms
    its services are tagged with. Returns how many terms were written."""
    wanted = {}
    for entry in planned.entries:
        for attribute in (
            entry.row.source["open_referral"]["attributes"] if entry.row.source else []
        ):
            term = attribute.get("taxonomy_term")
            if isinstance(term, dict) and term.get("id"):
                wanted.setdefault(str(term["id"]).lower(), oruk.term_values(term))
    for row in planned.terms:
        wanted[str(row.values["uid"]).lower()] = row.values
    if not wanted:
        return 0
    school, by = planned.school, planned.by
    known = {
        str(t.uid): t for t in TaxonomyTerm.objects.filter(school=school, uid__in=list(wanted))
    }
    new, changed = [], []
    for uid, values in wanted.items():
        values = {k: v for k, v in values.items() if k != "uid"}
        term = known.get(uid)
        if term is None:
            new.append(TaxonomyTerm(school=school, created_by=by, uid=uid, **values))
        elif _fields(term, values) != values:
            for name, value in values.items():
                setattr(term, name, value)
            changed.append(term)
    TaxonomyTerm.objects.bulk_create(new, batch_size=BATCH)
    TaxonomyTerm.objects.bulk_update(changed, list(oruk.TERM_FIELDS), batch_size=BATCH)
    return len(new) + len(changed)
