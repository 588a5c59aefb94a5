"""Private files on a site that serves /media/: none can be fetched without signing in.

A production Wagtail site serves MEDIA_ROOT at /media/ (WhiteNoise here, as many do; the
test also serves it with Django's own static view, as ``static()`` does). Every photo,
rendition and document of a post is then asked for by every address it could be guessed
at, without signing in, and every answer must be a refusal without the file's bytes.
"""

import threading
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
import requests
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import (
    re_path,
    reverse,
)
from django.views.static import serve
from whitenoise import WhiteNoise

from example_site.urls import urlpatterns as site_urlpatterns
from tests.learning_wall.conftest import photo_upload
from wagtail_send.files import RENDITIONS, rendition, rendition_name
from wagtail_send.learning_wall.media import attach_document, attach_image
from wagtail_send.learning_wall.models import Post

from .factories import make

# The example site's URLs, plus /media/ served from MEDIA_ROOT the way ``static()`` does.
urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urlpatterns,
]


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def _not_found(environ, start_response):
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"not found"]


@pytest.fixture
def media_server():
    """MEDIA_ROOT at /media/ through WhiteNoise on a loopback port (its base URL)."""
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    app = WhiteNoise(_not_found, root=settings.MEDIA_ROOT, prefix="media/", autorefresh=True)
    server = make_server("127.0.0.1", 0, app, handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def private_files(cast, school):
    """A post with a photo (and its renditions) and a document: ``[(stored name, bytes)]``."""
    post = make(Post, school=school, author=cast["author"])
    photo = attach_image(post, photo_upload("tray-photo.png"), alt_text="Tray")
    document = attach_document(
        post, SimpleUploadedFile("ehcp-plan.txt", b"Week 1: visual supports for J.")
    )
    stored = [photo.file.name, document.file.name]
    stored += [rendition(photo, size) for size in RENDITIONS]
    storage = photo.file.storage
    files = [(name, storage.open(name, "rb").read()) for name in stored]
    return post, photo, document, files


def _guesses(name, original_names):
    """Every /media/ address a file stored as ``name`` could be guessed at."""
    base = Path(name).name
    stem = Path(name).stem
    guesses = {name, base, f"private/{base}", f"../{Path(settings.MEDIA_ROOT).name}/{name}"}
    for folder in ("", "original_images/", "images/", "documents/", "private/", "renditions/"):
        guesses.update(f"{folder}{n}" for n in [base, *original_names])
        guesses.add(f"{folder}{stem}")
    for size in RENDITIONS:
        guesses.add(rendition_name(name, size))
    private_root = Path(settings.STORAGES["wagtail_send_private"]["OPTIONS"]["location"])
    guesses.add(f"../{private_root.name}/{name}")
    guesses.add(f"..%2f{private_root.name}%2f{name}")
    return sorted(guesses)


@pytest.mark.urls(__name__)
def test_no_private_file_can_be_fetched_without_signing_in(
    private_files, media_server, client, capsys
):
    post, photo, document, files = private_files
    originals = [photo.original_name, document.original_name]
    probes = 0
    for name, content in files:
        for guess in _guesses(name, originals):
            for response_content, status in (
                _fetch_whitenoise(media_server, guess),
                _fetch_django(client, guess),
            ):
                probes += 1
                assert status != 200, guess
                assert content not in response_content, guess
    checked_views = [
        reverse("wagtail_send_learning_wall:document", args=[post.pk, document.pk]),
        *(
            reverse("wagtail_send_learning_wall:image", args=[post.pk, photo.pk, size])
            for size in RENDITIONS
        ),
    ]
    for url in checked_views:
        probes += 1
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
    # Wagtail's own serve view, by the record's id and either name.
    for name in (document.original_name, Path(document.file.name).name):
        probes += 1
        body, status = _fetch_django(client, f"/documents/{document.pk}/{name}")
        assert status != 200 and files[1][1] not in body
    # Nothing under MEDIA_ROOT holds any of them, whatever its name.
    public = [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
    for _, content in files:
        assert not any(p.read_bytes() == content for p in public)
    with capsys.disabled():
        print(f"\nprivate-file probes without signing in: {probes}, all refused")
    assert probes > 100


def _fetch_whitenoise(base_url, guess):
    response = requests.get(f"{base_url}/media/{guess}", timeout=10)
    return response.content, response.status_code


def _fetch_django(client, guess):
    response = client.get(guess if guess.startswith("/") else f"/media/{guess}")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body, response.status_code


def test_the_checked_views_send_them_to_staff_by_their_own_name(private_files, cast, client):
    post, photo, document, files = private_files
    client.force_login(cast["staff"])
    url = reverse("wagtail_send_learning_wall:document", args=[post.pk, document.pk])
    response = client.get(url)
    assert b"".join(response.streaming_content) == b"Week 1: visual supports for J."
    assert 'filename="ehcp-plan.txt"' in response["Content-Disposition"]
    assert "ehcp" not in document.file.name and "tray" not in photo.file.name
    card = client.get(
        reverse("wagtail_send_learning_wall:image", args=[post.pk, photo.pk, "card"])
    )
    assert card["Content-Type"] == "image/png"
    with pytest.raises(ValueError):
        photo.file.url  # noqa: B018  (private files have no address)


def test_a_private_folder_inside_media_root_is_a_warning(settings, tmp_path):
    from wagtail_send.checks import check_private_files
    from wagtail_send.files import private_storage

    assert check_private_files() == []
    settings.MEDIA_ROOT = str(Path(private_storage.location).parent)
    assert [w.id for w in check_private_files()] == ["wagtail_send.W013"]
