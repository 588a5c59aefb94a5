from django.urls import path

from . import reading_views, review, strategy_views, views

app_name = "wagtail_send_policies"
urlpatterns = [
    path("edit/<int:page_id>/", views.edit, name="edit"),
    path("review/<int:task_state_id>/", review.review, name="review"),
    path("strategy/<int:page_id>/next-year/", strategy_views.copy_forward, name="copy_forward"),
    path(
        "strategy/<int:page_id>/activities.csv",
        strategy_views.activities_csv,
        name="activities_csv",
    ),
    path("to-read/", reading_views.reading, name="to_read"),
    path("to-read/<int:page_id>/", reading_views.acknowledge, name="acknowledge"),
    path("reading/<int:page_id>/", reading_views.read_by, name="read_by"),
    path("reading/<int:page_id>/export.csv", reading_views.read_by_csv, name="read_by_csv"),
    path("history/", views.history_index, name="history_index"),
    path("history/<int:page_id>/", views.document_history, name="history"),
    path("history/<int:page_id>/export.csv", views.history_csv, name="history_csv"),
    path("history/<int:page_id>/compare/", views.compare, name="compare"),
    path("history/<int:page_id>/versions/<int:revision_id>/", views.version, name="version"),
    path(
        "history/<int:page_id>/versions/<int:revision_id>/pdf/",
        views.version,
        {"as_pdf": True},
        name="version_pdf",
    ),
]
