from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "wagtail_send.policies"
    label = "wagtail_send_policies"
    verbose_name = _("SEND policies")
    url_prefix = "policies/"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import post_page_move

        from ..feature_pages import register_feature_pages
        from ..models.records import records_written
        from ..privacy import register_personal_data
        from . import setup
        from .live import forget_live_sections, summarised_models
        from .models import SENDPolicyPage, SENInformationReportPage, follow_move

        # A policy's owner is named on it and emailed about reviews: subject access covers it.
        for model in (SENInformationReportPage, SENDPolicyPage):
            register_personal_data(model, "policy_owner")
            post_page_move.connect(follow_move, sender=model)
        # The report's live summaries are cached; any write of a record renews them.
        for model in summarised_models():
            for signal in (post_save, post_delete, records_written):
                signal.connect(
                    forget_live_sections, sender=model, dispatch_uid="wagtail_send_policies_live"
                )
        register_feature_pages(setup.create_pages)
