from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "wagtail_send.policies"
    label = "wagtail_send_policies"
    verbose_name = _("SEND policies")
    url_prefix = "policies/"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate, post_save
        from wagtail.signals import post_page_move

        from .. import caching
        from ..feature_pages import register_feature_pages
        from ..privacy import register_personal_data
        from . import notifications, setup
        from .live import CACHE, summarised_models
        from .models import (
            InclusionStrategyPage,
            SchoolPoliciesIndexPage,
            SENDPolicyPage,
            SENInformationReportPage,
            follow_move,
        )
        from .reading import Acknowledgement
        from .strategy import ensure_principles

        # A policy's owner is named on it and emailed about reviews: subject access covers it.
        for model in (SENInformationReportPage, InclusionStrategyPage, SENDPolicyPage):
            register_personal_data(model, "policy_owner")
            post_page_move.connect(follow_move, sender=model)
        register_personal_data(Acknowledgement, "user")
        post_save.connect(setup.configure_new_index, sender=SchoolPoliciesIndexPage)
        caching.public_pages(
            SchoolPoliciesIndexPage,
            SENInformationReportPage,
            InclusionStrategyPage,
            SENDPolicyPage,
        )
        # The report shows live summaries of records: a record's write renews its school's.
        caching.renews([CACHE, caching.PAGES], *summarised_models())
        register_feature_pages(setup.create_pages)
        notifications.connect()
        post_migrate.connect(ensure_principles, sender=self)
