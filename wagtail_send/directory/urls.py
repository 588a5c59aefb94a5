app_name = "wagtail_send_directory"
urlpatterns = []
