"""Admin views every school-record viewset shares: per-record checks, history, access."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.usage import UsageView
from wagtail.models import ReferenceIndex
from wagtail.permissions import policy_registry

from ..access import can_at, grant, grants_for, policy_for, revoke, visible_at
from ..access.choices import limit_field, person_name
from ..access.policy import SchoolRecordPermissionPolicy
from ..audit.bulk import history_model_for
from ..audit.diff import describe
from ..exports import DefusedExportMixin
from ..forms import GrantForm, SchoolRecordForm
from ..models import AccessChange
from ..privacy import log_read, read_logged_models
from ..schools import get_current_school


def admin_can(request, action, record):
    """Whether the admin lets the person do ``action`` to ``record`` at the current school."""
    return can_at(request.user, action, record, get_current_school(request))


def admin_visible(request, model, actions=("view", "change")):
    """The records of ``model`` the admin shows the person at the current school."""
    return visible_at(request.user, model, actions, get_current_school(request))


class RecordIndexView(DefusedExportMixin, generic.IndexView):
    """Lists only what the person may see or change at the current school, filtered in
    the database; so do its filters' choices.

    A listing with ``list_export`` exports by the core's formula-defusing rule.
    """

    def get_base_queryset(self):
        records = admin_visible(self.request, self.model)
        if not hasattr(records, "archived"):
            return records
        records = records.select_related("school")
        if self.request.GET.get("archived") == "1":
            return records.archived()
        return records.active()

    def _get_custom_column(self, field_name, column_class=Column, **kwargs):
        # A person is named, never shown by username, in every listing's columns.
        column = super()._get_custom_column(field_name, column_class, **kwargs)
        field = next((f for f in self.model._meta.fields if f.name == field_name), None)
        if field is not None and field.related_model is get_user_model():
            column.accessor = lambda record: _name_or_blank(getattr(record, field_name))
        return column

    @cached_property
    def filters(self):
        filters = super().filters
        if filters is None:
            return None
        school = get_current_school(self.request)
        for name, field in filters.form.fields.items():
            if limit_field(field, self.request.user, school):
                filters.filters[name].queryset = field.queryset
        return filters


def _name_or_blank(person):
    return person_name(person) if person else ""


class LogsReadsMixin:
    """Logs a read of a read-logged record (:func:`~wagtail_send.privacy.log_read`)."""

    def log_read(self, record):
        if type(record)._meta.concrete_model in read_logged_models():
            log_read(self.request.user, record)
        return record


class InstanceCheckMixin(LogsReadsMixin):
    """Refuses, with a 403, a record the person may not do ``instance_action`` to."""

    instance_action = "view"

    def get_object(self, queryset=None):
        record = super().get_object(queryset)
        if not admin_can(self.request, self.instance_action, record):
            raise PermissionDenied
        return self.log_read(record) if self.request.method == "GET" else record


class CurrentSchoolFormMixin:
    """A school record's form makes its choices from the current school's."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if issubclass(self.get_form_class(), SchoolRecordForm):
            kwargs["school"] = get_current_school(self.request)
        return kwargs


class ScopedCreateView(CurrentSchoolFormMixin, generic.CreateView):
    pass


class RecordCreateView(ScopedCreateView):
    def save_instance(self):
        record = self.form.save(commit=False)
        record.created_by = self.request.user
        if not record.school_id:
            record.school = get_current_school(self.request)
        if record.school is None or not policy_for(record).user_has_permission_for_instance(
            self.request.user, "add", record
        ):
            raise PermissionDenied
        record.save()
        self.form.save_m2m()
        return record


class RecordEditView(InstanceCheckMixin, CurrentSchoolFormMixin, generic.EditView):
    instance_action = "change"


class RecordDeleteView(InstanceCheckMixin, generic.DeleteView):
    instance_action = "delete"
    page_title = gettext_lazy("Archive")
    success_message = gettext_lazy("%(model_name)s '%(object)s' archived. It can be restored.")


class MembershipDeleteView(InstanceCheckMixin, generic.DeleteView):
    instance_action = "delete"


class RecordInspectView(InstanceCheckMixin, generic.InspectView):
    instance_action = "view"


class RecordUsageView(UsageView):
    """Where a record is used, naming only the records the person may see at the
    current school (walking ids must not list other schools' people or titles)."""

    permission_required = "view"

    def get_object(self):
        record = super().get_object()
        if not admin_can(self.request, "view", record):
            raise PermissionDenied
        return record

    def get_queryset(self):
        references = ReferenceIndex.get_references_to(self.object)
        if not self.request.user.is_superuser:
            references = references.filter(self._shown_sources(references))
        return references.group_by_source_object()

    def _shown_sources(self, references):
        shown = Q(pk__in=[])
        for type_id in set(references.values_list("base_content_type", flat=True)):
            model = ContentType.objects.get_for_id(type_id).model_class()
            policy = model and policy_registry.get_by_type(model, fallback=False)
            if isinstance(policy, SchoolRecordPermissionPolicy):
                ids = admin_visible(self.request, model, ["view"])
                shown |= Q(
                    base_content_type=type_id,
                    object_id__in=ids.values_list(Cast("pk", CharField()), flat=True),
                )
        return shown


class RecordPageMixin(LogsReadsMixin, WagtailAdminTemplateMixin):
    """A page about one record, reached from its viewset."""

    model = None
    viewset = None
    instance_action = "history"

    @cached_property
    def record(self):
        record = get_object_or_404(self.model._base_manager, pk=self.kwargs["pk"])
        if not admin_can(self.request, self.instance_action, record):
            raise PermissionDenied
        return record

    def get(self, request, *args, **kwargs):
        if self.logs_reads:
            self.log_read(self.record)
        return super().get(request, *args, **kwargs)

    #: Whether the page shows the record's contents (its history does; its access list not).
    logs_reads = False

    def get_page_subtitle(self):
        return str(self.record)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": self.viewset.url("index"), "label": self.model._meta.verbose_name_plural},
            {"url": self.viewset.url("edit", self.record.pk), "label": str(self.record)},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            record=self.record,
            model_opts=self.model._meta,
            edit_url=self.viewset.url("edit", self.record.pk),
            history_url=self.viewset.url("history", self.record.pk),
            access_url=(
                self.viewset.url("access", self.record.pk)
                if "access" in dict(self.viewset.record_pages)
                else None
            ),
            can_share=admin_can(self.request, "share", self.record),
        )
        return context


class RecordHistoryView(RecordPageMixin, TemplateView):
    """Every change to one record, newest first, with field-level differences."""

    template_name = "wagtail_send/admin/record_history.html"
    logs_reads = True
    page_title = gettext_lazy("History")
    header_icon = "history"
    per_page = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = (
            history_model_for(self.model)
            .objects.filter(id=self.record.pk)
            .order_by("-history_seq")
        )
        page = Paginator(rows, self.per_page).get_page(self.request.GET.get("p"))
        # One row beyond the page, so the oldest change on it still shows what it changed.
        start = page.start_index() - 1 if page.object_list else 0
        window = list(rows[start : start + self.per_page + 1])
        entries = describe(window)[: len(page.object_list)]
        people = get_user_model().objects.in_bulk({e["row"].history_user_id for e in entries})
        for entry in entries:
            entry["person"] = people.get(entry["row"].history_user_id)
        context.update(page_obj=page, entries=entries)
        return context


class RecordAccessView(RecordPageMixin, TemplateView):
    """Who may do what to one record, the form to share it, and the log of every grant."""

    template_name = "wagtail_send/admin/record_access.html"
    page_title = gettext_lazy("Access")
    header_icon = "lock"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=form or GrantForm(),
            grants=grants_for(self.record),
            log=AccessChange.objects.filter(
                content_type__app_label=self.model._meta.app_label,
                content_type__model=self.model._meta.model_name,
                object_id=self.record.pk,
            ).select_related("changed_by"),
        )
        return context

    def post(self, request, *args, **kwargs):
        if "revoke" in request.POST:
            person = get_object_or_404(get_user_model(), pk=request.POST.get("person"))
            return self._apply(revoke, person, request.POST["revoke"])
        form = GrantForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        return self._apply(
            grant,
            form.cleaned_data["person"],
            form.cleaned_data["action"],
            form=form,
            as_guest=form.cleaned_data["as_guest"],
        )

    def _apply(self, change, person, action, form=None, **kwargs):
        try:
            change(self.record, person, action, by=self.request.user, **kwargs)
        except ValidationError as error:
            form = form or GrantForm()
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(self.request, _("Access updated."))
        return redirect(self.viewset.url("access", self.record.pk))


class RecordRestoreView(RecordPageMixin, TemplateView):
    """Bring an archived record back into use."""

    instance_action = "delete"
    template_name = "wagtail_send/admin/record_restore.html"
    page_title = gettext_lazy("Restore")
    header_icon = "undo"

    def post(self, request, *args, **kwargs):
        self.record.restore()
        messages.success(request, _("“%(record)s” restored.") % {"record": self.record})
        return redirect(self.viewset.url("edit", self.record.pk))


__all__ = [
    "RecordAccessView",
    "RecordCreateView",
    "RecordDeleteView",
    "RecordEditView",
    "RecordHistoryView",
    "RecordIndexView",
    "RecordInspectView",
    "RecordRestoreView",
    "RecordUsageView",
    "ScopedCreateView",
    "MembershipDeleteView",
]
