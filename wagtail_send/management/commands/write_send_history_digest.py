from django.core.management.base import BaseCommand, CommandError

from wagtail_send.audit.digests import write_digest
from wagtail_send.conf import send_settings


class Command(BaseCommand):
    help = (
        "Write a signed digest of every history chain to WAGTAILSEND_HISTORY_DIGEST_DIR "
        "(run it from cron, say hourly); verify_send_history checks the database against "
        "every digest written."
    )

    def handle(self, *args, **options):
        directory = send_settings.HISTORY_DIGEST_DIR
        if not directory:
            raise CommandError("Set WAGTAILSEND_HISTORY_DIGEST_DIR to say where digests go.")
        self.stdout.write(f"Wrote {write_digest(directory)}")
