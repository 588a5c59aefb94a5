"""Front-end forms: the wall's filters, a post (with a photo and a file), a reply, sharing."""

from django import forms
from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail_send.conf import send_settings
from wagtail_send.models import School
from wagtail_send.schools import schools_for
from wagtail_send.uploads import clean_image_upload

from .models import BODY_FEATURES, KeyStage, Kind, Post, Reply, Team, Theme
from .rules import can_add


def body_to_html(text):
    """Staff write Markdown (or plain text); it is stored as Wagtail rich text.

    Tags are stripped first, so pasted HTML or script never reaches the page, and the
    result is cleaned against the body's rich-text features by Wagtail's sanitiser.
    """
    # Wagtail's converters look the image model up when imported, and this module loads
    # with the models (through the wall page).
    from wagtail.api.rich_text import APIRichText

    html, _removals = APIRichText.convert_db_markdown_input(
        strip_tags(text or ""), features=BODY_FEATURES
    )
    return html


def body_to_text(html):
    from wagtail.admin.rich_text.converters.markdown_db import MarkdownConverter

    return MarkdownConverter(BODY_FEATURES).from_database_format(html or "", resolved=False)


class WallFilterForm(forms.Form):
    """Filters above the wall; every choice is limited to the school's own records.

    The choices come from lists the wall has read already (and caches), so neither
    showing nor checking the form reads the database.
    """

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("What"), required=False)
    area = forms.TypedChoiceField(label=_("Area of need"), coerce=int, required=False)
    key_stage = forms.ChoiceField(label=_("Year groups"), required=False)
    team = forms.TypedChoiceField(label=_("Team"), coerce=int, required=False)
    theme = forms.TypedChoiceField(label=_("Theme"), coerce=int, required=False)
    half_term = forms.TypedChoiceField(label=_("Half-term"), coerce=int, required=False)

    def __init__(self, *args, records, **kwargs):
        """``records``: ``{"area": [...], "team": [...], "theme": [...], "half_term": [...]}``."""
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["kind"].choices = everything + list(Kind.choices)
        self.fields["key_stage"].choices = everything + list(KeyStage.choices)
        self._by_pk = {name: {r.pk: r for r in rows} for name, rows in records.items()}
        for name, rows in records.items():
            self.fields[name].choices = everything + [(r.pk, str(r)) for r in rows]

    def filters(self):
        """The chosen filters, records as records (see :func:`wall.wall_posts`)."""
        chosen = {name: value for name, value in self.cleaned_data.items() if value}
        for name, value in chosen.items():
            if name in self._by_pk:
                chosen[name] = self._by_pk[name][value]
        return chosen


def _max_upload_error(upload):
    """Files other than photos (which the core's image check sizes) have the same limit."""
    limit = send_settings.MAX_UPLOAD_BYTES
    if upload is not None and upload.size > limit:
        raise forms.ValidationError(
            _("This file is %(size)s; files can be at most %(limit)s."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )


class PostForm(forms.ModelForm):
    """Make or change a post from the front end, with an optional photo and file."""

    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Plain text is fine. For a list start lines with “- ”; for bold use **two stars**."
        ),
    )
    key_stages = forms.MultipleChoiceField(
        label=_("Year groups"),
        choices=KeyStage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    photo = forms.FileField(
        label=_("Add a photo"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}
        ),
        help_text=_("A JPEG, PNG, GIF or WebP picture, up to 10 MB. No pupils' faces or names."),
    )
    photo_description = forms.CharField(
        label=_("Describe the photo"),
        required=False,
        max_length=255,
        help_text=_("For colleagues who use a screen reader, for example “Sorting shapes tray”."),
    )
    file = forms.FileField(
        label=_("Add a file"),
        required=False,
        validators=[FileExtensionValidator(settings.WAGTAILDOCS_EXTENSIONS)],
        help_text=_("Planning or a resource: PDF, Word, PowerPoint, Excel, text or CSV."),
    )
    remove_images = forms.ModelMultipleChoiceField(
        label=_("Remove photos"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Post
        fields = [
            "school",
            "kind",
            "title",
            "body",
            "team",
            "theme",
            "areas_of_need",
            "key_stages",
        ]
        widgets = {"areas_of_need": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["title"].error_messages["required"] = _("Enter a title for your post.")
        self.fields["kind"].error_messages["required"] = _("Choose what you are posting.")
        self.fields["kind"].choices = [("", _("Choose one")), *Kind.choices]
        self.fields["areas_of_need"].required = False
        if self.instance.pk:
            del self.fields["school"]
            school_ids = [self.instance.school_id]
            self.initial["body"] = body_to_text(self.instance.body)
            self.initial["key_stages"] = self.instance.key_stage_list
            self.fields["remove_images"].queryset = self.instance.images.all()
            self.fields["remove_images"].label_from_instance = lambda pi: pi.description
        else:
            del self.fields["remove_images"]
            schools = [s for s in schools_for(user) if can_add(user, Post, s)]
            school_ids = [s.pk for s in schools]
            field = self.fields["school"]
            field.queryset = School.objects.filter(pk__in=school_ids)
            field.error_messages["invalid_choice"] = _(
                "You can only post to the wall of a school you work in."
            )
            if len(schools) == 1:
                field.initial = schools[0].pk
                field.widget = forms.HiddenInput()
        teams = Team.objects.active().filter(school_id__in=school_ids)
        self.fields["team"].queryset = teams
        if not self.instance.pk:
            # Most people post for the one team they belong to.
            self.fields["team"].initial = (
                teams.filter(members=user).values_list("pk", flat=True).first()
            )
        self.fields["theme"].queryset = Theme.objects.active().filter(school_id__in=school_ids)

    def clean_body(self):
        return body_to_html(self.cleaned_data.get("body"))

    def clean_key_stages(self):
        codes = self.cleaned_data.get("key_stages") or []
        return f",{','.join(codes)}," if codes else ""

    def clean_photo(self):
        # The core's check: size, real image format (never SVG), pixels; EXIF removed.
        photo = self.cleaned_data.get("photo")
        return clean_image_upload(photo) if photo else None

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        _max_upload_error(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        school = cleaned.get("school") if "school" in self.fields else self.instance.school
        for name in ("team", "theme"):
            value = cleaned.get(name)
            if value is not None and school is not None and value.school_id != school.pk:
                self.add_error(name, _("Choose one of your school's own."))
        if cleaned.get("photo") and not cleaned.get("photo_description", "").strip():
            self.add_error("photo_description", _("Describe the photo in a few words."))
        return cleaned


class ReplyForm(forms.ModelForm):
    class Meta:
        model = Reply
        fields = ["body"]
        labels = {"body": _("Your reply")}
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].error_messages["required"] = _("Write your reply first.")


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Why? (kept in the history)"), required=False, max_length=255)
