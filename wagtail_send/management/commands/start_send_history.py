from django.core.management.base import BaseCommand

from wagtail_send.audit.start import start_history


class Command(BaseCommand):
    help = (
        "Give every record that has no history a first row: once, when installing "
        "wagtail-send over existing data. Afterwards a record without history is tampering, "
        "and verify_send_history reports it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--note",
            default="Recorded when its history began",
            help="The change note on each first row.",
        )

    def handle(self, *args, note, **options):
        started = start_history(note=note)
        for label, count in started.items():
            self.stdout.write(f"{label}: {count} record(s) given a first row")
        if not started:
            self.stdout.write("Every record already has a history.")
