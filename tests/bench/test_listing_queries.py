"""Queries per request of every front-end and admin listing, locked at two sizes.

The first size is the demo school as loaded, on whatever day the suite runs: every
listing of records shows some (an empty page would make fewer queries and hide an N+1
or report a false one); the second has 30 more records of the listing's kind (a full
page). A listing whose count changes has an N+1; one above its
limit (15 front end, 50 admin) misses the issue's target. Known misses are listed so
a fix shows up here (update the list) as surely as a regression does.
"""

import pytest
from django.db import transaction

from example_site.bench import listings

pytestmark = pytest.mark.django_db

#: Listings that miss a target today, and why (docs/performance.md has the fixes).
KNOWN_MISSES = {}
#: The same with Django's cache emptied. The wall then reads Wagtail's site paths and the
#: rota's half-terms, teams, themes and types of need as well as its posts: 22. The first
#: reader after a post finds the rota cached and reads 17 (locked below).
KNOWN_COLD_MISSES = {"wall (teacher)": "over 15"}


def test_every_listing_answers_and_its_query_count_is_locked(demo):
    everything = listings.front_end_listings(demo) + listings.admin_listings()
    # The demo, built from today, fills every listing at the first size.
    empty = [item.label for item in everything if item.model and not listings.records_shown(item)]
    assert empty == []
    measured = {item.label: (item, *listings.measure(item, demo)) for item in everything}

    # Every feature's listings are there: five front-end apps and the admin viewsets.
    assert len([label for label in measured if label.startswith("admin ")]) >= 14
    assert {"wall (teacher)", "directory (public)", "learning walks (SENCO)"} <= set(measured)
    assert {label: status for label, (_i, status, *_rest) in measured.items()} == dict.fromkeys(
        measured, 200
    )
    # The second size really is bigger wherever records can be added.
    added = {label: rows[-1] for label, rows in measured.items() if rows[0].model}
    assert added == dict.fromkeys(added, 30)

    misses = {
        label: ("N+1" if second != first else f"over {item.limit}")
        for label, (item, _status, first, second, _added) in measured.items()
        if second != first or second > item.limit
    }
    assert misses == KNOWN_MISSES


def test_the_wall_reads_a_constant_few_queries_cached_or_after_a_write(demo):
    """12 with its content cached (Wagtail's site, page and privacy, the session, the
    person, their memberships and school); the first read after a post also reads who
    wrote hidden posts, who has posted for the rota, and the posts: 17, at any size."""
    from django.core.cache import cache

    from wagtail_send.learning_wall.models import Post

    (wall,) = [item for item in listings.front_end_listings(demo) if item.label.startswith("wall")]
    client = listings.client_for(wall.username)
    client.get(wall.url)
    cached = [listings.count_queries(client, wall.url)[1]]
    after_a_post = []
    try:
        with transaction.atomic():
            for _size in (30, 60):
                listings.grow(Post, demo, 30)
                after_a_post.append(listings.count_queries(client, wall.url)[1])
                cached.append(listings.count_queries(client, wall.url)[1])
            raise listings.Rollback
    except listings.Rollback:
        cache.clear()  # what the rolled-back posts left in the cache
    assert cached == [12, 12, 12]
    assert after_a_post == [17, 17]


def test_front_end_pages_read_a_constant_few_queries_with_nothing_cached(demo):
    front_end = listings.front_end_listings(demo)
    assert [i.label for i in front_end if i.model and not listings.records_shown(i)] == []
    measured = {
        item.label: (item, *listings.measure(item, demo, cached=False)) for item in front_end
    }
    misses = {
        label: ("N+1" if second != first else f"over {item.limit}")
        for label, (item, _status, first, second, _added) in measured.items()
        if second != first or second > item.limit
    }
    assert misses == KNOWN_COLD_MISSES
