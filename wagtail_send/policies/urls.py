app_name = "wagtail_send_policies"
urlpatterns = []
