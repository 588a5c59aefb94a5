"""The default question bank, copied into a school's own bank the first time it is needed.

Each school then edits and extends its own copy. Statements about one need refer to the
core's census types of need (:class:`wagtail_send.models.NeedType`) by code.
"""

from django.utils.translation import gettext_noop as _noop

#: (area, census code or None, statement). Statements are rated 1-4 for confidence.
DEFAULT_QUESTIONS = [
    (
        "communication",
        "SLCN",
        _noop(
            "I can adapt my language and use visual support for pupils with speech, language "
            "and communication needs."
        ),
    ),
    (
        "communication",
        "ASD",
        _noop("I can plan predictable routines and reduce sensory overload for autistic pupils."),
    ),
    (
        "cognition",
        "SPLD",
        _noop("I can support pupils with dyslexia, dyscalculia or dyspraxia in my lessons."),
    ),
    (
        "cognition",
        "MLD",
        _noop(
            "I can break learning into small steps for pupils with moderate learning difficulties."
        ),
    ),
    (
        "cognition",
        "SLD",
        _noop("I can plan meaningful learning for pupils with severe learning difficulties."),
    ),
    (
        "cognition",
        "PMLD",
        _noop(
            "I can support pupils with profound and multiple learning difficulties, including "
            "their care and communication."
        ),
    ),
    (
        "semh",
        "SEMH",
        _noop(
            "I can recognise and respond to social, emotional and mental health needs, "
            "including anxiety, attachment difficulties and ADHD."
        ),
    ),
    (
        "sensory",
        "HI",
        _noop("I can make my teaching accessible to pupils with a hearing impairment."),
    ),
    (
        "sensory",
        "VI",
        _noop("I can make my teaching accessible to pupils with a visual impairment."),
    ),
    ("sensory", "MSI", _noop("I can support pupils with a multi-sensory impairment.")),
    (
        "sensory",
        "PD",
        _noop("I can adapt the classroom and activities for pupils with a physical disability."),
    ),
    (
        "general",
        None,
        _noop("I can use adaptive teaching so that every pupil can take part in the lesson."),
    ),
    (
        "general",
        None,
        _noop("I can plan with teaching assistants and give them a clear role in the lesson."),
    ),
    (
        "general",
        None,
        _noop("I can work with parents and carers to agree and review support for their child."),
    ),
]


def ensure_question_bank(school):
    """Give ``school`` a copy of the default question bank if it has no questions yet.

    Returns:
        The number of questions added (0 when the school already has a bank).
    """
    from django.utils.translation import gettext

    from wagtail_send.models import NeedType

    from .models import Question

    if Question.objects.filter(school=school).exists():
        return 0
    codes = {n.code: n for n in NeedType.objects.all()}
    questions = [
        Question(
            school=school,
            area=area,
            need=codes.get(code),
            text=gettext(text),
            position=(index + 1) * 10,
        )
        for index, (area, code, text) in enumerate(DEFAULT_QUESTIONS)
    ]
    Question.objects.bulk_create(questions)
    return len(questions)
