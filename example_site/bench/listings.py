"""Queries per request for every front-end and admin listing, at two sizes.

The first size is whatever the database holds; the second adds records to the
listing's school inside a transaction that is rolled back, so the database is left
as it was. A listing whose query count grows with its size has an N+1; the comparison
means something only when the first size shows records too (:func:`records_shown`).
"""

import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import UniqueConstraint, UUIDField
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse
from django.utils import timezone

from wagtail_send.models import School

#: Where the benchmark's requests say they come from: the demo site's host name.
HOST = "localhost"
FRONT_END_LIMIT = 15
ADMIN_LIMIT = 50


class Rollback(Exception):
    pass


@dataclass
class Listing:
    label: str
    url: str
    username: str | None  # None: anonymous
    model: type | None  # what to add for the second size
    limit: int


def client_for(username):
    """A test client signed in as ``username`` (anonymous for None), on the demo host."""
    client = Client(HTTP_HOST=HOST)
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    return client


def count_queries(client, url):
    """(status, queries) of one GET."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, len(queries)


def records_shown(listing):
    """How many ``listing.model`` records its page shows: the longest list of them in the
    template context (rows that are dicts are looked into), read with nothing cached."""
    cache.clear()
    response = client_for(listing.username).get(listing.url)
    longest = 0
    for context in response.context or []:
        for values in context.dicts:
            for value in values.values():
                if isinstance(value, str | bytes | dict) or not hasattr(value, "__iter__"):
                    continue
                try:
                    rows = list(value)
                except TypeError:  # noqa: S112  (iterable in name only: a form field, say)
                    continue
                found = [
                    row
                    for row in rows
                    for row in (row.values() if isinstance(row, dict) else [row])
                    if isinstance(row, listing.model)
                ]
                longest = max(longest, len(found))
    return longest


def grow(model, school, count):
    """Add ``count`` copies of the school's newest ``model`` records (history included)."""
    rows = list(model.objects.filter(school=school).order_by("-pk")[:count])
    if not rows:
        return 0
    copies = [rows[n % len(rows)] for n in range(count)]
    author_unique = any(
        isinstance(c, UniqueConstraint) and "created_by" in c.fields
        for c in model._meta.constraints
    )
    authors = []
    if author_unique:
        User = get_user_model()
        authors = User.objects.bulk_create(
            [User(username=f"bench-grow-{uuid.uuid4().hex[:12]}") for _ in range(count)]
        )
    made = []
    now = timezone.now()
    for n, original in enumerate(copies):
        copy = model.objects.get(pk=original.pk)
        copy.pk = None
        copy.id = None
        copy.created_at = now
        for field in model._meta.concrete_fields:
            # Identifiers made by a default (a UUID) are unique, alone or per school.
            if (
                not field.primary_key
                and callable(field.default)
                and (field.unique or isinstance(field, UUIDField))
            ):
                setattr(copy, field.attname, field.default())
        if authors:
            copy.created_by = authors[n]
        made.append(copy)
    model.objects.bulk_create(made)
    return len(made)


def front_end_listings(demo):
    """The staff and public listings of the demo school, and who looks at each."""
    from wagtail_send.directory.pages import ServiceDirectoryPage
    from wagtail_send.learning_walks.models.walks import LearningWalk
    from wagtail_send.learning_wall.models import Post
    from wagtail_send.learning_wall.pages import LearningWallPage
    from wagtail_send.policies.models import SchoolPoliciesIndexPage
    from wagtail_send.skills_audit.models import Campaign, NeedProfile, Response

    listings = []
    wall = LearningWallPage.objects.live().first()
    if wall:
        listings.append(Listing("wall (teacher)", wall.url, "teacher", Post, FRONT_END_LIMIT))
    directory = ServiceDirectoryPage.objects.live().first()
    if directory:
        from wagtail_send.directory.models import Service

        listings.append(
            Listing("directory (teacher)", directory.url, "teacher", Service, FRONT_END_LIMIT)
        )
        listings.append(
            Listing("directory (public)", directory.url, None, Service, FRONT_END_LIMIT)
        )
    index = SchoolPoliciesIndexPage.objects.live().filter(school=demo).first()
    if index:
        listings.append(Listing("policies index (public)", index.url, None, None, FRONT_END_LIMIT))
    listings += [
        Listing(
            "staff meeting (SENCO)",
            reverse("wagtail_send_learning_wall:meeting"),
            "senco",
            Post,
            FRONT_END_LIMIT,
        ),
        Listing(
            "learning walks (SENCO)",
            reverse("wagtail_send_learning_walks:index"),
            "senco",
            LearningWalk,
            FRONT_END_LIMIT,
        ),
        Listing(
            "skills audits (SENCO)",
            reverse("wagtail_send_skills_audit:index"),
            "senco",
            Campaign,
            FRONT_END_LIMIT,
        ),
        Listing(
            "pupil needs (SENCO)",
            reverse("wagtail_send_skills_audit:profiles"),
            "senco",
            NeedProfile,
            FRONT_END_LIMIT,
        ),
        Listing(
            "policy history (SENCO)",
            reverse("wagtail_send_policies:history_index"),
            "senco",
            None,
            FRONT_END_LIMIT,
        ),
    ]
    campaign = Campaign.objects.filter(school=demo).order_by("-pk").first()
    if campaign:
        listings.append(
            Listing(
                "audit answers (SENCO)",
                reverse("wagtail_send_skills_audit:responses", args=[campaign.pk]),
                "senco",
                Response,
                FRONT_END_LIMIT,
            )
        )
    return listings


def admin_listings():
    """The index view of every wagtail-send admin viewset, as the SENCO."""
    from wagtail.admin.viewsets import viewsets

    from wagtail_send.viewsets import SchoolRecordViewSet

    get_resolver().url_patterns  # noqa: B018  (importing the admin URLs registers viewsets)
    return [
        Listing(
            f"admin {viewset.model._meta.verbose_name_plural}",
            reverse(viewset.get_url_name("index")),
            "senco",
            viewset.model,
            ADMIN_LIMIT,
        )
        for viewset in viewsets.viewsets
        # Only the features' own: the test suite's example model is not a listing to judge.
        if isinstance(viewset, SchoolRecordViewSet)
        and viewset.model.__module__.startswith("wagtail_send.")
    ]


def measure(listing, demo, extra=30, cached=True):
    """(status, queries now, queries with ``extra`` more records, records added).

    ``cached``: each count is the second of two requests, as most readers find a page
    whose content is cached; otherwise Django's cache is emptied first, as for the first
    reader after a write (Wagtail's own cached site paths are read again too).
    """
    client = client_for(listing.username)
    client.get(listing.url)  # warm what is never emptied (content types, translations)

    def count():
        if cached:
            client.get(listing.url)
        else:
            cache.clear()
        return count_queries(client, listing.url)

    status, first = count()
    added = 0
    second = first
    if listing.model is not None:
        try:
            with transaction.atomic():
                added = grow(listing.model, demo, extra)
                _status, second = count()
                raise Rollback
        except Rollback:
            cache.clear()  # what the rolled-back records left in the cache
    return status, first, second, added


def all_listings():
    demo = School.objects.exclude(site=None).order_by("pk").first()
    return demo, front_end_listings(demo) + admin_listings()
