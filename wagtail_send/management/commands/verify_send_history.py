from django.core.management.base import BaseCommand, CommandError

from wagtail_send.audit import verify_history
from wagtail_send.conf import send_settings


class Command(BaseCommand):
    help = (
        "Check every history chain, the signed digests and the grants, and name the first "
        "bad row of each record: edited, deleted, inserted, reordered, cut short, sealed "
        "without the key, or a record deleted or written without history."
    )

    def handle(self, *args, **options):
        faults = verify_history()
        for fault in faults:
            self.stderr.write(str(fault))
        if faults:
            raise CommandError(f"{len(faults)} fault(s) in the history.")
        if not send_settings.HISTORY_DIGEST_DIR:
            self.stdout.write(
                "No digests are configured (WAGTAILSEND_HISTORY_DIGEST_DIR), so a record "
                "deleted together with its whole history would not be noticed."
            )
        self.stdout.write(self.style.SUCCESS("Every history chain is intact."))
