"""An individual's answers: the person and the SENCO only; everyone else sees aggregates."""

import pytest

from wagtail_send.access import can, visible
from wagtail_send.privacy import reads_of
from wagtail_send.skills_audit.models import Response

from .conftest import add_staff, answer_all, answer_each, question


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


def test_figures_wait_for_five_people_and_never_name_a_job_title(client, people, campaign, school):
    asd = question(school, "ASD")
    ratings = [{asd: (r, r < 3)} for r in (1, 2, 1, 3)]
    answer_each(campaign, add_staff(school, 4, prefix="t"), ratings)
    client.force_login(people["governor"])
    page = client.get(f"/send/skills-audit/{campaign.pk}/gaps/").content.decode()
    assert "Fewer than 5 members of staff have sent answers" in page
    assert "1.8" not in page

    # A fifth teacher makes the whole-staff figure visible. Two TAs and an HLTA answer too,
    # but groups are roles, never job titles, and no breakdown shows while the audit is open.
    answer_each(campaign, add_staff(school, 1, prefix="u"), [{asd: (2, True)}])
    answer_each(
        campaign,
        add_staff(school, 2, "Teaching assistant", "ta") + add_staff(school, 1, "HLTA", "h"),
        [{asd: (4, False)}] * 3,
        job_title="Teaching assistant",
    )
    page = client.get(f"/send/skills-audit/{campaign.pk}/gaps/").content.decode()
    assert "8 members of staff sent answers" in page
    # All staff: (1 + 2 + 1 + 3 + 2 + 3 x 4) / 8 = 2.6, the only confidence figure shown.
    assert "<td>2.6</td>" in page
    assert ">2.6</text>" in page
    assert "Confidence: " not in page
    assert "4.0" not in page


@pytest.mark.parametrize(("who", "status"), [("staff", 200), ("senco", 200), ("slt", 403)])
def test_history_of_answers_only_for_those_who_read_them(client, people, answered, who, status):
    client.force_login(people[who])
    reply = client.get(f"/send/skills-audit/answers/{answered.pk}/history/")
    assert reply.status_code == status
    if status == 200:
        assert "Started" in reply.content.decode()
