"""A live summary for the SEN Information Report (item 5: staff expertise and training).

Aggregates only: counts of posts and teams over the last year, never a post's content.
"""

import datetime

from django.db.models import Count
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import ngettext

from .models import Kind, Post


def render_training_summary(school):
    """Safe HTML saying how staff shared practice on the wall in the last 12 months."""
    since = timezone.now() - datetime.timedelta(days=365)
    posts = Post.objects.active().filter(school=school, hidden=False, created_at__gte=since)
    by_kind = list(posts.values("kind").annotate(n=Count("pk")).order_by("-n", "kind"))
    total = sum(row["n"] for row in by_kind)
    if not total:
        return ""
    teams = posts.exclude(team=None).values("team").distinct().count()
    labels = dict(Kind.choices)
    summary = ngettext(
        "In the last year our staff shared %(count)d piece of practice on the school's "
        "learning wall, as part of their development.",
        "In the last year our staff shared %(count)d pieces of practice on the school's "
        "learning wall, as part of their development.",
        total,
    ) % {"count": total}
    if teams:
        summary += " " + ngettext(
            "%(teams)d teaching team took part.", "%(teams)d teaching teams took part.", teams
        ) % {"teams": teams}
    items = format_html_join(
        "",
        "<li>{}: {}</li>",
        ((labels.get(row["kind"], row["kind"]), row["n"]) for row in by_kind),
    )
    return format_html("<p>{}</p><ul>{}</ul>", summary, items)
