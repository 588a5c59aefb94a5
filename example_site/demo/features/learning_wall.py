"""Demo data for the learning wall: this school year's rota, posts from several teams with
photos drawn locally with Pillow (nothing downloaded), replies and useful marks.

Every date is counted back from the day the demo is loaded. The posts fall on the
weekdays of the last ten weeks, holidays included (staff share things over a holiday
too), so the staff meeting always has the last week's posts; in a holiday the rota, as
always, shows nothing due and the teams overdue from the half-term just ended.

Safe to run again: the wall page, teams, half-terms and theme are found by name and
date, and posts are only added when the wall has none.
"""

import datetime
import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from example_site.demo.schoolyear import school_year, weekday_before
from wagtail_send.learning_wall.media import attach_image
from wagtail_send.learning_wall.models import (
    HalfTerm,
    Post,
    Reply,
    Team,
    Theme,
    Useful,
)
from wagtail_send.learning_wall.pages import LearningWallPage
from wagtail_send.learning_wall.privacy import restrict_to_staff
from wagtail_send.models import Membership, NeedType
from wagtail_send.roles import Role

#: Extra staff so there are several teams: username, first, last, job title.
STAFF = [
    ("reception", "Grace", "Adeyemi", "Reception teacher"),
    ("year5", "Owen", "Price", "Year 5 teacher"),
    ("year6", "Sofia", "Marsh", "Year 6 teacher"),
]

TEAMS = {
    "Early years": ["reception", "ta"],
    "Key stage 1": ["teacher"],
    "Lower key stage 2": ["teacher", "ta"],
    "Upper key stage 2": ["year5", "year6"],
    # Has not posted yet: the wall shows it as overdue and due.
    "Nurture group": ["ta", "senco"],
}

#: kind, title, body (Wagtail rich text), team, author, days ago, areas, key stages, photo colour
POSTS = [
    (
        "photograph",
        "Sensory circuit before phonics",
        "<p>Ten minutes of bouncing, balancing and heavy work before phonics. Three children "
        "who found it hard to settle are now ready to learn by 9:15.</p>",
        "Early years",
        "reception",
        68,
        ["SEMH", "PD"],
        ["eyfs"],
        (240, 170, 60),
    ),
    (
        "planning",
        "Now-and-next boards across KS1",
        "<p>Our planning for using now-and-next boards in every KS1 lesson this half-term.</p>"
        "<ul><li>Symbols from the shared drive</li><li>Reviewed at each transition</li></ul>",
        "Key stage 1",
        "teacher",
        59,
        ["ASD", "SLCN"],
        ["ks1"],
        None,
    ),
    (
        "question",
        "How do you support a child with selective mutism in group work?",
        "<p>We have a new Year 4 pupil who does not speak in class yet. What has worked for "
        "you?</p>",
        "Lower key stage 2",
        "ta",
        47,
        ["SEMH", "SLCN"],
        ["ks2"],
        None,
    ),
    (
        "article",
        "Coloured overlays: what the evidence says",
        "<p>A short summary of the research on coloured overlays and reading, and why we now "
        "focus on font size, spacing and reading practice instead.</p>",
        "Upper key stage 2",
        "year5",
        39,
        ["SPLD"],
        ["ks2"],
        None,
    ),
    (
        "photograph",
        "Word mats on every table",
        "<p>Year 6 made their own topic word mats with pictures. Children who struggle with "
        "spelling now write more in science.</p>",
        "Upper key stage 2",
        "year6",
        17,
        ["SPLD", "MLD"],
        ["ks2"],
        (70, 140, 200),
    ),
    (
        "pupil_evaluation",
        "What pupils said about the quiet room",
        "<p>We asked twelve pupils what helps in the quiet room. Most said the timer and "
        "being able to choose when to go back.</p>",
        "Upper key stage 2",
        "year5",
        10,
        ["SEMH"],
        ["ks2"],
        (120, 190, 120),
    ),
    (
        "staff_evaluation",
        "Parents' coffee morning: what we learnt",
        "<p>Eight parents came. They asked for more notice of changes and photos of the "
        "visual timetable to use at home.</p>",
        "Early years",
        "senco",
        5,
        ["SLCN", "ASD"],
        ["eyfs", "ks1"],
        None,
    ),
    (
        "resource",
        "Fine-motor warm-ups",
        "<p>Five-minute warm-ups with pegs, dough and tweezers before handwriting.</p>",
        "Key stage 1",
        "teacher",
        3,
        ["PD"],
        ["eyfs", "ks1"],
        (200, 90, 120),
    ),
]

REPLIES = [
    (
        "How do you support a child with selective mutism in group work?",
        "senco",
        "Start with non-verbal ways to join in (thumbs up, whiteboards) and never ask them "
        "to speak in front of others. I'll bring the Selective Mutism Resource Manual.",
    ),
    (
        "How do you support a child with selective mutism in group work?",
        "year6",
        "A talking partner they already know helped one of ours.",
    ),
    ("Sensory circuit before phonics", "teacher", "Could we see your circuit plan?"),
]

USEFUL = {
    "Sensory circuit before phonics": ["teacher", "ta", "senco", "year6"],
    "Now-and-next boards across KS1": ["reception", "senco"],
    "Word mats on every table": ["teacher", "year5"],
    "Parents' coffee morning: what we learnt": ["head", "teacher"],
}


def _photo(title, colour):
    """A simple drawn 'photo' (coloured shapes on a tray), made here, not downloaded."""
    picture = Image.new("RGB", (960, 640), (245, 240, 230))
    draw = ImageDraw.Draw(picture)
    draw.rounded_rectangle((80, 120, 880, 560), radius=40, fill=colour)
    for n in range(5):
        x = 150 + n * 140
        draw.ellipse((x, 260, x + 100, 360), fill=(255, 255, 255))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=80)
    return SimpleUploadedFile(f"{title[:30]}.jpg", buffer.getvalue(), content_type="image/jpeg")


def _at(day, hour=15):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 30)))


def _staff(school, people):
    users = dict(people)
    for username, first, last, title in STAFF:
        user, _ = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@oakfield.example",
            },
        )
        Membership.objects.get_or_create(
            user=user, school=school, role=Role.STAFF, defaults={"job_title": title}
        )
        users[username] = user
    return users


def _wall_page(home, school):
    wall = LearningWallPage.objects.child_of(home).first()
    if wall is None:
        wall = home.add_child(
            instance=LearningWallPage(
                title="Learning wall",
                slug="learning-wall",
                intro="<p>Each team shares something every half-term: a photo of an "
                "activity, planning, a resource, a question or an evaluation. The wall is the "
                "ten-minute focus of Monday's staff meeting.</p>",
            )
        )
    restrict_to_staff(wall, school)
    return wall


def load(*, school, people, home):
    """Add the learning wall's demo data to ``school``; safe to run again."""
    _wall_page(home, school)
    users = _staff(school, people)
    teams = {}
    for name, members in TEAMS.items():
        team = Team.objects.filter(school=school, name=name).first() or Team.objects.create(
            school=school, name=name, created_by=users["senco"]
        )
        team.members.set([users[m] for m in members])
        teams[name] = team
    today = timezone.localdate()
    year = school_year(today)
    for half_term in year.half_terms:
        HalfTerm.objects.get_or_create(
            school=school,
            name=half_term.name,
            starts_on=half_term.starts_on,
            defaults={"ends_on": half_term.ends_on, "created_by": users["senco"]},
        )
    # This term's focus: the term of today's half-term (in a holiday, the one just ended).
    term = year.half_term_of(today).term
    first, second = [t for t in year.half_terms if t.term == term]
    theme, _ = Theme.objects.get_or_create(
        school=school,
        title="Partnerships with parents",
        starts_on=first.starts_on,
        defaults={
            "description": f"{term} term focus: working with parents and carers.",
            "ends_on": second.ends_on,
            "created_by": users["senco"],
        },
    )
    if Post.objects.filter(school=school).exists():
        return
    areas = {a.code: a for a in NeedType.objects.all()}
    posts = {}
    for kind, title, body, team, author, days_ago, codes, stages, colour in POSTS:
        day = weekday_before(days_ago, today)
        in_theme = theme.starts_on <= day <= theme.ends_on
        post = Post.objects.create(
            school=school,
            kind=kind,
            title=title,
            body=body,
            team=teams[team],
            theme=theme if in_theme and ("parent" in title.lower() or days_ago < 21) else None,
            key_stages=f",{','.join(stages)},",
            created_by=users[author],
            created_at=_at(day),
        )
        post.areas_of_need.set([areas[c] for c in codes if c in areas])
        if colour:
            attach_image(post, _photo(title, colour), alt_text=f"Photo: {title}")
        posts[title] = post
    for title, author, text in REPLIES:
        Reply.objects.create(
            school=school,
            post=posts[title],
            body=text,
            created_by=users[author],
            created_at=posts[title].created_at + datetime.timedelta(hours=20),
        )
    for title, usernames in USEFUL.items():
        for username in usernames:
            Useful.objects.get_or_create(post=posts[title], user=users[username])
