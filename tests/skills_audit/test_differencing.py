"""Disclosure control: no one's answers follow from the figures by subtraction or over time.

The two findings of issue 16 in the demo school, then the differencing suite: an attacker
(:mod:`.attacker`) holding every release tries every pair of releases and every mix of
shown cells and margins, for the demo school and for generated ones, and counts the
individual answers it recovers.
"""

import csv
import datetime
import io
import random
import re
import zoneinfo
from html import unescape

import pytest

from wagtail_send.audit import acting_as
from wagtail_send.models import Membership
from wagtail_send.roles import Role
from wagtail_send.skills_audit.models import Campaign, Question, Response
from wagtail_send.skills_audit.releases import latest

from .attacker import Report, attack_campaign
from .conftest import add_staff, answer_each, question

LONDON = zoneinfo.ZoneInfo("Europe/London")
DEMO_DAY = datetime.datetime(2026, 11, 22, 9, tzinfo=LONDON)


@pytest.fixture
def demo(make_user, school, census_codes, time_machine):
    """The demo school as loaded on ``DEMO_DAY``; its teacher and TA have not answered yet."""
    from example_site.demo.features import skills_audit

    time_machine.move_to(DEMO_DAY, tick=False)
    people = {
        "senco": make_user("senco", school=school, role=Role.SENCO),
        "teacher": make_user("teacher", school=school),
        "ta": make_user("ta", school=school),
        "slt": make_user("slt", school=school, role=Role.SLT),
    }
    for who, title in (("teacher", "Year 3 teacher"), ("ta", "Teaching assistant")):
        Membership.objects.create(
            user=people[who], school=school, role=Role.STAFF, job_title=title
        )
    with acting_as(people["senco"], "Demo data"):
        skills_audit.load(school=school, people=people, home=None)
    people["campaign"] = Campaign.objects.get(
        school=school, opens_on__lte=DEMO_DAY.date(), closes_on__gte=DEMO_DAY.date()
    )
    return people


def send(client, user, campaign, ratings, time_machine):
    """``user`` sends answers through the form: ``ratings`` maps a census code to 1-4."""
    time_machine.shift(datetime.timedelta(minutes=7))
    data = {"action": "send"}
    for q in Question.objects.filter(school_id=campaign.school_id).select_related("need"):
        code = q.need.code if q.need else "general"
        data[f"q{q.pk}_confidence"] = ratings.get(code, 3)
        if ratings.get(code, 3) <= 2:
            data[f"q{q.pk}_training"] = "on"
    client.force_login(user)
    assert client.post(f"/send/skills-audit/{campaign.pk}/answer/", data).status_code == 302


def _by_need_table(page):
    """``{need label: {column heading: text}}`` from the gap page's table by need."""
    table = page[page.index('id="by-need-caption"') : page.index('id="by-area"')]
    headings = [unescape(h) for h in re.findall(r'<th scope="col">(.*?)</th>', table)]
    rows = {}
    for label, cells in re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', table, re.S):
        values = re.findall(r"<td>(.*?)</td>", cells)
        rows[unescape(label)] = dict(zip(headings[1:], values, strict=False))
    return rows


def test_a_colleague_cannot_work_out_the_hltas_rating_by_subtraction(
    client, demo, school, time_machine
):
    """Issue 16: all staff x 14 minus class teachers and TAs minus my own rating left the
    HLTA's. Whatever columns the page shows, the people they leave out must never be the
    reader and one other person."""
    campaign = demo["campaign"]
    send(client, demo["ta"], campaign, {"SLCN": 2}, time_machine)
    send(client, demo["teacher"], campaign, {"SLCN": 3}, time_machine)
    page = client.get(f"/send/skills-audit/{campaign.pk}/gaps/").content.decode()
    slcn = _by_need_table(page)["Speech, language and communication needs (SLCN)"]
    answered = set(Response.objects.filter(campaign=campaign).values_list("created_by", flat=True))
    memberships = Membership.objects.filter(school=school, user__in=answered)
    covered = set()
    for heading, value in slcn.items():
        if heading.startswith("Confidence: ") and value != "—":
            name = heading.removeprefix("Confidence: ")
            covered |= {
                m.user_id
                for m in memberships
                if m.job_title == name or str(m.get_role_display()) == name
            }
    left_out = answered - covered - {demo["teacher"].pk}
    assert slcn["Mean confidence (1–4)"] != "—"
    assert not covered or len(left_out) != 1, "one colleague's rating follows by subtraction"


def test_the_gap_figures_do_not_change_when_one_person_sends(client, demo, time_machine):
    """Issue 16: gaps.csv before and after one teacher sends gave that teacher's ratings."""
    campaign = demo["campaign"]
    url = f"/send/skills-audit/{campaign.pk}/gaps.csv"
    client.force_login(demo["slt"])
    before = client.get(url).content
    send(client, demo["teacher"], campaign, {"SLCN": 4, "ASD": 1}, time_machine)
    client.force_login(demo["slt"])
    assert client.get(url).content == before

    # Once five people have sent answers since, the figures move on, all five at once.
    for person in [demo["ta"], *add_staff(campaign.school, 3, prefix="late")]:
        send(client, person, campaign, {"SLCN": 1}, time_machine)
    client.force_login(demo["slt"])
    after = list(csv.DictReader(io.StringIO(client.get(url).content.decode())))
    slcn = next(r for r in after if r["Code or area"] == "SLCN")
    assert slcn["Answers"] == "17"


def _generated(school, senco, time_machine, seed, waves):
    """An audit of a generated school: 30 staff (18 without waves), 6 SLT and the SENCO.

    ``waves`` of people answer at once (an INSET session), then the rest one by one, with
    some changing their answers and, once twenty have answered, someone withdrawing for
    each newcomer; someone opens the gap page after every change, and again once the audit
    has closed.
    """
    rng = random.Random(seed)  # noqa: S311
    time_machine.move_to(DEMO_DAY, tick=False)
    with acting_as(senco, "test"):
        campaign = Campaign.objects.create(
            school=school,
            title=f"Generated {seed}",
            opens_on=DEMO_DAY.date(),
            closes_on=DEMO_DAY.date() + datetime.timedelta(days=20),
            created_by=senco,
        )
    questions = list(Question.objects.filter(school=school))
    staff = add_staff(school, 30 if waves else 18, prefix=f"g{seed}-")
    slt = add_staff(school, 6, prefix=f"l{seed}-")
    Membership.objects.bulk_create([Membership(user=u, school=school, role=Role.SLT) for u in slt])
    skill = {q.pk: rng.uniform(1.3, 3.4) for q in questions}

    def answers():
        result = {}
        for q in questions:
            rating = max(1, min(4, round(rng.gauss(skill[q.pk], 0.8))))
            asks = rng.random() < (0.6 if rating <= 2 else 0.1)
            result[str(q.pk)] = {"confidence": rating, "training": asks, "comment": ""}
        return result

    def save(response):
        time_machine.shift(datetime.timedelta(minutes=rng.randint(5, 600)))
        with acting_as(response.created_by, "test"):
            response.save()
        latest(campaign)

    def sent(user):
        return Response(
            school=school,
            campaign=campaign,
            created_by=user,
            answers=answers(),
            submitted_at=DEMO_DAY,
        )

    # In the INSET session the leadership team and the SENCO answer with ten teachers;
    # afterwards only teachers answer and change their minds.
    first = [senco, *slt, *staff[:10]] if waves else []
    for user in first:
        time_machine.shift(datetime.timedelta(seconds=30))
        with acting_as(user, "test"):
            sent(user).save()
    latest(campaign)
    rest = [u for u in [senco, *slt, *staff] if u not in first]
    rng.shuffle(rest)
    done = list(Response.objects.filter(campaign=campaign))
    for user in rest:
        response = sent(user)
        save(response)
        done.append(response)
        changeable = [r for r in done if r.created_by in staff] if waves else done
        if rng.random() < 0.25:
            revised = rng.choice(changeable)
            revised.answers = answers()
            save(revised)
        if len(done) == 20:  # back to 19 below, so each newcomer from now on
            withdrawn = rng.choice(changeable)
            done.remove(withdrawn)
            time_machine.shift(datetime.timedelta(minutes=3))
            with acting_as(withdrawn.created_by, "test"):
                withdrawn.archive("Withdrawn")
            latest(campaign)
    time_machine.move_to(DEMO_DAY + datetime.timedelta(days=25), tick=False)
    assert latest(campaign).final
    return campaign


def _print(name, report):
    print(
        f"\n{name}: {report.releases} releases, {report.group_figures} figures by role; "
        "outsider, every release and every pair: "
        f"{report.trials} answers tried, {report.recovered} recovered; each respondent as an "
        f"insider: {report.insider_trials} tried, {report.insider_recovered_exactly} recovered "
        f"exactly, {report.insider_bounded} pinned by bounds"
    )


@pytest.mark.parametrize(
    "scenario",
    [
        "demo",
        "trickle",
        "waves",
    ],
)
def test_differencing_suite_recovers_no_ones_answers(
    client, demo, school, time_machine, capsys, scenario
):
    total = Report()
    if scenario == "demo":
        # Last year's audit (closed) and this year's, where the teacher and the TA send
        # after the first release, then the audit closes.
        this_year = demo["campaign"]
        latest(this_year)
        send(client, demo["teacher"], this_year, {"SLCN": 3}, time_machine)
        latest(this_year)
        send(client, demo["ta"], this_year, {"SLCN": 2, "ASD": 1}, time_machine)
        latest(this_year)
        closed = this_year.closes_on + datetime.timedelta(days=1)
        time_machine.move_to(datetime.datetime.combine(closed, datetime.time(9), LONDON))
        campaigns = list(Campaign.objects.filter(school=school))
    else:
        waves = scenario == "waves"
        campaigns = [_generated(school, demo["senco"], time_machine, 1 if waves else 2, waves)]
    for campaign in campaigns:
        assert latest(campaign).final
        report = attack_campaign(campaign)
        _print(f"{scenario}: {campaign.title}", report)
        total.add(report)
    with capsys.disabled():
        _print(f"Differencing suite, {scenario}", total)
    assert total.trials > 500
    assert total.recovered == 0
    assert total.insider_recovered_exactly == 0


def test_three_releases_of_five_changes_each_do_not_pin_a_colleague(
    people, campaign, school, census_codes
):
    """Each step between releases is five people joining or leaving, and each looks safe
    on its own, but read together the three releases gave away whether the one colleague
    who stayed throughout asked for SLCN training (worked by hand: the second step says two
    of the three newcomers asked, the third that one of the two leavers had, so the first
    release's single request was theirs and the colleague asked for none). The third
    release now holds that figure back and no one's answer can be recovered."""
    slcn = question(school, "SLCN")
    staff = add_staff(school, 11)

    def join(who, answers):
        return answer_each(campaign, who, [{slcn: (rating, asks)} for rating, asks in answers])

    def leave(responses):
        for response in responses:
            with acting_as(response.created_by, "test"):
                response.archive("Withdrawn")

    first = join(staff[:5], [(2, False), (3, False), (2, False), (3, False), (3, True)])
    assert latest(campaign).number == 1
    leave(first[:2])
    join(staff[5:8], [(3, True), (2, True), (3, False)])
    assert latest(campaign).number == 2
    leave(first[3:])
    join(staff[8:], [(2, False), (3, False), (2, False)])
    assert latest(campaign).number == 3
    releases = [r.figures["leaves"].get("communication:SLCN", {}) for r in campaign.releases.all()]
    assert len(releases) == 3
    assert "training" in releases[0] and "training" in releases[1]

    report = attack_campaign(campaign)
    assert report.trials
    assert report.recovered == 0
    assert report.insider_recovered_exactly == 0
