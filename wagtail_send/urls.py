"""wagtail-send's front-end views, mounted by a site with one line before Wagtail's pages::

    path("send/", include("wagtail_send.urls")),

Every installed feature's views come in under its AppConfig's ``url_prefix``, in the
feature's own URL namespace, so a site never lists the features twice.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.views import LogoutView
from django.urls import include, path

SIGN_OUT = "wagtail_send_sign_out"

urlpatterns = [
    path(
        "sign-out/",
        LogoutView.as_view(next_page=settings.LOGOUT_REDIRECT_URL or "/"),
        name=SIGN_OUT,
    ),
    *(
        path(config.url_prefix, include(f"{config.name}.urls"))
        for config in apps.get_app_configs()
        if getattr(config, "url_prefix", None)
    ),
]
