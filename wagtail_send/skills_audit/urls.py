app_name = "wagtail_send_skills_audit"
urlpatterns = []
