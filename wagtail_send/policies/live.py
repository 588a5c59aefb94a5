"""Live content for report items, from the school's details and from other apps."""

import logging

from django.utils.html import format_html

from .. import providers

logger = logging.getLogger(__name__)


def live_sections(item, school):
    """Summaries other apps offer for ``item`` at ``school``: a list of (label, html).

    Works with no app registered (an empty list). A provider that fails is left out and
    logged, so one broken app cannot take the public report down.
    """
    if school is None:
        return []
    found = []
    for section in providers.report_sections(item.code):
        try:
            html = section.render(school)
        except Exception:
            logger.exception("Report section %r for item %s failed", section.label, item.code)
            continue
        if html:
            # Marked-safe HTML passes through; a plain string is escaped, never trusted.
            found.append((section.label, format_html("{}", html)))
    return found
