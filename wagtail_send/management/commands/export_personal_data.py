import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from wagtail_send.privacy import personal_data_of


class Command(BaseCommand):
    help = "Print, as JSON, everything wagtail-send holds about one person (subject access)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist:
            raise CommandError(f"No account has the username {username!r}.") from None
        self.stdout.write(json.dumps(personal_data_of(user), indent=2, default=str))
