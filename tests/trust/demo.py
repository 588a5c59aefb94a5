"""Load the demo school in a test, even after a transactional test flushed the database."""

from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.utils.translation import get_supported_language_variant

#: the demo's fictional accounts (example_site/demo/management/commands/load_demo.py)
DEMO_PASSWORD = "oakfield-demo"  # noqa: S105  (fictional demo accounts only)


def restore_migration_rows():
    """Put back the rows data migrations wrote, which a transactional test's flush removes:
    Wagtail's default locale, root page and root collection, and the census types of need.
    """
    from wagtail.models import Collection, Locale, Page

    from wagtail_send.models import NeedType
    from wagtail_send.models.needs import seed_need_types

    if not Locale.objects.exists():
        Locale.objects.create(language_code=get_supported_language_variant(settings.LANGUAGE_CODE))
    if Page.get_first_root_node() is None:
        Page.add_root(title="Root", slug="root", locale=Locale.get_default())
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    seed_need_types(NeedType)


def load_demo():
    """``manage.py load_demo``, quietly, on a database with its migration rows."""
    restore_migration_rows()
    call_command("load_demo", stdout=StringIO())
