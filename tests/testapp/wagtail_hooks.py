from wagtail import hooks

from wagtail_send.viewsets import SchoolRecordViewSet

from .models import Note


class NoteViewSet(SchoolRecordViewSet):
    model = Note
    form_fields = ["school", "title", "body"]
    list_display = ["title", "school"]
    icon = "doc-empty"
    add_to_admin_menu = True


@hooks.register("register_admin_viewset")
def register_notes():
    return NoteViewSet("notes")
