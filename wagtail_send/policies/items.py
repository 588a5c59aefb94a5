"""The contents the law asks of an SEN Information Report, as one table.

Schedule 1 of the SEND Regulations 2014 (items 1 to 13, item 3 in seven parts) and
section 69(3) of the Children and Families Act 2014 (items A to D). The page's fields,
the editor's completeness panel, the admin report and the public table of contents all
read this table, so a change to the law is a change here only.
"""

from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


class Live:
    """Where an item can draw content from besides what the writer types."""

    SENCO = "senco"  # the school's SENCO contact details
    LOCAL_OFFER = "local_offer"  # the school's Local Offer web address
    PROVIDERS = "providers"  # summaries registered by other apps (wagtail_send.providers)


@dataclass(frozen=True)
class Item:
    """One thing the report must say."""

    code: str
    title: str
    help_text: str
    source: str  # "Schedule 1" or "Section 69(3)"
    live: str = ""

    @property
    def field_name(self):
        return f"item_{self.code.lower()}"

    @property
    def anchor(self):
        return f"item-{self.code.lower()}"

    @property
    def label(self):
        # Lazy, so field labels and headings follow the reader's language.
        return format_lazy("{}. {}", self.code, self.title)


SCHEDULE_1 = _("Schedule 1")
SECTION_69 = _("Section 69(3)")

ITEMS = (
    Item(
        "1",
        _("The kinds of special educational needs we provide for"),
        _(
            "Name the needs you meet, in the four broad areas: communication and interaction; "
            "cognition and learning; social, emotional and mental health; sensory and/or "
            "physical. Say if you have a specialist base."
        ),
        SCHEDULE_1,
    ),
    Item(
        "2",
        _("How we identify and assess pupils with SEN"),
        _(
            "Explain who notices a concern, how you check it, how you talk to parents and "
            "when a pupil is placed on SEN support."
        ),
        SCHEDULE_1,
    ),
    Item(
        "3a",
        _("How we evaluate the effectiveness of our provision"),
        _(
            "How you know whether the support works: reviews of targets, progress data, "
            "pupil and parent views, governor oversight."
        ),
        SCHEDULE_1,
    ),
    Item(
        "3b",
        _("How we assess and review progress"),
        _(
            "The assess, plan, do, review cycle: how often you meet parents, how targets are "
            "set and reviewed, annual reviews of EHC plans."
        ),
        SCHEDULE_1,
    ),
    Item(
        "3c",
        _("Our approach to teaching pupils with SEN"),
        _(
            "High-quality teaching first, then the targeted and specialist support pupils "
            "may receive, in words a parent will understand."
        ),
        SCHEDULE_1,
    ),
    Item(
        "3d",
        _("How we adapt the curriculum and learning environment"),
        _(
            "Examples of adaptations: visual timetables, quiet spaces, adapted resources, "
            "seating, access arrangements for tests."
        ),
        SCHEDULE_1,
    ),
    Item(
        "3e",
        _("Additional support for learning"),
        _("Interventions, small groups, teaching assistants and how pupils are chosen for them."),
        SCHEDULE_1,
    ),
    Item(
        "3f",
        _("Taking part in activities with other pupils"),
        _(
            "How pupils with SEN join clubs, trips, sport and residential visits alongside "
            "their classmates, and the adjustments you make."
        ),
        SCHEDULE_1,
    ),
    Item(
        "3g",
        _("Support for emotional, mental and social development"),
        _(
            "Pastoral care, listening to pupils' views, measures against bullying, and the "
            "people a pupil can go to."
        ),
        SCHEDULE_1,
    ),
    Item(
        "4",
        _("Our SENCO and how to contact them"),
        _(
            "The SENCO's name, email and telephone number are added from the school's "
            "details. Add when and how parents can meet them."
        ),
        SCHEDULE_1,
        live=Live.SENCO,
    ),
    Item(
        "5",
        _("Staff expertise and training"),
        _(
            "Training staff have had in SEN, specialist skills in the school, and how you "
            "bring in specialist expertise when you need it."
        ),
        SCHEDULE_1,
        live=Live.PROVIDERS,
    ),
    Item(
        "6",
        _("Equipment and facilities"),
        _("How you secure equipment and facilities for pupils with SEN, and who to ask."),
        SCHEDULE_1,
    ),
    Item(
        "7",
        _("Working with parents and carers"),
        _(
            "How you consult parents and involve them in planning and reviewing their "
            "child's support."
        ),
        SCHEDULE_1,
    ),
    Item(
        "8",
        _("Involving pupils in their education"),
        _(
            "How you hear pupils' views and involve them in setting and reviewing their "
            "own targets."
        ),
        SCHEDULE_1,
    ),
    Item(
        "9",
        _("Complaints about SEN provision"),
        _(
            "The steps a parent takes to raise a concern or complain, who to contact first, "
            "and the governors' role."
        ),
        SCHEDULE_1,
    ),
    Item(
        "10",
        _("Working with other services"),
        _(
            "How you work with health, social care, local-authority support services and "
            "voluntary organisations to meet needs and support families."
        ),
        SCHEDULE_1,
        live=Live.PROVIDERS,
    ),
    Item(
        "11",
        _("Support services for parents"),
        _(
            "Contact details of support for parents, including the local SEND information, "
            "advice and support service (SENDIASS)."
        ),
        SCHEDULE_1,
        live=Live.PROVIDERS,
    ),
    Item(
        "12",
        _("Moving between schools and preparing for adulthood"),
        _(
            "How you support pupils joining, moving class, changing school or phase, and "
            "preparing for adult life."
        ),
        SCHEDULE_1,
    ),
    Item(
        "13",
        _("The local authority's Local Offer"),
        _(
            "The Local Offer link is added from the school's details. Add a sentence on "
            "what families will find there."
        ),
        SCHEDULE_1,
        live=Live.LOCAL_OFFER,
    ),
    Item(
        "A",
        _("Admission of disabled pupils"),
        _("Your admission arrangements for disabled pupils, or where to read them."),
        SECTION_69,
    ),
    Item(
        "B",
        _("Preventing less favourable treatment"),
        _(
            "The steps you take so that disabled pupils are not treated less favourably "
            "than other pupils."
        ),
        SECTION_69,
    ),
    Item(
        "C",
        _("Facilities for disabled pupils"),
        _(
            "Facilities that help disabled pupils get into and around the school: ramps, "
            "lifts, accessible toilets, hearing loops."
        ),
        SECTION_69,
    ),
    Item(
        "D",
        _("Our accessibility plan"),
        _(
            "Summarise the accessibility plan and link to it. It is usually reviewed every "
            "three years."
        ),
        SECTION_69,
    ),
)

ITEMS_BY_CODE = {item.code: item for item in ITEMS}
