"""Large files are read a row at a time and written a batch at a time, and still every bad
row is reported and nothing is written unless the whole file (or the person's choice of
the good rows) can be.

The files here are longer than one batch (``importer.BATCH``), with bad rows in the first
and the last batch, so what one batch finds is not forgotten by the next.
"""

import io
import json

import pytest
from openpyxl import Workbook

from wagtail_send.audit import verify_history
from wagtail_send.directory import importer, profile
from wagtail_send.directory.models import Contact, Service

ROWS = importer.BATCH * 2 + 7
#: Spreadsheet row numbers (the heading is row 1) of the bad rows.
BAD = {3: "Youngest age", ROWS + 1: "Website"}
#: Repeats the name on row 2, a batch and more later.
REPEAT = importer.BATCH + 40


def _cells(number):
    """The cells of spreadsheet row ``number``: name, contact, age, website."""
    name = "Service 2" if number == REPEAT else f"Service {number}"
    age = "three" if number == 3 else "5"
    url = "not a web address" if number == ROWS + 1 else f"https://example.org/{number}"
    return [name, f"Contact {number}", age, url]


HEADINGS = ["Service/agency", "Key contact name", "Youngest age", "Website"]


def _csv(cells=_cells):
    lines = [",".join(HEADINGS)] + [",".join(cells(n)) for n in range(2, ROWS + 2)]
    return ("\n".join(lines) + "\n").encode()


def _xlsx():
    book = Workbook()
    sheet = book.active
    sheet.append(HEADINGS)
    for number in range(2, ROWS + 2):
        sheet.append(_cells(number))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _bad_reasons(checked):
    return {row.number: " ".join(row.errors) for row in checked.bad_rows}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_bad_row_in_every_batch_is_reported_and_nothing_saved(fmt, school, people):
    data = _csv() if fmt == "csv" else _xlsx()
    checked = importer.check(data, fmt)
    reasons = _bad_reasons(checked)
    assert set(reasons) == {*BAD, REPEAT}
    for number, label in BAD.items():
        assert label in reasons[number]
    assert "also on row 2" in reasons[REPEAT]
    assert checked.count == ROWS and checked.ready == ROWS - 3
    with pytest.raises(importer.InvalidFile):
        importer.commit(checked, school=school, by=people["senco"])
    assert not Service.objects.filter(school=school).exists()
    assert not Service.history.filter(school_id=school.pk).exists()


def test_only_the_good_rows_are_written_across_batches(school, people):
    checked = importer.check(io.BytesIO(_csv()), "csv")
    result = importer.commit(checked, school=school, by=people["senco"], only_valid=True)
    assert (result.created, result.skipped) == (ROWS - 3, 3)
    names = set(Service.objects.filter(school=school).values_list("name", flat=True))
    assert len(names) == ROWS - 3
    assert "Service 3" not in names and f"Service {ROWS + 1}" not in names
    assert Contact.objects.filter(school=school).count() == ROWS - 3
    assert Service.history.filter(school_id=school.pk).count() == ROWS - 3
    assert verify_history() == []


def test_importing_again_matches_every_entry_in_every_batch(school, people):
    def cells(number):
        return [f"Service {number}", f"Contact {number}", "5", f"https://example.org/{number}"]

    first = importer.commit(importer.check(_csv(cells), "csv"), school=school, by=people["senco"])
    assert first.created == ROWS
    again = importer.commit(importer.check(_csv(cells), "csv"), school=school, by=people["senco"])
    assert (again.created, again.updated, again.unchanged) == (0, 0, ROWS)
    assert Service.objects.filter(school=school).count() == ROWS
    assert Contact.objects.filter(school=school).count() == ROWS


def test_the_preview_counts_the_whole_file_but_keeps_a_few_entries(school, people):
    checked = importer.check(_csv(), "csv")
    shown = importer.preview(checked, school=school, limit=20)
    assert shown.total == ROWS - 3
    assert len(shown.entries) == 20
    assert all(entry.is_new for entry in shown.entries)
    assert not Service.objects.filter(school=school).exists()


def _services(count, bad=()):
    services = [profile.sample_service(str(n)) for n in range(count)]
    for n in bad:
        services[n]["email"] = "not an email"
    return services


@pytest.mark.parametrize("shape", ["list", "page"])
def test_open_referral_entries_are_read_one_at_a_time(shape, school, people):
    services = _services(3, bad=[1])
    document = services if shape == "list" else {"total_items": 3, "contents": services}
    checked = importer.check(json.dumps(document, indent=1).encode(), "json")
    assert checked.count == 3
    assert [row.number for row in checked.bad_rows] == [2]
    with pytest.raises(importer.InvalidFile):
        importer.commit(checked, school=school, by=people["senco"])
    assert not Service.objects.filter(school=school).exists()
    result = importer.commit(checked, school=school, by=people["senco"], only_valid=True)
    assert (result.created, result.skipped) == (2, 1)


@pytest.mark.parametrize(
    "text",
    [
        '[{"name": "A", "status": "active"}] trailing',
        '[{"name": "A", "status": "active"}, 3]',
        '{"contents": [{"name": "A", "status": "active"}], "total_items": }',
        "[]",
    ],
)
def test_a_broken_or_foreign_json_file_is_refused_whole(text, school):
    checked = importer.check(text.encode(), "json")
    assert checked.problem
    assert not checked.count and not checked.bad_rows


def test_a_windows_spreadsheet_is_read_a_chunk_at_a_time(school, people):
    data = "Service/agency,Service provided\nCafé Crèche,Pour les enfants\n".encode("cp1252")
    checked = importer.check(data, "csv")
    assert checked.ok
    importer.commit(checked, school=school, by=people["senco"])
    assert Service.objects.get(school=school).name == "Café Crèche"
