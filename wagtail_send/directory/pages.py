"""The directory on the school website: a Wagtail page with a list and a page per service."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, route
from wagtail.fields import RichTextField
from wagtail.models import Page

from wagtail_send.access import can, visible
from wagtail_send.schools import get_current_school

PER_PAGE = 25


class ServiceDirectoryPage(RoutablePageMixin, Page):
    """Lists the school's directory: everything for its staff, public entries for everyone."""

    intro = RichTextField(gettext_lazy("introduction"), blank=True)
    school = models.ForeignKey(
        "wagtail_send.School",
        verbose_name=gettext_lazy("school"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=gettext_lazy("Whose directory to show; empty means the site's school."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("school")]
    template = "wagtail_send/directory/directory_page.html"

    class Meta:
        verbose_name = gettext_lazy("service directory page")

    def school_for(self, request):
        return self.school or get_current_school(request)

    def services_for(self, request):
        """The active services of this page's school the person may see, ready to list."""
        from .models import Contact, Service
        from .rules import sees_staff_fields

        school = self.school_for(request)
        if school is None:
            return Service.objects.none(), False
        staff = sees_staff_fields(request.user, school.pk)
        contacts = visible(request.user, Contact).active()
        services = (
            visible(request.user, Service)
            .active()
            .filter(school=school)
            .select_related("organisation")
            .prefetch_related(Prefetch("contacts", queryset=contacts, to_attr="shown_contacts"))
        )
        return services, staff

    @route(r"^$")
    def index(self, request):
        from .filters import DirectoryFilterForm

        services, staff = self.services_for(request)
        form = DirectoryFilterForm(request.GET or None)
        services = form.filter(services) if form.is_bound else services
        page = Paginator(services, PER_PAGE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return self.render(
            request,
            context_overrides={
                "form": form,
                "services": page,
                "staff_view": staff,
                "query": query.urlencode(),
            },
        )

    def _service(self, request, pk):
        from .models import Location
        from .rules import sees_staff_fields

        services, staff = self.services_for(request)
        locations = visible(request.user, Location).active()
        service = get_object_or_404(
            services.select_related("maintainer", "last_verified_by").prefetch_related(
                Prefetch("locations", queryset=locations, to_attr="shown_locations")
            ),
            pk=pk,
        )
        return service, staff and sees_staff_fields(request.user, service.school_id)

    @path("<int:pk>/")
    def service(self, request, pk):
        service, staff = self._service(request, pk)
        return TemplateResponse(
            request,
            "wagtail_send/directory/service_page.html",
            {
                "page": self,
                "service": service,
                "staff_view": staff,
                "can_edit": can(request.user, "change", service),
            },
        )

    @path("<int:pk>/edit/")
    def edit(self, request, pk):
        from .forms import MaintainerServiceForm

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        service, _staff = self._service(request, pk)
        if not can(request.user, "change", service):
            raise PermissionDenied
        form = MaintainerServiceForm(request.POST or None, instance=service)
        if request.method == "POST" and form.is_valid():
            service = form.save(commit=False)
            if form.cleaned_data.get("checked"):
                service.last_verified_on = timezone.localdate()
                service.last_verified_by = request.user
            service.save()
            messages.success(request, _("“%(name)s” saved.") % {"name": service.name})
            return redirect(
                self.get_url(request) + self.reverse_subpage("service", args=[service.pk])
            )
        return TemplateResponse(
            request,
            "wagtail_send/directory/service_edit.html",
            {"page": self, "service": service, "form": form},
        )
