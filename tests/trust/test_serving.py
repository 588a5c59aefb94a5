"""What the server sends: the Content-Security-Policy, and private files only through checks."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from .factories import make

#: front-end pages, one per feature plus the sign-in page, that must carry the policy
FRONT_END_PAGES = [
    "/_util/login/",
    "/send/skills-audit/",
    "/send/learning-walks/",
    "/send/learning-wall/posts/new/",
    "/send/directory/api/",
]


@pytest.mark.parametrize("url", FRONT_END_PAGES)
def test_front_end_responses_carry_a_strict_content_security_policy(url, cast, client):
    client.force_login(cast["senco"])
    response = client.get(url)
    assert response.status_code == 200
    directives = {
        part.split()[0]: part.split()[1:]
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    }
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]


@pytest.fixture
def private_document(cast, school):
    from wagtail_send.learning_wall.media import attach_document
    from wagtail_send.learning_wall.models import Post

    post = make(Post, school=school, author=cast["author"])
    upload = SimpleUploadedFile(
        '"><svg onload=alert(1)>.txt', b"Week 1: visual supports", content_type="text/plain"
    )
    return post, attach_document(post, upload)


def test_a_private_document_is_served_as_an_attachment_through_checks(
    private_document, cast, client
):
    post, attached = private_document
    url = reverse("wagtail_send_learning_wall:document", args=[post.pk, attached.pk])
    client.force_login(cast["staff"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "<svg" not in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    for name in ("other_staff", "guest", "anonymous"):
        client.logout()
        if name != "anonymous":
            client.force_login(cast[name])
        assert client.get(url).status_code in (302, 404), name
