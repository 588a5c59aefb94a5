"""Demo data for the staff-skills audit: two audits a year apart, a need profile, the gaps.

This year's audit opened three weeks before the demo is loaded and is still open; last
year's ran a year before it. Each is named after the term it opened in.

The demo school has few accounts, so twelve fictional colleagues (who cannot sign in) are
added; otherwise every aggregate would be hidden as a group smaller than the minimum.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from example_site.demo.schoolyear import census_day, school_year
from wagtail_send.models import Membership, NeedType
from wagtail_send.roles import Role
from wagtail_send.skills_audit.models import Campaign, NeedProfile, Question, Response
from wagtail_send.skills_audit.needs_import import save_profile

#: username, first name, last name, job title (fictional colleagues without a password)
COLLEAGUES = [
    ("demo-ahmed", "Sana", "Ahmed", "Class teacher"),
    ("demo-bell", "Oliver", "Bell", "Class teacher"),
    ("demo-carter", "Grace", "Carter", "Class teacher"),
    ("demo-dunn", "Kwame", "Dunn", "Class teacher"),
    ("demo-evans", "Ruth", "Evans", "Class teacher"),
    ("demo-ford", "Marek", "Ford", "Class teacher"),
    ("demo-green", "Lily", "Green", "Teaching assistant"),
    ("demo-hughes", "Jack", "Hughes", "Teaching assistant"),
    ("demo-islam", "Nadia", "Islam", "Teaching assistant"),
    ("demo-jones", "Erin", "Jones", "Teaching assistant"),
    ("demo-khan", "Yusuf", "Khan", "Teaching assistant"),
    ("demo-lewis", "Beth", "Lewis", "HLTA"),
]

#: Mean confidence by census code (the general-practice questions use "general"): last
#: year's audit, then this year's. Autism and SEMH training ran between the audits, so
#: those rise; SLCN stays low.
MEANS = [
    {
        "SLCN": 1.8,
        "ASD": 1.7,
        "SPLD": 2.6,
        "MLD": 2.9,
        "SEMH": 1.9,
        "HI": 2.2,
        "VI": 2.3,
        "PD": 2.8,
        "general": 2.7,
    },
    {
        "SLCN": 1.9,
        "ASD": 2.8,
        "SPLD": 2.7,
        "MLD": 3.0,
        "SEMH": 2.7,
        "HI": 2.2,
        "VI": 2.4,
        "PD": 2.9,
        "general": 3.0,
    },
]

#: (census code, SEN support, EHC plan) pupils per year group R-6 (counts, never names).
PUPILS = [("SLCN", 3, 0), ("ASD", 1, 1), ("SPLD", 1, 0), ("MLD", 1, 0), ("SEMH", 2, 0)]
EXTRA = [("HI", "4", "sen_support", 1), ("PD", "2", "ehc_plan", 1), ("VI", "5", "sen_support", 1)]


def load(*, school, people, home):
    """Add the skills-audit demo data to ``school``; safe to run again."""
    colleagues = _colleagues(school)
    today = timezone.localdate()
    last_year = _campaign(school, today - datetime.timedelta(days=386), 30)
    this_year = _campaign(school, today - datetime.timedelta(days=21), 33)
    questions = list(Question.objects.filter(school=school).select_related("need"))
    # The demo teacher and TA answered last year; this year's audit waits for them.
    everyone = [*colleagues, people["teacher"], people["ta"]]
    _answers(last_year, everyone, questions, school, MEANS[0])
    _answers(this_year, colleagues, questions, school, MEANS[1])
    _profile(school, people["senco"])


def _colleagues(school):
    users = []
    for username, first, last, title in COLLEAGUES:
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@oakfield.example",
            },
        )
        if created:
            user.set_unusable_password()
            user.save()
        Membership.objects.update_or_create(
            user=user, school=school, role=Role.STAFF, defaults={"job_title": title}
        )
        users.append(user)
    return users


def _campaign(school, opens_on, days):
    # Named by its half-term, so one opened in the Christmas holiday is still "Autumn".
    half_term = school_year(opens_on).half_term_of(opens_on)
    title = f"{half_term.term} {half_term.starts_on.year}"
    campaign = Campaign.objects.filter(school=school, title=title).first()
    if campaign is None:
        campaign = Campaign.objects.create(
            school=school,
            title=title,
            opens_on=opens_on,
            closes_on=opens_on + datetime.timedelta(days=days),
            introduction="Please rate how confident you feel. It takes about ten minutes.",
        )
    return campaign


def _answers(campaign, users, questions, school, means):
    done = set(Response.objects.filter(campaign=campaign).values_list("created_by_id", flat=True))
    titles = dict(Membership.objects.filter(school=school).values_list("user_id", "job_title"))
    new = []
    for user in users:
        if user.pk in done:
            continue
        # Seeded by person and audit, so running the loader again gives the same answers.
        rng = random.Random(f"{user.username}/{campaign.title}")  # noqa: S311
        answers = {}
        for q in questions:
            mean = means.get(q.need.code if q.need else "general", 2.5)
            rating = max(1, min(4, round(rng.gauss(mean, 0.7))))
            answers[str(q.pk)] = {
                "confidence": rating,
                "training": rating <= 2 and rng.random() < 0.7,
                "comment": "",
            }
        new.append(
            Response(
                school=school,
                campaign=campaign,
                created_by=user,
                answers=answers,
                job_title=titles.get(user.pk, ""),
                submitted_at=timezone.make_aware(
                    datetime.datetime.combine(campaign.opens_on, datetime.time(15, 30))
                ),
            )
        )
    Response.objects.bulk_create(new)


def _profile(school, senco):
    recorded_on = census_day()
    title = f"Autumn census {recorded_on.year}"
    if NeedProfile.objects.filter(school=school, title=title).exists():
        return
    codes = {c.code: c for c in NeedType.objects.all()}
    rows = []
    for year in ["R", "1", "2", "3", "4", "5", "6"]:
        for code, support, ehc in PUPILS:
            rows.append((codes[code], year, "sen_support", support))
            if ehc:
                rows.append((codes[code], year, "ehc_plan", ehc))
    rows += [(codes[code], year, level, count) for code, year, level, count in EXTRA]
    save_profile(school=school, title=title, recorded_on=recorded_on, rows=rows, by=senco)
