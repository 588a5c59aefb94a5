from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "wagtail_send.directory"
    label = "wagtail_send_directory"
    verbose_name = _("Service directory")
    url_prefix = "directory/"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from wagtail_send.feature_pages import register_feature_pages
        from wagtail_send.privacy import register_personal_data
        from wagtail_send.providers import register_report_section

        from . import cache, models, report, setup

        for model in (models.Organisation, models.Service, models.Contact, models.Location):
            post_save.connect(cache.forget_listings, sender=model)
            post_delete.connect(cache.forget_listings, sender=model)

        register_personal_data(models.Service, "maintainer", "last_verified_by")
        for grant_model in (
            models.OrganisationUserGrant,
            models.ServiceUserGrant,
            models.ContactUserGrant,
            models.LocationUserGrant,
        ):
            register_personal_data(grant_model, "user")

        register_report_section("10", _("Agencies the school works with"), report.agencies)
        register_report_section("11", _("Support services for parents"), report.parent_support)
        register_feature_pages(setup.create_pages)
