from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("send/policies/", include("wagtail_send.policies.urls")),
    path("send/learning-wall/", include("wagtail_send.learning_wall.urls")),
    path("send/directory/", include("wagtail_send.directory.urls")),
    path("send/learning-walks/", include("wagtail_send.learning_walks.urls")),
    path("send/skills-audit/", include("wagtail_send.skills_audit.urls")),
    path("", include(wagtail_urls)),
]
