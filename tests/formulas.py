"""Text a spreadsheet would run as a formula, and how every export must write it (OWASP)."""

import csv
import io

from openpyxl import load_workbook

#: text typed into a title or comment -> the CSV cell it must come out as
DEFUSED = {
    '=HYPERLINK("http://evil.example","Click")': '\'=HYPERLINK("http://evil.example","Click")',
    "+1-1": "'+1-1",
    "-1+1": "'-1+1",
    "@SUM(1)": "'@SUM(1)",
    "\t=1+1": "'\t=1+1",
    "\r=1+1": "'\r=1+1",
    "  =1+1": "'  =1+1",
    "-ish": "'-ish",  # OWASP: any text starting with a minus
    "'=1+1": "''=1+1",  # so that an import takes off exactly one quote
    "Visual timetable": "Visual timetable",
}


def csv_cells(content):
    """Every cell of CSV bytes."""
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]


def assert_csv_defused(content, typed=DEFUSED):
    cells = csv_cells(content)
    for text, cell in typed.items():
        assert cell in cells, (text, cell)
        assert text == cell or text not in cells, text


def assert_xlsx_text(content, typed=DEFUSED):
    """Each text is in the workbook as itself, stored as text (never a formula)."""
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row}
    for text in typed:
        # XML turns a carriage return into a line feed; the cell is text all the same.
        cell = cells[text.replace("\r", "\n")]
        assert cell.data_type == "s", text
        assert cell.quotePrefix or text == "Visual timetable", text
