from django.utils.translation import gettext as _


def ensure_a_school(using="default", **kwargs):
    """Create the school of a single-school install on first migrate, if there is none.

    It takes WAGTAILSEND_DEFAULT_SCHOOL_NAME, or the default Wagtail site's name, and is
    linked to the default site so its public pages resolve to it.
    """
    from wagtail.models import Site

    from ..audit import acting_as
    from ..conf import send_settings
    from ..models import School

    if School.objects.using(using).exists():
        return
    site = Site.objects.using(using).filter(is_default_site=True).first()
    name = send_settings.DEFAULT_SCHOOL_NAME or (site and site.site_name) or _("Our school")
    with acting_as(None, _("Created on first set-up")):
        School.objects.using(using).create(name=name, site=site)
