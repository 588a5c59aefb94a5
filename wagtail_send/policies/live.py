"""Live content for report items, from the school's details and from other apps.

The summaries other apps offer are aggregates over their records (a few queries each,
and the skills audit's analysis): computed on every render they cost more than the rest
of the report. They are kept in the cache ``report-live`` per school, language and day,
and renewed whenever a tracked record of the school is written (saved, deleted, or
written in bulk; see the app's ``ready()``), so a reader never sees a summary older
than the last change. The day is in the key because the summaries count "the last 12
months" and audits "opened by today".
"""

import logging
from types import SimpleNamespace

from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language

from .. import caching, providers

logger = logging.getLogger(__name__)

CACHE = "report-live"


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
    codes = sorted(item.code for item in items)
    parts = (get_language(), timezone.localdate().isoformat(), *codes)
    failures = []

    def build():
        found = {}
        for item in items:
            found[item.code], failed = _render(item, school)
            if failed:
                failures.append(item.code)
        return found

    found = caching.cached(CACHE, school.pk, parts, build, keep=lambda _found: not failures)
    return {item.code: found[item.code] for item in items}


#: The school's context, asked of providers like a report item.
_SCHOOL_CONTEXT = SimpleNamespace(code=providers.SCHOOL_CONTEXT)


def school_context(school):
    """``[(label, html)]``: the school's context in aggregate, from whichever apps offer it."""
    return live_sections([_SCHOOL_CONTEXT], school)[providers.SCHOOL_CONTEXT]


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


def summarised_models():
    """The models a live summary may read: every record kept in wagtail-send's history.

    Summaries are aggregates of records (and the school, a record too). Logs written on
    reading (who opened what), permission grants and pages are left out, so viewing and
    sharing do not renew the summaries, and publishing the report keeps them. Listening
    per model, not to every sender, leaves other models' deletes on Django's fast path.
    """
    from ..audit.chain import chained_history_models

    return [history.instance_type for history in chained_history_models()]
