"""The editor form for the report and policies."""

from django.contrib.auth import get_user_model
from wagtail.admin.forms import WagtailAdminPageForm

from .approval import person_name
from .strategy import mark_continuity


class SchoolDocumentForm(WagtailAdminPageForm):
    """Offers as owner only people who belong to the page's school.

    Without this the owner list would name every user of a trust's install.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "policy_owner" not in self.fields:
            return
        school_id = self.instance.school_id
        if school_id is None and self.parent_page is not None:
            school_id = getattr(self.parent_page.specific, "school_id", None)
        self.fields["policy_owner"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, send_memberships__school_id=school_id)
            .distinct()
            .order_by("last_name", "first_name", "username")
        )
        # People are picked by their names, never their usernames.
        self.fields["policy_owner"].label_from_instance = person_name


class InclusionStrategyForm(SchoolDocumentForm):
    """Marks each activity new, continued or changed against last year's as it is saved."""

    def save(self, commit=True):
        page = super().save(commit=False)
        mark_continuity(list(page.activities.all()))
        if commit:
            page.save()
        return page
