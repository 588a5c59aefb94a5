"""CSV and XLSX: the seed's five columns, then the richer Open Referral fields.

A spreadsheet kept from the SENCO Induction Pack's advice has just the first five
columns; an export has them all, and imports back unchanged.
"""

import codecs
import csv
import io
import zipfile

from django.utils.translation import gettext as _

from wagtail_send import exports
from wagtail_send.conf import send_settings

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


#: How much of a file is decoded at a time to find its encoding.
CHUNK = 1 << 20
#: Unpacked, a workbook may be this many times the upload limit: an honest spreadsheet is
#: nearer five; far more is a "zip bomb" that would take minutes to read.
UNPACKED_RATIO = 30


def _key_for(heading):
    wanted = " ".join(str(heading or "").strip().lower().split())
    for key, aliases in COLUMNS:
        if wanted == str(LABELS[key]).lower() or wanted in aliases:
            return key
    return None


def _rows(table, clean=None):
    """Rows, one at a time, from an iterable of cell lists whose first item is the heading row.

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
    for number, cells in enumerate(table, start=2):
        if not any(str(c or "").strip() for c in cells):
            continue
        raw = {key: clean(cell) for key, cell in zip(keys, cells, strict=False) if key}
        yield Row(number, raw)


def encoding_of(file):
    """``utf-8-sig`` or ``cp1252``, whichever decodes the whole binary ``file``, read a
    chunk at a time (spreadsheets saved by older Excel are Windows-1252)."""
    for encoding in ("utf-8-sig", "cp1252"):
        file.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            while chunk := file.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        file.seek(0)
        return encoding
    raise FileProblem(_("The file is not readable text. Save it as CSV UTF-8."))


def read_csv(file):
    """Rows, one at a time, from a binary CSV file (UTF-8, with or without a byte-order mark)."""
    encoding = encoding_of(file)
    text = io.TextIOWrapper(file, encoding=encoding, newline="")
    try:
        yield from _rows(csv.reader(text), exports.restore)
    except csv.Error as problem:
        raise FileProblem(
            _("The file is not a CSV file the importer can read: %(problem)s.")
            % {"problem": problem}
        ) from None
    finally:
        text.detach()  # the caller's file stays open, to be read again on import


def _unpacked_size(file):
    try:
        with zipfile.ZipFile(file) as archive:
            return sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return 0  # openpyxl says what is wrong with it
    finally:
        file.seek(0)


def read_xlsx(file):
    """Rows, one at a time, from the first worksheet of an Excel workbook (a binary file)."""
    from openpyxl import load_workbook

    if _unpacked_size(file) > UNPACKED_RATIO * send_settings.MAX_UPLOAD_BYTES:
        raise FileProblem(_("The workbook is too large once unpacked to import."))
    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or wrong file
        raise FileProblem(_("The file is not an Excel workbook (.xlsx).")) from None
    try:
        yield from _rows(book.worksheets[0].iter_rows(values_only=True))
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
