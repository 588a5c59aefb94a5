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
from django.utils.translation import gettext_lazy

from .models import Service
from .taxonomy import AreaOfNeed, ServiceType, parse_choice

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

TRUE_WORDS = {"yes", "y", "true", "1", "public"}
FALSE_WORDS = {"no", "n", "false", "0", "", "private"}
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+$")
PHONE_RE = re.compile(r"^\+?[\d\s()-]{6,}$")
SPLIT_RE = re.compile(r"\s*(?:\n| / |;)\s*")

_email = EmailValidator()
_url = URLValidator(schemes=["http", "https"])


@dataclass
class Row:
    """One entry read from a file: its position, raw values, clean values and problems."""

    number: int
    raw: dict
    values: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)

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
            _("%(field)s is longer than %(limit)s characters.") % {"field": key, "limit": limit}
        )
    return value


def _age(row, key, label):
    value = _cell(row, key)
    if not value:
        return None
    try:
        age = int(float(value))
    except ValueError:
        row.errors.append(
            _("%(label)s “%(value)s” is not a number.") % {"label": label, "value": value}
        )
        return None
    if not 0 <= age <= 120:
        row.errors.append(_("%(label)s must be between 0 and 120.") % {"label": label})
        return None
    return age


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
    areas = []
    for part in re.split(r"[;,]", _cell(row, "areas")):
        if part.strip():
            area = parse_choice(AreaOfNeed, part, exclude=[AreaOfNeed.OTHER])
            if area is None:
                row.errors.append(
                    _(
                        "Area of need “%(value)s” is not one of the four in the "
                        "SEND Code of Practice."
                    )
                    % {"value": part.strip()}
                )
            else:
                areas.append(area)
    values["areas"] = areas

    values["minimum_age"] = _age(row, "minimum_age", gettext_lazy("Youngest age"))
    values["maximum_age"] = _age(row, "maximum_age", gettext_lazy("Oldest age"))
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


def validate_all(rows):
    """Validate every row and report repeated entries (same name, or same identifier)."""
    seen = {}
    for row in rows:
        validate(row)
        ident = row.values.get("uid") or row.values.get("name", "").lower()
        if ident:
            if ident in seen:
                row.errors.append(_("This entry is also on row %(row)s.") % {"row": seen[ident]})
            else:
                seen[ident] = row.number
    return rows
