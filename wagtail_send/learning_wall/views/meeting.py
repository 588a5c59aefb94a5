"""The staff-meeting view: posts since the last meeting, one to a screen, printable."""

import datetime

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail_send.schools import get_current_school

from ...signin import login_required
from ..wall import wall_posts
from .common import wall_url


class MeetingForm(forms.Form):
    since = forms.DateField(
        label=_("Posts since"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The date of the last staff meeting."),
    )


#: The wall is a focus of each weekly staff meeting, so by default: the last week.
DEFAULT_DAYS = 7


@login_required
def staff_meeting(request):
    school = get_current_school(request)
    default = timezone.localdate() - datetime.timedelta(days=DEFAULT_DAYS)
    form = MeetingForm(request.GET or {"since": default.isoformat()})
    since = form.cleaned_data["since"] if form.is_valid() else default
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    posts = list(wall_posts(request.user, school, {"since": start}).reverse()[:50])
    return render(
        request,
        "wagtail_send/learning_wall/staff_meeting.html",
        {"form": form, "posts": posts, "since": since, "wall_url": wall_url(school)},
    )
