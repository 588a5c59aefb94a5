"""Front-end forms for planning, observing, triangulating and reporting on a walk."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from wagtail_send.audit.context import noting
from wagtail_send.forms import GrantForm

from .models import (
    AgreedAction,
    Feedback,
    Finding,
    LearningWalk,
    LookFor,
    Visit,
    WalkerRole,
    WalkReport,
)
from .names import find_names, replace_names, staff_first_names


class ReasonMixin:
    """Adds a required "reason for the change" once the walk is signed off.

    Save through :meth:`noting` so the reason becomes the history's change note.
    """

    def add_reason_field(self, walk):
        self.walk = walk
        if walk is not None and walk.is_locked:
            self.fields["change_reason"] = forms.CharField(
                label=_("Reason for changing a signed-off walk"),
                help_text=_("This walk has been signed off. The reason is kept in the history."),
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={
                    "required": _("Say why you are changing a walk that has been signed off.")
                },
            )

    def noting(self):
        return noting(self.cleaned_data.get("change_reason", ""))


class WalkForm(ReasonMixin, forms.ModelForm):
    class Meta:
        model = LearningWalk
        fields = ["title", "focus", "purpose", "date", "starts_at", "ends_at", "template"]
        widgets = {
            "focus": forms.Textarea(attrs={"rows": 3}),
            "date": forms.DateInput(attrs={"type": "date"}),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args, templates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if templates is not None:
            self.fields["template"].queryset = templates
        self.add_reason_field(self.instance if self.instance.pk else None)


class LookForForm(ReasonMixin, forms.ModelForm):
    class Meta:
        model = LookFor
        fields = ["text"]

    def __init__(self, *args, walk, **kwargs):
        kwargs.setdefault("instance", LookFor(walk=walk))
        super().__init__(*args, prefix="look_for", **kwargs)
        self.add_reason_field(walk)


class VisitForm(ReasonMixin, forms.ModelForm):
    class Meta:
        model = Visit
        fields = ["area", "room", "staff_member", "starts_at", "ends_at"]
        widgets = {
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args, walk, **kwargs):
        kwargs.setdefault("instance", Visit(walk=walk))
        super().__init__(*args, prefix="visit", **kwargs)
        self.fields["staff_member"].queryset = (
            get_user_model()
            .objects.filter(send_memberships__school_id=walk.school_id, is_active=True)
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.fields["staff_member"].label_from_instance = lambda u: (
            u.get_full_name() or u.get_username()
        )
        self.add_reason_field(walk)


class WalkerForm(ReasonMixin, GrantForm):
    """Add a person to the walk with a role; someone from outside the school comes as a guest."""

    role = forms.ChoiceField(
        label=_("Role on the walk"),
        choices=[("", _("Choose a role"))] + list(WalkerRole.choices),
        error_messages={
            "required": _("Give every walker a role, so the evidence can be triangulated.")
        },
    )

    def __init__(self, *args, walk, **kwargs):
        super().__init__(*args, prefix="walker", **kwargs)
        # The walk's team always gets the same grants (team.py), so no choice of action.
        del self.fields["action"]
        self.add_reason_field(walk)

    def clean(self):
        from wagtail_send.access import memberships_of

        cleaned = super().clean()
        person = cleaned.get("person")
        if person is None:
            return cleaned
        if self.walk.walkers.filter(user=person).exists():
            self.add_error("person", _("This person is already on the walk."))
        elif not person.is_active:
            self.add_error("person", _("This person's account is not active."))
        elif self.walk.school_id not in memberships_of(person) and not cleaned.get("as_guest"):
            self.add_error(
                "as_guest",
                _(
                    "%(person)s is not a member of this school. Tick this box to invite them "
                    "to this walk only."
                )
                % {"person": person.get_full_name() or person},
            )
        return cleaned


class ObservationForm(ReasonMixin, forms.Form):
    """A walker's evidence for one visit: a box per look-for and per role prompt.

    When a note looks as if it names a pupil the form is invalid until the walker
    chooses to replace the names with initials or "pupil", or confirms they are not
    pupils' names. Nothing typed is lost: the form comes back with it.
    """

    NAME_CHOICES = [
        ("initials", _("Replace them with initials")),
        ("pupil", _("Replace them with “pupil”")),
        ("keep", _("Keep them: they are not pupils' names")),
    ]

    def __init__(self, *args, walk, observation, look_fors, prompts, **kwargs):
        super().__init__(*args, **kwargs)
        self.look_fors, self.prompts = look_fors, prompts
        for look_for in look_fors:
            self.fields[f"lf_{look_for.pk}"] = forms.CharField(
                label=look_for.text,
                required=False,
                initial=observation.note_for(look_for),
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        for number, prompt in enumerate(prompts):
            self.fields[f"pr_{number}"] = forms.CharField(
                label=prompt,
                required=False,
                initial=observation.prompt_notes.get(prompt, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["notes"] = forms.CharField(
            label=_("Anything else you noticed"),
            required=False,
            initial=observation.notes,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
        self.add_reason_field(walk)
        self.names = {}
        self._staff_names = staff_first_names(walk)

    def text_fields(self):
        return [name for name in self.fields if name.startswith(("lf_", "pr_")) or name == "notes"]

    def names_in(self, data):
        """``{field: [phrases]}`` for the notes in ``data`` that look as if they name pupils."""
        found = {}
        for name in self.text_fields():
            phrases = find_names(data.get(name, ""), self._staff_names)
            if phrases:
                found[name] = phrases
        return found

    def clean(self):
        cleaned = super().clean()
        self.names = self.names_in(cleaned)
        if not self.names:
            return cleaned
        how = self.data.get("names_action")
        if how in ("initials", "pupil"):
            for name, phrases in self.names.items():
                cleaned[name] = replace_names(cleaned[name], phrases, how)
        elif how != "keep":
            self.fields["names_action"] = forms.ChoiceField(
                label=_("What should happen to them?"),
                choices=self.NAME_CHOICES,
                widget=forms.RadioSelect,
            )
            raise forms.ValidationError(
                _("Your notes may name a pupil: %(names)s. Notes must not name pupils."),
                code="pupil_names",
                params={"names": ", ".join(sorted({p for ps in self.names.values() for p in ps}))},
            )
        return cleaned

    def apply_to(self, observation, data=None):
        """Copy notes from ``data`` (default: the cleaned data) onto the observation."""
        data = self.cleaned_data if data is None else data
        for look_for in self.look_fors:
            key = f"lf_{look_for.pk}"
            if key in data:
                observation.look_for_notes[str(look_for.pk)] = data[key]
        for number, prompt in enumerate(self.prompts):
            key = f"pr_{number}"
            if key in data:
                observation.prompt_notes[prompt] = data[key]
        if "notes" in data:
            observation.notes = data["notes"]


class FindingForm(ReasonMixin, forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["look_for", "kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, walk, **kwargs):
        kwargs.setdefault("instance", Finding(walk=walk))
        super().__init__(*args, prefix="finding", **kwargs)
        self.fields["look_for"].queryset = walk.look_fors.all()
        self.add_reason_field(walk)


class ActionForm(ReasonMixin, forms.ModelForm):
    class Meta:
        model = AgreedAction
        fields = ["text", "look_for", "owner", "due"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "due": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, walk, **kwargs):
        kwargs.setdefault("instance", AgreedAction(walk=walk))
        super().__init__(*args, prefix="action", **kwargs)
        self.fields["look_for"].queryset = walk.look_fors.all()
        self.fields["owner"].queryset = (
            get_user_model()
            .objects.filter(send_memberships__school_id=walk.school_id, is_active=True)
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
        self.add_reason_field(walk)


class ReportForm(ReasonMixin, forms.ModelForm):
    class Meta:
        model = WalkReport
        fields = ["summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, walk, **kwargs):
        super().__init__(*args, prefix="report", **kwargs)
        self.add_reason_field(walk)


class FeedbackForm(ReasonMixin, forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["went_well", "next_steps"]
        widgets = {
            "went_well": forms.Textarea(attrs={"rows": 3}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, walk, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_reason_field(walk)


class ReasonForm(ReasonMixin, forms.Form):
    """Just the reason, for one-button changes (remove a walker, delete a look-for)."""

    def __init__(self, *args, walk, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_reason_field(walk)
