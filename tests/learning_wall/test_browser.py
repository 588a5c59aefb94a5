"""In Chromium: a teacher posts a photo from a phone, the SENCO hides it; axe finds nothing."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.conftest import axe_violations, sign_in
from wagtail_send.learning_wall.models import Post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (30, 140, 90)).save(buffer, "JPEG")
    return {"name": "tray.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


def test_teacher_posts_a_photo_from_a_phone_and_the_senco_hides_it(phone, page, wall, people):
    sign_in(phone, "teacher")
    phone.goto(wall.url)
    phone.get_by_role("link", name="Add a post").click()
    phone.get_by_label("What is it?").select_option("photograph")
    phone.get_by_label("Title").fill("Shape sorting tray")
    phone.get_by_label("Text").fill("Great for **fine motor** work.")
    phone.get_by_label("Add a photo").set_input_files(_jpeg())
    phone.get_by_label("Describe the photo").fill("Green tray of wooden shapes")
    phone.get_by_role("button", name="Post to the wall").click()
    phone.wait_for_load_state()
    expect(phone.get_by_role("heading", name="Shape sorting tray")).to_be_visible()
    phone.wait_for_load_state("load")  # the new page's pictures have arrived
    photo = phone.get_by_role("img", name="Green tray of wooden shapes")
    assert photo.evaluate("img => img.complete && img.naturalWidth > 0")
    # Nothing on the page is wider than the phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    phone.get_by_role("link", name="Back to the learning wall").click()
    expect(phone.get_by_role("link", name="Shape sorting tray")).to_be_visible()
    assert axe_violations(phone) == []

    sign_in(page, "senco")
    page.goto(wall.url)
    page.get_by_role("link", name="Shape sorting tray").click()
    page.get_by_label("Why? (kept in the history)").fill("Check the photo first")
    page.get_by_role("button", name="Hide from staff").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Hidden by the SENCO.")).to_be_visible()
    post = Post.objects.get()
    assert post.hidden
    assert post.history.first().history_change_reason == "Check the photo first"


def test_the_wall_and_the_form_have_no_accessibility_violations(page, wall, people, make_post):
    make_post(title="Visual timetable")
    sign_in(page, "teacher")
    page.goto(wall.url)
    assert axe_violations(page) == []
    page.goto("/send/learning-wall/posts/new/")
    assert axe_violations(page) == []
    # With errors showing, too.
    page.get_by_role("button", name="Post to the wall").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Enter a title for your post.").first).to_be_visible()
    assert axe_violations(page) == []
    page.goto(Post.objects.get().get_absolute_url())
    assert axe_violations(page) == []
