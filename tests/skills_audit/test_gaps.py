"""Gap analysis: the ranking formula on a hand-worked data set, the export, query counts."""

import csv
import io

import pytest

from wagtail_send.audit import acting_as
from wagtail_send.models import NeedType
from wagtail_send.skills_audit.gaps import analyse
from wagtail_send.skills_audit.models import NeedCount, NeedProfile

from .conftest import add_staff, answer_all, answer_each, make_campaign, question


def make_profile(school, senco, counts, title="Spring census 2026"):
    """``counts`` maps census code -> (SEN support, EHC plan) pupils in year 3."""
    with acting_as(senco, "test"):
        profile = NeedProfile.objects.create(school=school, title=title, created_by=senco)
        for code, (support, ehc) in counts.items():
            need = NeedType.objects.get(code=code)
            NeedCount.objects.create(
                profile=profile, need=need, year_group="3", level="sen_support", count=support
            )
            NeedCount.objects.create(
                profile=profile, need=need, year_group="3", level="ehc_plan", count=ehc
            )
    return profile


@pytest.fixture
def known(people, campaign, school):
    """20 pupils: SLCN 10, ASD 5, SEMH 5. Five teachers answer the three questions.

    Ratings, and who asks for training (T):
      SLCN: 3T 3 3 3 3    -> confidence 3.0, training 1/5
      ASD:  1T 1T 1T 1T 2 -> confidence 1.2, training 4/5
      SEMH: 2 2 2 2 3T    -> confidence 2.2, training 1/5
    By hand, priority = share x (4 - confidence) / 3 x (1 + training share):
      ASD:  0.25 x 2.8 / 3 x 1.8 = 0.42
      SLCN: 0.50 x 1.0 / 3 x 1.2 = 0.2
      SEMH: 0.25 x 1.8 / 3 x 1.2 = 0.18
    so the ranking is ASD, SLCN, SEMH although SLCN is the commonest need.
    """
    make_profile(school, people["senco"], {"SLCN": (8, 2), "ASD": (4, 1), "SEMH": (5, 0)})
    slcn, asd, semh = (question(school, c) for c in ("SLCN", "ASD", "SEMH"))
    answer_each(
        campaign,
        add_staff(school, 5),
        [
            {slcn: (3, True), asd: (1, True), semh: (2, False)},
            {slcn: (3, False), asd: (1, True), semh: (2, False)},
            {slcn: (3, False), asd: (1, True), semh: (2, False)},
            {slcn: (3, False), asd: (1, True), semh: (2, False)},
            {slcn: (3, False), asd: (2, False), semh: (3, True)},
        ],
    )
    return campaign


def test_priorities_rank_as_worked_by_hand(people, known):
    analysis = analyse(known)
    ranked = [(r.key, round(r.priority, 4)) for r in analysis.priorities]
    assert ranked == [("ASD", 0.42), ("SLCN", 0.2), ("SEMH", 0.18)]
    slcn = next(r for r in analysis.needs if r.key == "SLCN")
    assert (slcn.pupils, slcn.ehc, slcn.share, slcn.confidence) == (10, 2, 0.5, 3.0)
    communication = next(r for r in analysis.areas if r.key == "communication")
    # Area (SLCN and ASD): share 15/20; confidence (15 + 6) / 10 = 2.1; training 5/10.
    assert communication.priority == pytest.approx(0.75 * (1.9 / 3) * 1.5)


def test_gap_page_shows_heatmap_table_and_priorities(client, people, known):
    client.force_login(people["governor"])
    page = client.get(f"/send/skills-audit/{known.pk}/gaps/").content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="skills-heatmap" role="img"' in page
    assert page.index("Autistic spectrum disorder (ASD): priority 0.42") < page.index(
        "Speech, language and communication needs (SLCN): priority 0.20"
    )
    summary = client.get(f"/send/skills-audit/{known.pk}/summary/")
    assert "Print this summary" in summary.content.decode()
    # Governors see aggregates but cannot download them.
    assert client.get(f"/send/skills-audit/{known.pk}/gaps.csv").status_code == 403


def test_gap_csv(client, people, known):
    client.force_login(people["slt"])
    reply = client.get(f"/send/skills-audit/{known.pk}/gaps.csv")
    rows = list(csv.DictReader(io.StringIO(reply.content.decode())))
    asd = next(r for r in rows if r["Code or area"] == "ASD")
    assert (asd["Pupils"], asd["Mean confidence"], asd["Priority"], asd["Rank"]) == (
        "5",
        "1.2",
        "0.42",
        "1",
    )


def test_trend_against_the_previous_audit(people, known, school):
    later = make_campaign(school, people["senco"], title="Autumn 2027", days_ago=0)
    asd = question(school, "ASD")
    answer_all(later, add_staff(school, 5, prefix="n"), {asd: (3, False)})
    analysis = analyse(later)
    assert analysis.previous == known
    row = next(r for r in analysis.needs if r.key == "ASD")
    assert row.change == pytest.approx(3.0 - 1.2)


def test_a_fall_since_the_previous_audit_is_a_negative_number_in_the_csv(
    client, people, known, school
):
    later = make_campaign(school, people["senco"], title="Autumn 2027", days_ago=0)
    slcn = question(school, "SLCN")
    answer_each(
        later, add_staff(school, 5, prefix="n"), [{slcn: (r, False)} for r in (1, 1, 1, 1, 2)]
    )
    client.force_login(people["slt"])
    reply = client.get(f"/send/skills-audit/{later.pk}/gaps.csv")
    rows = list(csv.DictReader(io.StringIO(reply.content.decode())))
    slcn = next(r for r in rows if r["Code or area"] == "SLCN")
    # A number, not text: written as it is, so a spreadsheet can still add it up.
    assert float(slcn["Change since previous audit"]) < 0


def test_gap_view_runs_the_same_queries_for_10_and_500_staff(
    client, people, campaign, school, django_assert_max_num_queries, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_profile(school, people["senco"], {"ASD": (4, 1), "SEMH": (5, 0)})
    answers = {question(school, c): (2, True) for c in ("ASD", "SEMH", "HI")}
    answer_all(campaign, add_staff(school, 10), answers)
    client.force_login(people["slt"])
    url = f"/send/skills-audit/{campaign.pk}/gaps/"
    client.get(url)  # warm caches (site, content types); makes the first release
    with django_assert_max_num_queries(15), CaptureQueriesContext(connection) as ten:
        assert client.get(url).status_code == 200
    expected = len(ten.captured_queries)

    answer_all(campaign, add_staff(school, 490, prefix="more"), answers)
    client.get(url)  # makes the release with the 490 new answers
    with django_assert_num_queries(expected):
        reply = client.get(url)
    assert "500 members of staff sent answers" in reply.content.decode()
