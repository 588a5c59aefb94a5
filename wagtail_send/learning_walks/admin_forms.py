"""The admin form for a walk: a signed-off walk is corrected by its lead alone, who
gives the reason for the change."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail_send.audit.context import noting
from wagtail_send.forms import SchoolRecordForm

from .team import leads


class LearningWalkAdminForm(SchoolRecordForm):
    change_reason = forms.CharField(
        label=_("Reason for changing a signed-off walk"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed only once the walk has been signed off; kept in the history."),
    )

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user
        if self.instance.pk and self.instance.is_locked:
            self.fields["change_reason"].required = True
            self.fields["change_reason"].error_messages["required"] = _(
                "Say why you are changing a walk that has been signed off."
            )

    def clean(self):
        cleaned = super().clean()
        walk = self.instance
        if walk.pk and walk.is_locked and not (self.for_user and leads(self.for_user, walk)):
            raise ValidationError(
                _("This walk has been signed off: only its lead may correct it."),
                code="locked",
            )
        return cleaned

    def save(self, commit=True):
        with noting(self.cleaned_data.get("change_reason", "")):
            return super().save(commit=commit)
