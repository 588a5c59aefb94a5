from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "wagtail_send.directory"
    label = "wagtail_send_directory"
    verbose_name = _("Service directory")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail_send.providers import register_report_section

        from . import report

        register_report_section("10", _("Agencies the school works with"), report.agencies)
        register_report_section("11", _("Support services for parents"), report.parent_support)
