"""Finding the school a request is about."""

from .current import SESSION_KEY, get_current_school, schools_for
from .groups import ADMIN_ROLES, role_group

__all__ = ["ADMIN_ROLES", "SESSION_KEY", "get_current_school", "role_group", "schools_for"]
