from django.urls import path

from . import views

app_name = "wagtail_send_policies"
urlpatterns = [
    path("edit/<int:page_id>/", views.edit, name="edit"),
    path("history/", views.history_index, name="history_index"),
    path("history/<int:page_id>/", views.document_history, name="history"),
    path("history/<int:page_id>/export.csv", views.history_csv, name="history_csv"),
    path("history/<int:page_id>/compare/", views.compare, name="compare"),
    path("history/<int:page_id>/versions/<int:revision_id>/", views.version, name="version"),
]
