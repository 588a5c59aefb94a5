from django.core.management.base import BaseCommand

from wagtail_send.skills_audit.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Erase individual skills-audit answers once WAGTAILSEND_ANSWER_RETENTION_DAYS have "
        "passed since the audit closed, keeping the audit's aggregates. Run it daily."
    )

    def handle(self, *args, **options):
        erased = apply_retention()
        self.stdout.write(f"Erased {erased} people's answers; aggregates kept.")
