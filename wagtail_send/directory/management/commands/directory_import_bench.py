"""Time importing 10,000 services (with their contacts and history) on this database,
or with ``--memory``, the peak memory of importing a file of the largest size allowed.

Everything happens in a transaction that is rolled back, so the database is unchanged.
"""

import io
import json
import time
import tracemalloc

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from wagtail_send.conf import send_settings
from wagtail_send.directory import importer, profile
from wagtail_send.directory.models import Service
from wagtail_send.models import School


class Rollback(Exception):
    pass


def sample_csv(count):
    """A CSV in the seed's five columns plus type and areas, ``count`` rows long."""
    out = io.StringIO()
    out.write(
        "Service/agency,Key contact name,Contact details,Service provided,"
        "Additional notes,Type of service,Areas of need\n"
    )
    for n in range(count):
        out.write(
            f"Service {n},Contact {n},01632 {n % 1000000:06d} / contact{n}@example.org,"
            f"Support number {n},Note {n},Speech and language therapy,"
            '"Communication and interaction; Cognition and learning"\n'
        )
    return out.getvalue().encode()


def sample_json(size):
    """An Open Referral list of full profile services, about ``size`` bytes long."""
    one = len(json.dumps(profile.sample_service("0")))
    return json.dumps([profile.sample_service(str(n)) for n in range(size // one)]).encode()


def sample_csv_of(size):
    row = len(sample_csv(2)) - len(sample_csv(1))
    return sample_csv(size // row)


class Command(BaseCommand):
    help = "Print how long importing 10,000 directory services with history takes here."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10_000)
        parser.add_argument(
            "--memory",
            action="store_true",
            help="Instead, print the peak memory of checking and importing a file of the "
            "largest size allowed (CSV and Open Referral JSON).",
        )
        parser.add_argument("--size", type=int, help="With --memory: the file size in bytes.")

    def handle(self, *args, count, memory=False, size=None, **options):
        self.size = size
        if memory:
            return self.memory()
        data = sample_csv(count)
        figures = {}
        try:
            with transaction.atomic():
                school = School.objects.create(name="Import benchmark (rolled back)")
                start = time.perf_counter()
                checked = importer.check(data, "csv")
                figures["read and check"] = time.perf_counter() - start
                start = time.perf_counter()
                result = importer.commit(checked, school=school, by=None)
                figures["write with history"] = time.perf_counter() - start
                history = Service.history.filter(school_id=school.pk).count()
                raise Rollback
        except Rollback:
            pass
        total = sum(figures.values())
        self.stdout.write(f"Database: {connection.vendor}")
        self.stdout.write(f"Services: {result.created} created, {history} history rows")
        for label, seconds in figures.items():
            self.stdout.write(f"  {label:<20} {seconds:6.2f} s")
        self.stdout.write(f"  {'total':<20} {total:6.2f} s (target: under 10 s)")

    def memory(self):
        size = self.size or send_settings.MAX_UPLOAD_BYTES
        for fmt, data in (("csv", sample_csv_of(size)), ("json", sample_json(size))):
            try:
                with transaction.atomic():
                    school = School.objects.create(name="Memory benchmark (rolled back)")
                    tracemalloc.start()
                    checked = importer.check(data, fmt)
                    checking = tracemalloc.get_traced_memory()[1]
                    tracemalloc.reset_peak()
                    importer.commit(checked, school=school, by=None, only_valid=True)
                    writing = tracemalloc.get_traced_memory()[1]
                    tracemalloc.stop()
                    raise Rollback
            except Rollback:
                pass
            self.stdout.write(
                f"{fmt}: {len(data) / 2**20:.1f} MB file, {len(checked.rows)} entries: peak "
                f"{checking / 2**20:.0f} MB checking, {writing / 2**20:.0f} MB importing "
                f"(target: under 50 MB)"
            )
