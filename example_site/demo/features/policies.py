"""Demo data for the policies app: a complete SEN Information Report, SEND policies and
the inclusion strategy.

The report and policies have several versions, submitted by the SENCO and approved by
the SEND governor through the school's approval workflow, dated over the last two years
so the policy history has something to audit. The inclusion strategy is last school
year's, and this school year's started from it (activities continued, changed and new),
both approved by the governor. Safe to run again: existing pages are left alone.
"""

import datetime

from django.utils import timezone
from wagtail.models import PageLogEntry, Revision, TaskState

from wagtail_send.policies.models import (
    InclusionPrinciple,
    InclusionStrategyPage,
    PolicyKind,
    SchoolPoliciesIndexPage,
    SENDPolicyPage,
    SENInformationReportPage,
    StrategyActivity,
    school_year_now,
    years_after,
)
from wagtail_send.policies.setup import configure_index
from wagtail_send.policies.strategy import mark_continuity
from wagtail_send.policies.strategy_views import next_year

REPORT = {
    "intro": "<p>This report tells parents and carers how Oakfield Primary School supports "
    "children with special educational needs and disabilities (SEND). If anything is unclear, "
    "please talk to your child's class teacher or our SENCO.</p>",
    "item_1": "<p>We are a mainstream primary school and welcome children with a wide range of "
    "needs in all four broad areas: communication and interaction, cognition and learning, "
    "social, emotional and mental health, and sensory and/or physical needs.</p>",
    "item_2": "<p>Class teachers check every child's progress each term. If a teacher or parent "
    "is worried, the teacher talks to the SENCO, who may observe the child, use simple "
    "assessments and ask for advice from specialists. We always meet parents before a child "
    "is added to our SEN support register.</p>",
    "item_3a": "<p>We check whether support is working at every termly review, by looking at "
    "progress towards targets, talking to the child and parents, and comparing with how "
    "similar children do. The SEND governor reviews a summary every term.</p>",
    "item_3b": "<p>We follow the assess, plan, do, review cycle. Targets are agreed with "
    "parents and the child and reviewed three times a year. Children with an education, "
    "health and care plan also have an annual review with everyone who works with them.</p>",
    "item_3c": "<p>Good teaching in class comes first: clear explanations, practical "
    "resources and checking understanding often. Some children also receive small-group or "
    "one-to-one teaching planned by the class teacher with advice from the SENCO.</p>",
    "item_3d": "<p>We adapt lessons and classrooms: visual timetables, word mats, coloured "
    "overlays, movement breaks, a quiet room, adapted equipment and extra time or a reader "
    "in tests where a child normally has one.</p>",
    "item_3e": "<p>Additional support includes phonics catch-up, maths intervention groups, "
    "speech and language programmes, fine-motor groups and emotional literacy sessions led "
    "by trained teaching assistants.</p>",
    "item_3f": "<p>Every child takes part in clubs, trips, sport and the Year 6 residential. "
    "We plan adjustments with parents beforehand, such as extra adults, quieter transport or "
    "a visit to the venue first.</p>",
    "item_3g": "<p>Our learning mentor, nurture group and worry boxes help children talk "
    "about how they feel. We act quickly on bullying and teach children how to ask for help "
    "from any adult they trust in school.</p>",
    "item_4": "<p>You can speak to our SENCO at the school gate most mornings, or email or "
    "telephone to arrange a meeting at a time that suits you.</p>",
    "item_5": "<p>All teachers and teaching assistants have yearly training on SEND. Several "
    "assistants are trained in speech and language support and in emotional literacy. We buy "
    "in specialist advice from the educational psychologist and the autism advisory "
    "service.</p>",
    "item_6": "<p>We buy equipment such as writing slopes, pencil grips, ear defenders and "
    "laptops from our SEND budget, and ask the local authority and health services for "
    "specialist equipment when a child needs it.</p>",
    "item_7": "<p>We meet parents at least three times a year to plan and review support, "
    "and keep in touch between meetings through the home-school book or a phone call. "
    "Parents' views are part of every plan.</p>",
    "item_8": "<p>Children help set their own targets and tell us what helps them learn, "
    "using pictures and symbols where they need to. Their views are recorded in their "
    "one-page profile and at every review.</p>",
    "item_9": "<p>If you are unhappy, please talk to the class teacher first, then the SENCO "
    "or the headteacher. If you are still not satisfied, our complaints policy explains how "
    "to ask the governors to look into it.</p>",
    "item_10": "<p>We work with the educational psychologist, speech and language therapy, "
    "school nursing, children's mental health services, social care and local charities to "
    "meet children's needs and support their families.</p>",
    "item_11": "<p>Northdale SENDIASS gives free, impartial information, advice and support "
    "to parents of children with SEND, on 01632 960 456. Northdale Parent Carer Forum also "
    "offers support and coffee mornings.</p>",
    "item_12": "<p>We plan every move carefully: visits to the new class or school, social "
    "stories, meetings between teachers and, for children with a plan, a transition review. "
    "We help children grow in independence ready for secondary school and adult life.</p>",
    "item_13": "<p>Northdale's Local Offer describes all the services for children and young "
    "people with SEND and their families in our area.</p>",
    "item_a": "<p>We admit disabled pupils on the same basis as every other child, following "
    "the local authority's admissions arrangements. Please talk to us before your child "
    "starts so that we can plan together.</p>",
    "item_b": "<p>We make reasonable adjustments so that disabled pupils are not treated less "
    "favourably: adapting trips, timetables, uniform and the curriculum, and training staff "
    "in the needs of the children they teach.</p>",
    "item_c": "<p>The school is on one level with ramps at both entrances, an accessible "
    "toilet and changing area, a hearing loop in the hall and high-contrast markings on "
    "steps and doors.</p>",
    "item_d": "<p>Our accessibility plan sets out how we are improving the building, the "
    "curriculum and the information we give to disabled pupils and parents. It is reviewed "
    "every three years and published on this website.</p>",
}

#: (what changed, the change, governor's comment, days ago)
REPORT_VERSIONS = [
    ("First version of the report", {}, "Approved at the full governing body.", 720),
    (
        "Complaints route made clearer",
        {
            "item_9": REPORT["item_9"].replace(
                "</p>",
                " You can also contact Northdale SENDIASS for independent advice about a "
                "complaint.</p>",
            )
        },
        "Agreed; thank you for consulting the parent forum.",
        380,
    ),
    (
        "Annual review: nurture group and speech and language training added",
        {
            "item_5": REPORT["item_5"].replace(
                "Several", "This year six assistants completed ELKLAN training. Several"
            ),
            "item_3g": REPORT["item_3g"].replace(
                "nurture group", "new nurture group (every afternoon)"
            ),
        },
        "Approved by the SEND governor on behalf of the full governing body.",
        40,
    ),
]

SEN_POLICY_BODY = (
    "<p>Oakfield Primary School is an inclusive school. This policy explains how we meet the "
    "needs of pupils with special educational needs and disabilities, in line with the SEND "
    "Code of Practice 0 to 25 (2015) and the Children and Families Act 2014.</p>"
    "<h2>Aims</h2><ul><li>Identify needs early.</li><li>Work in partnership with parents and "
    "pupils.</li><li>Give every pupil access to a broad and balanced curriculum.</li></ul>"
    "<h2>Roles</h2><p>The SENCO coordinates provision; class teachers are responsible for the "
    "progress of every pupil in their class; the SEND governor oversees this policy.</p>"
)

POLICY_VERSIONS = [
    ("First version", {}, "Approved.", 700),
    (
        "Roles updated for the new SENCO",
        {
            "body": SEN_POLICY_BODY.replace(
                "coordinates provision", "(Ms Shah) coordinates provision"
            )
        },
        "Approved at the spring meeting.",
        300,
    ),
    (
        "Annual review: graduated approach described",
        {
            "body": SEN_POLICY_BODY.replace(
                "coordinates provision", "(Ms Shah) coordinates provision"
            )
            + "<h2>The graduated approach</h2><p>Support follows the assess, plan, do, review "
            "cycle and is reviewed with parents three times a year.</p>"
        },
        "",
        20,
    ),
]


def load(*, school, people, home):
    """Add the policies index, report and policies to ``school``; safe to run again."""
    index = SchoolPoliciesIndexPage.objects.filter(school=school).first()
    if index is None:
        index = home.add_child(
            instance=SchoolPoliciesIndexPage(
                title="SEND policies and information",
                slug="send",
                school=school,
                intro="<p>Our SEN Information Report and the policies that go with it.</p>",
            )
        )
    configure_index(index)
    senco, governor = people["senco"], people["governor"]
    today = timezone.localdate()

    if not SENInformationReportPage.objects.filter(school=school).exists():
        report = index.add_child(
            instance=SENInformationReportPage(
                title="SEN Information Report",
                slug="sen-information-report",
                policy_owner=senco,
                live=False,
                publication_date=today - datetime.timedelta(days=720),
                **REPORT,
            )
        )
        _publish_versions(report, REPORT_VERSIONS, senco, governor, years=1)

    if not SENDPolicyPage.objects.filter(school=school, kind=PolicyKind.SEN_POLICY).exists():
        policy = index.add_child(
            instance=SENDPolicyPage(
                title="SEN policy",
                slug="sen-policy",
                kind=PolicyKind.SEN_POLICY,
                summary="How we identify and support pupils with SEND.",
                body=SEN_POLICY_BODY,
                policy_owner=senco,
                live=False,
                publication_date=today - datetime.timedelta(days=700),
                approval_minute="Full governing body, minute 7",
            )
        )
        _publish_versions(policy, POLICY_VERSIONS, senco, governor, years=1)

    if not SENDPolicyPage.objects.filter(school=school, kind=PolicyKind.ACCESSIBILITY).exists():
        plan = index.add_child(
            instance=SENDPolicyPage(
                title="Accessibility plan",
                slug="accessibility-plan",
                kind=PolicyKind.ACCESSIBILITY,
                summary="How we are making the school more accessible to disabled pupils.",
                body="<p>Our three-year plan to improve physical access, the curriculum and "
                "information for disabled pupils and parents.</p>",
                policy_owner=senco,
                review_cycle_years=3,
                live=False,
                publication_date=today - datetime.timedelta(days=3 * 365 - 20),
            )
        )
        # Due for review in three weeks, so the SENCO's dashboard has something to show.
        versions = [("Three-year plan agreed", {}, "Approved.", 3 * 365 - 20)]
        plan = _publish_versions(plan, versions, senco, governor, years=3)
        # The SENCO's review is waiting for the governor, to show the approval step.
        plan.body += (
            f"<h2>{today.year} to {today.year + 3}</h2>"
            "<p>A lift to the upper hall and a sensory room.</p>"
        )
        plan.change_note = "Three-year review: lift and sensory room added"
        plan.publication_date = today
        plan.last_reviewed = today
        plan.next_review = years_after(today, 3)
        plan.save_revision(user=senco)
        plan.get_workflow().start(plan, user=senco)

    _load_strategy(index, senco, governor)


#: (activity, barrier, principles by position, who for, what we do, cost, source, impact,
#: measure)
ACTIVITIES = [
    (
        "Speech and language screening in Reception",
        "Many children join us with speech and language needs that are spotted late.",
        [0, 2],
        "Every Reception child",
        "A trained assistant screens every child in the first half-term; those who need it "
        "join a daily language group.",
        3200,
        "imf",
        "Needs are known by October half-term and support starts at once.",
        "Share of children screened by October; language scores in February against September.",
    ),
    (
        "Adaptive teaching coaching",
        "Some pupils with SEND cannot access whole-class lessons without adaptations.",
        [1, 4],
        "All class teachers and teaching assistants",
        "Half-termly coaching on scaffolds, visuals and checking understanding, with "
        "learning walks to follow up.",
        5400,
        "imf",
        "Pupils with SEND take part in lessons alongside their classmates.",
        "Learning-walk findings on adaptive teaching, each term.",
    ),
    (
        "Nurture group",
        "Pupils with social, emotional and mental health needs find the classroom hard to "
        "manage after lunch.",
        [2],
        "Key stage 2 pupils with SEMH needs",
        "A nurture group every afternoon, led by the learning mentor.",
        6000,
        "notional_sen",
        "Fewer pupils miss learning after lunch.",
        "Boxall profiles at the start and end of each term; time out of class.",
    ),
    (
        "Family SEND workshops",
        "Parents say they do not know how to help at home or who to ask.",
        [3],
        "Parents and carers of pupils on SEN support",
        "Termly workshops with the SENCO and local services, with a crèche.",
        900,
        "core",
        "Parents feel able to support learning at home and know who to ask.",
        "Attendance and a short survey after each workshop.",
    ),
]


def _strategy_activities(year):
    principles = list(InclusionPrinciple.objects.order_by("position"))
    activities = []
    for position, row in enumerate(ACTIVITIES):
        title, barrier, chosen, cohort, what, cost, source, impact, measure = row
        activities.append(
            StrategyActivity(
                sort_order=position,
                title=title,
                barrier=barrier,
                cohort=cohort,
                description=what,
                cost=cost,
                funding_source=source,
                intended_impact=impact,
                impact_measure=measure,
                review_date=datetime.date(year + 1, 3, 1),
                principles=[principles[n] for n in chosen if n < len(principles)],
            )
        )
    return activities


def _load_strategy(index, senco, governor):
    """Last school year's strategy, and this year's begun from it; both approved."""
    this_year = school_year_now()
    last = InclusionStrategyPage.objects.filter(
        school=index.school, first_year=this_year - 1
    ).first()
    if last is None:
        last = index.add_child(
            instance=InclusionStrategyPage(
                title=f"Inclusion strategy {this_year - 1} to {this_year}",
                slug=f"inclusion-strategy-{this_year - 1}",
                first_year=this_year - 1,
                imf_allocation=14000,
                notional_sen_budget=42000,
                policy_owner=senco,
                live=False,
                publication_date=timezone.localdate() - datetime.timedelta(days=330),
                intro="<p>How we use the inclusive mainstream fund, with our notional SEN "
                "budget, to remove the barriers our pupils meet most often.</p>",
                context="<p>Our pupils' needs are most often in speech, language and "
                "communication and in social, emotional and mental health.</p>",
                activities=_strategy_activities(this_year - 1),
            )
        )
        versions = [("First inclusion strategy", {}, "Approved at the full governing body.", 330)]
        last = _publish_versions(last, versions, senco, governor, years=1)
    if InclusionStrategyPage.objects.filter(school=index.school, first_year=this_year).exists():
        return
    current = next_year(last, senco).get_latest_revision_as_object()
    current.imf_allocation = 14500
    current.notional_sen_budget = 43000
    activities = list(current.activities.all())
    activities[1].cost = 6100  # coaching now includes the teaching assistants' time
    activities.append(
        StrategyActivity(
            sort_order=len(activities),
            title="Sensory circuits",
            barrier="Some pupils arrive unready to learn after a difficult start to the day.",
            cohort="Pupils with sensory processing needs, any year",
            description="A ten-minute sensory circuit before registration.",
            cost=1200,
            funding_source="imf",
            intended_impact="Pupils settle to learning in the first lesson.",
            impact_measure="Time to settle, observed by the class teacher, half-termly.",
            review_date=datetime.date(this_year + 1, 3, 1),
            principles=list(InclusionPrinciple.objects.order_by("position")[2:3]),
        )
    )
    current.activities = activities
    mark_continuity(activities)
    versions = [
        (
            "This year's strategy: coaching extended, sensory circuits added",
            {},
            "Approved; the IMF allocation is fully planned.",
            10,
        )
    ]
    _publish_versions(current, versions, senco, governor, years=1)


def _publish_versions(page, versions, author, approver, *, years):
    """Submit each version as ``author`` and approve it as ``approver``, dated in the past."""
    for change_note, changes, comment, days_ago in versions:
        when = timezone.now() - datetime.timedelta(days=days_ago)
        published = timezone.localdate() - datetime.timedelta(days=days_ago)
        for name, value in changes.items():
            setattr(page, name, value)
        page.change_note = change_note
        page.publication_date = published
        page.last_reviewed = published if changes else None
        page.next_review = years_after(published, years)
        revision = page.save_revision(user=author)
        state = page.get_workflow().start(page, user=author)
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, approver, "approve", comment=comment)
        # Wagtail stamps everything "now", and the approval dates the version today; move
        # this version to when it happened.
        dates = {
            "publication_date": published,
            "last_reviewed": page.last_reviewed,
            "next_review": page.next_review,
        }
        revision.refresh_from_db()
        revision.content.update({name: day and day.isoformat() for name, day in dates.items()})
        Revision.objects.filter(pk=revision.pk).update(created_at=when, content=revision.content)
        type(page).objects.filter(pk=page.pk).update(**dates)
        TaskState.objects.filter(workflow_state=state).update(started_at=when, finished_at=when)
        PageLogEntry.objects.filter(page_id=page.pk, revision_id=revision.pk).update(
            timestamp=when
        )
        page = page.specific_class.objects.get(pk=page.pk)
    type(page).objects.filter(pk=page.pk).update(
        first_published_at=timezone.now() - datetime.timedelta(days=versions[0][3])
    )
    return page
