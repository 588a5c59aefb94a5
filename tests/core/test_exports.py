"""The core's CSV and XLSX writer: what every export writes for formula-like text."""

import pytest

from tests.formulas import DEFUSED, assert_csv_defused, assert_xlsx_text, csv_cells
from wagtail_send.exports import csv_response, restore, xlsx_bytes


def test_formula_like_text_is_defused_and_numbers_stay_numbers():
    response = csv_response("x.csv", ["Text", "Change"], [[text, -1] for text in DEFUSED])
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert_csv_defused(response.content)
    # A negative number is a number, not text someone typed: it is written as it is.
    assert csv_cells(response.content)[3] == "-1"


@pytest.mark.parametrize("text", list(DEFUSED))
def test_an_exported_cell_imports_back_as_it_was(text):
    assert restore(DEFUSED[text]) == text


def test_workbook_text_is_stored_as_text():
    content = xlsx_bytes("Sheet", ["Text", "Change"], [[text, -1] for text in DEFUSED])
    assert_xlsx_text(content)
