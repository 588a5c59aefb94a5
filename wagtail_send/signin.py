"""Where wagtail-send sends people to sign in: the site's own Wagtail front-end login.

Wagtail's private pages already send visitors to ``WAGTAIL_FRONTEND_LOGIN_URL`` or, when
that is unset, to its own ``wagtailcore_login`` view, which every Wagtail site has. The
staff views follow the same rule, so one site has one sign-in page.
"""

from django.conf import settings
from django.contrib.auth import decorators, views
from django.urls import reverse
from django.utils.functional import lazy


def sign_in_url():
    return getattr(settings, "WAGTAIL_FRONTEND_LOGIN_URL", None) or reverse("wagtailcore_login")


def login_required(view):
    """Django's ``login_required``, sending people to the site's front-end sign-in."""
    return decorators.login_required(view, login_url=lazy(sign_in_url, str)())


def redirect_to_login(next_url):
    return views.redirect_to_login(next_url, login_url=sign_in_url())
