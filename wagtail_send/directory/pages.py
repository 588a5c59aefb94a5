"""The directory on the school website: a Wagtail page with a list and a page per service.

The page model sits above the records, forms and filters it shows, so models.py never
imports it: the app's ``import_models`` does, as Wagtail needs every page model loaded
with the models.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, route
from wagtail.fields import RichTextField
from wagtail.models import Page

from wagtail_send import caching
from wagtail_send.access import audience, can, visible
from wagtail_send.schools import get_current_school

from ..signin import redirect_to_login
from .filters import DirectoryFilterForm
from .forms import MaintainerServiceForm
from .models import Contact, Location, Service
from .rules import sees_staff_fields

PER_PAGE = 25
#: The cache of the listing (the search form and the services), most of the page's cost.
LISTING_CACHE = "directory"
#: The query parameters the page reads: the filters and the page number.
READS = ("q", "area", "type", "age", "status", "page")


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

    def school_id_for(self, request):
        """The id of the school whose directory this is (None when there is none)."""
        if self.school_id:
            return self.school_id
        school = get_current_school(request)
        return school and school.pk

    def services_for(self, request):
        """The active services of this page's school the person may see, ready to list."""
        school_id = self.school_id_for(request)
        if school_id is None:
            return Service.objects.none(), False
        staff = sees_staff_fields(request.user, school_id)
        # A service's contacts belong to its school; saying so keeps what a member sees
        # down to their roles at this school, which the cached listing relies on.
        contacts = visible(request.user, Contact).active().filter(school_id=school_id)
        services = (
            visible(request.user, Service)
            .active()
            .filter(school_id=school_id)
            .select_related("organisation")
            .prefetch_related(Prefetch("contacts", queryset=contacts, to_attr="shown_contacts"))
        )
        return services, staff

    def listing_key(self, request, school_id, page_url):
        """The key of the listing's cached copy, or None for a listing of one's own.

        The listing is the same for everyone in the same audience
        (:func:`wagtail_send.access.audience`); besides the records it depends on the
        page's address, the language, today's date (entries become "Needs checking" by
        date) and the query parameters the page reads.
        """
        who = audience(request.user, school_id, (Service, Contact))
        if who is None:
            return None
        query = [(name, request.GET.getlist(name)) for name in READS if name in request.GET]
        today = timezone.localdate().isoformat()
        return caching.key(LISTING_CACHE, school_id, who, page_url, get_language(), today, query)

    @route(r"^$")
    def index(self, request):
        services, staff = self.services_for(request)
        form = DirectoryFilterForm(request.GET or None)
        page_url = self.get_url(request)
        school_id = self.school_id_for(request)

        def listing():
            # Read only when the listing is rendered, not when it comes from the cache.
            shown = form.filter(services) if form.is_bound else services
            return Paginator(shown, PER_PAGE).get_page(request.GET.get("page"))

        query = request.GET.copy()
        query.pop("page", None)
        return self.render(
            request,
            context_overrides={
                "form": form,
                "services": SimpleLazyObject(listing),
                "staff_view": staff,
                "query": query.urlencode(),
                "page_url": page_url,
                "listing_key": school_id and self.listing_key(request, school_id, page_url),
                "listing_seconds": caching.timeout(),
            },
        )

    def _service(self, request, pk):
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
