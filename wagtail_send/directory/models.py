"""The school's service directory, shaped like Open Referral UK (HSDS 3.0).

Organisation, Service, Contact and Location mirror the ORUK objects of the same names;
each carries an ORUK ``uid`` so imports from (and exports to) a local authority's
directory line up. The school's own fields (internal notes, last verified, maintainer)
are never published. Every model is a SchoolRecord: per-record permissions and history.
"""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail_send.conf import send_settings
from wagtail_send.models import SchoolRecord, SchoolRecordQuerySet, SchoolUserGrant
from wagtail_send.roles import Role

from . import profile
from .taxonomy import AREA_FIELDS, AreaOfNeed, ServiceType


def stale_before(today=None):
    """Entries last verified before this date are stale on ``today`` (default: today)."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=send_settings.DIRECTORY_STALE_AFTER_DAYS)


class DirectoryRecord(SchoolRecord):
    """What all four directory models share: an ORUK identifier, unique in its school."""

    uid = models.UUIDField(
        _("Open Referral identifier"),
        default=uuid.uuid4,
        editable=False,
        help_text=_("The identifier other directories know this entry by."),
    )
    open_referral = models.JSONField(
        _("Open Referral details"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_(
            "What the local authority's directory says about this entry beyond the columns "
            "the school keeps: schedules, service areas, costs, its own taxonomy terms…"
        ),
    )

    # Staff read the directory; the SENCO keeps it; leaders can check its history.
    role_actions = {
        Role.STAFF: {"view"},
        Role.SENCO: {"view", "add", "change", "delete", "history", "export", "share"},
        Role.SLT: {"view", "history", "export"},
        Role.GOVERNOR: set(),
    }

    #: The profile object whose other fields ``open_referral`` holds.
    profile_object = None

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        problems = profile.extra_problems(self.profile_object, self.open_referral)
        if problems:
            raise ValidationError({"open_referral": problems})


class Organisation(DirectoryRecord):
    """An agency that provides services (ORUK ``organization``)."""

    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("email address"), blank=True)
    website = models.URLField(_("website"), blank=True)

    profile_object = "organization"

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["school", "uid"], name="directory_org_uid_per_school")
        ]

    def __str__(self):
        return self.name

    @classmethod
    def public_filter(cls):
        # An organisation is public when it runs at least one public service.
        return Q(pk__in=Service.objects.filter(Service.public_filter()).values("organisation_id"))


class ServiceQuerySet(SchoolRecordQuerySet):
    def public(self):
        return self.filter(Service.public_filter())

    def stale(self, today=None):
        """Active entries never verified, or last verified before the staleness limit."""
        return self.active().filter(
            Q(last_verified_on__isnull=True) | Q(last_verified_on__lt=stale_before(today))
        )


#: A service's own details, in the order staff read and edit them.
SERVICE_DETAIL_FIELDS = [
    "description",
    "status",
    "service_type",
    "need_communication",
    "need_cognition",
    "need_semh",
    "need_sensory",
    "eligibility",
    "minimum_age",
    "maximum_age",
    "application_process",
    "fees",
    "languages",
    "url",
    "email",
    "phone",
    "is_public",
    "internal_notes",
]


class Service(DirectoryRecord):
    """A service the school works with or signposts families to (ORUK ``service``)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")
        DEFUNCT = "defunct", _("Closed for good")
        TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
    )
    name = models.CharField(_("service or agency"), max_length=255)
    description = models.TextField(
        _("service provided"), blank=True, help_text=_("What the service does, in plain words.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    service_type = models.CharField(
        _("type of service"), max_length=30, choices=ServiceType.choices, default=ServiceType.OTHER
    )
    need_communication = models.BooleanField(AreaOfNeed.COMMUNICATION.label, default=False)
    need_cognition = models.BooleanField(AreaOfNeed.COGNITION.label, default=False)
    need_semh = models.BooleanField(AreaOfNeed.SEMH.label, default=False)
    need_sensory = models.BooleanField(AreaOfNeed.SENSORY.label, default=False)
    eligibility = models.TextField(_("who it is for"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(
        _("youngest age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("oldest age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    application_process = models.TextField(_("how to refer"), blank=True)
    fees = models.TextField(_("fees"), blank=True, help_text=_("Leave empty if it is free."))
    languages = models.CharField(
        _("languages"), max_length=255, blank=True, help_text=_("Separate languages with commas.")
    )
    url = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    is_public = models.BooleanField(
        _("show to parents"),
        default=False,
        help_text=_("Public entries appear on the school website and in the open data feed."),
    )
    # The school's own fields: never public.
    internal_notes = models.TextField(
        _("internal notes"), blank=True, help_text=_("Seen by school staff only.")
    )
    last_verified_on = models.DateField(_("last checked"), null=True, blank=True)
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    maintainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kept up to date by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A member of staff who may edit this entry and is reminded to check it."),
    )

    objects = ServiceQuerySet.as_manager()
    profile_object = "service"

    #: Fields that parents (and the open data feed) never see.
    STAFF_ONLY_FIELDS = ("internal_notes", "last_verified_on", "last_verified_by", "maintainer")

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "uid"], name="directory_service_uid_per_school"
            )
        ]
        indexes = [models.Index(fields=["school", "name"], name="directory_service_name")]

    def __str__(self):
        return self.name

    @classmethod
    def public_filter(cls):
        return Q(is_public=True, archived_at__isnull=True)

    def clean(self):
        super().clean()
        if (
            self.minimum_age is not None
            and self.maximum_age is not None
            and self.minimum_age > self.maximum_age
        ):
            raise ValidationError(
                {"maximum_age": _("The oldest age must not be younger than the youngest age.")}
            )

    # Django's get_FOO_display() hashes every (lazily translated) choice on each call,
    # which was a third of the directory listing's render time; these look one label up.
    def get_service_type_display(self):
        return _label(ServiceType, self.service_type)

    def get_status_display(self):
        return _label(self.Status, self.status)

    @property
    def areas_of_need(self):
        """The area-of-need codes this service covers."""
        return [area for area, field in AREA_FIELDS.items() if getattr(self, field)]

    def get_areas_of_need_display(self):
        return [AreaOfNeed(area).label for area in self.areas_of_need]

    @property
    def language_list(self):
        return [part.strip() for part in self.languages.split(",") if part.strip()]

    @property
    def is_stale(self):
        return self.last_verified_on is None or self.last_verified_on < stale_before()


def _label(choices, value):
    """The label of ``value`` in the TextChoices ``choices`` (the value itself if unknown)."""
    try:
        return choices(value).label
    except ValueError:
        return value


class Contact(DirectoryRecord):
    """A named person or team at a service (ORUK ``contact``)."""

    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=255)
    title = models.CharField(_("role"), max_length=255, blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    other_details = models.CharField(
        _("other contact details"),
        max_length=255,
        blank=True,
        help_text=_("Anything else, for example “via the single point of access form”."),
    )
    is_public = models.BooleanField(
        _("show to parents"),
        default=False,
        help_text=_("Only when the person has agreed to be listed publicly."),
    )

    profile_object = "contact"

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "uid"], name="directory_contact_uid_per_school"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.service})" if self.service_id else self.name

    @classmethod
    def public_filter(cls):
        return Q(
            is_public=True,
            archived_at__isnull=True,
            service__is_public=True,
            service__archived_at__isnull=True,
        )


class Location(DirectoryRecord):
    """Where a service is delivered (ORUK ``location`` with its address)."""

    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="locations"
    )
    name = models.CharField(_("name"), max_length=255, blank=True)
    address = models.TextField(_("address"), blank=True)
    town = models.CharField(_("town or city"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    accessibility = models.TextField(
        _("accessibility"), blank=True, help_text=_("Step-free access, parking, hearing loop…")
    )
    is_public = models.BooleanField(_("show to parents"), default=True)

    profile_object = "location"

    class Meta:
        ordering = ["name", "postcode"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            # Authorities share a location between services; each service has its own copy.
            models.UniqueConstraint(
                fields=["school", "service", "uid"], name="directory_location_uid_per_service"
            )
        ]

    def __str__(self):
        lines = self.address.splitlines()
        return self.name or (lines[0] if lines else self.postcode)

    @classmethod
    def public_filter(cls):
        return Q(
            is_public=True,
            archived_at__isnull=True,
            service__is_public=True,
            service__archived_at__isnull=True,
        )


class TaxonomyTerm(DirectoryRecord):
    """A term of a local authority's vocabulary (ORUK ``taxonomy_term``), kept as it came.

    The school classifies services by its own type and areas of need; an authority's
    terms sit beside them, so a feed's classification is neither lost nor imposed.
    """

    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    code = models.CharField(_("code"), max_length=255, blank=True)
    taxonomy = models.CharField(_("vocabulary"), max_length=255, blank=True)
    taxonomy_uid = models.UUIDField(_("vocabulary identifier"), null=True, blank=True)
    parent_uid = models.UUIDField(_("broader term"), null=True, blank=True)
    term_uri = models.URLField(_("term address"), max_length=500, blank=True)

    profile_object = "taxonomy_term"

    class Meta:
        ordering = ["taxonomy", "name"]
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")
        constraints = [
            models.UniqueConstraint(fields=["school", "uid"], name="directory_term_uid_per_school")
        ]

    def __str__(self):
        return f"{self.taxonomy}: {self.name}" if self.taxonomy else self.name

    @classmethod
    def public_filter(cls):
        return Q(archived_at__isnull=True)


class FeedSubscription(SchoolRecord):
    """A local authority's Open Referral feed that keeps this school's directory in step."""

    name = models.CharField(
        _("name"), max_length=255, help_text=_("For example “Northshire Local Offer”.")
    )
    api_url = models.URLField(
        _("Open Referral API address"),
        max_length=500,
        help_text=_(
            "The address of the Local Offer's Open Referral UK API, for example "
            "https://localoffer.example.gov.uk/api/ (ask the local authority)."
        ),
    )
    show_to_parents = models.BooleanField(
        _("show new entries to parents"),
        default=False,
        help_text=_("Entries the feed brings in are public straight away."),
    )
    synced_until = models.DateTimeField(
        _("changes fetched up to"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The next sync asks only for what changed after this."),
    )
    retry_ids = models.JSONField(
        _("entries to fetch again"), default=list, blank=True, editable=False
    )

    role_actions = DirectoryRecord.role_actions

    class Meta:
        ordering = ["name"]
        verbose_name = _("feed subscription")
        verbose_name_plural = _("feed subscriptions")

    def __str__(self):
        return self.name


class SyncLog(SchoolRecord):
    """One run of a feed subscription: what it fetched, changed and could not use."""

    class Outcome(models.TextChoices):
        DONE = "done", _("Done")
        PARTLY = "partly", _("Done, with entries left out")
        FAILED = "failed", _("Failed: nothing changed")

    subscription = models.ForeignKey(
        FeedSubscription,
        verbose_name=_("feed subscription"),
        on_delete=models.CASCADE,
        related_name="logs",
    )
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    fetched = models.PositiveIntegerField(_("entries fetched"), default=0)
    created = models.PositiveIntegerField(_("new entries"), default=0)
    updated = models.PositiveIntegerField(_("entries updated"), default=0)
    unchanged = models.PositiveIntegerField(_("entries unchanged"), default=0)
    withdrawn = models.PositiveIntegerField(_("entries withdrawn"), default=0)
    errors = models.JSONField(_("problems"), default=list, blank=True)

    # Written by the sync only: people read it, and starting a sync makes nobody its author.
    role_actions = {
        Role.STAFF: set(),
        Role.SENCO: {"view", "history"},
        Role.SLT: {"view", "history"},
        Role.GOVERNOR: set(),
    }
    author_actions = set()

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("sync log")
        verbose_name_plural = _("sync logs")

    def __str__(self):
        # Not the feed's name: listings show many logs and would read each feed.
        return f"{self.started_at:%Y-%m-%d %H:%M} ({self.get_outcome_display()})"


class OrganisationUserGrant(SchoolUserGrant):
    content_object = models.ForeignKey(Organisation, on_delete=models.CASCADE)


class ServiceUserGrant(SchoolUserGrant):
    content_object = models.ForeignKey(Service, on_delete=models.CASCADE)


class ContactUserGrant(SchoolUserGrant):
    content_object = models.ForeignKey(Contact, on_delete=models.CASCADE)


class LocationUserGrant(SchoolUserGrant):
    content_object = models.ForeignKey(Location, on_delete=models.CASCADE)


class TaxonomyTermUserGrant(SchoolUserGrant):
    content_object = models.ForeignKey(TaxonomyTerm, on_delete=models.CASCADE)


class FeedSubscriptionUserGrant(SchoolUserGrant):
    content_object = models.ForeignKey(FeedSubscription, on_delete=models.CASCADE)


class SyncLogUserGrant(SchoolUserGrant):
    content_object = models.ForeignKey(SyncLog, on_delete=models.CASCADE)
