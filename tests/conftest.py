"""Fixtures shared by every test: two schools and a person in each role.

``WAGTAILSEND_TEST_CLOCK=2027-08-01T10:00`` (the school's local time unless an offset is
given) runs the whole session on that day, the clock ticking on from it, so CI can show
nothing depends on the day the suite runs. It starts when this file is imported, before
any test reads the time; time-machine patches the clock process-wide, so the live
server's threads see it too, and a test that moves the clock itself nests inside it.
"""

import datetime
import os
import zoneinfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

from example_site.mail import mail_settings
from wagtail_send.models import Membership, School
from wagtail_send.roles import Role


def _moved_clock(value):
    moment = datetime.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))
    # In UTC, so time-machine leaves the process's time zone alone.
    return time_machine.travel(moment.astimezone(datetime.UTC), tick=True)


if os.environ.get("WAGTAILSEND_TEST_CLOCK"):
    _moved_clock(os.environ["WAGTAILSEND_TEST_CLOCK"]).start()
    # Chromium judges a cookie's expiry by the real clock: cookies that last as long as the
    # browser does stay valid however far back the server's clock was moved.
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None


def pytest_report_header():
    if os.environ.get("WAGTAILSEND_TEST_CLOCK"):
        return f"clock moved to {os.environ['WAGTAILSEND_TEST_CLOCK']} (WAGTAILSEND_TEST_CLOCK)"


@pytest.fixture(autouse=True)
def _forget_cached_state():
    """Wagtail caches site root paths; a rolled-back test must not leave its own behind."""
    yield
    from django.core.cache import cache

    cache.clear()


#: The Redis the caching tests run on: the cache production uses (localhost's, db 7).
REDIS_URL = os.environ.get("WAGTAILSEND_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")


@pytest.fixture(scope="session")
def _redis_session():
    """(a client, this session's key prefix); the session's keys are deleted at its end.

    At the end of the session, not of each test: a renewal rolled back with a test's
    transaction is completed by the next reading of a generation, in a later test.
    """
    import uuid

    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("WAGTAILSEND_REQUIRE_REDIS"):
            pytest.fail(f"Redis is required but does not answer at {REDIS_URL}")
        pytest.skip(f"Redis does not answer at {REDIS_URL}")
    session = f"test-{uuid.uuid4().hex}"
    yield client, session
    for key in client.scan_iter(f"{session}-*"):
        client.delete(key)
    client.close()


@pytest.fixture
def redis_cache(settings, _redis_session):
    """Django's caches on a real Redis, under a key prefix of this test's own.

    Skipped when no Redis answers, unless ``WAGTAILSEND_REQUIRE_REDIS`` is set (CI). The
    prefix keeps tests, and test runs side by side, apart.
    """
    import uuid

    _client, session = _redis_session
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"{session}-{uuid.uuid4().hex}",
        }
    }


@pytest.fixture(params=["local memory", "Redis"])
def each_cache(request):
    """Runs the test on Django's local-memory cache, then on a real Redis."""
    if request.param == "Redis":
        request.getfixturevalue("redis_cache")
    return request.param


def tamper_with_history():
    """Act as a database owner who has disabled the append-only trigger (PostgreSQL).

    ALTER TABLE is transactional in PostgreSQL: the test's rollback puts it back.
    """
    if connection.vendor == "postgresql":
        from wagtail_send.audit.chain import chained_history_models

        with connection.cursor() as cursor:
            for model in chained_history_models():
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")


@pytest.fixture
def make_user(db):
    def make(username, *, school=None, role=None, **extra):
        user = get_user_model().objects.create_user(
            username=username,
            email=f"{username}@school.example",
            password="pw",  # noqa: S106
            first_name=username.capitalize(),
            **extra,
        )
        if school is not None and role is not None:
            Membership.objects.create(user=user, school=school, role=role)
        return user

    return make


@pytest.fixture
def school(db):
    return School.objects.create(name="Oakfield Primary", urn="100001")


@pytest.fixture
def other_school(db):
    return School.objects.create(name="Elm Park Academy", urn="100002")


@pytest.fixture
def people(school, other_school, make_user):
    """One person per role at ``school``, plus outsiders, keyed by the matrix's names."""
    return {
        "staff": make_user("teacher", school=school, role=Role.STAFF),
        "senco": make_user("senco", school=school, role=Role.SENCO),
        "slt": make_user("head", school=school, role=Role.SLT),
        "governor": make_user("governor", school=school, role=Role.GOVERNOR),
        "other_staff": make_user("elsewhere", school=other_school, role=Role.STAFF),
        "other_senco": make_user("othersenco", school=other_school, role=Role.SENCO),
        "guest": make_user("visitor"),
        "inactive": make_user("leaver", school=school, role=Role.SENCO, is_active=False),
        "superuser": make_user("admin", is_superuser=True, is_staff=True),
    }


# Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

CHROMIUM = os.environ.get("WAGTAILSEND_CHROMIUM", "/usr/bin/chromium")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def chromium():
    if not shutil.which(CHROMIUM):
        if os.environ.get("WAGTAILSEND_REQUIRE_BROWSER"):
            pytest.fail(f"Chromium is required but not found at {CHROMIUM}")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls tests make
    # around it are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    """A fresh browser tab with its own cookies; ``page.base_url`` is the live server."""
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


@pytest.fixture
def phone(chromium, live_server):
    """A phone-sized tab (375 x 740, touch)."""
    context = chromium.new_context(
        base_url=live_server.url,
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
    )
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


def sign_in(tab, username, password="pw"):  # noqa: S107
    """Sign in through the real login form."""
    tab.goto("/_util/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", password)
    tab.click("button[type=submit]")
    # Wait for the redirect away from the form, or the next goto would cancel the sign-in.
    tab.wait_for_url(lambda url: "/_util/login/" not in url)


def axe_violations(tab):
    """Run axe-core (WCAG 2.0/2.1/2.2 A and AA) on the page; return the violations."""
    import axe_playwright_python

    script = Path(axe_playwright_python.__file__).with_name("axe.min.js").read_text()
    tab.evaluate(script)
    result = tab.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
        for v in result["violations"]
    ]


@pytest.fixture
def mail_server_down(settings):
    """Send email by SMTP to a port nothing listens on, so sending raises."""
    import socket

    with socket.socket() as free:  # a port that was free a moment ago: nothing listens
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    use_mail_backend(
        settings,
        "django.core.mail.backends.smtp.EmailBackend",
        host="127.0.0.1",
        port=port,
        timeout=5,
    )


def use_mail_backend(settings, backend, **options):
    """Send email through ``backend`` for the rest of the test."""
    for name, value in mail_settings(backend, **options).items():
        setattr(settings, name, value)
