"""Themes offered to other features (a learning walk's agreed action becomes a theme)."""

from .models import Theme


def theme_from_action(action, by):
    """Make a learning-wall theme from an agreed action of another feature.

    Args:
        action: any object with ``school`` and a text (``text``, ``title`` or its str).
        by: the person agreeing it; they are recorded as the theme's author.
    """
    title = getattr(action, "title", None) or getattr(action, "text", None) or str(action)
    return Theme.objects.create(
        school=action.school,
        title=str(title)[:150],
        description=str(getattr(action, "text", "") or ""),
        created_by=by,
    )
