from django.urls import path

from .views import api

app_name = "wagtail_send_directory"
urlpatterns = [
    path("api/", api.api_root, name="api_root"),
    path("api/services", api.services, name="api_services"),
    path("api/services/<str:uid>", api.service_detail, name="api_service"),
    path("api/taxonomy_terms", api.taxonomy_terms, name="api_taxonomy_terms"),
    path("api/taxonomy_terms/<str:uid>", api.taxonomy_term_detail, name="api_taxonomy_term"),
]
