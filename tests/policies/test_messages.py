"""What the workflow tells governors and the SENCO, and how people are named."""

import pytest
from django.core import mail
from django.urls import reverse

from .conftest import make_policy
from .test_review import review_url, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(index, people):
    policy = make_policy(index, "SEN policy", None, owner=people["senco"])
    mail.outbox.clear()
    return policy, submit(policy, people["senco"], summary="Reviewed", change_note="Annual review")


def only(to):
    found = [message for message in mail.outbox if message.to == [to]]
    assert len(found) == 1, [(m.to, m.subject) for m in mail.outbox]
    return found[0]


def test_governors_are_asked_for_a_decision_with_the_review_page(submitted, people):
    policy, state = submitted
    message = only("governor@school.example")
    assert message.subject == "For your decision: SEN policy"
    assert message.body.startswith("Dear Governor,")
    assert "Senco has submitted “SEN policy” (Oakfield Primary) for approval" in message.body
    assert "What changed: Annual review" in message.body
    assert f"http://testserver{review_url(state)}" in message.body
    assert "edit" not in message.body.lower()


def test_the_senco_hears_changes_requested_with_the_comment(client, submitted, people):
    policy, state = submitted
    mail.outbox.clear()
    client.force_login(people["governor"])
    client.post(review_url(state), {"decision": "reject", "comment": "Name the deputy."})
    message = only("senco@school.example")
    assert message.subject == "Changes requested: SEN policy"
    assert message.body.startswith("Dear Senco,")
    assert "Governor has asked for changes to “SEN policy”" in message.body
    assert "“Name the deputy.”" in message.body
    assert "reject" not in message.body.lower() and "reject" not in message.subject.lower()


def test_the_senco_hears_of_the_approval(client, submitted, people):
    policy, state = submitted
    mail.outbox.clear()
    client.force_login(people["governor"])
    client.post(review_url(state), {"decision": "approve"})
    message = only("senco@school.example")
    assert message.subject == "Approved and published: SEN policy"
    assert "Governor approved “SEN policy”, and it is now published." in message.body


def test_owners_are_offered_by_name(client, index, people):
    people["senco"].last_name = "Shah"
    people["senco"].save()
    client.force_login(people["senco"])
    url = reverse(
        "wagtailadmin_pages:add", args=("wagtail_send_policies", "sendpolicypage", index.pk)
    )
    html = client.get(url).content.decode()
    assert ">Senco Shah</option>" in html
    assert ">senco</option>" not in html


def test_the_history_index_says_a_draft_is_not_published_yet(client, index, people):
    make_policy(index, "Behaviour", None, owner=people["senco"], live=False)
    client.force_login(people["governor"])
    html = client.get(reverse("wagtail_send_policies:history_index")).content.decode()
    row = html.split("Behaviour</a>")[1].split("</tr>")[0]
    assert "Not published yet" in row and "Current" not in row
