"""Finding the school a request is about."""

from .current import SESSION_KEY, get_current_school, schools_for

__all__ = ["SESSION_KEY", "get_current_school", "schools_for"]
