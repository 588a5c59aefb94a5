from django.urls import path

from .views import answering, gaps, needs

app_name = "wagtail_send_skills_audit"
urlpatterns = [
    path("", answering.index, name="index"),
    path("<int:pk>/answer/", answering.answer, name="answer"),
    path("<int:pk>/answers/", answering.responses, name="responses"),
    path("<int:pk>/gaps/", gaps.gaps, name="gaps"),
    path("<int:pk>/gaps.csv", gaps.gaps_csv, name="gaps_csv"),
    path("<int:pk>/summary/", gaps.summary, name="summary"),
    path("answers/<int:pk>/", answering.response_detail, name="response"),
    path("answers/<int:pk>/history/", answering.response_history, name="response_history"),
    path("answers/<int:pk>/export/", answering.response_export, name="response_export"),
    path("answers/<int:pk>/erase/", answering.response_erase, name="response_erase"),
    path("needs/", needs.profiles, name="profiles"),
    path("needs/new/", needs.profile_add, name="profile_add"),
    path("needs/import/", needs.profile_import, name="profile_import"),
    path("needs/<int:pk>/", needs.profile_detail, name="profile"),
]
