from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningWallConfig(AppConfig):
    name = "wagtail_send.learning_wall"
    label = "wagtail_send_learning_wall"
    verbose_name = _("Learning wall")
    url_prefix = "learning-wall/"
    default_auto_field = "django.db.models.BigAutoField"

    def import_models(self):
        super().import_models()
        # The page model is in pages.py, above the records it shows (see there).
        from . import pages  # noqa: F401

    def ready(self):
        from wagtail_send.access import register_admin_rule
        from wagtail_send.feature_pages import register_feature_pages
        from wagtail_send.privacy import register_person_names, register_personal_data
        from wagtail_send.providers import register_follow_up, register_report_section

        from . import renewals, setup
        from .models import Post, Reply, Team, Useful
        from .report import render_training_summary
        from .rules import unhidden_for
        from .themes import theme_from_action

        renewals.declare()
        # A hidden post is hidden in the admin (listing, inspect, usage, export) as on the wall.
        register_admin_rule(Post, unhidden_for)
        register_personal_data(Useful, "user")
        register_personal_data(Team, "members")
        register_person_names(Post, "title", "body")
        register_person_names(Reply, "body")
        register_report_section("5", _("Learning wall"), render_training_summary)
        register_follow_up("learning_wall_theme", _("A learning wall theme"), theme_from_action)
        register_feature_pages(setup.create_pages)
