"""The inclusion strategy: written and checked by the SENCO, approved, read by parents."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from wagtail_send import pdf, providers
from wagtail_send.audit import acting_as
from wagtail_send.models import NeedType
from wagtail_send.policies.models import (
    InclusionPrinciple,
    InclusionStrategyPage,
    StrategyActivity,
    years_after,
)
from wagtail_send.policies.strategy_checks import problems
from wagtail_send.skills_audit.models import NeedCount, NeedProfile

from .conftest import activity

pytestmark = pytest.mark.django_db


def activity_form(**overrides):
    values = activity(**overrides)
    values["principles"] = [p.pk for p in values["principles"]]
    values["review_date"] = values["review_date"].isoformat() if values["review_date"] else ""
    values["cost"] = "" if values["cost"] is None else str(values["cost"])
    return values


def strategy_form(activities, initial=0, **overrides):
    data = {
        "title": "Inclusion strategy 2026 to 2027",
        "slug": "inclusion-strategy",
        "first_year": "2026",
        "years": "1",
        "imf_allocation": "14000",
        "notional_sen_budget": "",
        "intro": rich_text("<p>How we invest the fund.</p>"),
        "context": rich_text("<p>Our pupils.</p>"),
        "publication_date": "2026-11-01",
        "approving_body": "The full governing body",
        "change_note": "First version",
        "comments": inline_formset([]),
        "activities": inline_formset(activities, initial=initial),
    }
    data.update(overrides)
    # A list would be flattened into one field per item: the ticked principles go in after.
    principles = [form.pop("principles", []) for form in activities]
    flat = nested_form_data(data)
    for number, ids in enumerate(principles):
        flat[f"activities-{number}-principles"] = ids
    return flat


def add_url(index):
    return reverse(
        "wagtailadmin_pages:add", args=("wagtail_send_policies", "inclusionstrategypage", index.pk)
    )


def submit(client, index, activities, **overrides):
    data = strategy_form(activities, **overrides)
    data["action-submit"] = "Submit"
    return client.post(add_url(index), data, follow=True)


def test_the_shipped_principles_are_there_to_choose_and_say_where_they_come_from():
    names = list(InclusionPrinciple.objects.values_list("name", flat=True))
    assert len(names) == 5 and names[0] == "Knowing children well, early and often"
    assert all("Inclusion in Practice" in p.source for p in InclusionPrinciple.objects.all())
    assert InclusionPrinciple.history.count() == 5  # each with its first history row


def test_senco_submits_a_strategy_and_is_warned_of_what_it_lacks(client, index, people):
    client.force_login(people["senco"])
    response = submit(
        client,
        index,
        [
            activity_form(),
            activity_form(title="Sensory circuits", impact_measure="", cost="12000"),
            activity_form(title="Family workshops", barrier="", funding_source="core"),
        ],
    )
    assert response.status_code == 200
    page = InclusionStrategyPage.objects.get()
    assert not page.live and page.school == index.school
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == "in_progress"
    warning = " ".join(str(m) for m in response.context["messages"])
    assert "This inclusion strategy is not yet complete" in warning
    assert "“Sensory circuits”: no measure of its impact" in warning
    assert "“Family workshops”: no barrier it addresses" in warning
    # 4,000 + 12,000 of IMF against 14,000: the second activity takes it over.
    assert (
        "“Sensory circuits”: IMF-funded costs come to £16,000, £2,000 more than the "
        "allocation of £14,000" in warning
    )


@pytest.mark.parametrize(
    ("cost", "error"),
    [
        ("-5", "An amount cannot be negative."),
        ("lots", "Enter an amount in pounds, for example 1250 or £1,250.50."),
        ("12.345", "Enter an amount in pounds, for example 1250 or £1,250.50."),
    ],
)
def test_a_cost_that_is_not_money_is_a_field_error_and_nothing_is_saved(
    client, index, people, cost, error
):
    client.force_login(people["senco"])
    response = submit(client, index, [activity_form(cost=cost)])
    assert error in response.content.decode()
    assert not InclusionStrategyPage.objects.exists()
    # What was typed is still there to correct.
    assert f'value="{cost}"' in response.content.decode()


def test_a_cost_typed_with_a_pound_sign_and_commas_is_taken(client, index, people):
    client.force_login(people["senco"])
    submit(client, index, [activity_form(cost="£1,250.50")])
    page = InclusionStrategyPage.objects.get().get_latest_revision_as_object()
    assert [a.cost for a in page.activities.all()] == [pytest.approx(1250.50)]


def test_completeness_lists_missing_parts_and_text_that_may_name_a_pupil(index, people):
    draft = InclusionStrategyPage(title="Draft", first_year=2026, school=index.school)
    assert [str(p) for p in problems(draft)] == [
        "the inclusive mainstream fund allocation is not entered",
        "no activities yet",
    ]
    people["senco"].first_name = "Amira"
    people["senco"].save()
    draft.imf_allocation = 10000
    draft.activities = [
        StrategyActivity(
            **activity(cohort="Year 4, including Amelia Jones", principles=[]), sort_order=0
        ),
        StrategyActivity(**activity(title="Amira's coaching", cost=None), sort_order=1),
    ]
    found = [str(p) for p in problems(draft)]
    assert found == [
        "“Reading catch-up”: no principle of inclusion",
        "“Reading catch-up”: This may name a pupil: Amelia Jones. It must not name pupils.",
        "“Amira's coaching”: no budgeted cost",  # the SENCO's own name is not a pupil's
    ]


def test_governor_approves_on_the_review_page_and_parents_read_it(client, index, people):
    client.force_login(people["senco"])
    submit(client, index, [activity_form(), activity_form(title="Zones", cost="2500.50")])
    page = InclusionStrategyPage.objects.get()
    state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)

    client.force_login(people["governor"])
    review_url = reverse("wagtail_send_policies:review", args=[state.pk])
    html = client.get(review_url).content.decode()
    assert "Reading catch-up" in html and "Budgeted cost" in html  # the diff shows activities
    response = client.post(review_url, {"decision": "approve", "minute_reference": "FGB 7"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live

    client.logout()
    html = client.get(page.url).content.decode()
    assert "School years 2026 to 2027" in html
    assert "reviewed annually" not in html  # one year only
    assert "Oakfield Primary" in html
    assert "Reading catch-up" in html and "£4,000" in html and "£2,500.50" in html
    assert "Inclusive mainstream fund" in html and "£6,500.50" in html  # the IMF's total
    assert "FGB 7" in html  # the approval on the cover


def test_a_multi_year_strategy_says_on_its_cover_that_it_is_reviewed_annually(
    client, strategy, people
):
    from .conftest import publish_through_workflow

    publish_through_workflow(
        strategy, author=people["senco"], approver=people["governor"], years=3
    )
    html = client.get(strategy.url).content.decode()
    assert "School years 2026 to 2029" in html
    assert "This strategy covers 3 school years and is reviewed annually." in html
    strategy.refresh_from_db()
    assert strategy.next_review == years_after(strategy.publication_date, 1)


def test_the_index_and_the_report_link_to_the_strategy(client, report, strategy):
    index_html = client.get(report.get_parent().url).content.decode()
    assert f'href="{strategy.url}"' in index_html
    report_html = client.get(report.url).content.decode()
    assert f'href="{strategy.url}"' in report_html and "inclusion strategy for 2026 to 2027" in (
        report_html
    )
    assert f'href="{report.url}"' in client.get(strategy.url).content.decode()


def test_the_schools_context_comes_from_the_need_profile_in_aggregate(
    client, strategy, school, people, settings
):
    settings.WAGTAILSEND_SMALL_GROUP_MINIMUM = 5
    with acting_as(people["senco"], "test"):
        profile = NeedProfile.objects.create(
            school=school,
            title="Autumn census",
            recorded_on=datetime.date(2026, 10, 1),
            created_by=people["senco"],
        )
        for code, level, count in [
            ("SLCN", "sen_support", 12),
            ("ASD", "ehc_plan", 6),
            ("SEMH", "sen_support", 9),
            ("HI", "sen_support", 2),
        ]:
            NeedCount.objects.create(
                profile=profile,
                need=NeedType.objects.get(code=code),
                year_group="3",
                level=level,
                count=count,
            )
    html = client.get(strategy.url).content.decode()
    assert "29 pupils had special educational needs" in html
    assert "SEN support: 23" in html and "EHC plan: 6" in html
    assert "Communication and interaction: 18" in html
    # Sensory (2) is held back, and so is the next smallest area, so neither can be
    # worked out from the total.
    assert "Sensory and/or physical: fewer than 5" in html
    assert "Social, emotional and mental health: fewer than 5" in html


def test_without_a_context_provider_the_context_is_the_writers_alone(
    client, strategy, monkeypatch
):
    monkeypatch.setitem(providers._report_sections, providers.SCHOOL_CONTEXT, [])
    html = client.get(strategy.url).content.decode()
    assert "Our school's context" in html and "pupils had special" not in html


def test_next_years_strategy_starts_from_this_one(client, strategy, people):
    url = reverse("wagtail_send_policies:copy_forward", args=[strategy.pk])
    client.force_login(people["governor"])
    assert client.post(url).status_code == 403  # governors approve; they do not write

    client.force_login(people["senco"])
    assert "starting in September 2027" in client.get(url).content.decode()
    response = client.post(url)
    draft = InclusionStrategyPage.objects.get(first_year=2027)
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert not draft.live and draft.title == "Inclusion strategy 2027 to 2028"
    assert draft.imf_allocation is None  # a new year's allocation
    copied = list(draft.activities.all())
    assert [(a.title, a.continuity) for a in copied] == [
        ("Reading catch-up", "continued"),
        ("Zones of regulation", "continued"),
    ]
    assert copied[0].principle_ids() == set(
        InclusionPrinciple.objects.values_list("pk", flat=True)[:2]
    )
    assert "There is already a strategy" in client.get(url).content.decode()

    # In the editor: one kept, one changed, one added.
    edit = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    forms = [
        {**activity_form(), "id": copied[0].pk},
        {**activity_form(title="Zones of regulation", cost="3000"), "id": copied[1].pk},
        activity_form(title="Lego therapy"),
    ]
    data = strategy_form(
        forms,
        initial=2,
        title=draft.title,
        slug=draft.slug,
        first_year="2027",
        imf_allocation="15000",
    )
    assert client.post(edit, data).status_code == 302
    draft.refresh_from_db()
    latest = draft.get_latest_revision_as_object()
    assert [(a.title, a.continuity) for a in latest.activities.all()] == [
        ("Reading catch-up", "continued"),
        ("Zones of regulation", "changed"),
        ("Lego therapy", "new"),
    ]


def test_the_finance_office_downloads_the_activities_as_csv(client, strategy, people):
    url = reverse("wagtail_send_policies:activities_csv", args=[strategy.pk])
    client.force_login(people["staff"])
    assert client.get(url).status_code == 403
    client.force_login(people["slt"])
    response = client.get(url)
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Activity,Since last year,Barrier,Principles of inclusion")
    assert "Reading catch-up" in lines[1] and ",4000.00,Inclusive mainstream fund," in lines[1]
    assert ",2500.00,Notional SEN budget," in lines[2]


def test_the_strategy_has_the_policy_history_and_its_csv(client, strategy, people):
    client.force_login(people["governor"])
    html = client.get(reverse("wagtail_send_policies:history_index")).content.decode()
    assert "Inclusion strategy 2026 to 2027" in html
    history = client.get(reverse("wagtail_send_policies:history", args=[strategy.pk]))
    assert history.status_code == 200
    csv = client.get(reverse("wagtail_send_policies:history_csv", args=[strategy.pk]))
    assert "Published" in csv.content.decode("utf-8-sig")


def test_a_page_of_another_kind_is_not_a_strategy_here(client, report, people):
    client.force_login(people["senco"])
    url = reverse("wagtail_send_policies:activities_csv", args=[report.pk])
    assert client.get(url).status_code == 404
    assert Page.objects.filter(pk=report.pk).exists()


@pytest.mark.skipif(not pdf.available(), reason="WeasyPrint or Pango is not installed")
def test_a_parent_downloads_the_strategy_as_a_tagged_pdf(client, strategy):
    response = client.get(f"{strategy.url}pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    # The words as a reader meets them, whatever the lines a table cell breaks into.
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "School years 2026 to 2027" in text and "Zones of regulation" in text
    assert "Daily phonics catch-up" in text and "£6,500" in text
    assert "/StructTreeRoot" in reader.trailer["/Root"]
