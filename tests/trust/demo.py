"""Load the demo school in a test, even after a transactional test has flushed the database."""

from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.utils.translation import get_supported_language_variant

#: the demo's fictional accounts (example_site/demo/management/commands/load_demo.py)
DEMO_PASSWORD = "oakfield-demo"  # noqa: S105  (fictional demo accounts only)


def load_demo():
    """``manage.py load_demo``, after putting back what Wagtail's migrations made.

    A transactional test ends by flushing every table, taking Wagtail's root page and
    default locale (rows written by its data migrations) with it.
    """
    from wagtail.models import Locale, Page

    if not Locale.objects.exists():
        Locale.objects.create(language_code=get_supported_language_variant(settings.LANGUAGE_CODE))
    if Page.get_first_root_node() is None:
        Page.add_root(title="Root", slug="root", locale=Locale.get_default())
    call_command("load_demo", stdout=StringIO())
