"""Run inside a stock Wagtail site (its own python, its settings): request every front-end page.

Usage: ``python site_probe.py OUT.json``, from the site's directory, with
DJANGO_SETTINGS_MODULE set. Only the site's own packages are importable here (no pytest,
nothing of the checkout), so this writes what it saw and the stock-site test judges it.

It gives a member of staff, the SENCO and a governor their roles at the school the first
migrate made, publishes the SEN Information Report if there is none live (as the SENCO would
in the admin), then asks for every live page under the site's root, every no-argument route
of those pages, and every wagtail-send URL that takes no arguments, as each of them and as a
visitor. Redirects are followed too, to see where they land.
"""

import json
import logging
import os
import sys
import traceback
from pathlib import Path

sys.path.insert(0, os.getcwd())

import django  # noqa: E402

django.setup()
# What went wrong is in the results, told more briefly than Django's request log would.
logging.disable(logging.CRITICAL)

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse  # noqa: E402
from django.utils.html import escape  # noqa: E402
from wagtail.contrib.routable_page.models import RoutablePageMixin  # noqa: E402
from wagtail.models import Site  # noqa: E402

import wagtail_send  # noqa: E402
from wagtail_send.learning_wall.pages import LearningWallPage  # noqa: E402
from wagtail_send.models import Membership, School  # noqa: E402
from wagtail_send.policies.models import (  # noqa: E402
    SchoolPoliciesIndexPage,
    SENInformationReportPage,
)
from wagtail_send.roles import Role  # noqa: E402

REDIRECTS = {301, 302, 303, 307, 308}
PEOPLE = {
    "staff": ("Sam", "Okafor", Role.STAFF),
    "senco": ("Priya", "Shah", Role.SENCO),
    "governor": ("Gareth", "Hughes", Role.GOVERNOR),
}


def make_people(school):
    people = {}
    for key, (first_name, last_name, role) in PEOPLE.items():
        # get_or_create: the probe can be run again on a site kept from a failed test.
        user, _ = get_user_model().objects.get_or_create(
            username=f"stock-{key}", defaults={"first_name": first_name, "last_name": last_name}
        )
        Membership.objects.get_or_create(user=user, school=school, role=role)
        people[key] = user
    return people


def live_report(root):
    """The live SEN Information Report under ``root``, written and published if need be."""
    report = SENInformationReportPage.objects.descendant_of(root).first()
    if report is None:
        index = SchoolPoliciesIndexPage.objects.descendant_of(root).first()
        if index is None:
            return None, None
        report = index.add_child(instance=SENInformationReportPage(title="SEN Information Report"))
        report.save_revision().publish()
        return report, "written and published by the probe"
    if not report.live:
        report.save_revision().publish()
        return report, "published by the probe"
    return report, "live already"


def page_urls(root):
    """Each live page under ``root`` and each of its routes that takes no arguments."""
    pages = []
    for page in root.get_descendants(inclusive=True).live().specific():
        url = page.get_url()
        if url is None:
            continue
        pages.append({"url": url, "type": type(page).__name__, "title": page.title})
        if isinstance(page, RoutablePageMixin):
            for pattern in page.get_subpage_urls():
                if pattern.name is None:
                    continue
                try:
                    subpage = page.reverse_subpage(pattern.name)
                except NoReverseMatch:
                    continue
                if subpage:
                    pages.append({"url": url + subpage, "type": f"{type(page).__name__} route"})
    return pages


def wagtail_send_urls():
    """Every URL of wagtail-send's URLconfs that takes no arguments, outside the admin."""
    admin = reverse("wagtailadmin_home")
    found = []

    def walk(patterns, namespaces, ours):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                module = getattr(pattern.urlconf_name, "__name__", str(pattern.urlconf_name))
                inner = [*namespaces, pattern.namespace] if pattern.namespace else namespaces
                walk(pattern.url_patterns, inner, ours or module.startswith("wagtail_send"))
            elif ours and pattern.name:
                try:
                    url = reverse(":".join([*namespaces, pattern.name]))
                except NoReverseMatch:
                    continue
                if not url.startswith(admin) and url not in found:
                    found.append(url)

    walk(get_resolver().url_patterns, [], False)
    return found


def explain(error):
    """The exception, the template line and the last line of wagtail-send it came through."""
    told = traceback.format_exception_only(error)[-1].strip()
    if debug := getattr(error, "template_debug", None):
        name = debug["name"].rpartition("/templates/")[2]
        told += f"\n  in template {name}, line {debug['line']}"
    ours = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if "wagtail_send" in frame.filename
    ]
    if ours:
        frame = ours[-1]
        where = frame.filename[frame.filename.rindex("wagtail_send") :]
        told += f"\n  from {where}:{frame.lineno} in {frame.name}"
    return told


def fetch(client, url):
    """What ``client`` gets at ``url``: its status, and where any redirect ends."""
    try:
        response = client.get(url)
    except Exception as error:
        return {"status": 500, "error": explain(error)}
    seen = {"status": response.status_code}
    if response.status_code in REDIRECTS:
        seen["location"] = response["Location"]
        try:
            final = client.get(url, follow=True)
        except Exception as error:
            seen.update(final_status=500, error=explain(error))
        else:
            seen.update(final_status=final.status_code, final_url=final.redirect_chain[-1][0])
    return seen


def main(out):
    school = School.objects.get()
    people = make_people(school)
    root = Site.objects.get(is_default_site=True).root_page
    report, report_state = live_report(root)
    pages = page_urls(root)
    urls = list(dict.fromkeys([page["url"] for page in pages] + wagtail_send_urls()))

    facts = {
        "wagtail_send_file": wagtail_send.__file__,
        "django_version": django.get_version(),
        "pages": pages,
        "wagtail_send_urls": wagtail_send_urls(),
        "wall_urls": [page.get_url() for page in LearningWallPage.objects.live()],
        "report": None,
        "results": [],
    }
    if report is not None:
        response = Client(raise_request_exception=False).get(report.get_url())
        html = response.content.decode()
        pdf_url = report.get_url() + report.reverse_subpage("pdf")
        facts["report"] = {
            "url": report.get_url(),
            "title": report.title,
            "state": report_state,
            "status": response.status_code,
            "title_shown": escape(report.title) in html,
            "pdf_url": pdf_url,
            "pdf_offered": f'href="{pdf_url}"' in html,
        }
    for who, user in [("visitor", None), *people.items()]:
        client = Client()
        if user is not None:
            client.force_login(user)
        for url in urls:
            facts["results"].append({"who": who, "url": url, **fetch(client, url)})
    Path(out).write_text(json.dumps(facts, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
