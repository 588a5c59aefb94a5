from django.urls import include, path

from .views import api

app_name = "wagtail_send_directory"

#: The profile's endpoints, served for the site's school at ``api/`` and for any school at
#: ``schools/<id>/api/`` (each name reverses with or without ``school``).
endpoints = [
    path("", api.api_root, name="api_root"),
    path("services", api.services, name="api_services"),
    path("services/<str:uid>", api.service_detail, name="api_service"),
    path("service_at_locations", api.service_at_locations, name="api_service_at_locations"),
    path(
        "service_at_locations/<str:uid>",
        api.service_at_location_detail,
        name="api_service_at_location",
    ),
    path("taxonomies", api.taxonomies, name="api_taxonomies"),
    path("taxonomies/<str:uid>", api.taxonomy_detail, name="api_taxonomy"),
    path("taxonomy_terms", api.taxonomy_terms, name="api_taxonomy_terms"),
    path("taxonomy_terms/<str:uid>", api.taxonomy_term_detail, name="api_taxonomy_term"),
    path("<path:rest>", api.not_found, name="api_not_found"),
]
urlpatterns = [
    path("api/", include(endpoints)),
    path("schools/<int:school>/api/", include(endpoints)),
    path("schools/<path:rest>", api.not_found),
]
