"""How often each cache answers, over a realistic day of requests on the demo school.

The mix is drawn from the same seed every run: parents reading the public pages (the
SEN Information Report most, its PDF, the policies, the directory with and without a
search, links carrying tracking parameters), staff on the wall (filtered now and then),
the directory and the report, and now and then a write one of the caches shows: a post,
a reply, a useful mark, a service renamed. Everything runs in one transaction that is
rolled back; renewals happen at once inside it, as they do for a writer.

Counted: a public page is a hit when the page cache served it without a database query;
the report's live summaries, the directory listing, the wall and the wall's rota lists
count their own cache lookups.
"""

import random
from collections import Counter
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from .listings import Rollback, client_for

#: Key prefixes of each cache's copies -> the name printed. A ``{% cache %}`` fragment's
#: name is in its key as written in the template, quotes and all.
COPIES = {
    "wagtail_send:report-live:": "report summaries",
    'template.cache."wagtail_send_directory".': "directory listing",
    'template.cache."wagtail_send_wall".': "wall",
    "wagtail_send:wall-rota:": "wall rota and filters",
}
PAGES = "public pages"
#: Every name, in the order printed.
NAMES = [PAGES, *COPIES.values()]
STAFF = ["teacher", "ta", "head", "senco"]


@contextmanager
def counting(counts):
    """Count the lookups and hits of every cache's copies in ``counts`` meanwhile."""
    backends = {id(caches[alias]): caches[alias] for alias in settings.CACHES}
    for backend in backends.values():
        original = backend.get

        def get(key, default=None, version=None, original=original):
            value = original(key, default, version)
            name = next((n for prefix, n in COPIES.items() if key.startswith(prefix)), None)
            if name:
                counts[name, "lookups"] += 1
                counts[name, "hits"] += value is not default
            return value

        backend.get = get
    try:
        yield
    finally:
        for backend in backends.values():
            del backend.get


def readers(demo):
    """``[(weight, label, username or None, url)]``: who reads what, how often."""
    from wagtail_send import pdf
    from wagtail_send.directory.pages import ServiceDirectoryPage
    from wagtail_send.learning_wall.pages import LearningWallPage
    from wagtail_send.policies.models import (
        SchoolPoliciesIndexPage,
        SENDPolicyPage,
        SENInformationReportPage,
    )

    def first(pages):
        page = pages.live().first()
        return page and page.url

    report = first(SENInformationReportPage.objects.filter(school=demo))
    index = first(SchoolPoliciesIndexPage.objects.filter(school=demo))
    policy = first(SENDPolicyPage.objects.filter(school=demo))
    # The demo site's, as the other benchmarks find them.
    directory = first(ServiceDirectoryPage.objects)
    wall = first(LearningWallPage.objects)
    pdf_weight = 3 if pdf.available() else 0
    mix = [
        (20, "parent: report", None, report, ""),
        (pdf_weight, "parent: report PDF", None, report, "pdf/"),
        (6, "parent: policies index", None, index, ""),
        (6, "parent: a policy", None, policy, ""),
        (10, "parent: directory", None, directory, ""),
        (3, "parent: directory, tracking link", None, directory, "?utm_source=news"),
        (3, "parent: directory, search", None, directory, "?q=speech"),
        (2, "parent: directory, area", None, directory, "?area=communication"),
        (2, "parent: directory, page 2", None, directory, "?page=2"),
        (25, "staff: wall", STAFF, wall, ""),
        (3, "staff: wall, questions", STAFF, wall, "?kind=question"),
        (2, "staff: wall, page 2", STAFF, wall, "?page=2"),
        (8, "staff: directory", STAFF, directory, ""),
        (3, "staff: report", STAFF, report, ""),
    ]
    return [(w, label, who, url + query) for w, label, who, url, query in mix if w and url]


def writes(demo):
    """``[(weight, label, write)]``: the writes a cache shows, as their authors make them."""
    from django.contrib.auth import get_user_model

    from wagtail_send.audit import acting_as
    from wagtail_send.directory.models import Service
    from wagtail_send.learning_wall.models import Kind, Post, Reply, Useful

    people = {u.username: u for u in get_user_model().objects.filter(username__in=STAFF)}

    def post():
        with acting_as(people["teacher"], "benchmark"):
            Post.objects.create(
                school=demo,
                created_by=people["teacher"],
                kind=Kind.RESOURCE,
                title="A visual timetable that worked",
            )

    def reply():
        latest = Post.objects.active().filter(school=demo).order_by("-pk").first()
        with acting_as(people["ta"], "benchmark"):
            Reply.objects.create(
                school=demo, post=latest, created_by=people["ta"], body="Thank you"
            )

    def useful():
        latest = Post.objects.active().filter(school=demo).order_by("-pk").first()
        Useful.objects.get_or_create(post=latest, user=people["head"])

    def rename():
        service = Service.objects.active().filter(school=demo, is_public=True).first()
        with acting_as(people["senco"], "benchmark"):
            renamed = service.name.endswith(" (renamed)")
            service.name = (
                service.name.removesuffix(" (renamed)")
                if renamed
                else (f"{service.name} (renamed)")
            )
            service.save()

    return [
        (2, "post", post),
        (1, "reply", reply),
        (1, "useful mark", useful),
        (1, "rename", rename),
    ]


def hit_rates(demo, requests=400, seed=14):
    """``(counts, queries, served)`` of ``requests`` requests and writes drawn from the mix.

    ``counts[name, "lookups" | "hits"]`` per cache; ``queries[label]`` the database
    queries of the requests of each kind; ``served[label]`` how many there were.
    """
    draw = random.Random(seed)
    reads, made = readers(demo), writes(demo)
    events = [(w, "read", entry) for w, *entry in reads]
    events += [(w, "write", entry) for w, *entry in made]
    weights = [event[0] for event in events]
    clients = {}
    counts, queries, served = Counter(), Counter(), Counter()
    for backend in {id(caches[alias]): caches[alias] for alias in settings.CACHES}.values():
        backend.clear()
    try:
        with transaction.atomic(), counting(counts):
            for _weight, kind, entry in draw.choices(events, weights, k=requests):
                if kind == "write":
                    entry[1]()
                    served[f"write: {entry[0]}"] += 1
                    continue
                label, who, url = entry
                username = draw.choice(who) if who else None
                client = clients.get(username) or clients.setdefault(
                    username, client_for(username)
                )
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(url)
                if response.status_code != 200:
                    label = f"{label} (HTTP {response.status_code})"
                queries[label] += len(captured)
                served[label] += 1
                if username is None:
                    counts[PAGES, "lookups"] += 1
                    counts[PAGES, "hits"] += len(captured) == 0
            raise Rollback
    except Rollback:
        pass
    return counts, queries, served
