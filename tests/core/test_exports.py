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


def test_every_admin_listing_that_exports_uses_the_one_writer(client, db):
    from wagtail.admin.viewsets import viewsets
    from wagtail.admin.viewsets.base import ViewSet

    from wagtail_send.exports import DefusedExportMixin

    client.get("/admin/")  # Wagtail registers its viewsets on the first admin request
    exporting = [
        vs
        for vs in viewsets.viewsets
        if getattr(vs, "list_export", ViewSet.UNDEFINED) not in (ViewSet.UNDEFINED, [], ())
        and getattr(vs, "model", None)
        and vs.model._meta.app_label.startswith("wagtail_send")
    ]
    assert exporting, "no listing exports: the test would prove nothing"
    for viewset in exporting:
        assert issubclass(viewset.index_view_class, DefusedExportMixin), viewset


def test_no_feature_writes_a_spreadsheet_of_its_own():
    from pathlib import Path

    import wagtail_send

    root = Path(wagtail_send.__file__).parent
    writers = ("csv.writer", "csv.DictWriter", "Workbook(", "xlsxwriter")
    for module in root.rglob("*.py"):
        if module.name == "exports.py" and module.parent == root:
            continue
        text = module.read_text()
        assert not [w for w in writers if w in text], module.relative_to(root)
