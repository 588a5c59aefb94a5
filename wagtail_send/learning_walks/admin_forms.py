"""The admin form for a walk: a signed-off walk asks for the reason for any change."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail_send.audit.context import noting
from wagtail_send.forms import SchoolRecordForm


class LearningWalkAdminForm(SchoolRecordForm):
    change_reason = forms.CharField(
        label=_("Reason for changing a signed-off walk"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed only once the walk has been signed off; kept in the history."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.is_locked:
            self.fields["change_reason"].required = True
            self.fields["change_reason"].error_messages["required"] = _(
                "Say why you are changing a walk that has been signed off."
            )

    def save(self, commit=True):
        with noting(self.cleaned_data.get("change_reason", "")):
            return super().save(commit=commit)
