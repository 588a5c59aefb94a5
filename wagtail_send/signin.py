"""Where wagtail-send sends people to sign in: the site's own Wagtail front-end login.

Wagtail's private pages already send visitors to ``WAGTAIL_FRONTEND_LOGIN_URL`` or, when
that is unset, to its own ``wagtailcore_login`` view, which every Wagtail site has. The
staff views follow the same rule, so one site has one sign-in page.

Failed sign-ins are throttled by django-axes (see :data:`~wagtail_send.install.
THROTTLE_DEFAULTS`) and a sign-in lasts a school day (``WAGTAILSEND_SESSION_AGE``).
"""

import datetime

from django.conf import settings
from django.contrib.auth import decorators, views
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy


def sign_in_url():
    return getattr(settings, "WAGTAIL_FRONTEND_LOGIN_URL", None) or reverse("wagtailcore_login")


def login_required(view):
    """Django's ``login_required``, sending people to the site's front-end sign-in."""
    return decorators.login_required(view, login_url=lazy(sign_in_url, str)())


def redirect_to_login(next_url):
    return views.redirect_to_login(next_url, login_url=sign_in_url())


def apply_throttling_defaults():
    """Give django-axes wagtail-send's defaults for what the site leaves unset.

    Runs before django-axes reads its settings (wagtail-send's app comes first).
    """
    from .install import THROTTLE_DEFAULTS

    for name, value in THROTTLE_DEFAULTS.items():
        if not hasattr(settings, name):
            setattr(settings, name, value)


class SessionAgeMiddleware:
    """A sign-in lasts ``WAGTAILSEND_SESSION_AGE`` seconds from signing in, at most.

    Django's default is two weeks, and the Wagtail admin's "remember me" asks for as long;
    on a shared classroom computer that is too long. A session due to last longer is cut to
    end that many seconds from now, once, so the time counts from signing in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .conf import send_settings

        response = self.get_response(request)
        session = getattr(request, "session", None)
        age = send_settings.SESSION_AGE
        if session is None or "_auth_user_id" not in session:
            return response
        if age == 0:
            if not session.get_expire_at_browser_close():
                session.set_expiry(0)
        elif session.get_expire_at_browser_close() or session.get_expiry_age() > age:
            session.set_expiry(timezone.now() + datetime.timedelta(seconds=age))
        return response
