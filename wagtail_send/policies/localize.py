"""Translating a policy with wagtail-localize, through the governors' approval.

Loaded only on a site with wagtail-localize installed (see wagtail_hooks.py). The SENCO
starts a translation with wagtail-localize's "Translate this page", translates it in its
editor, and submits it here to the same approval workflow as the original. Its "Publish
in <language>" is not offered for a policy (translation.py), and a stale form that still
posts it is sent here instead. A translation with strings still to translate is not
submitted: the SENCO is told how many remain.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.models import Page
from wagtail_localize.models import Translation

from .models import SchoolDocumentPage
from .translation import is_translation

SUBMIT_URL_NAME = "wagtail_send_policies_submit_translation"


def translation_of(page):
    """The wagtail-localize translation whose target is the policy ``page``, or None."""
    if not issubclass(page.specific_class or Page, SchoolDocumentPage):
        return None
    if not is_translation(page):
        return None
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def refusal(page, translation):
    """Why ``translation`` cannot be submitted for approval now, or None."""
    names = {"title": page.title, "language": translation.target_locale.get_display_name()}
    if page.get_workflow() is None:
        return (
            _("“%(title)s” has no approval workflow, so its translation cannot be submitted.")
            % names
        )
    if page.workflow_in_progress:
        return _("“%(title)s” in %(language)s is already waiting for approval.") % names
    total, done = translation.get_progress()
    if done < total:
        return ngettext(
            "%(count)d of %(total)d strings of “%(title)s” is not yet translated into "
            "%(language)s. Translate it before submitting the translation for approval.",
            "%(count)d of %(total)d strings of “%(title)s” are not yet translated into "
            "%(language)s. Translate them before submitting the translation for approval.",
            total - done,
        ) % {**names, "count": total - done, "total": total}
    return None


@transaction.atomic
def submit(page, translation, user, change_note):
    """Save the translation as a draft of ``page`` and start its approval workflow.

    Raises:
        ValidationError: the translated page is not valid (wagtail-localize marks the
        strings at fault in its editor).
    """
    translation.save_target(user=user, publish=False)
    draft = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    draft.change_note = change_note
    draft.save_revision(user=user)
    draft.get_workflow().start(draft, user)


class SubmitTranslationForm(forms.Form):
    change_note = forms.CharField(
        label=gettext_lazy("What changed"),
        max_length=255,
        help_text=gettext_lazy("A sentence for governors on what changed in this version."),
    )


class SubmitTranslationView(WagtailAdminTemplateMixin, FormView):
    """Submit a policy's translation for approval (a confirmation, then the workflow)."""

    template_name = "wagtailadmin/generic/form.html"
    form_class = SubmitTranslationForm
    header_icon = "wagtail-localize-language"

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(Page, pk=page_id).specific
        self.translation = translation_of(self.page)
        if self.translation is None:
            raise Http404
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        self.edit_url = reverse("wagtailadmin_pages:edit", args=[self.page.pk])
        problem = refusal(self.page, self.translation)
        if problem:
            messages.error(request, problem)
            return redirect(self.edit_url)
        return super().dispatch(request, page_id)

    @property
    def language(self):
        return self.translation.target_locale.get_display_name()

    def get_page_title(self):
        return _("Submit the %(language)s translation for approval") % {"language": self.language}

    def get_page_subtitle(self):
        return self.page.title

    def get_initial(self):
        return {"change_note": _("Translated into %(language)s") % {"language": self.language}}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action_url=self.request.path,
            submit_button_label=_("Submit to %(workflow)s")
            % {"workflow": self.page.get_workflow().name},
            submit_button_active_label=_("Submitting…"),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            note = form.cleaned_data["change_note"]
            submit(self.page, self.translation, self.request.user, note)
        except ValidationError:
            messages.error(
                self.request,
                _(
                    "The %(language)s translation of “%(title)s” is not valid yet: correct "
                    "the strings marked in the editor, then submit it again."
                )
                % {"language": self.language, "title": self.page.title},
            )
        else:
            messages.success(
                self.request,
                _(
                    "The %(language)s translation of “%(title)s” has been submitted for "
                    "approval. It is published when it is approved."
                )
                % {"language": self.language, "title": self.page.title},
            )
        return redirect(self.edit_url)


@hooks.register("before_edit_page", order=-1)
def translations_go_through_approval(request, page):
    """In wagtail-localize's editor for a policy: show the way to approval, and send its
    "Publish" there. Runs before wagtail-localize's own hook, which shows the editor."""
    translation = translation_of(page)
    if translation is None:
        return None
    url = reverse(SUBMIT_URL_NAME, args=[page.pk])
    if request.method == "POST" and request.POST.get("action") == "publish":
        messages.warning(
            request,
            _("A translation of a policy is published only when it is approved: submit it."),
        )
        return redirect(url)
    if request.method == "GET" and not page.workflow_in_progress:
        messages.info(
            request,
            _("When every string is translated, submit the translation for approval."),
            buttons=[messages.button(url, _("Submit for approval"))],
        )
    return None


@hooks.register("register_page_listing_more_buttons")
def submit_translation_button(page, user, view_name=None, next_url=None):
    if translation_of(page) is not None and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Submit translation for approval"),
            reverse(SUBMIT_URL_NAME, args=[page.pk]),
            icon_name="resubmit",
            priority=65,
        )


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "send-policies/translations/<int:page_id>/submit/",
            SubmitTranslationView.as_view(),
            name=SUBMIT_URL_NAME,
        )
    ]
