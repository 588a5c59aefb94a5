"""Background work of the directory, run by django-tasks as Wagtail runs its own."""

from django_tasks import task

from .models import FeedSubscription
from .sync import sync


@task()
def sync_feeds(school_id=None):
    """Sync every active feed subscription (of one school, if given); the logs' ids."""
    subscriptions = FeedSubscription.objects.active().select_related("school")
    if school_id is not None:
        subscriptions = subscriptions.filter(school_id=school_id)
    return [sync(subscription).pk for subscription in subscriptions]
