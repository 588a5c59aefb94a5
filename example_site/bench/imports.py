"""Memory and time of importing a directory file of the largest size allowed.

Each file (CSV, XLSX, Open Referral JSON) is written to disk, as an upload is, then checked,
previewed and imported as the admin's import does, in a transaction that is rolled back.
Peak memory is measured two ways: Python's allocations (tracemalloc, what the import itself
holds) and the process's resident memory (its high-water mark, reset before each step, so
the figure is the growth over what the process held already).
"""

import csv
import io
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.test.utils import override_settings

from wagtail_send.audit import acting_as
from wagtail_send.conf import send_settings
from wagtail_send.directory import importer
from wagtail_send.directory.management.commands.directory_import_bench import (
    sample_csv_of,
    sample_json,
)
from wagtail_send.models import School

from .timing import Rollback

MB = 2**20
STEPS = ("check", "preview", "import")


def sample_xlsx(csv_data):
    """The rows of a benchmark CSV as a workbook (a quarter of its size: XLSX is zipped)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Services")
    for line in csv.reader(io.StringIO(csv_data.decode())):
        sheet.append(line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rss_kb(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return None


def _reset_peak_rss():
    """Reset the process's resident high-water mark (Linux); False where it cannot be."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


@dataclass
class Step:
    seconds: float
    python_mb: float
    rss_mb: float | None


def _measure(action):
    rss_before = _rss_kb("VmRSS") if _reset_peak_rss() else None
    tracemalloc.start()
    start = time.perf_counter()
    value = action()
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss = None
    if rss_before is not None:
        rss = (_rss_kb("VmHWM") - rss_before) / 1024
    return value, Step(seconds, peak / MB, rss)


@override_settings(DEBUG=False)
def measure(fmt, data):
    """``(entries, bad rows, {step: Step})`` for checking, previewing and importing ``data``.

    With DEBUG off, as a live site imports: the dev settings' DEBUG keeps the text of the
    last 9,000 statements, which at this size is most of what the import seems to hold.
    """
    steps = {}
    with tempfile.TemporaryDirectory() as folder:
        stored = Path(folder) / f"upload.{fmt}"
        stored.write_bytes(data)
        del data
        try:
            with stored.open("rb") as file, transaction.atomic(), acting_as(None, "Benchmark"):
                school = School.objects.create(name="Import memory benchmark (rolled back)")
                checked, steps["check"] = _measure(lambda: importer.check(file, fmt))
                _preview, steps["preview"] = _measure(
                    lambda: importer.preview(checked, school=school, limit=20)
                )
                _result, steps["import"] = _measure(
                    lambda: importer.commit(checked, school=school, by=None, only_valid=True)
                )
                raise Rollback
        except Rollback:
            pass
    return checked.count, len(checked.bad_rows), steps


def files(size=None):
    """``(label, format, bytes)`` of each file measured: a CSV and an Open Referral file of
    about ``size`` bytes (the upload limit by default), and the CSV's rows as a workbook.

    A workbook of the full size would hold four times the rows and take four times as long
    (its rows are read one at a time, so memory does not grow with them). openpyxl writes
    each text in its cell; a workbook saved by Excel keeps them in one shared table, which
    openpyxl reads whole, so its memory grows with the distinct texts it holds."""
    size = size or send_settings.MAX_UPLOAD_BYTES
    csv_data = sample_csv_of(size)
    return [
        ("CSV", "csv", csv_data),
        ("XLSX", "xlsx", sample_xlsx(csv_data)),
        ("Open Referral JSON", "json", sample_json(size)),
    ]
