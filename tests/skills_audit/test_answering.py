"""A teacher answers the audit on the front end: save and come back, then send."""

from wagtail_send.audit import verify_history
from wagtail_send.skills_audit.models import Question, Response

from .conftest import make_campaign


def _post(questions, action, ratings):
    data = {"action": action}
    for q in questions:
        rating = ratings.get(q.pk)
        if rating:
            data[f"q{q.pk}_confidence"] = str(rating)
    return data


def test_opening_an_audit_gives_the_school_the_default_question_bank(campaign, school):
    questions = Question.objects.filter(school=school)
    assert questions.count() == 14
    assert {q.get_area_display() for q in questions} >= {
        "Communication and interaction",
        "General practice",
        "Sensory and/or physical",
    }


def test_teacher_saves_comes_back_and_sends(client, people, campaign, school):
    client.force_login(people["staff"])
    index = client.get("/send/skills-audit/")
    assert "Answer the audit" in index.content.decode()
    url = f"/send/skills-audit/{campaign.pk}/answer/"
    page = client.get(url)
    assert page.status_code == 200
    assert "I would like training on this" in page.content.decode()

    questions = list(Question.objects.filter(school=school))
    first = questions[0]
    data = _post(questions, "save", {first.pk: 2})
    data[f"q{first.pk}_training"] = "on"
    data[f"q{first.pk}_comment"] = "Makaton would help"
    assert client.post(url, data).status_code == 302
    saved = Response.objects.get(campaign=campaign, created_by=people["staff"])
    assert saved.submitted_at is None
    assert saved.answers[str(first.pk)] == {
        "confidence": 2,
        "training": True,
        "comment": "Makaton would help",
    }
    # Coming back shows what was saved.
    again = client.get(url).content.decode()
    assert "Makaton would help" in again

    # Sending with statements unrated is refused, with a clear message, and not sent.
    refused = client.post(url, _post(questions, "send", {first.pk: 2}))
    assert refused.status_code == 200
    assert "Choose how confident you feel, from 1 to 4." in refused.content.decode()
    saved.refresh_from_db()
    assert saved.submitted_at is None

    sent = client.post(url, _post(questions, "send", {q.pk: 3 for q in questions}))
    assert sent.status_code == 302
    saved.refresh_from_db()
    assert saved.submitted_at is not None
    assert saved.job_title == ""
    assert "You have sent your answers" in client.get("/send/skills-audit/").content.decode()
    assert verify_history() == []


def test_next_audit_shows_the_persons_own_earlier_answers(client, people, campaign, school):
    client.force_login(people["staff"])
    questions = list(Question.objects.filter(school=school))
    client.post(
        f"/send/skills-audit/{campaign.pk}/answer/",
        _post(questions, "send", {q.pk: 2 for q in questions}),
    )
    later = make_campaign(school, people["senco"], title="Autumn 2027", days_ago=0)
    page = client.get(f"/send/skills-audit/{later.pk}/answer/").content.decode()
    assert "Last time (Autumn 2026): 2" in page


def test_governors_and_other_schools_are_not_asked(client, people, campaign):
    for who in ("governor", "other_staff"):
        client.force_login(people[who])
        assert client.get(f"/send/skills-audit/{campaign.pk}/answer/").status_code == 403


def test_audit_for_teaching_assistants_only(client, people, school):
    from wagtail_send.models import Membership

    membership = Membership.objects.get(user=people["staff"])
    membership.job_title = "Teaching assistant"
    membership.save()
    ta_audit = make_campaign(
        school,
        people["senco"],
        title="TA skills",
        audience="job_titles",
        job_titles="Teaching assistant, HLTA",
    )
    client.force_login(people["staff"])
    assert client.get(f"/send/skills-audit/{ta_audit.pk}/answer/").status_code == 200
    client.force_login(people["senco"])
    assert client.get(f"/send/skills-audit/{ta_audit.pk}/answer/").status_code == 403


def test_senco_sees_who_is_still_to_answer(client, people, campaign, school):
    from .conftest import answer_all, question

    answer_all(campaign, [people["staff"]], {question(school, "ASD"): (2, True)})
    client.force_login(people["senco"])
    page = client.get(f"/send/skills-audit/{campaign.pk}/answers/").content.decode()
    answered, waiting = page.split("Still to send their answers")
    assert "Teacher" in answered
    assert "Head" in waiting and "Senco" in waiting and "Teacher" not in waiting
    assert "Governor" not in page
    client.force_login(people["slt"])
    assert client.get(f"/send/skills-audit/{campaign.pk}/answers/").status_code == 403


def test_archived_answers_cannot_be_replaced(client, people, campaign, school):
    from .conftest import answer_all, question

    (response,) = answer_all(campaign, [people["staff"]], {question(school, "ASD"): (2, True)})
    response.archive("Withdrawn")
    client.force_login(people["staff"])
    assert client.get(f"/send/skills-audit/{campaign.pk}/answer/").status_code == 403
