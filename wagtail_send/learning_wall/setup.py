from django.utils.translation import gettext as _

from wagtail_send.feature_pages import add_page

from .pages import LearningWallPage
from .privacy import restrict_to_staff


def create_pages(school, home):
    """The school's learning wall, open to its staff only."""
    if LearningWallPage.objects.descendant_of(home).exists():
        return []
    wall = add_page(home, LearningWallPage(title=_("Learning wall"), slug="learning-wall"))
    restrict_to_staff(wall, school)
    return [wall]
