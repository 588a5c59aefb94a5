"""The shipped data: census need codes and the default question bank.

The census codes are loaded once by a data migration (``0002_census_codes``); the
question bank is copied into a school's own bank the first time it is needed, so each
school edits and extends its own copy.
"""

from django.utils.translation import gettext_noop as _noop

#: (code, need, broad area) from the DfE school census, in the census order.
CENSUS_CODES = [
    ("SLCN", "Speech, language and communication needs", "communication"),
    ("ASD", "Autistic spectrum disorder", "communication"),
    ("SPLD", "Specific learning difficulty", "cognition"),
    ("MLD", "Moderate learning difficulty", "cognition"),
    ("SLD", "Severe learning difficulty", "cognition"),
    ("PMLD", "Profound and multiple learning difficulty", "cognition"),
    ("SEMH", "Social, emotional and mental health", "semh"),
    ("HI", "Hearing impairment", "sensory"),
    ("VI", "Visual impairment", "sensory"),
    ("MSI", "Multi-sensory impairment", "sensory"),
    ("PD", "Physical disability", "sensory"),
    ("OTH", "Other difficulty or disability", "other"),
    ("NSA", "SEN support but no specialist assessment of type of need", "other"),
]

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


def ensure_census_codes():
    """Add any shipped census code that is missing (the data migration's work, re-runnable).

    Codes a school has amended are left as they are.
    """
    from .models import NeedCode

    for position, (code, name, area) in enumerate(CENSUS_CODES, start=1):
        NeedCode.objects.get_or_create(
            code=code, defaults={"name": name, "area": area, "position": position * 10}
        )


def ensure_question_bank(school):
    """Give ``school`` a copy of the default question bank if it has no questions yet.

    Returns:
        The number of questions added (0 when the school already has a bank).
    """
    from django.utils.translation import gettext

    from .models import NeedCode, Question

    if Question.objects.filter(school=school).exists():
        return 0
    codes = {n.code: n for n in NeedCode.objects.all()}
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
