"""CSV and XLSX downloads that a spreadsheet shows as text and never runs as a formula.

Every export goes through here: hand-written downloads use :func:`csv_response` (or
:func:`write_csv` and :func:`xlsx_bytes`), and admin listings exported through Wagtail's
``SpreadsheetExportMixin`` get :class:`DefusedExportMixin` from the core's index view.

The rule is OWASP's (https://owasp.org/www-community/attacks/CSV_Injection): a text cell
beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a single quote in
front, and text whose first character after leading spaces or line breaks is one of those
is treated the same. Separators and quotes inside text cannot start a new cell: a field
holding one is wrapped in double quotes with its double quotes doubled (RFC 4180, as
Python's ``csv`` and Wagtail's export write it). Text that already
starts with quotes before such a character gets one more, so :func:`restore` undoes
:func:`defuse` exactly. Numbers, dates and other values that are not text are written as
they are: a negative number is a number, and cannot carry a formula. In a workbook a text
cell is stored as text, marked with Excel's own quote prefix so that editing it keeps it
text.
"""

import csv
import io

from django.contrib.auth import get_user_model
from django.http import HttpResponse
from openpyxl.cell import WriteOnlyCell

from .access.choices import person_name

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value):
    """Whether a spreadsheet could read the text ``value`` as a formula."""
    if not isinstance(value, str):
        return False
    text = value.lstrip("'")
    return text.startswith(FORMULA_STARTS) or text.lstrip(" \n\r\t").startswith(FORMULA_STARTS)


def defuse(value):
    """``value`` as a CSV cell a spreadsheet shows as text."""
    return f"'{value}" if formula_like(value) else value


def restore(value):
    """Undo :func:`defuse` on a CSV cell, so an exported file imports back unchanged."""
    if isinstance(value, str) and value.startswith("'") and formula_like(value[1:]):
        return value[1:]
    return value


def write_csv(out, headings, rows):
    """Write ``headings`` then ``rows`` (iterables of cells) as CSV to the text stream ``out``."""
    writer = csv.writer(out)
    writer.writerow([defuse(str(heading)) for heading in headings])
    for row in rows:
        writer.writerow([defuse(cell) for cell in row])


def csv_response(filename, headings, rows):
    """A CSV download of ``headings`` then ``rows``, as ``filename``."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_csv(response, headings, rows)
    return response


def text_cell(cell):
    """A write-only workbook ``cell`` kept as text if its value is formula-like."""
    if formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def xlsx_bytes(title, headings, rows):
    """The bytes of a one-sheet workbook named ``title``: ``headings`` then ``rows``."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(str(title)[:31])
    for row in [[str(heading) for heading in headings], *rows]:
        sheet.append([text_cell(WriteOnlyCell(sheet, value=value)) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class DefusedExportMixin:
    """Wagtail's ``SpreadsheetExportMixin`` export, by the same rule as every other, with
    people by their names."""

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, get_user_model()):
            value = person_name(value)
        value = super().preprocess_field_value(field, value, export_format)
        return defuse(value) if export_format == self.FORMAT_CSV else value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format):
            yield text_cell(cell)
