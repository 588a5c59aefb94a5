from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_send.feature_pages import create_feature_pages
from wagtail_send.models import School


class Command(BaseCommand):
    help = _(
        "Create the pages wagtail-send's features need (policies, learning wall, directory) "
        "under each school's home page. Pages already there are left as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument("--school", help=_("Only this school, by URN or name."))

    def handle(self, *args, school=None, **options):
        schools = School.objects.order_by("name")
        if school:
            schools = schools.filter(urn=school) or schools.filter(name=school)
            if not schools:
                raise CommandError(_("No school has the URN or name “%s”.") % school)
        for each in schools:
            made = create_feature_pages(each)
            if made is None:
                self.stderr.write(
                    _("%s has no Wagtail site: choose one under Schools and roles.") % each
                )
            elif not made:
                self.stdout.write(_("%s: every feature page is already there.") % each)
            for page in made or ():
                self.stdout.write(
                    _("%(school)s: made “%(title)s” at %(url)s")
                    % {"school": each, "title": page.title, "url": page.get_url() or page.url_path}
                )
