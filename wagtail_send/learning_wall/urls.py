from django.urls import path

from .views import files, meeting, posts, sharing

app_name = "wagtail_send_learning_wall"
urlpatterns = [
    path("posts/new/", posts.post_create, name="create"),
    path("posts/<int:pk>/", posts.post_detail, name="post"),
    path("posts/<int:pk>/edit/", posts.post_edit, name="edit"),
    path("posts/<int:pk>/archive/", posts.post_archive, name="archive"),
    path("posts/<int:pk>/restore/", posts.post_restore, name="restore"),
    path("posts/<int:pk>/hide/", posts.post_hide, {"hide": True}, name="hide"),
    path("posts/<int:pk>/unhide/", posts.post_hide, {"hide": False}, name="unhide"),
    path("posts/<int:pk>/reply/", posts.reply_create, name="reply"),
    path("posts/<int:pk>/useful/", posts.useful_toggle, name="useful"),
    path("posts/<int:pk>/share/", sharing.post_share, name="share"),
    path("posts/<int:pk>/share/governors/", sharing.share_with_governors, name="share_governors"),
    path("posts/<int:pk>/share/<int:user_pk>/revoke/", sharing.post_unshare, name="unshare"),
    path("posts/<int:pk>/photos/<int:image_pk>/<str:size>/", files.post_image, name="image"),
    path("posts/<int:pk>/files/<int:document_pk>/", files.post_document, name="document"),
    path("staff-meeting/", meeting.staff_meeting, name="meeting"),
]
