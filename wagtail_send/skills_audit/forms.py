"""Front-end forms: answering an audit, typing in and importing the pupil need profile."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail_send.models import NeedType

from .models import Confidence, Level, NeedProfile


class AnswerForm(forms.Form):
    """One person's answers: a rating, a training flag and a comment per question.

    "Save and come back later" keeps whatever is filled in; "Send my answers" needs a
    rating for every question.
    """

    def __init__(self, *args, questions, sending=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.sending = sending
        for q in self.questions:
            self.fields[f"q{q.pk}_confidence"] = forms.TypedChoiceField(
                label=q.text,
                choices=Confidence.choices,
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"q{q.pk}_training"] = forms.BooleanField(
                label=_("I would like training on this"), required=False
            )
            self.fields[f"q{q.pk}_comment"] = forms.CharField(
                label=_("Comment (optional)"),
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @staticmethod
    def initial_from(answers):
        initial = {}
        for qid, answer in (answers or {}).items():
            initial[f"q{qid}_confidence"] = answer.get("confidence")
            initial[f"q{qid}_training"] = bool(answer.get("training"))
            initial[f"q{qid}_comment"] = answer.get("comment", "")
        return initial

    def clean(self):
        data = super().clean()
        if self.sending:
            for q in self.questions:
                name = f"q{q.pk}_confidence"
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Choose how confident you feel, from 1 to 4."))
        return data

    def answers(self):
        data = self.cleaned_data
        return {
            str(q.pk): {
                "confidence": data.get(f"q{q.pk}_confidence") or None,
                "training": bool(data.get(f"q{q.pk}_training")),
                "comment": (data.get(f"q{q.pk}_comment") or "").strip(),
            }
            for q in self.questions
        }

    def sections(self):
        """Bound fields grouped by area, for the template: [(area label, [rows])]."""
        sections = []
        for q in self.questions:
            row = {
                "question": q,
                "confidence": self[f"q{q.pk}_confidence"],
                "training": self[f"q{q.pk}_training"],
                "comment": self[f"q{q.pk}_comment"],
            }
            label = q.get_area_display()
            if not sections or sections[-1][0] != label:
                sections.append((label, []))
            sections[-1][1].append(row)
        return sections


class NeedProfileForm(forms.ModelForm):
    class Meta:
        model = NeedProfile
        fields = ["title", "recorded_on"]
        widgets = {"recorded_on": forms.DateInput(attrs={"type": "date"})}


class NeedCountForm(forms.Form):
    """One typed-in row of the need profile."""

    need = forms.ModelChoiceField(
        label=_("Primary need"), queryset=NeedType.objects.none(), required=False
    )
    year_group = forms.CharField(label=_("Year group"), max_length=10, required=False)
    level = forms.ChoiceField(
        label=_("Support"), choices=[("", "—"), *Level.choices], required=False
    )
    count = forms.IntegerField(label=_("Pupils"), min_value=0, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = NeedType.objects.filter(in_use=True)

    def clean(self):
        data = super().clean()
        values = [data.get("need"), data.get("year_group"), data.get("level")]
        filled = [v for v in values if v] + ([1] if data.get("count") is not None else [])
        if filled and len(filled) < 4:
            raise ValidationError(_("Fill in the need, year group, support and number, or none."))
        return data


class BaseNeedCountFormSet(forms.BaseFormSet):
    def clean(self):
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            if not data.get("need"):
                continue
            key = (data["need"].pk, data["year_group"].strip().upper(), data["level"])
            if key in seen:
                form.add_error(None, _("This need, year group and support is already listed."))
            seen.add(key)


NeedCountFormSet = forms.formset_factory(
    NeedCountForm, formset=BaseNeedCountFormSet, extra=5, max_num=500
)


class NeedImportForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=120, help_text=_("For example “Spring census 2026”.")
    )
    recorded_on = forms.DateField(
        label=_("Counted on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: code, year_group, level, count. Level is “SEN support” (or K) or "
            "“EHC plan” (or E). Counts only: never pupils' names."
        ),
    )


class EraseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are these answers being erased?"),
        help_text=_("For example the reference of the data-protection request."),
        max_length=500,
    )
