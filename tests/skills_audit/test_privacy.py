"""An individual's answers: the person and the SENCO only; everyone else sees aggregates."""

import pytest

from wagtail_send.access import can, visible
from wagtail_send.privacy import reads_of
from wagtail_send.skills_audit.models import Response

from .conftest import add_staff, answer_all, question


@pytest.fixture
def answered(people, campaign, school):
    """The teacher's sent answers."""
    return answer_all(campaign, [people["staff"]], {question(school, "ASD"): (2, True)})[0]


@pytest.mark.parametrize(
    ("who", "status"),
    [("staff", 200), ("senco", 200), ("slt", 403), ("governor", 403), ("other_senco", 403)],
)
def test_individual_answers_are_for_the_person_and_the_senco(
    client, people, answered, who, status
):
    client.force_login(people[who])
    assert client.get(f"/send/skills-audit/answers/{answered.pk}/").status_code == status
    assert client.get(f"/send/skills-audit/answers/{answered.pk}/export/").status_code == status
    # Reads by anyone but the person are logged; refused attempts are not reads.
    readers = [r.reader for r in reads_of(answered)]
    assert readers == ([people[who]] * 2 if who == "senco" else [])


def test_leaders_cannot_list_or_read_answers_in_the_admin(client, people, answered):
    assert not visible(people["slt"], Response).exists()
    assert not can(people["slt"], "history", answered)
    client.force_login(people["slt"])
    history = client.get(f"/admin/send/skills-audit/answers/history/{answered.pk}/")
    assert history.status_code in (302, 403)
    listing = client.get("/admin/send/skills-audit/answers/")
    assert "Teacher" not in listing.content.decode()
    client.force_login(people["senco"])
    history = client.get(f"/admin/send/skills-audit/answers/history/{answered.pk}/")
    assert history.status_code == 200


def test_school_settings_can_name_more_readers(settings, people, answered):
    settings.WAGTAILSEND_ANSWER_READER_ROLES = ("senco", "slt")
    assert can(people["slt"], "view", answered)
    assert not can(people["governor"], "view", answered)


def test_another_member_of_staff_cannot_read_a_colleagues_answers(
    client, people, answered, school
):
    colleague = add_staff(school, 1, prefix="colleague")[0]
    client.force_login(colleague)
    assert client.get(f"/send/skills-audit/answers/{answered.pk}/").status_code == 403


def test_aggregates_hide_groups_smaller_than_the_minimum(client, people, campaign, school):
    asd = question(school, "ASD")
    answer_all(campaign, add_staff(school, 4, prefix="t"), {asd: (1, True)})
    client.force_login(people["governor"])
    page = client.get(f"/send/skills-audit/{campaign.pk}/gaps/").content.decode()
    assert "Fewer than 5 members of staff have sent answers" in page
    assert "1.0" not in page

    # A fifth teacher makes the whole-staff figure visible; two TAs stay hidden as a group.
    answer_all(campaign, add_staff(school, 1, prefix="u"), {asd: (1, True)})
    answer_all(
        campaign,
        add_staff(school, 2, "Teaching assistant", "ta"),
        {asd: (4, False)},
        job_title="Teaching assistant",
    )
    page = client.get(f"/send/skills-audit/{campaign.pk}/gaps/").content.decode()
    assert "7 members of staff sent answers" in page
    assert "Confidence: Teaching assistant" in page
    # All staff: (5 x 1 + 2 x 4) / 7 = 1.9; class teachers 1.0; the TAs' 4.0 never shows.
    assert "<td>1.9</td>" in page
    assert ">1.9</text>" in page
    assert "4.0" not in page


def test_aggregate_rule_applies_to_the_senco_too(people, campaign, school):
    from wagtail_send.skills_audit.aggregates import aggregate_visible

    assert not aggregate_visible(people["senco"], campaign, 4)
    assert aggregate_visible(people["senco"], campaign, 5)
    assert aggregate_visible(people["governor"], campaign, 5)
    assert not aggregate_visible(people["other_senco"], campaign, 50)


@pytest.mark.parametrize(("who", "status"), [("staff", 200), ("senco", 200), ("slt", 403)])
def test_history_of_answers_only_for_those_who_read_them(client, people, answered, who, status):
    client.force_login(people[who])
    reply = client.get(f"/send/skills-audit/answers/{answered.pk}/history/")
    assert reply.status_code == status
    if status == 200:
        assert "Started" in reply.content.decode()
