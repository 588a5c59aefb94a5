"""Load the fictional demo school: people in every role, pages, and each feature's data.

Safe to run again: it finds what is already there instead of duplicating it.
"""

import importlib

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page, Site

from example_site.demo.models import HomePage
from wagtail_send.audit import acting_as
from wagtail_send.models import Membership, School
from wagtail_send.roles import Role
from wagtail_send.schools import ADMIN_ROLES

PASSWORD = "oakfield-demo"  # noqa: S105  (fictional demo accounts only)

#: username, first name, last name, role, job title
PEOPLE = [
    ("senco", "Amira", "Shah", Role.SENCO, "SENCO"),
    ("teacher", "Tom", "Fletcher", Role.STAFF, "Year 3 teacher"),
    ("ta", "Priya", "Nair", Role.STAFF, "Teaching assistant"),
    ("head", "Helen", "Okafor", Role.SLT, "Headteacher"),
    ("governor", "David", "Barnes", Role.GOVERNOR, "SEND governor"),
]

#: Feature apps and the module that loads each one's demo data.
FEATURES = ["policies", "learning_wall", "directory", "learning_walks", "skills_audit"]


class Command(BaseCommand):
    help = "Load the fictional demo school with a person in every role."

    def handle(self, *args, **options):
        with transaction.atomic():
            school, home = self.load_school()
            people = self.load_people(school)
            with acting_as(people["senco"], "Demo data"):
                for feature in FEATURES:
                    if apps.is_installed(f"wagtail_send.{feature}"):
                        module = importlib.import_module(f"example_site.demo.features.{feature}")
                        module.load(school=school, people=people, home=home)
        self.stdout.write(self.style.SUCCESS("Demo school ready: http://127.0.0.1:8000/"))
        self.stdout.write("Sign in at http://127.0.0.1:8000/_util/login/ (admin: /admin/)")
        for username, first, last, role, title in PEOPLE:
            where = "front end and admin" if role in ADMIN_ROLES else "front end"
            self.stdout.write(
                f"  {title:<20} {first + ' ' + last:<16} username {username:<9} "
                f"password {PASSWORD}  ({where})"
            )

    def load_school(self):
        root = Page.get_first_root_node()
        home = HomePage.objects.first()
        if home is None:
            home = root.add_child(
                instance=HomePage(
                    title="Oakfield Primary School",
                    slug="oakfield",
                    intro="<p>Welcome to Oakfield Primary School, a fictional school.</p>",
                )
            )
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True
            )
        site.root_page = home
        site.site_name = "Oakfield Primary School"
        site.save()
        Page.objects.filter(depth=2).exclude(pk=home.pk).filter(
            content_type__model="page"
        ).delete()
        school = School.objects.filter(site=site).first() or School.objects.first()
        details = {
            "name": "Oakfield Primary School",
            "urn": "999901",
            "phase": "primary",
            "local_authority": "Northdale Council",
            "local_offer_url": "https://localoffer.northdale.example/",
            "senco_name": "Ms Amira Shah",
            "senco_email": "senco@oakfield.example",
            "senco_phone": "01632 960 123",
            "site": site,
        }
        with acting_as(None, "Demo data"):
            if school is None:
                school = School.objects.create(**details)
            else:
                for name, value in details.items():
                    setattr(school, name, value)
                school.save()
        return school, home

    def load_people(self, school):
        people = {}
        for username, first, last, role, title in PEOPLE:
            user, _ = get_user_model().objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@oakfield.example",
                },
            )
            user.set_password(PASSWORD)
            user.save()
            with acting_as(None, "Demo data"):
                Membership.objects.update_or_create(
                    user=user, school=school, role=role, defaults={"job_title": title}
                )
            people[username] = user
        return people
