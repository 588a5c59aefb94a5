from .conf import send_settings
from .signin import sign_in_url


def send(request):
    """What wagtail_send/base.html needs: the site's base template and its sign-in page."""
    return {
        "wagtail_send_base_template": send_settings.BASE_TEMPLATE,
        "wagtail_send_sign_in_url": sign_in_url,
    }
