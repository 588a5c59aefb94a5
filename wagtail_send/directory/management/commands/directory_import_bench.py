"""Time importing 10,000 services (with their contacts and history) on this database.

The peak memory of importing a file of the largest size allowed is measured by
``send_bench --only "import memory"`` (``example_site/bench/imports.py``).

Everything happens in a transaction that is rolled back, so the database is unchanged.
"""

import io
import json
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction

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
    """As many whole rows of :func:`sample_csv` as fit in ``size`` bytes."""
    row = len(sample_csv(2)) - len(sample_csv(1))
    data = sample_csv(size // row + 1)
    return data[: data.rindex(b"\n", 0, size) + 1]


class Command(BaseCommand):
    help = "Print how long importing 10,000 directory services with history takes here."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10_000)

    def handle(self, *args, count, **options):
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
