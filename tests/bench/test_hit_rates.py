"""The bench's cache hit-rate mix reaches every cache, and every cache answers in it."""

import pytest

from example_site.bench import hits

pytestmark = pytest.mark.django_db


def test_the_mix_reaches_every_cache_and_each_answers_again(demo):
    counts, queries, served = hits.hit_rates(demo, requests=60)
    # A cache whose copies the mix never looked up (a renamed fragment, say) would
    # print a rate of nothing: every one is looked up, and found again at least once.
    assert {name: counts[name, "hits"] > 0 for name in hits.NAMES} == dict.fromkeys(
        hits.NAMES, True
    )
    assert all(counts[name, "lookups"] >= counts[name, "hits"] for name in hits.NAMES)
    assert [label for label in served if "HTTP" in label] == []
    assert sum(served.values()) == 60 and set(queries) <= set(served)
