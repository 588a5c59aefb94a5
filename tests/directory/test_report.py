"""The directory feeds items 10 and 11 of the SEN Information Report."""

from wagtail_send.providers import report_sections


def test_items_10_and_11(school, directory):
    (agencies,) = report_sections("10")
    html = agencies.render(school)
    assert "Speech and language therapy (1)" in html and "Educational psychology (1)" in html
    (parents,) = report_sections("11")
    html = parents.render(school)
    assert "SENDIASS" in html and "Northshire SENDIASS" in html
    assert "Speech and Language Therapy" in html  # public, so signposted to families
    assert "Educational Psychology" not in html  # staff-only entry


def test_nothing_to_say_for_an_empty_directory(other_school, db):
    assert report_sections("10")[0].render(other_school) == ""
