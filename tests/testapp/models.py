"""A minimal record model that exercises the core without any feature app."""

from django.db import models

from wagtail_send.models import SchoolRecord, SchoolUserGrant


class Note(SchoolRecord):
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)

    def __str__(self):
        return self.title


class NoteUserGrant(SchoolUserGrant):
    content_object = models.ForeignKey(Note, on_delete=models.CASCADE)
