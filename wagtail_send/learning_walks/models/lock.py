"""A signed-off walk is locked: every later change to it, or to anything recorded on it,
must carry a reason, which becomes the change note in the audit history."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail_send.audit.context import current_reason

LOCKED_MESSAGE = _(
    "This learning walk has been signed off. Say why you are changing it; the reason is "
    "kept in the history."
)


def require_reason_if_locked(walks, walk_id):
    """Refuse a write to a signed-off walk (as stored) unless a change note is being noted.

    Args:
        walks: the walk model.
        walk_id: the primary key of the walk the write belongs to.

    Raises:
        ValidationError: the walk was signed off and no reason is in force.
    """
    if walk_id is None or current_reason():
        return
    if walks.objects.filter(pk=walk_id, signed_off_at__isnull=False).exists():
        raise ValidationError(LOCKED_MESSAGE, code="locked")


class WalkPartMixin:
    """For models that belong to one walk through ``walk``: saving honours the lock."""

    def save(self, *args, **kwargs):
        require_reason_if_locked(self._meta.get_field("walk").related_model, self.walk_id)
        super().save(*args, **kwargs)
