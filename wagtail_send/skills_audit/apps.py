from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkillsAuditConfig(AppConfig):
    name = "wagtail_send.skills_audit"
    label = "wagtail_send_skills_audit"
    verbose_name = _("Staff-skills audit")
    default_auto_field = "django.db.models.BigAutoField"
