"""Keeping the directory in step with a local authority's Open Referral UK feed.

A sync pages through the feed's ``/services`` (after the first, only those
``modified_after`` the last one), fetches in full any service a page lists without its
children, and merges them as an import does: the school's own fields stay as they are.
A service the authority reports as inactive or defunct is marked so here.

Nothing is lost when things go wrong: network errors and bad pages are retried, and if
the feed still fails the run changes nothing and the next starts from the same point. A
service that does not match the profile is left out, logged, and asked for again next time.
"""

import datetime
import json

import requests
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from wagtail_send.audit import acting_as

from . import importer, oruk
from .models import Service, SyncLog
from .rows import validate_all

PER_PAGE = 200
TIMEOUT = 30
#: Changes fetched again on the next run, in case the two servers' clocks disagree.
OVERLAP = datetime.timedelta(minutes=5)
WITHDRAWN = (Service.Status.INACTIVE, Service.Status.DEFUNCT)
#: The nested lists a full service has and a one-to-one listing lacks.
NESTED = ("contacts", "service_at_locations", "attributes")


class FeedError(Exception):
    """The feed could not be read (after retries): the run changes nothing."""


def session(retries=3, backoff=1.0):
    """An HTTP session that retries failed connections and server errors."""
    http = requests.Session()
    retry = Retry(
        total=retries,
        backoff_factor=backoff,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=("GET",),
    )
    http.mount("http://", HTTPAdapter(max_retries=retry))
    http.mount("https://", HTTPAdapter(max_retries=retry))
    http.headers["Accept"] = "application/json"
    return http


def _get(http, url, params=None):
    try:
        response = http.get(url, params=params, timeout=TIMEOUT)
        response.raise_for_status()
    except requests.RequestException as problem:
        raise FeedError(
            _("Could not read %(url)s: %(problem)s") % {"url": url, "problem": problem}
        ) from None
    try:
        return json.loads(response.content)
    except ValueError:
        raise FeedError(_("%(url)s did not answer with JSON.") % {"url": url}) from None


def _pages(http, base, params):
    """Every item of every page of ``/services``, checking each page's envelope."""
    page = 1
    while True:
        data = _get(http, f"{base}/services", {**params, "page": page, "per_page": PER_PAGE})
        contents = data.get("contents") if isinstance(data, dict) else None
        if not isinstance(contents, list):
            raise FeedError(
                _("Page %(page)s of %(url)s is not an Open Referral page of services.")
                % {"page": page, "url": base}
            )
        yield from contents
        total = data.get("total_pages")
        if data.get("last_page") or not contents or not isinstance(total, int) or page >= total:
            return
        page += 1


def fetch(subscription, http):
    """``(full service objects, problems)`` of what changed in the feed since the last run."""
    base = subscription.api_url.rstrip("/")
    params = {"full": "true"}
    if subscription.synced_until:
        params["modified_after"] = subscription.synced_until.isoformat()
    items, problems = {}, []
    for item in _pages(http, base, params):
        if not isinstance(item, dict) or not item.get("id"):
            problems.append(_("The feed listed an entry without an identifier."))
            continue
        items[str(item["id"])] = item
    for uid in [*subscription.retry_ids, *(u for u, i in items.items() if not _is_full(i))]:
        try:
            items[uid] = _get(http, f"{base}/services/{uid}")
        except FeedError as problem:
            if uid in subscription.retry_ids and uid not in items:
                problems.append(str(problem))  # asked for again next time
                continue
            raise
    return list(items.values()), problems


def _is_full(item):
    return any(key in item for key in NESTED)


def sync(subscription, *, http=None, by=None):
    """Run ``subscription`` once and return its :class:`SyncLog`."""
    http = http or session()
    started = timezone.now()
    log = SyncLog(school=subscription.school, subscription=subscription, started_at=started)
    try:
        items, problems = fetch(subscription, http)
    except FeedError as problem:
        log.outcome, log.errors = SyncLog.Outcome.FAILED, [str(problem)]
    else:
        _merge(subscription, items, problems, log, by)
    log.finished_at = timezone.now()
    with acting_as(by, _("Synced from %(feed)s") % {"feed": subscription.name}):
        log.save()
    return log


def _merge(subscription, items, problems, log, by):
    rows = validate_all([oruk.service_row(n, item) for n, item in enumerate(items, start=1)])
    bad = {str(row.raw.get("uid")): row for row in rows if not row.ok}
    for uid, row in bad.items():
        problems.append(
            _("%(name)s (%(id)s): %(problems)s")
            % {"name": row.name, "id": uid, "problems": " ".join(row.errors)}
        )
    reason = _("Synced from %(feed)s") % {"feed": subscription.name}
    with transaction.atomic(), acting_as(by, reason):
        plan = importer.plan(
            [row for row in rows if row.ok],
            school=subscription.school,
            by=by,
            make_public=subscription.show_to_parents,
        )
        result = importer.write(plan, importer.Result(skipped=len(bad)))
        log.withdrawn = sum(
            1
            for p in plan.entries
            if not p.is_new
            and p.service.status in WITHDRAWN
            and p.before["status"] not in WITHDRAWN
        )
        subscription.retry_ids = sorted(bad)
        subscription.synced_until = log.started_at - OVERLAP
        subscription.save()
    log.fetched = len(items)
    log.created, log.updated, log.unchanged = result.created, result.updated, result.unchanged
    log.errors = problems
    log.outcome = SyncLog.Outcome.PARTLY if problems else SyncLog.Outcome.DONE
