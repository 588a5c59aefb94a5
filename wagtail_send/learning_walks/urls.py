app_name = "wagtail_send_learning_walks"
urlpatterns = []
