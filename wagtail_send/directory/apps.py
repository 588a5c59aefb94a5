from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "wagtail_send.directory"
    label = "wagtail_send_directory"
    verbose_name = _("Service directory")
    url_prefix = "directory/"
    default_auto_field = "django.db.models.BigAutoField"

    def import_models(self):
        super().import_models()
        # The page model is in pages.py, above the records it shows (see there).
        from . import pages  # noqa: F401

    def ready(self):
        from wagtail_send import caching
        from wagtail_send.feature_pages import register_feature_pages
        from wagtail_send.privacy import register_person_names, register_personal_data
        from wagtail_send.providers import register_report_section

        from . import models, report, setup
        from .pages import LISTING_CACHE, READS, ServiceDirectoryPage

        caching.public_pages(ServiceDirectoryPage, reads=READS)
        records = (models.Organisation, models.Service, models.Contact, models.Location)
        caching.renews([LISTING_CACHE, caching.PAGES], *records)

        register_personal_data(models.Service, "maintainer", "last_verified_by")
        register_person_names(models.Contact, "name")
        for grant_model in (
            models.OrganisationUserGrant,
            models.ServiceUserGrant,
            models.ContactUserGrant,
            models.LocationUserGrant,
            models.TaxonomyTermUserGrant,
            models.FeedSubscriptionUserGrant,
            models.SyncLogUserGrant,
        ):
            register_personal_data(grant_model, "user")

        register_report_section("10", _("Agencies the school works with"), report.agencies)
        register_report_section("11", _("Support services for parents"), report.parent_support)
        register_feature_pages(setup.create_pages)
