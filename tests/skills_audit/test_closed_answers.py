"""Issue 15, finding 5: once an audit closes, the answers sent to it are read-only to all."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from .conftest import answer_all, question

pytestmark = pytest.mark.django_db


def edit_url(response):
    return f"/admin/send/skills-audit/answers/edit/{response.pk}/"


@pytest.fixture
def leaders_answers(people, campaign, school):
    """The headteacher's and the governor's own sent answers (both use the admin)."""
    return answer_all(
        campaign, [people["slt"], people["governor"]], {question(school, "ASD"): (2, True)}
    )


def _after_closing(campaign):
    closed = datetime.datetime.combine(
        campaign.closes_on + datetime.timedelta(days=1), datetime.time(10, 0)
    )
    return time_machine.travel(timezone.make_aware(closed), tick=False)


@pytest.mark.parametrize("index", [0, 1])
def test_leaders_cannot_edit_their_sent_answers_once_the_audit_closes(
    client, people, campaign, leaders_answers, index
):
    answers = leaders_answers[index]
    client.force_login(answers.created_by)
    # While the audit is open the admin still lets the person correct their own answers.
    assert client.get(edit_url(answers)).status_code == 200
    with _after_closing(campaign):
        client.force_login(answers.created_by)  # a new session: the old one has expired
        refused = client.get(edit_url(answers), follow=True)
        assert refused.redirect_chain[-1][0].endswith(f"/inspect/{answers.pk}/")
        assert "This audit has closed" in refused.content.decode()
        attempt = client.post(edit_url(answers), {"answers": '{"1": {"confidence": 4}}'})
        assert attempt.status_code == 302
    answers.refresh_from_db()
    assert next(iter(answers.answers.values()))["confidence"] == 2
