import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from wagtail_send.privacy import personal_data_of
from wagtail_send.subject_access import subject_access_bundle


class Command(BaseCommand):
    help = (
        "Everything wagtail-send holds about one person (subject access): as JSON, or with "
        "--bundle as a zip of CSV files, data.json and an index.html page."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--bundle", help="Write the zip to this path instead of printing.")

    def handle(self, username, bundle=None, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist:
            raise CommandError(f"No account has the username {username!r}.") from None
        if bundle:
            Path(bundle).write_bytes(subject_access_bundle(user))
            self.stdout.write(f"Wrote {bundle}.")
        else:
            self.stdout.write(json.dumps(personal_data_of(user), indent=2, default=str))
