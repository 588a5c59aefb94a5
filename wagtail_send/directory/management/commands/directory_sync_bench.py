"""Time a first sync of 10,000 full Open Referral services from a feed on loopback.

The feed is a static server of paged files (200 services a page, each with every field of
the profile); the sync runs in a transaction that is rolled back, so the database is
unchanged.
"""

import json
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from wagtail_send.audit import acting_as
from wagtail_send.directory import profile, sync
from wagtail_send.directory.models import FeedSubscription, Service
from wagtail_send.models import School


class Rollback(Exception):
    pass


class Pages(SimpleHTTPRequestHandler):
    """A static Open Referral feed: ``/services?page=N`` is the file ``services-N.json``,
    ``/services/{id}`` the file ``services/{id}.json``."""

    def translate_path(self, path):
        parts = urlsplit(path)
        page = parse_qs(parts.query).get("page", [None])[0]
        return super().translate_path(
            f"{parts.path}-{page}.json" if page else f"{parts.path}.json"
        )

    def log_message(self, *args):
        pass


def write_feed(folder, count, per_page=sync.PER_PAGE):
    pages = max(1, -(-count // per_page))
    for page in range(1, pages + 1):
        start = (page - 1) * per_page
        contents = [
            profile.sample_service(str(n)) for n in range(start, min(count, start + per_page))
        ]
        data = {
            "total_items": count,
            "total_pages": pages,
            "page_number": page,
            "size": len(contents),
            "first_page": page == 1,
            "last_page": page == pages,
            "empty": not contents,
            "contents": contents,
        }
        (Path(folder) / f"services-{page}.json").write_text(json.dumps(data))


class Command(BaseCommand):
    help = "Print how long a first sync of 10,000 Open Referral services takes here."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10_000)

    def handle(self, *args, count, **options):
        with tempfile.TemporaryDirectory() as folder:
            write_feed(folder, count)
            server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Pages, directory=folder))
            threading.Thread(target=server.serve_forever, daemon=True).start()
            try:
                try:
                    with transaction.atomic(), acting_as(None, "benchmark"):
                        school = School.objects.create(name="Sync benchmark (rolled back)")
                        feed = FeedSubscription.objects.create(
                            school=school,
                            name="Benchmark feed",
                            api_url=f"http://127.0.0.1:{server.server_port}/",
                        )
                        start = time.perf_counter()
                        log = sync.sync(feed)
                        seconds = time.perf_counter() - start
                        stored = Service.objects.filter(school=school).count()
                        raise Rollback
                except Rollback:
                    pass
            finally:
                server.shutdown()
                server.server_close()
        self.stdout.write(f"Database: {connection.vendor}")
        self.stdout.write(
            f"Synced {stored} of {count} full profile services "
            f"({log.get_outcome_display()}, {len(log.errors)} problems) in {seconds:.1f} s"
        )
