"""The SENCO opens audits and edits the question bank in the admin; codes are amendable data."""

from wagtail_send.audit.bulk import history_model_for
from wagtail_send.skills_audit.models import Campaign, Question

ADD = "/admin/send/skills-audit/audits/new/"


def _campaign_form(school, **extra):
    return {
        "school": school.pk,
        "title": "Spring 2027",
        "opens_on": "2027-03-01",
        "closes_on": "2027-03-31",
        "audience": "all",
        "job_titles": "",
        "introduction": "",
        **extra,
    }


def test_senco_opens_an_audit_and_gets_the_default_bank(client, people, school, census_codes):
    client.force_login(people["senco"])
    assert client.post(ADD, _campaign_form(school)).status_code == 302
    campaign = Campaign.objects.get(title="Spring 2027")
    assert campaign.created_by == people["senco"]
    assert Question.objects.filter(school=school).count() == 14
    assert history_model_for(Campaign).objects.filter(id=campaign.pk).count() == 1


def test_bad_dates_and_missing_job_titles_are_refused(client, people, school, census_codes):
    client.force_login(people["senco"])
    reply = client.post(ADD, _campaign_form(school, closes_on="2027-02-01", audience="job_titles"))
    assert reply.status_code == 200
    page = reply.content.decode()
    assert "The audit must close on or after the day it opens." in page
    assert "List at least one job title, or ask all staff." in page
    assert not Campaign.objects.exists()


def test_leaders_cannot_open_an_audit(client, people, school, census_codes):
    client.force_login(people["slt"])
    client.post(ADD, _campaign_form(school))
    assert not Campaign.objects.exists()


def test_senco_extends_the_question_bank(client, people, school, census_codes):
    client.force_login(people["senco"])
    reply = client.post(
        "/admin/send/skills-audit/questions/new/",
        {
            "school": school.pk,
            "area": "general",
            "need": "",
            "hint": "",
            "position": "200",
            "text": "I can use the school's Makaton signs for everyday routines.",
        },
    )
    assert reply.status_code == 302
    assert Question.objects.filter(text__startswith="I can use the school's Makaton").exists()
