from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class SkillsAuditConfig(AppConfig):
    name = "wagtail_send.skills_audit"
    label = "wagtail_send_skills_audit"
    verbose_name = _("Staff-skills audit")
    url_prefix = "skills-audit/"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail_send.privacy import register_read_logged
        from wagtail_send.providers import SCHOOL_CONTEXT, register_report_section

        from .models import Response
        from .provider import render_need_profile, render_staff_expertise

        # Someone's own answers: they may learn who else read them.
        register_read_logged(Response, "created_by")

        register_report_section("5", _("Staff expertise and training"), render_staff_expertise)
        register_report_section(SCHOOL_CONTEXT, _("Our pupils' needs"), render_need_profile)
        post_save.connect(_give_school_a_bank, sender="wagtail_send_skills_audit.Campaign")


def _give_school_a_bank(sender, instance, created, raw=False, **kwargs):
    """The first audit a school opens starts from the default question bank."""
    if created and not raw:
        from .bank import ensure_question_bank

        ensure_question_bank(instance.school)
