"""Cached content is forgotten by moving its generation on, never by finding every key."""

import pytest
from django.core.cache import cache
from django.db import transaction

from wagtail_send.caching import generations

# on_commit needs a connection; every test runs on local memory and on a real Redis.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_cache")]


def test_a_write_or_an_eviction_never_brings_back_an_old_generation():
    first = generations.current("example:gen", cache=cache)
    assert generations.current("example:gen", cache=cache) == first  # stable meanwhile
    generations.move_on("example:gen", cache=cache)
    second = generations.current("example:gen", cache=cache)
    assert second != first
    # A counter restarted after eviction could land on an old number whose copies are
    # still cached; a fresh random token cannot.
    cache.delete("example:gen")
    assert generations.current("example:gen", cache=cache) not in {first, second}


def test_several_generations_read_as_one_token_and_move_on_separately():
    both = generations.current("a:gen", "b:gen", cache=cache)
    generations.move_on("b:gen", cache=cache)
    after = generations.current("a:gen", "b:gen", cache=cache)
    assert after.split(".")[0] == both.split(".")[0] and after != both


def test_what_was_cached_inside_a_rolled_back_write_is_never_read():
    with pytest.raises(RuntimeError), transaction.atomic():
        generations.move_on("example:gen", cache=cache)
        during = generations.current("example:gen", cache=cache)
        raise RuntimeError
    assert generations.current("example:gen", cache=cache) != during
