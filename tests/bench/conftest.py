import io

import pytest
from django.core.management import call_command
from django.test.utils import override_settings

from example_site.bench import listings
from example_site.mail import mail_settings


@pytest.fixture
def demo(db):
    """The demo school, loaded as ``make demo`` loads it."""
    with override_settings(**mail_settings("django.core.mail.backends.dummy.EmailBackend")):
        call_command("load_demo", stdout=io.StringIO())
    demo, _ = listings.all_listings()
    return demo
