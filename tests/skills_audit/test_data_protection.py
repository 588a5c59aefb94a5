"""Export and erasure of one person's answers; retention keeps aggregates only."""

import pytest
from django.core import mail
from django.core.management import call_command

from tests.formulas import DEFUSED, assert_csv_defused
from wagtail_send.audit import verify_history
from wagtail_send.audit.bulk import history_model_for
from wagtail_send.models import ErasureRecord
from wagtail_send.skills_audit.gaps import analyse
from wagtail_send.skills_audit.models import Release, Response

from .conftest import add_staff, answer_all, make_campaign, question


def test_person_downloads_their_own_answers(client, people, campaign, school):
    response = answer_all(campaign, [people["staff"]], {question(school, "VI"): (2, True)})[0]
    client.force_login(people["staff"])
    reply = client.get(f"/send/skills-audit/answers/{response.pk}/export/")
    assert reply["Content-Disposition"].startswith("attachment;")
    text = reply.content.decode()
    assert "visual impairment" in text
    assert "2 – A little confident" in text


def test_the_answer_export_writes_formula_like_comments_as_text(client, people, campaign, school):
    needs = ["VI", "ASD", "SLCN", "HI", "MSI", "PD", "SPLD", "MLD", "SEMH", "SLD"]
    typed = dict(zip(list(DEFUSED)[: len(needs)], needs, strict=False))
    response = answer_all(
        campaign, [people["staff"]], {question(school, n): (2, True) for n in needs}
    )[0]
    for text, need in typed.items():
        response.answers[str(question(school, need).pk)]["comment"] = text
    response.save()
    client.force_login(people["staff"])
    reply = client.get(f"/send/skills-audit/answers/{response.pk}/export/")
    assert_csv_defused(reply.content, {text: DEFUSED[text] for text in typed})


def test_senco_erases_answers_on_request_recording_only_the_fact(client, people, campaign, school):
    response = answer_all(campaign, [people["staff"]], {question(school, "VI"): (2, True)})[0]
    response.answers[str(question(school, "VI").pk)]["comment"] = "secret remark"
    response.save()
    history = history_model_for(Response)
    assert history.objects.filter(id=response.pk).count() == 2

    client.force_login(people["staff"])  # the person cannot erase on their own
    assert (
        client.post(
            f"/send/skills-audit/answers/{response.pk}/erase/", {"reason": "x"}
        ).status_code
        == 403
    )
    client.force_login(people["senco"])
    refused = client.post(f"/send/skills-audit/answers/{response.pk}/erase/", {"reason": ""})
    assert refused.status_code == 400
    assert Response.objects.filter(pk=response.pk).exists()

    reply = client.post(
        f"/send/skills-audit/answers/{response.pk}/erase/", {"reason": "DP request 2026-14"}
    )
    assert reply.status_code == 302
    assert not Response.objects.filter(pk=response.pk).exists()
    assert not history.objects.filter(id=response.pk).exists()
    erasure = ErasureRecord.objects.get(object_id=response.pk)
    assert erasure.reason == "DP request 2026-14"
    assert erasure.history_rows_removed == 3  # its two rows and the one its deletion wrote
    assert "secret remark" not in str(vars(erasure))
    assert verify_history() == []


def test_retention_keeps_aggregates_and_removes_answers(settings, people, school):
    settings.WAGTAILSEND_ANSWER_RETENTION_DAYS = 30
    old = make_campaign(school, people["senco"], title="Autumn 2024", days_ago=400, length=30)
    current = make_campaign(school, people["senco"], title="Autumn 2026")
    asd = question(school, "ASD")
    answer_all(old, add_staff(school, 5, prefix="o"), {asd: (2, True)})
    answer_all(old, add_staff(school, 1, "HLTA", "h"), {asd: (4, False)}, job_title="HLTA")
    answer_all(current, add_staff(school, 5, prefix="c"), {asd: (3, False)})
    before = next(r for r in analyse(old).needs if r.key == "ASD")

    call_command("skills_audit_retention", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert not Response.objects.filter(campaign=old).exists()
    assert Response.objects.filter(campaign=current).count() == 5
    after = next(r for r in analyse(old).needs if r.key == "ASD")
    assert (after.confidence, after.training_share) == (before.confidence, before.training_share)
    assert after.confidence == pytest.approx(14 / 6)
    assert ErasureRecord.objects.count() == 6
    # What is kept is the final release: no figure in it comes from fewer than five people,
    # so the lone HLTA's rating is not kept.
    (kept,) = Release.objects.filter(campaign=old, final=True)
    leaves = kept.figures["leaves"].values()
    cells = [c for leaf in leaves for measure in leaf.values() for c in measure.values()]
    assert cells and min(people for people, _answers, _sum in cells if people) >= 5
    assert verify_history() == []
    # Running again changes nothing.
    call_command("skills_audit_retention", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert ErasureRecord.objects.count() == 6


def test_reminders_go_to_those_who_have_not_sent(people, campaign, school):
    answer_all(campaign, [people["staff"]], {question(school, "ASD"): (2, True)})
    call_command("send_skills_audit_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    recipients = sorted(m.to[0] for m in mail.outbox)
    # The SENCO and the head are asked too; the teacher has answered; governors are not asked.
    assert recipients == ["head@school.example", "senco@school.example"]
    assert mail.outbox[0].subject == "Reminder: Autumn 2026 skills audit"
    assert f"/send/skills-audit/{campaign.pk}/answer/" in mail.outbox[0].body
    # A second run the same week (a cron misfire) sends nothing more, unless forced.
    call_command("send_skills_audit_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 2
    call_command("send_skills_audit_reminders", "--force", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 4
