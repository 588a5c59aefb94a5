"""Admin forms for the rota: the core's form offers the school's own people and teams."""

from wagtail_send.forms import SchoolRecordForm


class RotaForm(SchoolRecordForm):
    """Teams due are the school's teams still in use (the core's form keeps to the school)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "teams_due" in self.fields:
            self.fields["teams_due"].queryset = self.fields["teams_due"].queryset.active()
