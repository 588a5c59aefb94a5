"""Demo data for the service directory: the agencies a primary SENCO really works with.

Every person, telephone number and address is fictional (Ofcom's drama numbers
01632 960xxx, example.org addresses). Safe to run again: entries are found by name.
"""

import datetime

from django.utils import timezone

from wagtail_send.directory.models import (
    Contact,
    FeedSubscription,
    Location,
    Organisation,
    Service,
    SyncLog,
)
from wagtail_send.directory.pages import ServiceDirectoryPage
from wagtail_send.directory.rules import sync_maintainer_grant
from wagtail_send.directory.taxonomy import ServiceType

LA = "Northshire County Council"
NHS = "Northshire Children's Community Health"

#: organisation, name, type, areas, ages, public, days since checked, description,
#: how to refer, contact (name, role, phone, email, public), location (address, postcode)
ENTRIES = [
    (
        LA,
        "Educational Psychology Service",
        ServiceType.EDUCATIONAL_PSYCHOLOGY,
        ("cognition", "semh"),
        (0, 25),
        False,
        40,
        "Assessment, consultation and training for schools; statutory advice for EHC needs "
        "assessments.",
        "Discuss at the termly planning meeting; consent form signed by parents.",
        (
            "Dr Hannah Wells",
            "Link educational psychologist",
            "01632 960201",
            "eps@northshire.example.org",
            False,
        ),
        ("County Hall, Market Square, Northtown", "NT1 1AA"),
    ),
    (
        NHS,
        "Speech and Language Therapy",
        ServiceType.SPEECH_LANGUAGE,
        ("communication",),
        (0, 19),
        True,
        100,
        "Assessment and therapy for children with speech, language and communication needs; "
        "advice and training for staff.",
        "Referral by the school or GP with parental consent, on the SALT referral form.",
        (
            "Referrals team",
            "Children's SALT admin",
            "01632 960202",
            "salt.referrals@northshire.example.org",
            True,
        ),
        ("Northtown Health Centre, 4 Station Road, Northtown", "NT2 3BB"),
    ),
    (
        NHS,
        "CAMHS (Child and Adolescent Mental Health Services)",
        ServiceType.MENTAL_HEALTH,
        ("semh",),
        (0, 18),
        True,
        200,
        "Assessment and treatment for children and young people with significant mental health "
        "difficulties.",
        "Referral through the single point of access; urgent concerns by telephone.",
        (
            "Single point of access",
            "Duty worker",
            "01632 960203",
            "camhs.spa@northshire.example.org",
            True,
        ),
        ("The Willows, 12 Hospital Lane, Northtown", "NT3 4CC"),
    ),
    (
        "Northshire SENDIASS",
        "Northshire SENDIASS",
        ServiceType.IASS,
        (),
        (0, 25),
        True,
        30,
        "Free, impartial and confidential information, advice and support about SEND for "
        "parents, carers, children and young people.",
        "Families contact the service directly; no referral needed.",
        (
            "Helpline",
            "Information, advice and support officer",
            "01632 960204",
            "info@northshire-sendiass.example.org",
            True,
        ),
        None,
    ),
    (
        "Northshire Parent Carer Forum",
        "Northshire Parent Carer Forum",
        ServiceType.PARENT_CARER_FORUM,
        (),
        (0, 25),
        True,
        500,
        "Parents and carers of children with SEND working with the local authority and NHS "
        "to improve services; coffee mornings and newsletters.",
        "Families join online; no referral needed.",
        (
            "Forum coordinator",
            "Volunteer coordinator",
            "",
            "hello@northshire-pcf.example.org",
            True,
        ),
        None,
    ),
    (
        LA,
        "Autism Outreach Team",
        ServiceType.SPECIALIST_TEACHING,
        ("communication", "semh"),
        (2, 16),
        False,
        60,
        "Specialist teachers who advise staff on supporting autistic pupils, with training and "
        "short programmes of direct work.",
        "School referral form after a planning meeting with the SENCO.",
        (
            "Mark Ellison",
            "Specialist teacher",
            "01632 960205",
            "autism.outreach@northshire.example.org",
            False,
        ),
        None,
    ),
    (
        LA,
        "Sensory Support Service",
        ServiceType.SENSORY_SUPPORT,
        ("sensory",),
        (0, 25),
        True,
        420,
        "Qualified teachers of the deaf and of children with vision impairment; equipment "
        "loans and environment audits.",
        "Referral by audiology or ophthalmology, or by the school with parental consent.",
        (
            "Priya Desai",
            "Qualified teacher of the deaf",
            "01632 960206",
            "sensory.support@northshire.example.org",
            False,
        ),
        ("Sensory Support Base, Oak Road, Northtown", "NT4 5DD"),
    ),
]


def _feed(school, senco):
    """The Local Offer's feed, subscribed to, with last night's sync as it would be logged
    (the demo never calls the fictional address)."""
    feed = FeedSubscription.objects.filter(school=school).first()
    if feed is None:
        feed = FeedSubscription.objects.create(
            school=school,
            created_by=senco,
            name="Northshire Local Offer",
            api_url="https://localoffer.example.org/api/",
        )
    if not feed.logs.exists():
        started = timezone.now() - datetime.timedelta(hours=8)
        SyncLog.objects.create(
            school=school,
            subscription=feed,
            started_at=started,
            finished_at=started + datetime.timedelta(seconds=40),
            outcome=SyncLog.Outcome.DONE,
            fetched=3,
            unchanged=3,
        )


def load(*, school, people, home):
    """Add the demo directory and its page to ``school``; safe to run again."""
    senco = people["senco"]
    _feed(school, senco)
    today = timezone.localdate()
    organisations = {}
    for entry in ENTRIES:
        (
            org_name,
            name,
            kind,
            areas,
            (youngest, oldest),
            public,
            days,
            description,
            referral,
            contact,
            location,
        ) = entry
        organisation = (
            organisations.get(org_name)
            or Organisation.objects.filter(school=school, name=org_name).first()
            or Organisation.objects.create(school=school, created_by=senco, name=org_name)
        )
        organisations[org_name] = organisation
        service = Service.objects.filter(school=school, name=name).first()
        if service is not None:
            continue
        service = Service.objects.create(
            school=school,
            created_by=senco,
            organisation=organisation,
            name=name,
            service_type=kind,
            description=description,
            application_process=referral,
            minimum_age=youngest,
            maximum_age=oldest,
            is_public=public,
            need_communication="communication" in areas,
            need_cognition="cognition" in areas,
            need_semh="semh" in areas,
            need_sensory="sensory" in areas,
            languages="English",
            last_verified_on=today - datetime.timedelta(days=days),
            last_verified_by=senco,
            internal_notes="Fictional demo entry.",
        )
        person, role, phone, email, contact_public = contact
        Contact.objects.create(
            school=school,
            created_by=senco,
            service=service,
            name=person,
            title=role,
            phone=phone,
            email=email,
            is_public=contact_public,
        )
        if location:
            address, postcode = location
            Location.objects.create(
                school=school,
                created_by=senco,
                service=service,
                name=address.split(",")[0],
                address=address,
                postcode=postcode,
                accessibility="Step-free entrance and an accessible toilet.",
            )
    # The teaching assistant keeps the speech and language entry up to date.
    salt = Service.objects.get(school=school, name="Speech and Language Therapy")
    if salt.maintainer_id is None and "ta" in people:
        salt.maintainer = people["ta"]
        salt.save()
        sync_maintainer_grant(salt, None, by=senco)
    if not ServiceDirectoryPage.objects.child_of(home).exists():
        home.add_child(
            instance=ServiceDirectoryPage(
                title="Who can help: our service directory",
                slug="directory",
                school=school,
                intro="<p>Services that support our children and families. Ask the SENCO if "
                "you are not sure where to start.</p>",
            )
        )
