app_name = "wagtail_send_learning_wall"
urlpatterns = []
