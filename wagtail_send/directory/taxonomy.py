"""The directory's two classifications, published to Open Referral UK as taxonomy terms.

Areas of need are the four broad areas of the SEND Code of Practice (6.28-6.35);
service types are the kinds of agency a SENCO works with. Each term has a fixed UUID
(derived from its code) so other systems can filter by ``taxonomy_term_id``.
"""

import functools
import uuid

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail_send.models import BroadArea

NAMESPACE = uuid.UUID("6f1c3a52-55e3-4b0e-9a55-7d0f2a1b9c10")
AREA_TAXONOMY_ID = uuid.uuid5(NAMESPACE, "taxonomy:area_of_need")
TYPE_TAXONOMY_ID = uuid.uuid5(NAMESPACE, "taxonomy:service_type")


#: The four broad areas of the SEND Code of Practice, as the core defines them; a service
#: is for one or more of them ("other" is for pupils' needs, not for services).
AreaOfNeed = BroadArea
AREA_CHOICES = [(code, label) for code, label in BroadArea.choices if code != BroadArea.OTHER]


#: Area of need -> the Service boolean field that records it.
AREA_FIELDS = {
    AreaOfNeed.COMMUNICATION: "need_communication",
    AreaOfNeed.COGNITION: "need_cognition",
    AreaOfNeed.SEMH: "need_semh",
    AreaOfNeed.SENSORY: "need_sensory",
}


class ServiceType(models.TextChoices):
    EDUCATIONAL_PSYCHOLOGY = "educational_psychology", _("Educational psychology")
    SPEECH_LANGUAGE = "speech_language", _("Speech and language therapy")
    OCCUPATIONAL_THERAPY = "occupational_therapy", _("Occupational therapy and physiotherapy")
    MENTAL_HEALTH = "mental_health", _("Mental health (CAMHS)")
    SPECIALIST_TEACHING = "specialist_teaching", _("Specialist teaching and outreach")
    SENSORY_SUPPORT = "sensory_support", _("Sensory support (hearing, vision)")
    HEALTH = "health", _("Health (school nursing, paediatrics)")
    SOCIAL_CARE = "social_care", _("Social care and early help")
    IASS = "iass", _("Information, advice and support (SENDIASS)")
    PARENT_CARER_FORUM = "parent_carer_forum", _("Parent carer forum")
    VOLUNTARY = "voluntary", _("Charity and voluntary support")
    OTHER = "other", _("Other")


#: Service types whose main audience is parents and carers (SEN Information Report item 11).
PARENT_SERVICE_TYPES = (ServiceType.IASS, ServiceType.PARENT_CARER_FORUM)


def term_id(kind, code):
    """The fixed UUID of one taxonomy term (``kind`` is ``"area"`` or ``"type"``)."""
    return uuid.uuid5(NAMESPACE, f"{kind}:{code}")


def all_terms():
    """``[(term uuid, taxonomy uuid, kind, code, label)]`` for every term."""
    terms = [(term_id("area", c), AREA_TAXONOMY_ID, "area", c, lbl) for c, lbl in AREA_CHOICES]
    terms += [
        (term_id("type", c), TYPE_TAXONOMY_ID, "type", c, lbl) for c, lbl in ServiceType.choices
    ]
    return terms


def term_by_id(value):
    """``(kind, code)`` for a taxonomy term UUID string, or None if it is not one of ours."""
    for uid, _taxonomy, kind, code, _label in all_terms():
        if str(uid) == str(value).lower():
            return kind, code
    return None


@functools.lru_cache(maxsize=64)
def _lookup(choices, language, exclude):
    # Translating every label for every row of a 10,000-row import is most of its cost.
    pairs = [(code, label) for code, label in choices.choices if code not in exclude]
    table = {str(label).lower(): code for code, label in pairs}
    table.update({code: code for code, _label in pairs})
    return table


def parse_choice(choices, value, exclude=()):
    """The code of ``choices`` whose code or label matches ``value`` (case-insensitive).

    Args:
        choices: a TextChoices class.
        value: what the file says.
        exclude: codes that are not acceptable here.
    """
    return _lookup(choices, get_language(), tuple(exclude)).get(str(value).strip().lower())
