"""The SENCO's qualification and leadership status: regulation 49's deadline, on the
dashboards of the SENCO and the head, and in the SEN Information Report's item 4."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from wagtail_send.policies.senco import Standing, senco_status

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
D = datetime.date


@pytest.fixture
def on_1_december_2026(time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 1, 10, tzinfo=LONDON), tick=False)


def sencos_school(school, **details):
    for name, value in details.items():
        setattr(school, f"senco_{name}", value)
    school.save()
    return school


@pytest.mark.parametrize(
    ("details", "standing", "deadline", "days_left"),
    [
        ({}, Standing.UNKNOWN, None, None),
        ({"appointed_on": D(2008, 4, 1)}, Standing.NOT_BOUND, None, None),
        ({"appointed_on": D(2025, 1, 6), "earlier_service": True}, Standing.NOT_BOUND, None, None),
        ({"appointed_on": D(2025, 1, 6)}, Standing.ON_TRACK, D(2028, 1, 6), 401),
        ({"appointed_on": D(2024, 4, 15)}, Standing.CLOSE, D(2027, 4, 15), 135),
        ({"appointed_on": D(2023, 9, 1)}, Standing.OVERDUE, D(2026, 9, 1), -91),
        # The NPQ, started after 1 September 2024 and completed.
        (
            {
                "appointed_on": D(2024, 9, 1),
                "qualification": "npq",
                "qualification_started": D(2024, 10, 1),
                "qualification_completed": D(2026, 7, 1),
            },
            Standing.QUALIFIED,
            None,
            None,
        ),
        # A NASENCO started before 1 September 2024 and completed: it counts.
        (
            {
                "appointed_on": D(2023, 9, 1),
                "qualification": "nasenco",
                "qualification_started": D(2024, 1, 10),
                "qualification_completed": D(2025, 6, 30),
            },
            Standing.QUALIFIED,
            None,
            None,
        ),
        # A NASENCO started after 1 September 2024 does not count, even completed.
        (
            {
                "appointed_on": D(2024, 9, 1),
                "qualification": "nasenco",
                "qualification_started": D(2024, 9, 2),
                "qualification_completed": D(2025, 6, 30),
            },
            Standing.ON_TRACK,
            D(2027, 9, 1),
            274,
        ),
    ],
)
def test_the_regulation_49_deadline(
    school, on_1_december_2026, details, standing, deadline, days_left
):
    status = senco_status(sencos_school(school, **details))
    assert (status.standing, status.deadline, status.days_left) == (standing, deadline, days_left)


def test_a_nasenco_still_being_studied_counts_only_if_completed_before_september_2027(
    school, time_machine
):
    sencos_school(
        school,
        appointed_on=D(2025, 1, 6),
        qualification="nasenco",
        qualification_started=D(2024, 6, 1),
    )
    time_machine.move_to(datetime.datetime(2026, 12, 1, 10, tzinfo=LONDON), tick=False)
    assert "counts only if it is completed before 1 September 2027" in senco_status(school).note
    time_machine.move_to(datetime.datetime(2027, 9, 2, 10, tzinfo=LONDON), tick=False)
    status = senco_status(school)
    assert "the NPQ for SENCOs is needed" in status.note
    assert status.standing == Standing.CLOSE and status.days_left == 126  # 6 January 2028
    # Completed on 1 September 2027 is too late for a NASENCO.
    school.senco_qualification_completed = D(2027, 9, 1)
    assert senco_status(school).standing == Standing.CLOSE


def test_dates_that_cannot_be_are_field_errors(school):
    sencos_school(
        school,
        qualification="npq",
        qualification_started=D(2025, 1, 1),
        qualification_completed=D(2024, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        school.full_clean()
    assert error.value.message_dict["senco_qualification_completed"] == [
        "It cannot be completed before it started."
    ]
    school.senco_qualification_completed = D(2026, 1, 1)
    school.senco_qualification = "none"
    with pytest.raises(ValidationError) as error:
        school.full_clean()
    assert "senco_qualification" in error.value.message_dict


def test_the_senco_and_the_head_see_the_deadline_on_their_dashboards(
    client, school, people, on_1_december_2026
):
    sencos_school(school, appointed_on=D(2025, 1, 6))
    for who in ("senco", "slt"):
        people[who].is_staff = True
        people[who].save()
        client.force_login(people[who])
        html = client.get("/admin/").content.decode()
        assert "SENCO qualification" in html
        assert "must hold the NPQ for SENCOs (or a NASENCO that counts) by 6 January 2028" in html
        assert "401 days left" in html

    people["other_senco"].is_staff = True
    people["other_senco"].save()
    client.force_login(people["other_senco"])
    html = client.get("/admin/").content.decode()
    assert "<strong>Oakfield Primary:</strong>" not in html and "6 January 2028" not in html
    assert "Enter the date the SENCO was appointed." in html  # their own school's

    sencos_school(
        school,
        qualification="npq",
        qualification_started=D(2025, 2, 1),
        qualification_completed=D(2026, 11, 20),
    )
    client.force_login(people["senco"])
    assert "SENCO qualification" not in client.get("/admin/").content.decode()


def test_an_overdue_qualification_says_how_long_overdue(
    client, school, people, on_1_december_2026
):
    sencos_school(school, appointed_on=D(2023, 9, 1))
    people["senco"].is_staff = True
    people["senco"].save()
    client.force_login(people["senco"])
    html = client.get("/admin/").content.decode()
    assert "had to hold the qualification by 1 September 2026: 91 days overdue" in html


def test_item_4_tells_parents_of_the_qualification_and_leadership(
    client, report, school, on_1_december_2026
):
    sencos_school(
        school,
        name="Ms Amira Shah",
        email="senco@oakfield.example",
        appointed_on=D(2025, 1, 6),
        qualification="npq",
        qualification_started=D(2025, 2, 1),
        on_slt=True,
    )
    html = client.get(report.url).content.decode()
    assert (
        "Our SENCO is studying for the NPQ for SENCOs, which they will hold by January 2028"
        in html
    )
    assert "Our SENCO is a member of the senior leadership team." in html

    school.senco_qualification_completed = D(2026, 11, 20)
    school.save()
    html = client.get(report.url).content.decode()
    assert "Our SENCO holds the NPQ for SENCOs (2026)" in html
