"""Staff answer an audit, come back to it, see and export their own answers."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail_send.access import can, visible
from wagtail_send.audit import erase
from wagtail_send.audit.bulk import history_model_for
from wagtail_send.exports import csv_response
from wagtail_send.models import Membership
from wagtail_send.privacy import log_read
from wagtail_send.schools import get_current_school

from ...signin import login_required
from ..forms import AnswerForm, EraseForm
from ..models import Campaign, Confidence, NeedProfile, Question, Response
from .common import campaign_for, response_for


@login_required
def index(request):
    """The audits the person may see, what they need to do, and links to the analyses."""
    school = get_current_school(request)
    campaigns = list(visible(request.user, Campaign).active().filter(school=school))
    mine = {
        r.campaign_id: r
        for r in Response.objects.active().filter(created_by=request.user, campaign__in=campaigns)
    }
    memberships = list(Membership.objects.filter(user=request.user))
    rows = [
        {
            "campaign": c,
            "response": mine.get(c.pk),
            "asked": c.is_open and c.includes(request.user, memberships),
            "can_manage": can(request.user, "change", c),
        }
        for c in campaigns
    ]
    may_add_profile = school is not None and can(request.user, "add", NeedProfile(school=school))
    return render(
        request,
        "wagtail_send/skills_audit/index.html",
        {"rows": rows, "school": school, "may_add_profile": may_add_profile},
    )


@login_required
def answer(request, pk):
    """The audit form: save and come back later, or send the answers."""
    campaign = campaign_for(request, pk)
    if not campaign.includes(request.user):
        raise PermissionDenied
    # Archived answers count too: one set of answers per person per audit.
    response = Response.objects.filter(campaign=campaign, created_by=request.user).first()
    if response is not None and (
        response.is_archived or not can(request.user, "change", response)
    ):
        raise PermissionDenied
    if not campaign.is_open:
        messages.error(request, _("This audit is closed; your answers can no longer be changed."))
        return redirect("wagtail_send_skills_audit:index")
    questions = (
        Question.objects.active().filter(school_id=campaign.school_id).select_related("need")
    )
    sending = request.POST.get("action") == "send"
    if request.method == "POST":
        form = AnswerForm(request.POST, questions=questions, sending=sending)
        if form.is_valid():
            response = _save(request, campaign, response, form.answers(), sending)
            if sending:
                messages.success(request, _("Thank you: your answers have been sent."))
            else:
                messages.success(
                    request, _("Your answers are saved. You can come back and finish later.")
                )
            return redirect("wagtail_send_skills_audit:index")
    else:
        form = AnswerForm(
            initial=AnswerForm.initial_from(response.answers if response else {}),
            questions=questions,
        )
    earlier = _previous_answers(request.user, campaign)
    return render(
        request,
        "wagtail_send/skills_audit/answer.html",
        {
            "campaign": campaign,
            "form": form,
            "response": response,
            "earlier": earlier,
            "earlier_answers": earlier.answers if earlier else {},
            "scale": Confidence.choices,
        },
    )


def _save(request, campaign, response, answers, sending):
    membership = Membership.objects.filter(user=request.user, school_id=campaign.school_id).first()
    if response is None:
        response = Response(school=campaign.school, campaign=campaign, created_by=request.user)
    response.answers = answers
    response.job_title = membership.job_title if membership else ""
    if sending:
        response.submitted_at = timezone.now()
    response.save()
    return response


def _previous_answers(user, campaign):
    """The person's own answers to the audit before this one, to compare with."""
    return (
        Response.objects.active()
        .filter(
            created_by=user,
            campaign__school_id=campaign.school_id,
            campaign__opens_on__lt=campaign.opens_on,
            submitted_at__isnull=False,
        )
        .select_related("campaign")
        .order_by("-campaign__opens_on")
        .first()
    )


def _answer_rows(response):
    questions = {
        str(q.pk): q
        for q in Question.objects.filter(school_id=response.school_id).select_related("need")
    }
    labels = dict(Confidence.choices)
    rows = []
    for qid, answer in response.answers.items():
        question = questions.get(qid)
        rows.append(
            {
                "question": question.text if question else _("(question removed)"),
                "area": question.get_area_display() if question else "",
                "confidence": answer.get("confidence"),
                "descriptor": labels.get(answer.get("confidence"), _("Not answered")),
                "training": answer.get("training"),
                "comment": answer.get("comment", ""),
            }
        )
    return rows


def _detail(request, response, erase_form=None, status=200):
    return render(
        request,
        "wagtail_send/skills_audit/response.html",
        {
            "response": response,
            "rows": _answer_rows(response),
            "can_export": can(request.user, "export", response),
            "can_history": can(request.user, "history", response),
            "can_erase": can(request.user, "delete", response),
            "erase_form": erase_form or EraseForm(),
        },
        status=status,
    )


@login_required
def response_detail(request, pk):
    """One person's answers, for that person and the answer readers only.

    A reader other than the person is logged, so the person can learn who read them.
    """
    response = response_for(request, pk)
    log_read(request.user, response)
    return _detail(request, response)


@login_required
def response_history(request, pk):
    """When the answers were saved and sent, for those who may read the answers only."""
    response = response_for(request, pk, "history")
    rows = (
        history_model_for(Response)
        .objects.filter(id=response.pk)
        .order_by("-history_seq")
        .only("history_date", "history_type", "history_change_reason", "submitted_at")[:100]
    )
    return render(
        request,
        "wagtail_send/skills_audit/response_history.html",
        {"response": response, "rows": rows},
    )


@login_required
def response_export(request, pk):
    """The person's answers as a CSV file (a subject access export)."""
    response = response_for(request, pk, "export")
    log_read(request.user, response)
    headings = [_("Audit"), _("Area"), _("Question"), _("Confidence"), _("Training"), _("Comment")]
    rows = (
        [
            response.campaign.title,
            row["area"],
            row["question"],
            row["descriptor"],
            _("Yes") if row["training"] else _("No"),
            row["comment"],
        ]
        for row in _answer_rows(response)
    )
    return csv_response(f"skills-audit-answers-{pk}.csv", headings, rows)


@login_required
@require_POST
def response_erase(request, pk):
    """Erase one person's answers on request; the erasure is recorded, not the content."""
    response = response_for(request, pk, "delete")
    form = EraseForm(request.POST)
    if not form.is_valid():
        return _detail(request, response, form, status=400)
    campaign_pk = response.campaign_id
    try:
        erase(response, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("wagtail_send_skills_audit:response", pk=pk)
    messages.success(request, _("The answers have been erased. The erasure is recorded."))
    return redirect(reverse("wagtail_send_skills_audit:responses", args=[campaign_pk]))


@login_required
def responses(request, pk):
    """Who has answered an audit: the answers the person may read, and who is still to answer."""
    campaign = campaign_for(request, pk)
    readable = list(
        visible(request.user, Response)
        .active()
        .filter(campaign=campaign)
        .select_related("created_by")
        .order_by("created_by__last_name", "created_by__first_name")
    )
    if not readable and not can(request.user, "change", campaign):
        raise PermissionDenied
    waiting = []
    if can(request.user, "change", campaign):
        sent = {r.created_by_id for r in readable if r.submitted_at}
        waiting = list(
            {
                m.user_id: m.user
                for m in campaign.audience_memberships().select_related("user")
                if m.user_id not in sent
            }.values()
        )
    return render(
        request,
        "wagtail_send/skills_audit/responses.html",
        {"campaign": campaign, "responses": readable, "waiting": waiting},
    )
