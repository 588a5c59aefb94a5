"""What the learning wall offers other features: a report summary and themes from actions."""

import types

import pytest

from wagtail_send.learning_wall.models import Theme
from wagtail_send.providers import follow_up, report_sections

pytestmark = pytest.mark.django_db


def test_the_report_summary_counts_posts_without_showing_them(school, make_post, team):
    section = next(s for s in report_sections("5") if s.label == "Learning wall")
    assert section.render(school) == ""
    make_post(title="Private thoughts", kind="photograph", team=team)
    make_post(title="Another", kind="photograph")
    make_post(title="Hidden one", kind="question", hidden=True)
    html = section.render(school)
    assert "shared 2 pieces of practice" in html and "1 teaching team took part." in html
    assert "<li>Photograph of an activity: 2</li>" in html
    assert "Private thoughts" not in html and "Question" not in html


def test_a_learning_walk_action_becomes_a_theme(school, people):
    action = types.SimpleNamespace(school=school, text="Partnerships with parents")
    theme = follow_up("learning_wall_theme").create(action, people["senco"])
    assert Theme.objects.get() == theme
    assert theme.title == "Partnerships with parents" and theme.created_by == people["senco"]
