from django.core.management.base import BaseCommand, CommandError

from wagtail_send.audit import verify_history


class Command(BaseCommand):
    help = (
        "Check every history hash chain and name each edited, deleted, inserted or reordered row."
    )

    def handle(self, *args, **options):
        faults = verify_history()
        for fault in faults:
            self.stderr.write(str(fault))
        if faults:
            raise CommandError(f"{len(faults)} fault(s) in the history.")
        self.stdout.write(self.style.SUCCESS("Every history chain is intact."))
