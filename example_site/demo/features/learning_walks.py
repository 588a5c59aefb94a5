"""Demo learning walks at the demo school: two completed and signed off, one planned.

The walks fall on school days counted from the day the demo is loaded: the completed ones
some weeks back, the planned one ahead (in the summer holiday, early next school year).
"""

import datetime

from django.utils import timezone

from example_site.demo.schoolyear import school_day
from wagtail_send.access import grant
from wagtail_send.learning_walks.models import (
    AgreedAction,
    Feedback,
    Finding,
    LearningWalk,
    LookFor,
    Observation,
    ObservationTemplate,
    Visit,
    WalkReport,
)
from wagtail_send.learning_walks.team import add_walker, share_with_team

PROMPTS = {
    "teaching_prompts": "How is the task adapted so every pupil can start?\n"
    "How are adults deployed during the lesson?\n"
    "How is understanding checked in the moment?",
    "environment_prompts": "Are visual supports (timetables, word mats) visible and in use?\n"
    "Is there a calm space pupils can use?",
    "pupil_work_prompts": "Is there evidence of scaffolds being removed over time?\n"
    "Do books show pupils working on their targets?",
    "pupil_voice_prompts": "What helps you when the work is tricky?\nWho do you ask for help?",
}

WALKS = [
    {
        "title": "Adaptive teaching for pupils with SEND",
        "focus": "How teachers adapt their teaching so pupils with SEND access the same "
        "learning as their peers.",
        "purpose": "monitor",
        "days_from_today": -45,
        "window": (datetime.time(9, 0), datetime.time(12, 0)),
        "look_fors": [
            "Tasks are scaffolded so every pupil can start",
            "Visual supports are used by pupils, not just displayed",
            "Pupils with SEND answer questions in whole-class teaching",
        ],
        "visits": [
            ("Year 3", "3T", "teacher", (9, 15), (9, 35)),
            ("Year 4", "4N", "ta", (9, 45), (10, 5)),
            ("Year 5", "5B", None, (10, 50), (11, 10)),
        ],
        "walkers": [("head", "teaching"), ("governor", "pupil_voice"), ("senco", "environment")],
        "notes": {
            "teaching": "Three levels of task; the TA pre-taught vocabulary.",
            "pupil_voice": "A pupil said the word mat helps them start.",
            "environment": "Visual timetable at the front, used at each transition.",
        },
        "findings": [
            (0, "strength", "Scaffolds were planned and in use in every class visited."),
            (1, "development", "Word mats are displayed but rarely reached for in Year 5."),
            (2, "development", "Pupils with SEND answered fewer questions than peers."),
        ],
        "actions": [
            ("Model using word mats in the next staff meeting", "senco", 2),
            ("Try no-hands-up questioning in Years 4 and 5", "teacher", 1),
        ],
        "summary": "Adaptive teaching is secure in Key Stage 2: tasks are scaffolded so every "
        "pupil can start. The next step is for pupils with SEND to take part as fully in "
        "questioning and to use visual supports independently.",
    },
    {
        "title": "Deployment of teaching assistants",
        "focus": "Whether teaching assistants add value to teaching rather than replacing it, "
        "in line with the EEF guidance.",
        "purpose": "consistency",
        "days_from_today": -10,
        "window": (datetime.time(13, 15), datetime.time(15, 15)),
        "look_fors": [
            "Teaching assistants know the lesson's objective",
            "Pupils with SEND get as much teacher time as their peers",
            "Teaching assistants promote independence",
        ],
        "visits": [
            ("Reception", "R1", "ta", (13, 20), (13, 40)),
            ("Year 3", "3T", "teacher", (13, 50), (14, 10)),
        ],
        "walkers": [("senco", "teaching"), ("head", "environment")],
        "notes": {
            "teaching": "TA briefed at the start; worked with a mixed group, then stepped back.",
            "environment": "Seating keeps the TA's group close to the teacher.",
        },
        "findings": [
            (0, "strength", "Teaching assistants were briefed on the objective in both classes."),
            (2, "development", "Some prompting stayed at the same level all lesson."),
        ],
        "actions": [("Training on the prompt hierarchy for teaching assistants", "senco", 3)],
        "summary": "Teaching assistants are well briefed and add value. We want to see "
        "prompting fade through the lesson so pupils become more independent.",
    },
]

PLANNED = {
    "title": "Pupil voice: reasonable adjustments",
    "focus": "Whether pupils with SEND can say which adjustments help them, and use them.",
    "purpose": "awareness",
    "days_from_today": 11,
    "window": (datetime.time(9, 0), datetime.time(11, 30)),
    "look_fors": ["Pupils can name what helps them learn", "Adjustments are used without asking"],
    "visits": [("Year 2", "2H", "teacher", (9, 30), (9, 50))],
    "walkers": [("governor", "pupil_voice"), ("senco", "environment")],
}


def _walk(school, senco, spec, template):
    start, end = spec["window"]
    days = spec["days_from_today"]
    day = timezone.localdate() + datetime.timedelta(days=days)
    walk = LearningWalk.objects.create(
        school=school,
        created_by=senco,
        title=spec["title"],
        focus=spec["focus"],
        purpose=spec["purpose"],
        date=school_day(day, step=1 if days > 0 else -1),
        starts_at=start,
        ends_at=end,
        template=template,
    )
    for position, text in enumerate(spec["look_fors"]):
        LookFor.objects.create(walk=walk, text=text, position=position)
    return walk


def _plan(walk, spec, people):
    for area, room, who, start, end in spec["visits"]:
        Visit.objects.create(
            walk=walk,
            area=area,
            room=room,
            staff_member=people.get(who) if who else None,
            starts_at=datetime.time(*start),
            ends_at=datetime.time(*end),
        )
    for who, role in spec["walkers"]:
        add_walker(walk, people[who], role, by=people["senco"])


def _complete(walk, spec, people):
    senco = people["senco"]
    look_fors = list(walk.look_fors.all())
    for visit in walk.visits.all():
        for walker in walk.walkers.select_related("user"):
            observation = Observation.objects.create(
                school=walk.school,
                walk=walk,
                visit=visit,
                role=walker.role,
                created_by=walker.user,
                look_for_notes={str(look_fors[0].pk): spec["notes"][walker.role]},
            )
            share_with_team(observation, by=walker.user)
        if visit.staff_member:
            feedback = Feedback.objects.create(
                school=walk.school,
                walk=walk,
                visit=visit,
                created_by=senco,
                went_well=spec["findings"][0][2],
                next_steps=spec["actions"][0][0],
                sent_at=timezone.now(),
            )
            share_with_team(feedback, by=senco)
            grant(feedback, visit.staff_member, "view", by=senco)
    for index, kind, text in spec["findings"]:
        Finding.objects.create(walk=walk, look_for=look_fors[index], kind=kind, text=text)
    for text, owner, weeks in spec["actions"]:
        AgreedAction.objects.create(
            walk=walk,
            text=text,
            owner=people[owner],
            due=walk.date + datetime.timedelta(weeks=weeks * 2),
        )
    report = WalkReport.objects.create(
        school=walk.school, walk=walk, created_by=senco, summary=spec["summary"]
    )
    share_with_team(report, by=senco)
    walk.published_at = walk.signed_off_at = timezone.now()
    walk.signed_off_by = senco
    walk.save()


def load(*, school, people, home):
    """Add two signed-off walks and one planned walk to ``school``; safe to run again."""
    senco = people["senco"]
    template, _ = ObservationTemplate.objects.get_or_create(
        school=school, name="SEND learning walk", defaults={"created_by": senco, **PROMPTS}
    )
    existing = set(LearningWalk.objects.filter(school=school).values_list("title", flat=True))
    for spec in WALKS:
        if spec["title"] not in existing:
            walk = _walk(school, senco, spec, template)
            _plan(walk, spec, people)
            _complete(walk, spec, people)
    if PLANNED["title"] not in existing:
        walk = _walk(school, senco, PLANNED, template)
        _plan(walk, PLANNED, people)
