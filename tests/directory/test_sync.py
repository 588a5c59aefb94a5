"""A feed subscription keeps one school's directory in step with an Open Referral feed.

Against real HTTP servers on loopback: this project's own API for another school (Django's
live server), and a static server of paged files with a broken page and a bad entry.
"""

import io
import json
import threading
from http.server import ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse

from wagtail_send.audit import acting_as
from wagtail_send.directory import importer, profile, sync
from wagtail_send.directory.management.commands.directory_sync_bench import Pages
from wagtail_send.directory.models import Contact, FeedSubscription, Service, SyncLog

HTTP = sync.session(retries=2, backoff=0)


def _subscribe(school, url, **options):
    with acting_as(None, "test"):
        return FeedSubscription.objects.create(
            school=school, name="Northshire Local Offer", api_url=url, **options
        )


def _run(subscription):
    log = sync.sync(subscription, http=HTTP)
    subscription.refresh_from_db()
    return log


class PagedFiles(Pages):
    """The benchmark's static feed, noting every request; ``fail_next`` answers that many
    requests with a 503 first."""

    requests = []
    fail_next = 0

    def do_GET(self):
        type(self).requests.append(self.path)
        if type(self).fail_next:
            type(self).fail_next -= 1
            self.send_error(503)
            return
        super().do_GET()


@pytest.fixture
def files(tmp_path):
    """A static Open Referral feed: two pages of services, served on loopback."""
    PagedFiles.requests, PagedFiles.fail_next = [], 0

    def handler(*args, **kwargs):
        return PagedFiles(*args, directory=str(tmp_path), **kwargs)

    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield tmp_path, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def _page(number, total, contents):
    return {
        "total_items": 3,
        "total_pages": total,
        "page_number": number,
        "size": len(contents),
        "first_page": number == 1,
        "last_page": number == total,
        "empty": not contents,
        "contents": contents,
    }


def _write(folder, name, data):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data))


def test_static_feed_pages_retries_and_leaves_out_a_bad_entry(files, school):
    folder, url = files
    services = [profile.sample_service(str(n)) for n in range(3)]
    bad = dict(services[2], url="not a web address")
    summary = {k: v for k, v in services[1].items() if not isinstance(v, list)}
    _write(folder, "services-1.json", _page(1, 2, [services[0], summary]))
    _write(folder, "services-2.json", _page(2, 2, [bad]))
    # A page listing a service without its children: it is fetched in full.
    _write(folder, f"services/{services[1]['id']}.json", services[1])
    subscription = _subscribe(school, url)

    PagedFiles.fail_next = 1  # the feed stumbles once: retried
    log = _run(subscription)
    assert log.outcome == SyncLog.Outcome.PARTLY
    assert (log.fetched, log.created, log.updated) == (3, 2, 0)
    # The 503 was retried: the same page was asked for twice.
    assert PagedFiles.requests[0] == PagedFiles.requests[1]
    assert PagedFiles.requests[0].startswith("/services?")
    assert any("not a web address" in e or services[2]["id"] in e for e in log.errors)
    assert subscription.retry_ids == [services[2]["id"]]
    assert Service.objects.filter(school=school).count() == 2

    # Next time: only changes are asked for, and the bad entry is fetched again, now mended.
    PagedFiles.requests = []
    _write(folder, "services-1.json", _page(1, 1, []))
    _write(folder, f"services/{services[2]['id']}.json", services[2])
    log = _run(subscription)
    assert log.outcome == SyncLog.Outcome.DONE and log.created == 1
    assert "modified_after=" in PagedFiles.requests[0]
    assert subscription.retry_ids == []
    stored = Service.objects.get(school=school, uid=services[2]["id"])
    assert stored.open_referral["schedules"] == services[2]["schedules"]


def test_a_broken_page_changes_nothing_and_is_tried_again(files, school):
    folder, url = files
    service = profile.sample_service("kept")
    _write(folder, "services-1.json", _page(1, 1, [service]))
    subscription = _subscribe(school, url)
    assert _run(subscription).outcome == SyncLog.Outcome.DONE
    cursor = subscription.synced_until

    changed = dict(service, description="Changed")
    _write(folder, "services-1.json", _page(1, 2, [changed]))
    _write(folder, "services-2.json", "<html>Bad gateway</html>")
    log = _run(subscription)
    assert log.outcome == SyncLog.Outcome.FAILED and "JSON" in log.errors[0]
    assert subscription.synced_until == cursor
    assert Service.objects.get(school=school).description == service["description"]

    # The server goes away altogether: logged, nothing lost.
    log = _run(_subscribe(school, "http://127.0.0.1:9/api/"))
    assert log.outcome == SyncLog.Outcome.FAILED and "Could not read" in log.errors[0]
    assert Service.objects.filter(school=school).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_second_school_keeps_in_step_with_the_firsts_api(
    live_server, school, other_school, people
):
    """The first school's directory, served by this project, is the second's feed."""
    first, second = profile.sample_service("one"), profile.sample_service("two")
    checked = importer.check(json.dumps([first, second]).encode(), "json")
    importer.commit(checked, school=school, by=people["senco"], make_public=True)
    feed = _subscribe(
        other_school,
        f"{live_server.url}/send/directory/schools/{school.pk}/api/",
        show_to_parents=True,
    )
    log = _run(feed)
    assert (log.outcome, log.created) == (SyncLog.Outcome.DONE, 2), log.errors
    theirs = Service.objects.get(school=other_school, uid=first["id"])
    with acting_as(people["other_senco"], "test"):
        theirs.internal_notes = "Our own note"
        theirs.save()

    # A change to a contact at the first school, and a withdrawal.
    contact = Contact.objects.get(school=school, uid=first["contacts"][0]["id"])
    with acting_as(people["senco"], "test"):
        contact.name = "Duty team (new)"
        contact.save()
        Service.objects.get(school=school, uid=second["id"]).archive()
    log = _run(feed)
    assert log.outcome == SyncLog.Outcome.DONE, log.errors
    assert log.withdrawn == 1
    assert Service.objects.get(school=other_school, uid=second["id"]).status == "inactive"
    theirs.refresh_from_db()
    assert theirs.internal_notes == "Our own note"
    assert Contact.objects.get(school=other_school, uid=contact.uid).name == "Duty team (new)"

    # The first school's server is unreachable: the second keeps what it had.
    feed.api_url = "http://127.0.0.1:9/api/"
    log = _run(feed)
    assert log.outcome == SyncLog.Outcome.FAILED
    assert Service.objects.filter(school=other_school).count() == 2


def test_the_command_runs_every_subscription_and_the_senco_reads_the_log(
    files, client, school, people
):
    folder, url = files
    _write(folder, "services-1.json", _page(1, 1, [profile.sample_service("cmd")]))
    _subscribe(school, url)
    out = io.StringIO()
    call_command("sync_directory_feeds", stdout=out)
    assert "1 new" in out.getvalue()
    log = SyncLog.objects.get(school=school)
    client.force_login(people["senco"])
    html = client.get(reverse("directory_sync_logs:inspect", args=[log.pk])).content.decode()
    assert "Northshire Local Offer" in html and "Done" in html
