"""Admin forms for the rota: choices limited to the people and teams of one's own schools."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from wagtail_send.forms import SchoolRecordForm
from wagtail_send.schools import schools_for

from .models import Team


class RotaForm(SchoolRecordForm):
    """Team members and teams due are chosen from the school's own, never another's."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        school_ids = list(schools_for(for_user).values_list("pk", flat=True)) if for_user else []
        if "members" in self.fields:
            self.fields["members"].queryset = (
                get_user_model()
                .objects.filter(send_memberships__school_id__in=school_ids, is_active=True)
                .distinct()
                .order_by("first_name", "last_name")
            )
        if "teams_due" in self.fields:
            self.fields["teams_due"].queryset = Team.objects.active().filter(
                school_id__in=school_ids
            )

    def clean(self):
        cleaned = super().clean()
        school = cleaned.get("school") or getattr(self.instance, "school", None)
        if school is None:
            return cleaned
        for team in cleaned.get("teams_due") or ():
            if team.school_id != school.pk:
                self.add_error("teams_due", _("Choose teams of %(school)s.") % {"school": school})
        members = cleaned.get("members") or ()
        outsiders = [p for p in members if not p.send_memberships.filter(school=school).exists()]
        if outsiders:
            self.add_error(
                "members", _("Choose people who work at %(school)s.") % {"school": school}
            )
        return cleaned
