"""Cached content is forgotten by moving its generation on, never by finding every key."""

import pytest
from django.core.cache import cache

from wagtail_send import generations

pytestmark = pytest.mark.django_db  # on_commit needs a connection


def test_a_write_or_an_eviction_never_brings_back_an_old_generation():
    first = generations.current("example:gen")
    assert generations.current("example:gen") == first  # stable while nothing is written
    generations.move_on("example:gen")
    second = generations.current("example:gen")
    assert second != first
    # A counter restarted after eviction could land on an old number whose copies are
    # still cached; a fresh random token cannot.
    cache.delete("example:gen")
    assert generations.current("example:gen") not in {first, second}


def test_several_generations_read_as_one_token_and_move_on_separately():
    both = generations.current("a:gen", "b:gen")
    generations.move_on("b:gen")
    after = generations.current("a:gen", "b:gen")
    assert after.split(".")[0] == both.split(".")[0] and after != both
