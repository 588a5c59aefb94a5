"""CSV and XLSX: the seed's five columns, then the richer Open Referral fields.

A spreadsheet kept from the SENCO Induction Pack's advice has just the first five
columns; an export has them all, and imports back unchanged.
"""

import csv
import io

from django.utils.translation import gettext as _

from wagtail_send import exports

from .rows import LABELS, LIST_SEPARATOR, Row, join_contact_details
from .taxonomy import AreaOfNeed

#: (row key, other headings accepted on import); the heading itself is ``rows.LABELS[key]``.
COLUMNS = [
    ("name", ("service", "agency", "service / agency", "name")),
    ("contact_name", ("key contact", "contact name")),
    ("contact_details", ("contact", "contact info")),
    ("description", ("description", "services provided")),
    ("internal_notes", ("notes", "internal notes")),
    ("organisation", ("organization", "provider")),
    ("status", ()),
    ("service_type", ("service type", "type")),
    ("areas", ("area of need", "needs")),
    ("minimum_age", ("minimum age", "min age")),
    ("maximum_age", ("maximum age", "max age")),
    ("eligibility", ("eligibility",)),
    ("application_process", ("referral", "how to apply")),
    ("fees", ("cost",)),
    ("languages", ()),
    ("url", ("web address", "url")),
    ("email", ("email",)),
    ("phone", ("telephone", "phone")),
    ("contact_title", ("role", "job title")),
    ("address", ()),
    ("town", ("city", "town or city")),
    ("postcode", ("post code",)),
    ("accessibility", ()),
    ("is_public", ("public",)),
    ("last_verified_on", ("last verified",)),
    ("uid", ("id", "oruk id")),
]


class FileProblem(Exception):
    """The file as a whole cannot be read (not just some of its rows)."""


def _key_for(heading):
    wanted = " ".join(str(heading or "").strip().lower().split())
    for key, aliases in COLUMNS:
        if wanted == str(LABELS[key]).lower() or wanted in aliases:
            return key
    return None


def _rows(table, clean=None):
    """Rows from an iterable of cell lists whose first item is the heading row.

    ``clean`` undoes what the export did to a cell (CSV's formula defusing).
    """
    clean = clean or (lambda cell: cell)
    table = iter(table)
    try:
        headings = next(table)
    except StopIteration:
        raise FileProblem(_("The file is empty.")) from None
    keys = [_key_for(h) for h in headings]
    if "name" not in keys:
        raise FileProblem(
            _("The first row must hold the column headings, including “Service/agency”.")
        )
    rows = []
    for number, cells in enumerate(table, start=2):
        if not any(str(c or "").strip() for c in cells):
            continue
        raw = {key: clean(cell) for key, cell in zip(keys, cells, strict=False) if key}
        rows.append(Row(number, raw))
    return rows


def read_csv(data):
    """Rows from CSV bytes (UTF-8, with or without a byte-order mark)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise FileProblem(_("The file is not readable text. Save it as CSV UTF-8.")) from None
    return _rows(csv.reader(io.StringIO(text)), exports.restore)


def read_xlsx(data):
    """Rows from the first worksheet of an Excel workbook."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or wrong file
        raise FileProblem(_("The file is not an Excel workbook (.xlsx).")) from None
    try:
        return _rows(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()


def service_row(service):
    """The export row (a list in :data:`COLUMNS` order) for one service.

    The service should come with ``export_contacts`` and ``export_locations`` prefetched.
    """
    contact = service.export_contacts[0] if service.export_contacts else None
    location = service.export_locations[0] if service.export_locations else None
    values = {
        "name": service.name,
        "contact_name": contact.name if contact else "",
        "contact_details": join_contact_details(
            contact.phone, contact.email, contact.other_details
        )
        if contact
        else "",
        "description": service.description,
        "internal_notes": service.internal_notes,
        "organisation": service.organisation.name if service.organisation else "",
        "status": service.status,
        "service_type": service.service_type,
        "areas": LIST_SEPARATOR.join(str(AreaOfNeed(a).label) for a in service.areas_of_need),
        "minimum_age": "" if service.minimum_age is None else service.minimum_age,
        "maximum_age": "" if service.maximum_age is None else service.maximum_age,
        "eligibility": service.eligibility,
        "application_process": service.application_process,
        "fees": service.fees,
        "languages": service.languages,
        "url": service.url,
        "email": service.email,
        "phone": service.phone,
        "contact_title": contact.title if contact else "",
        "address": location.address if location else "",
        "town": location.town if location else "",
        "postcode": location.postcode if location else "",
        "accessibility": location.accessibility if location else "",
        "is_public": _("yes") if service.is_public else _("no"),
        "last_verified_on": service.last_verified_on.isoformat()
        if service.last_verified_on
        else "",
        "uid": str(service.uid),
    }
    return [values[key] for key, _aliases in COLUMNS]


def headings():
    return [str(LABELS[key]) for key, _aliases in COLUMNS]


def write_csv(services, out):
    """Write ``services`` as CSV to the text stream ``out``."""
    exports.write_csv(out, headings(), map(service_row, services))


def write_xlsx(services):
    """The bytes of an Excel workbook listing ``services``."""
    return exports.xlsx_bytes(_("Service directory"), headings(), map(service_row, services))
