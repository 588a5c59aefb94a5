"""Live content for report items, from the school's details and from other apps.

The summaries other apps offer are aggregates over their records (a few queries each,
and the skills audit's analysis): computed on every render they cost more than the rest
of the report. They are kept in Django's default cache per school, language and day,
and forgotten whenever a tracked record is written (saved, deleted, or written in bulk),
so a reader never sees a summary older than the last change. The day is in the key
because the summaries count "the last 12 months" and audits "opened by today".

With more than one web process the default cache must be shared (Redis): a
per-process cache forgets only in the process that wrote, so an entry also expires
after an hour, as the public-page cache's do.
"""

import logging

from django.core.cache import cache
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language

from .. import generations, providers

logger = logging.getLogger(__name__)

GENERATION_KEY = "wagtail_send:report-live:generation"
SECONDS = 60 * 60


def live_sections(items, school):
    """Summaries other apps offer for each of ``items`` at ``school``.

    Returns:
        ``{item code: [(label, html), ...]}``, one entry per item; a list is empty when
        no app offers a summary (or ``school`` is None).

    Works with no app registered. A provider that fails is left out and logged, so one
    broken app cannot take the public report down; a result with a failure in it is not
    cached, so the provider is asked again next time.
    """
    if school is None:
        return {item.code: [] for item in items}
    key = _key(school)
    found = cache.get(key)
    if found is None or any(item.code not in found for item in items):
        found, failed = {}, False
        for item in items:
            found[item.code], item_failed = _render(item, school)
            failed = failed or item_failed
        if not failed:
            cache.set(key, found, SECONDS)
    return {item.code: found[item.code] for item in items}


def _render(item, school):
    """(sections, whether one failed) for ``item``, asked of every registered provider."""
    sections, failed = [], False
    for section in providers.report_sections(item.code):
        try:
            html = section.render(school)
        except Exception:
            logger.exception("Report section %r for item %s failed", section.label, item.code)
            failed = True
            continue
        if html:
            # Marked-safe HTML passes through; a plain string is escaped, never trusted.
            # The label as text: the language is in the cache key, and a lazy string
            # is slow to unpickle.
            sections.append((str(section.label), format_html("{}", html)))
    return sections, failed


def _key(school):
    generation = generations.current(GENERATION_KEY)
    today = timezone.localdate().isoformat()
    return f"wagtail_send:report-live:{generation}:{school.pk}:{get_language()}:{today}"


def summarised_models():
    """The models a live summary may read: every record kept in wagtail-send's history.

    Summaries are aggregates of records (and the school, a record too). Logs written on
    reading (who opened what), permission grants and pages are left out, so viewing and
    sharing do not renew the summaries, and publishing the report keeps them. Listening
    per model, not to every sender, leaves other models' deletes on Django's fast path.
    """
    from ..audit.chain import chained_history_models

    return [history.instance_type for history in chained_history_models()]


def forget_live_sections(sender, **kwargs):
    """Receiver for any write of a tracked record: every school's summaries are renewed.

    Every school, not only the record's: a summary may read shared rows (the types of
    need), and writes are rare next to reads.
    """
    generations.move_on(GENERATION_KEY)
