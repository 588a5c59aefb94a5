"""Server-side timings, each beside its reference measured in the same run."""

import re
import time
from functools import partial

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils.html import strip_tags
from wagtail.models import Page

from wagtail_send import caching
from wagtail_send.access import visible
from wagtail_send.audit import acting_as
from wagtail_send.caching.pages import is_public_page
from wagtail_send.learning_wall.models import Post

from .figures import timed
from .listings import Rollback, client_for

LISTING_SIZE = 25


def _listing(queryset):
    return list(queryset.order_by("-created_at", "-pk")[:LISTING_SIZE])


def permission_listing_querysets(username="teacher"):
    """(filtered, unfiltered): the newest 25 active posts of the whole trust.

    The filtered one is what the person may see (their school by role, what they
    wrote, what was shared with them); the unfiltered one is the same listing with no
    permission filter at all.
    """
    user = get_user_model().objects.get(username=username)
    return visible(user, Post).active(), Post.objects.active()


def school_listing_querysets(school, username="teacher"):
    """(filtered, unfiltered): the same, for one school, as the learning wall asks it."""
    filtered, unfiltered = permission_listing_querysets(username)
    return filtered.filter(school=school), unfiltered.filter(school=school)


def permission_listing_times(querysets):
    """Median seconds to fetch the filtered and unfiltered 25-post listings."""
    filtered, unfiltered = querysets
    return (
        timed(lambda: _listing(filtered.all()), repeat=15),
        timed(lambda: _listing(unfiltered.all()), repeat=15),
    )


def explain(queryset):
    """PostgreSQL only: (database ms, plan text, problems) of the listing query."""
    sql, params = queryset.order_by("-created_at", "-pk")[:LISTING_SIZE].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    match = re.search(r"Execution Time: ([\d.]+) ms", plan)
    database_ms = float(match.group(1)) if match else None
    problems = plan_problems(plan, "wagtail_send_learning_wall_postusergrant")
    return database_ms, plan, problems


def plan_problems(plan, grant_table):
    """What is wrong with a plan: a sequential scan on the grants, casts, no index scan."""
    problems = []
    if re.search(rf"Seq Scan on {grant_table}\b", plan):
        problems.append("sequential scan on the permission table")
    # Guardian's generic tables compare a text object_pk with the integer id; the direct-FK
    # tables must not. A cast elsewhere (a permission codename) is harmless.
    if re.search(r"(object_pk|content_object_id|\bid)\)?::", plan):
        problems.append("cast on object ids")
    if "Index" not in plan:
        problems.append("no index scan")
    return problems


def _body_text(response):
    html = response.content.decode()
    main = re.search(r"<main\b.*?</main>", html, flags=re.S)
    return strip_tags(main.group(0) if main else html)


def _served_from_page_cache(page, username):
    """Whether an anonymous visitor of ``page`` is answered by the public-page cache."""
    return username is None and is_public_page(page.specific)


def _renew_pages():
    caching.renew([caching.PAGES])


def render_times(pages, repeat=9):
    """For each (label, page, username): (label, status, seconds, plain page seconds, words).

    The plain page is a Wagtail page of the demo's own home-page type, holding the
    same words as the feature page's main content, served by the same client; it is
    not in the public-page cache. A page the public-page cache answers gives two rows:
    "(cache miss)", rendered with the cache emptied before each request (what the first
    visitor after a publish waits for), and "(cache hit)", served from the cache.
    """
    from example_site.demo.models import HomePage

    results = []
    home = HomePage.objects.first()
    for label, page, username in pages:
        client = client_for(username)
        response = client.get(page.url)
        words = _body_text(response)
        get = partial(client.get, page.url)
        if _served_from_page_cache(page, username):
            rows = [
                (f"{label} (cache miss)", timed(get, repeat=repeat, before=_renew_pages)),
                (f"{label} (cache hit)", timed(get, repeat=repeat)),
            ]
        else:
            rows = [(label, timed(get, repeat=repeat))]
        try:
            with transaction.atomic():
                paragraphs = "".join(
                    f"<p>{line}</p>" for line in words.splitlines() if line.strip()
                )
                plain = home.add_child(
                    instance=HomePage(
                        title=f"Plain page like {label}",
                        slug=f"bench-plain-{page.pk}",
                        intro=paragraphs,
                    )
                )
                plain_seconds = timed(
                    lambda client=client, url=plain.url: client.get(url), repeat=repeat
                )
                raise Rollback
        except Rollback:
            pass
        results += [
            (row_label, response.status_code, seconds, plain_seconds, len(words.split()))
            for row_label, seconds in rows
        ]
    return results


def save_costs(repeat=200):
    """(tracked save seconds, plain save seconds) per save of one post, rolled back."""
    post = Post.objects.order_by("pk").first()
    if post is None:
        return None, None
    tracked = plain = 0.0
    try:
        with transaction.atomic(), acting_as(None, "Benchmark"):
            for n in range(repeat):
                post.title = f"Tracked {n}"
                start = time.perf_counter()
                post.save()
                tracked += time.perf_counter() - start
                post.title = f"Plain {n}"
                post.skip_history_when_saving = True
                start = time.perf_counter()
                post.save()
                plain += time.perf_counter() - start
                del post.skip_history_when_saving
            raise Rollback
    except Rollback:
        pass
    return tracked / repeat, plain / repeat


def import_time(count):
    """Seconds to check and commit ``count`` services with history (rolled back)."""
    from wagtail_send.directory import importer
    from wagtail_send.directory.management.commands.directory_import_bench import sample_csv
    from wagtail_send.models import School

    data = sample_csv(count)
    seconds = None
    try:
        with transaction.atomic(), acting_as(None, "Benchmark"):
            school = School.objects.create(name="Import benchmark (rolled back)")
            start = time.perf_counter()
            checked = importer.check(data, "csv")
            importer.commit(checked, school=school, by=None)
            seconds = time.perf_counter() - start
            raise Rollback
    except Rollback:
        pass
    return seconds


def feature_pages(demo):
    """The pages whose render time is compared with a plain page: label, page, viewer."""
    from wagtail_send.directory.pages import ServiceDirectoryPage
    from wagtail_send.learning_wall.pages import LearningWallPage
    from wagtail_send.policies.models import SENInformationReportPage

    candidates = [
        ("learning wall", LearningWallPage, "teacher"),
        ("directory", ServiceDirectoryPage, "teacher"),
        ("SEN Information Report", SENInformationReportPage, None),
    ]
    pages = []
    for label, model, username in candidates:
        page = (
            model.objects.live()
            .descendant_of(Page.objects.get(pk=demo.site.root_page_id), inclusive=True)
            .first()
        )
        if page is not None:
            pages.append((label, page, username))
    return pages
