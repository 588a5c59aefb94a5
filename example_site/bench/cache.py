"""Public pages from cache: database queries on a repeated anonymous request, and
whether a publish is seen at once (the purge)."""

from django.db import transaction

from .listings import Rollback, client_for, count_queries


def public_pages(demo):
    """The SEN Information Report and the live policies of the demo school."""
    from wagtail_send.policies.models import SENDPolicyPage, SENInformationReportPage

    pages = [
        ("SEN Information Report", page)
        for page in SENInformationReportPage.objects.live().filter(school=demo)[:1]
    ]
    pages += [
        (f"policy: {page.title}", page)
        for page in SENDPolicyPage.objects.live().filter(school=demo).order_by("pk")[:2]
    ]
    return pages


def hit_queries(page):
    """Queries of the second of two anonymous GETs (the one a cache would answer)."""
    client = client_for(None)
    client.get(page.url)
    return count_queries(client, page.url)


def fresh_after_publish(page):
    """Whether a newly published title is served on the next request (rolled back)."""
    client = client_for(None)
    client.get(page.url)
    fresh = False
    try:
        with transaction.atomic():
            specific = page.specific
            specific.title = "Published just now by the benchmark"
            specific.save_revision().publish()
            fresh = "Published just now by the benchmark" in client.get(page.url).content.decode()
            raise Rollback
    except Rollback:
        pass
    return fresh
