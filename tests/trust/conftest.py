"""A cast for the trust tests: the core's people plus an author and a second guest."""

import pytest
from django.contrib.auth.models import AnonymousUser

from wagtail_send.access import grant
from wagtail_send.roles import Role

from .factories import make_not_public


@pytest.fixture
def cast(people, school, make_user):
    """The people of ``tests/trust/expected.py``, keyed by its names."""
    return {
        **people,
        "anonymous": AnonymousUser(),
        "author": make_user("author", school=school, role=Role.STAFF),
        "other_guest": make_user("visitor2"),
    }


@pytest.fixture
def record_for(cast, school):
    """``record_for(Model)``: one record made by the author, read-shared with ``guest``;
    a second record of the same model is read-shared with ``other_guest``."""

    def build(model):
        record = make_not_public(model, school=school, author=cast["author"])
        other = make_not_public(model, school=school, author=cast["author"])
        grant(record, cast["guest"], "view", by=cast["superuser"], as_guest=True)
        grant(other, cast["other_guest"], "view", by=cast["superuser"], as_guest=True)
        return record

    return build
