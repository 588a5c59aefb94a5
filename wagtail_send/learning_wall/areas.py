"""The areas of need a post can be filed under, seeded on first migrate.

They are data, not code (the DfE census list changes from time to time): a SENCO
amends them in the admin. Seeding goes through ``save()`` so each has its history.
"""

from django.utils.translation import gettext_noop

#: DfE school census "SEN primary need" codes, with their broad area.
CENSUS_AREAS = [
    ("SLCN", gettext_noop("Speech, language and communication needs"), "communication"),
    ("ASD", gettext_noop("Autistic spectrum disorder"), "communication"),
    ("SPLD", gettext_noop("Specific learning difficulty"), "cognition"),
    ("MLD", gettext_noop("Moderate learning difficulty"), "cognition"),
    ("SLD", gettext_noop("Severe learning difficulty"), "cognition"),
    ("PMLD", gettext_noop("Profound and multiple learning difficulty"), "cognition"),
    ("SEMH", gettext_noop("Social, emotional and mental health"), "semh"),
    ("HI", gettext_noop("Hearing impairment"), "sensory"),
    ("VI", gettext_noop("Visual impairment"), "sensory"),
    ("MSI", gettext_noop("Multi-sensory impairment"), "sensory"),
    ("PD", gettext_noop("Physical disability"), "sensory"),
    ("OTH", gettext_noop("Other difficulty or disability"), "other"),
]


def ensure_areas_of_need(using="default", **kwargs):
    """Add the census areas on a fresh install (never again once any exist)."""
    from wagtail_send.audit import acting_as

    from .models import AreaOfNeed

    if AreaOfNeed.objects.using(using).exists():
        return
    with acting_as(None, "Areas of need from the DfE school census"):
        for code, name, broad_area in CENSUS_AREAS:
            AreaOfNeed.objects.using(using).create(code=code, name=name, broad_area=broad_area)
