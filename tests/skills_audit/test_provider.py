"""Item 5 of the SEN Information Report, from aggregates only."""

from wagtail_send.providers import report_sections

from .conftest import add_staff, answer_all, answer_each, question
from .test_gaps import make_profile


def _render(school):
    (section,) = [s for s in report_sections("5") if s.label == "Staff expertise and training"]
    return str(section.render(school))


def test_report_section_summarises_confidence_and_priorities(people, campaign, school):
    make_profile(school, people["senco"], {"ASD": (6, 2), "HI": (1, 0)})
    asd, hi = question(school, "ASD"), question(school, "HI")
    answer_each(
        campaign,
        add_staff(school, 6),
        [{asd: (1, True), hi: (4, False)}] * 5 + [{asd: (2, False), hi: (3, True)}],
    )
    html = _render(school)
    assert "6 members of staff rated their confidence" in html
    assert "Sensory and/or physical (average 3.8 out of 4)" in html
    assert "<li>Autistic spectrum disorder</li>" in html
    assert "Person" not in html  # no one's name


def test_report_section_is_empty_until_enough_people_answer(people, campaign, school):
    answer_all(campaign, add_staff(school, 4), {question(school, "ASD"): (1, True)})
    assert _render(school) == ""


def test_report_section_is_empty_without_an_audit(school):
    assert _render(school) == ""
