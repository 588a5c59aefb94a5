from django.utils.translation import gettext as _

from wagtail_send.feature_pages import add_page

from .pages import ServiceDirectoryPage


def create_pages(school, home):
    """The school's service directory, public entries for parents and all of it for staff."""
    if ServiceDirectoryPage.objects.filter(school=school).exists():
        return []
    return [
        add_page(
            home,
            ServiceDirectoryPage(
                title=_("Who can help: our service directory"), slug="directory", school=school
            ),
        )
    ]
