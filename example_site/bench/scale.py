"""Build a multi-academy trust's worth of data, in bulk, for the benchmark.

The demo school (``load_demo``) is school one: it keeps its pages, people and
workflow, so the benchmark can serve its learning wall, directory and SEN
Information Report. The other schools get records only. Everything goes through
the models' public bulk paths: every tracked model's ``bulk_create`` writes one
chained history row per record. Grant rows are guardian direct-FK rows made in
bulk, each with its access-log row (``AccessChange``), as a real grant has.
"""

import datetime
import io
import itertools
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

from example_site.mail import mail_settings
from wagtail_send.audit import acting_as
from wagtail_send.directory.models import Service, ServiceUserGrant
from wagtail_send.learning_walks.models.walks import LearningWalk, LearningWalkUserGrant
from wagtail_send.learning_wall.models import Kind, Post, PostUserGrant, Team
from wagtail_send.models import AccessChange, Membership, School
from wagtail_send.roles import Role
from wagtail_send.skills_audit.models import Campaign, Response, ResponseUserGrant

#: A trust at full size (``--scale 1``), as the issue sets it out.
FULL = {
    "staff": 5_000,
    "posts": 100_000,
    "services": 10_000,
    "walks": 2_000,
    "answers": 5_000,
    "grants": 1_000_000,
}
#: How the grant rows are spread over the record models (shares add up to 1).
GRANT_SHARES = [
    (Post, PostUserGrant, 0.6),
    (Service, ServiceUserGrant, 0.2),
    (LearningWalk, LearningWalkUserGrant, 0.1),
    (Response, ResponseUserGrant, 0.1),
]
BATCH = 5_000
USERNAME_PREFIX = "bench-staff-"
SCHOOL_PREFIX = "Bench school "
PASSWORD = "bench-only"  # noqa: S105  (generated accounts on a benchmark database)

BODY = (
    "<p>We tried visual timetables and now-and-next boards in every lesson this half-term. "
    "Three pupils who found transitions hard now move between activities calmly.</p>"
    "<ul><li>Symbols from the shared drive</li><li>Reviewed at each transition</li></ul>"
    "<p>Next we will share the boards with parents so the same words are used at home.</p>"
)
KINDS = [value for value, _label in Kind.choices]
KEY_STAGES = [",eyfs,", ",ks1,", ",ks2,", ",ks1,ks2,", ",ks3,", ",ks4,"]


class AlreadyGenerated(Exception):
    """The database already holds generated schools."""


def targets(scale):
    """The number of each thing to make at ``scale`` (1.0 is a full trust)."""
    return {name: max(1, round(count * scale)) for name, count in FULL.items()}


def _chunks(iterable, size):
    iterator = iter(iterable)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _spread(total, schools):
    """``total`` split as evenly as possible over ``schools``: (school, index) pairs."""
    for n in range(total):
        yield schools[n % len(schools)], n


class Generator:
    """Make the trust. Call :meth:`run`; :attr:`timings` holds seconds per step."""

    def __init__(self, schools=50, scale=1.0, log=print):
        self.school_count = schools
        self.counts = targets(scale)
        self.log = log
        self.timings = {}
        self.now = timezone.now()

    def run(self):
        """Generate everything; returns the rows made, by kind."""
        if School.objects.filter(name__startswith=SCHOOL_PREFIX).exists():
            raise AlreadyGenerated(
                "This database already has generated schools; use a fresh database."
            )
        made = {}
        with acting_as(None, "Benchmark scale data"):
            self._step("demo school", self._demo)
            self.demo = School.objects.exclude(site=None).order_by("pk").first()
            made["schools"] = self._step("schools", self._schools)
            made["staff"] = self._step("staff", self._staff)
            made["posts"] = self._step("posts", self._posts)
            made["services"] = self._step("services", self._services)
            made["walks"] = self._step("learning walks", self._walks)
            made["answers"] = self._step("skills-audit answers", self._answers)
            made["grants"] = self._step("object-permission grants", self._grants)
            self._step("planner statistics", self._analyze)
        return made

    def _step(self, label, function):
        start = time.perf_counter()
        result = function()
        self.timings[label] = time.perf_counter() - start
        self.log(
            f"{label}: {result if result is not None else 'done'} ({self.timings[label]:.1f} s)"
        )
        return result

    def _analyze(self):
        # Without fresh statistics after a bulk load, PostgreSQL misjudges small lookups
        # (the history chain's head) as huge, and even compiles them with JIT.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def _demo(self):
        # The demo's workflow e-mails would only clutter the output here.
        with override_settings(**mail_settings("django.core.mail.backends.dummy.EmailBackend")):
            call_command("load_demo", stdout=io.StringIO())

    def _schools(self):
        self.schools = [self.demo]
        for n in range(1, self.school_count):
            self.schools.append(
                School.objects.create(
                    name=f"{SCHOOL_PREFIX}{n:03d}",
                    urn=f"{800000 + n:06d}",
                    phase="primary" if n % 3 else "secondary",
                    local_authority="Northdale Council",
                )
            )
        return len(self.schools)

    def _staff(self):
        User = get_user_model()
        password = make_password(PASSWORD)
        users = [
            User(
                username=f"{USERNAME_PREFIX}{n:05d}",
                first_name="Staff",
                last_name=f"{n:05d}",
                email=f"staff{n}@trust.example",
                password=password,
            )
            for n in range(self.counts["staff"])
        ]
        with transaction.atomic():
            users = User.objects.bulk_create(users, batch_size=BATCH)
            memberships = [
                Membership(user=user, school=school, role=Role.STAFF, job_title="Teacher")
                for (school, _n), user in zip(
                    _spread(len(users), self.schools), users, strict=True
                )
            ]
            # The first member of each generated school is also its SENCO.
            seen = set()
            for membership in list(memberships):
                if membership.school_id not in seen and membership.school_id != self.demo.pk:
                    seen.add(membership.school_id)
                    memberships.append(
                        Membership(
                            user=membership.user,
                            school=membership.school,
                            role=Role.SENCO,
                            job_title="SENCO",
                        )
                    )
            memberships = Membership.objects.bulk_create(memberships, batch_size=BATCH)
        self.staff_by_school = {}
        for membership in memberships:
            if membership.role == Role.STAFF:
                self.staff_by_school.setdefault(membership.school_id, []).append(membership.user)
        # Demo people join the pool of people records are shared with.
        self.grantees = [*users, *User.objects.filter(username__in=["teacher", "ta"])]
        return len(users)

    def _author(self, school, n):
        staff = self.staff_by_school.get(school.pk) or [None]
        return staff[n % len(staff)]

    def _bulk(self, model, objects):
        made = 0
        for chunk in _chunks(objects, BATCH):
            with transaction.atomic():
                made += len(model.objects.bulk_create(chunk, batch_size=BATCH))
        return made

    def _posts(self):
        teams = Team.objects.bulk_create(
            [Team(school=school, name=f"Team {t}") for school in self.schools for t in "ABC"]
        )
        teams_by_school = {}
        for team in teams:
            teams_by_school.setdefault(team.school_id, []).append(team)
        two_years = 2 * 365 * 24 * 3600
        total = self.counts["posts"]

        def posts():
            for school, n in _spread(total, self.schools):
                when = self.now - datetime.timedelta(seconds=two_years * n // total)
                yield Post(
                    school=school,
                    created_by=self._author(school, n),
                    created_at=when,
                    kind=KINDS[n % len(KINDS)],
                    title=f"Visual timetables in lesson {n}",
                    body=BODY,
                    team=teams_by_school[school.pk][n % 3],
                    key_stages=KEY_STAGES[n % len(KEY_STAGES)],
                )

        return self._bulk(Post, posts())

    def _services(self):
        def services():
            for school, n in _spread(self.counts["services"], self.schools):
                yield Service(
                    school=school,
                    created_by=self._author(school, n),
                    name=f"Speech and language service {n}",
                    description="Assessment and therapy for children with speech, language "
                    "and communication needs, with advice for school staff.",
                    need_communication=True,
                    need_cognition=bool(n % 2),
                    email=f"service{n}@services.example",
                    phone="01632 960 000",
                    is_public=bool(n % 2),
                    last_verified_on=self.now.date() - datetime.timedelta(days=n % 500),
                )

        return self._bulk(Service, services())

    def _walks(self):
        def walks():
            for school, n in _spread(self.counts["walks"], self.schools):
                yield LearningWalk(
                    school=school,
                    created_by=self._author(school, n),
                    title=f"Learning walk {n}: adaptive teaching",
                    focus="How well visual supports help pupils with SEND take part.",
                    purpose="monitoring",
                    date=self.now.date() - datetime.timedelta(days=n % 700),
                    starts_at=datetime.time(9, 0),
                    ends_at=datetime.time(10, 30),
                )

        return self._bulk(LearningWalk, walks())

    def _answers(self):
        with transaction.atomic():
            campaigns = Campaign.objects.bulk_create(
                [
                    Campaign(
                        school=school,
                        title="Autumn 2026",
                        opens_on=self.now.date() - datetime.timedelta(days=30),
                        closes_on=self.now.date() + datetime.timedelta(days=30),
                    )
                    for school in self.schools
                ]
            )
        campaign_of = {campaign.school_id: campaign for campaign in campaigns}
        answers = {"1": {"confidence": 3, "training": False, "comment": ""}}

        def responses():
            made = 0
            # One answer per person per audit: walk the staff school by school.
            for school in self.schools:
                for person in self.staff_by_school.get(school.pk, []):
                    if made >= self.counts["answers"]:
                        return
                    made += 1
                    yield Response(
                        school=school,
                        created_by=person,
                        campaign=campaign_of[school.pk],
                        answers=answers,
                        job_title="Teacher",
                        submitted_at=self.now,
                    )

        return self._bulk(Response, responses())

    def _grants(self):
        made = 0
        for model, grant_model, share in GRANT_SHARES:
            content_type = ContentType.objects.get_for_model(model)
            names = [f"{action}_{model._meta.model_name}" for action in ("change", "view")]
            permissions = list(
                Permission.objects.filter(content_type=content_type, codename__in=names).order_by(
                    "codename"
                )
            )
            school_of = dict(model.objects.values_list("pk", "school_id"))
            rows = self._grant_rows(model, grant_model, permissions, share)
            for chunk in _chunks(rows, BATCH * 4):
                with transaction.atomic():
                    grant_model.objects.bulk_create(chunk, batch_size=BATCH)
                    # A grant the access log does not hold is what verify_send_history
                    # reports as written by hand, so each is logged as the SENCO's.
                    AccessChange.objects.bulk_create(
                        [self._logged(grant, model, content_type, school_of) for grant in chunk],
                        batch_size=BATCH,
                    )
                made += len(chunk)
        return made

    def _logged(self, grant, model, content_type, school_of):
        return AccessChange(
            kind=AccessChange.Kind.GRANTED,
            action=grant.permission.codename.rsplit("_", 1)[0],
            content_type=content_type,
            object_id=grant.content_object_id,
            object_repr=f"{model._meta.verbose_name} #{grant.content_object_id}",
            school_id=school_of[grant.content_object_id],
            grantee=grant.user,
            grantee_name=grant.user.get_full_name() or grant.user.get_username(),
        )

    def _grant_rows(self, model, grant_model, permissions, share):
        """This model's share of the grants: distinct (person, permission) per record."""
        people = self.grantees
        pairs = len(people) * len(permissions)
        ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
        wanted = round(self.counts["grants"] * share)
        # One spare per record, so skipping a grant the demo made still reaches ``wanted``.
        per_record = max(1, min(pairs, -(-wanted // len(ids)) + 1))
        step = max(1, pairs // per_record)
        # The demo already shares a few records; never grant the same thing twice.
        existing = set(
            grant_model.objects.values_list("user_id", "permission_id", "content_object_id")
        )
        count = 0
        for position, pk in enumerate(ids):
            for k in range(per_record):
                if count >= wanted:
                    return
                person, permission = divmod((position * 7 + k * step) % pairs, len(permissions))
                if (people[person].pk, permissions[permission].pk, pk) in existing:
                    continue
                count += 1
                yield grant_model(
                    user=people[person], permission=permissions[permission], content_object_id=pk
                )
