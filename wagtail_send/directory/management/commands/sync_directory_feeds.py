"""Sync the directory with the local authorities' Open Referral feeds the schools subscribe to.

Run it from cron (say nightly), or enqueue the ``sync_feeds`` task with ``--enqueue`` to
let the site's django-tasks worker do it.
"""

from django.core.management.base import BaseCommand

from wagtail_send.directory.models import SyncLog
from wagtail_send.directory.tasks import sync_feeds


class Command(BaseCommand):
    help = "Fetch what changed in each subscribed Open Referral feed and merge it."

    def add_arguments(self, parser):
        parser.add_argument("--school", type=int, help="Only this school's subscriptions (id).")
        parser.add_argument(
            "--enqueue", action="store_true", help="Hand the work to the task worker."
        )

    def handle(self, *args, school=None, enqueue=False, **options):
        if enqueue:
            result = sync_feeds.enqueue(school_id=school)
            self.stdout.write(f"Enqueued {result.id}")
            return
        for log in SyncLog.objects.filter(pk__in=sync_feeds.call(school_id=school)):
            self.stdout.write(
                f"{log.subscription}: {log.get_outcome_display()}; {log.fetched} fetched, "
                f"{log.created} new, {log.updated} updated, {log.withdrawn} withdrawn, "
                f"{len(log.errors)} problems"
            )
            for error in log.errors:
                self.stdout.write(f"  {error}")
