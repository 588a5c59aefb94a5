from django.core.management.base import BaseCommand

from wagtail_send.skills_audit.reminders import send_reminders


class Command(BaseCommand):
    help = "Email a reminder to everyone asked to answer an open skills audit who has not."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url", default="", help="The intranet address, e.g. https://intranet.school"
        )
        parser.add_argument(
            "--force", action="store_true", help="Send even to people reminded recently."
        )

    def handle(self, *args, base_url, force=False, **options):
        sent, skipped = send_reminders(base_url=base_url.rstrip("/"), force=force)
        self.stdout.write(f"Sent {sent} reminders; {skipped} skipped as sent recently.")
