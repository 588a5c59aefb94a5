from django.urls import path

from .views import feedback, observing, planning, reviewing

app_name = "wagtail_send_learning_walks"
urlpatterns = [
    path("", planning.index, name="index"),
    path("new/", planning.create, name="create"),
    path("<int:pk>/", planning.plan, name="plan"),
    path("<int:pk>/edit/", planning.edit, name="edit"),
    path("<int:pk>/publish/", planning.publish, name="publish"),
    path("<int:pk>/remove/<str:kind>/<int:item_pk>/", planning.remove, name="remove"),
    path("<int:pk>/visits/<int:visit_pk>/observe/", observing.observe, name="observe"),
    path("<int:pk>/visits/<int:visit_pk>/feedback/", feedback.write, name="write_feedback"),
    path("<int:pk>/triangulate/", reviewing.triangulate, name="triangulate"),
    path("<int:pk>/actions/<int:action_pk>/follow-up/", reviewing.follow_up, name="follow_up"),
    path("<int:pk>/report/", reviewing.report, name="report"),
    path("<int:pk>/report.pdf", reviewing.report, {"as_pdf": True}, name="report_pdf"),
    path("<int:pk>/report/compile/", reviewing.compile_report, name="compile"),
    path("<int:pk>/sign-off/", reviewing.sign_off, name="sign_off"),
    path("feedback/<int:pk>/", feedback.read, name="feedback"),
    path("feedback/<int:pk>/send/", feedback.send, name="send_feedback"),
]
