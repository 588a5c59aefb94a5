"""Admin: the SENCO edits the question bank, audits and need profiles."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup

from wagtail_send.views.records import RecordEditView, RecordIndexView
from wagtail_send.viewsets import SchoolRecordViewSet

from .models import Campaign, NeedProfile, Question, Response


class QuestionIndexView(RecordIndexView):
    """Each row names its type of need: fetched with the question, not once a row."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("need")


class ResponseIndexView(RecordIndexView):
    """Each row names the audit and the person: fetched with the answers."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("campaign", "created_by")


class CampaignViewSet(SchoolRecordViewSet):
    model = Campaign
    icon = "tasks"
    menu_label = _("Audits")
    form_fields = [
        "school",
        "title",
        "opens_on",
        "closes_on",
        "audience",
        "job_titles",
        "introduction",
    ]
    list_display = ["title", "opens_on", "closes_on", "audience"]
    search_fields = ["title"]


class QuestionViewSet(SchoolRecordViewSet):
    model = Question
    index_view_class = QuestionIndexView
    icon = "help"
    menu_label = _("Question bank")
    form_fields = ["school", "area", "need", "text", "hint", "position"]
    list_display = ["text", "area", "need", "position"]
    list_filter = ["area"]
    search_fields = ["text"]


class NeedProfileViewSet(SchoolRecordViewSet):
    model = NeedProfile
    icon = "table"
    menu_label = _("Pupil need profiles")
    form_fields = ["school", "title", "recorded_on"]
    list_display = ["title", "recorded_on"]


class ResponseEditView(RecordEditView):
    """Answers sent to an audit that has closed are read-only to everyone, their author
    included: the audit's results stand on them."""

    def dispatch(self, request, *args, **kwargs):
        answers = self.get_object()
        if answers.submitted_at and not answers.campaign.is_open:
            messages.error(
                request, _("This audit has closed: the answers sent to it cannot be changed.")
            )
            return redirect(self.inspect_url_name, answers.pk)
        return super().dispatch(request, *args, **kwargs)


class ResponseViewSet(SchoolRecordViewSet):
    """Individual answers: listed only to the person and the answer readers; read-only."""

    model = Response
    index_view_class = ResponseIndexView
    edit_view_class = ResponseEditView
    icon = "user"
    menu_label = _("Individual answers")
    form_fields = ["answers"]
    list_display = ["__str__", "job_title", "submitted_at"]
    add_to_admin_menu = False


class SkillsAuditGroup(ModelViewSetGroup):
    menu_label = _("Skills audit")
    menu_icon = "tasks"
    items = (
        CampaignViewSet("skills_audit_campaigns", url_prefix="send/skills-audit/audits"),
        QuestionViewSet("skills_audit_questions", url_prefix="send/skills-audit/questions"),
        NeedProfileViewSet("skills_audit_profiles", url_prefix="send/skills-audit/needs"),
        ResponseViewSet("skills_audit_answers", url_prefix="send/skills-audit/answers"),
    )


@hooks.register("register_admin_viewset")
def register_skills_audit():
    return SkillsAuditGroup()
