from django import template

register = template.Library()


@register.filter
def get_answer(answers, question_id):
    """The answer to ``question_id`` in a stored answers mapping (keys are strings)."""
    return (answers or {}).get(str(question_id))


@register.filter
def percent(value):
    return "—" if value in (None, "") else f"{round(value * 100)}%"


@register.filter
def rating(value):
    return "—" if value in (None, "") else f"{value:.1f}"


@register.filter
def signed(value):
    """A change in rating with its sign; no sign when it rounds to nothing."""
    if value in (None, ""):
        return "—"
    value = round(value, 1)
    return "0.0" if value == 0 else f"{value:+.1f}"
