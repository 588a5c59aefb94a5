"""One directory entry as a flat row: the shape imports validate and exports write.

Readers (:mod:`.tabular`, :mod:`.oruk`) turn a file into raw rows of strings keyed by
the names in :data:`FIELDS`; :func:`validate` turns each into clean values or reasons.
"""

import datetime
import re
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import Service
from .taxonomy import AREA_CHOICES, AreaOfNeed, ServiceType, parse_choice

#: What each row key is called on screen and in a spreadsheet's heading row.
LABELS = {
    "name": gettext_lazy("Service/agency"),
    "contact_name": gettext_lazy("Key contact name"),
    "contact_details": gettext_lazy("Contact details"),
    "description": gettext_lazy("Service provided"),
    "internal_notes": gettext_lazy("Additional notes"),
    "organisation": gettext_lazy("Organisation"),
    "status": gettext_lazy("Status"),
    "service_type": gettext_lazy("Type of service"),
    "areas": gettext_lazy("Areas of need"),
    "minimum_age": gettext_lazy("Youngest age"),
    "maximum_age": gettext_lazy("Oldest age"),
    "eligibility": gettext_lazy("Who it is for"),
    "application_process": gettext_lazy("How to refer"),
    "fees": gettext_lazy("Fees"),
    "languages": gettext_lazy("Languages"),
    "url": gettext_lazy("Website"),
    "email": gettext_lazy("Service email"),
    "phone": gettext_lazy("Service telephone"),
    "contact_title": gettext_lazy("Contact role"),
    "contact_phone": gettext_lazy("Contact telephone"),
    "contact_email": gettext_lazy("Contact email"),
    "contact_other": gettext_lazy("Other contact details"),
    "address": gettext_lazy("Address"),
    "town": gettext_lazy("Town"),
    "postcode": gettext_lazy("Postcode"),
    "accessibility": gettext_lazy("Accessibility"),
    "is_public": gettext_lazy("Show to parents"),
    "last_verified_on": gettext_lazy("Last checked"),
    "uid": gettext_lazy("Open Referral ID"),
}
#: How a list (areas of need) is written in one cell: never a comma, which labels contain.
LIST_SEPARATOR = "; "

#: Service fields an import may set, beyond those handled specially.
TEXT_FIELDS = {
    "name": 255,
    "description": None,
    "eligibility": None,
    "application_process": None,
    "fees": None,
    "languages": 255,
    "phone": 40,
    "internal_notes": None,
}
CONTACT_FIELDS = (
    "contact_name",
    "contact_title",
    "contact_phone",
    "contact_email",
    "contact_other",
)
LOCATION_FIELDS = ("address", "town", "postcode", "accessibility")
AREA_KEYS = ("areas", "need_communication", "need_cognition", "need_semh", "need_sensory")

TRUE_WORDS = {"yes", "y", "true", "1", "public"}
FALSE_WORDS = {"no", "n", "false", "0", "", "private"}
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+$")
PHONE_RE = re.compile(r"^\+?[\d\s()-]{6,}$")
SPLIT_RE = re.compile(r"\s*(?:\n| / |;)\s*")

_email = EmailValidator()
_url = URLValidator(schemes=["http", "https"])


@dataclass
class Row:
    """One entry read from a file: its position, raw values, clean values and problems.

    ``raw`` holds only the keys the file carries, so an import changes nothing else;
    ``source`` is the Open Referral object the row was read from, if any.
    """

    number: int
    raw: dict
    values: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    source: dict | None = None
    #: ``service``, or ``organisation`` and ``term`` from Open Referral files.
    kind: str = "service"

    def carries(self, key):
        """Whether the file says anything about ``key`` (an empty cell does: it clears)."""
        return ("areas" if key in AREA_KEYS else key) in self.raw

    @property
    def ok(self):
        return not self.errors

    @property
    def name(self):
        return self.values.get("name") or self.raw.get("name", "")

    @property
    def service_type_label(self):
        code = self.values.get("service_type")
        return ServiceType(code).label if code else ""


def split_contact_details(text):
    """``(phone, email, other)`` from a free-text "Contact details" cell."""
    phone = email = ""
    other = []
    for part in SPLIT_RE.split(text.strip()):
        if not part:
            continue
        if not email and EMAIL_RE.match(part):
            email = part
        elif not phone and PHONE_RE.match(part):
            phone = part
        else:
            other.append(part)
    return phone, email, " / ".join(other)


def join_contact_details(phone, email, other):
    """The inverse of :func:`split_contact_details`."""
    return " / ".join(part for part in (phone, email, other) if part)


def _cell(row, key):
    """A cell as stripped text; None (an empty cell) is "" but 0 stays "0"."""
    value = row.raw.get(key)
    return "" if value is None else str(value).strip()


def _text(row, key, limit):
    value = _cell(row, key)
    if limit and len(value) > limit:
        row.errors.append(
            ngettext(
                "%(field)s is longer than %(limit)s character.",
                "%(field)s is longer than %(limit)s characters.",
                limit,
            )
            % {"field": LABELS[key], "limit": limit}
        )
    return value


def _age(row, key):
    value = _cell(row, key)
    if not value:
        return None
    label = LABELS[key]
    try:
        number = float(value)
    except ValueError:
        number = None
    if number is None or not number.is_integer():
        row.errors.append(
            _("%(label)s “%(value)s” is not a whole number of years.")
            % {"label": label, "value": value}
        )
        return None
    age = int(number)
    if not 0 <= age <= 120:
        row.errors.append(_("%(label)s must be between 0 and 120.") % {"label": label})
        return None
    return age


def _areas(row):
    """Area codes from a cell, matching whole labels first, since labels contain commas."""
    text = _cell(row, "areas")
    found = []
    for code, label in sorted(AREA_CHOICES, key=lambda pair: -len(str(pair[1]))):
        pattern = re.compile(re.escape(str(label)), re.IGNORECASE)
        if pattern.search(text):
            found.append(code)
            text = pattern.sub(";", text)
    for part in re.split(r"[;,\n]", text):
        if not part.strip():
            continue
        area = parse_choice(AreaOfNeed, part, exclude=[AreaOfNeed.OTHER])
        if area is None:
            row.errors.append(
                _("Area of need “%(value)s” is not one of the four in the SEND Code of Practice.")
                % {"value": part.strip()}
            )
        else:
            found.append(area)
    return [code for code, _label in AREA_CHOICES if code in found]


def _date(row, key):
    value = row.raw.get(key)
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not isinstance(value, datetime.date):
        text = str(value).strip()[:10]
        for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                value = datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007
                break
            except ValueError:
                continue
        else:
            row.errors.append(
                _("Last checked “%(value)s” is not a date like 2026-09-01 or 01/09/2026.")
                % {"value": text}
            )
            return None
    if value > timezone.localdate():
        row.errors.append(_("Last checked cannot be in the future."))
        return None
    return value


def _check(row, validator, value, message):
    if value:
        try:
            validator(value)
        except ValidationError:
            row.errors.append(message % {"value": value})


def validate(row):
    """Fill ``row.values`` from ``row.raw``, appending a reason to ``row.errors`` per problem."""
    raw, values = row.raw, row.values
    for key, limit in TEXT_FIELDS.items():
        values[key] = _text(row, key, limit)
    if not values["name"]:
        row.errors.append(_("The service or agency name is missing."))
    values["organisation"] = _text(row, "organisation", 255)
    values["url"] = _text(row, "url", 200)
    _check(row, _url, values["url"], gettext_lazy("Website “%(value)s” is not a web address."))
    values["email"] = _text(row, "email", 254)
    _check(
        row, _email, values["email"], gettext_lazy("Email “%(value)s” is not an email address.")
    )

    status = _cell(row, "status")
    values["status"] = parse_choice(Service.Status, status) if status else "active"
    if values["status"] is None:
        row.errors.append(
            _("Status “%(value)s” is not one of: %(choices)s.")
            % {"value": status, "choices": ", ".join(Service.Status.values)}
        )
    kind = _cell(row, "service_type")
    values["service_type"] = parse_choice(ServiceType, kind) if kind else ServiceType.OTHER
    if values["service_type"] is None:
        row.errors.append(_("Type of service “%(value)s” is not one we know.") % {"value": kind})
    values["areas"] = _areas(row)

    values["minimum_age"] = _age(row, "minimum_age")
    values["maximum_age"] = _age(row, "maximum_age")
    if None not in (values["minimum_age"], values["maximum_age"]) and (
        values["minimum_age"] > values["maximum_age"]
    ):
        row.errors.append(_("The youngest age is older than the oldest age."))

    public = _cell(row, "is_public").lower()
    if public not in TRUE_WORDS | FALSE_WORDS:
        row.errors.append(
            _("Show to parents “%(value)s” should be yes or no.") % {"value": public}
        )
    values["is_public"] = public in TRUE_WORDS if public else None
    values["last_verified_on"] = _date(row, "last_verified_on")

    uid = _cell(row, "uid")
    values["uid"] = None
    if uid:
        try:
            values["uid"] = uuid.UUID(uid)
        except ValueError:
            row.errors.append(_("Identifier “%(value)s” is not a UUID.") % {"value": uid})

    if raw.get("contact_details"):
        phone, email, other = split_contact_details(str(raw["contact_details"]))
        raw.setdefault("contact_phone", phone)
        raw.setdefault("contact_email", email)
        raw.setdefault("contact_other", other)
    for key in CONTACT_FIELDS:
        values[key] = _text(row, key, 254 if key == "contact_email" else 255)
    _check(
        row,
        _email,
        values["contact_email"],
        gettext_lazy("Contact email “%(value)s” is not an email address."),
    )
    for key in LOCATION_FIELDS:
        values[key] = _text(row, key, 10 if key == "postcode" else None)
    return row


def validate_repeated(row, seen):
    """Validate ``row``, and report it if it repeats an entry in ``seen`` (same name, or
    same identifier), which maps each entry's identifier to its row number."""
    validate(row)
    ident = row.values.get("uid") or row.values.get("name", "").lower()
    if ident:
        if ident in seen:
            row.errors.append(_("This entry is also on row %(row)s.") % {"row": seen[ident]})
        else:
            seen[ident] = row.number
    return row


def validate_all(rows):
    """Validate every row and report repeated entries (same name, or same identifier)."""
    seen = {}
    for row in rows:
        validate_repeated(row, seen)
    return rows
