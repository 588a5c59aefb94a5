"""Movers: access follows membership, for grants and authorship alike.

A SENCO of Oakfield was granted Oakfield's walk, an observation and a teacher's private
feedback while she worked there; a teacher wrote a post there. Then each of them left
Oakfield: one left the trust, one moved to Elm Park (the same trust), one came back
to Oakfield as a member of staff. Their grants and authorship count only while they
hold a membership at Oakfield; a grant made to a guest counts whatever their
memberships. Each cell is checked through the policy, the listing, the front end and
the admin, and every wrong cell of a case is collected before failing.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from wagtail_send.access import can, grant, visible
from wagtail_send.learning_walks.models import Feedback, LearningWalk, Observation
from wagtail_send.learning_wall.models import Post
from wagtail_send.models import AccessChange, Membership
from wagtail_send.roles import Role

from .expected import ACTIONS, EXPECTED, FRONT_END, UNKNOWN_ACTION
from .factories import make
from .test_matrix import ADMIN_VIEWS, record_viewsets

#: What the SENCO was granted, as a member, on each of Oakfield's walk records.
SENCO_GRANTS = {LearningWalk: ("view", "change"), Observation: ("view",), Feedback: ("view",)}
#: Where each mover is now: no membership, one at Elm Park, or back at Oakfield as staff.
MOVES = ("left", "moved", "rejoined")


def _move(user, move, school, other_school):
    Membership.objects.filter(user=user, school=school).delete()
    if move == "moved":
        Membership.objects.create(user=user, school=other_school, role=Role.SENCO)
    elif move == "rejoined":
        Membership.objects.create(user=user, school=school, role=Role.STAFF)
    return type(user).objects.get(pk=user.pk)  # what the next request loads


@pytest.fixture
def walk_records(cast, school):
    """A walk, an observation and a teacher's feedback at Oakfield, none of them hers."""
    walk = make(LearningWalk, school=school, author=cast["author"])
    return [
        walk,
        make(Observation, school=school, author=cast["author"], walk=walk),
        make(Feedback, school=school, author=cast["author"], walk=walk),
    ]


def _expected_senco(move, record):
    """A SENCO back as staff holds her grants again; otherwise nothing at Oakfield."""
    return set(SENCO_GRANTS[type(record)]) if move == "rejoined" else set()


def _expected_teacher(move):
    return (
        set(EXPECTED["wagtail_send_learning_wall.Post"]["author"].split())
        if (move == "rejoined")
        else set()
    )


def _wrong_cells(user, record, held):
    wrong = []
    model = type(record)
    for action in [*ACTIONS, UNKNOWN_ACTION]:
        if action == "add":
            continue  # about making new records at a school, not about this one
        allowed = can(user, action, record)
        if allowed != (action in held):
            wrong.append(f"{model.__name__} {action}: policy says {allowed}")
        listed = visible(user, model, action).filter(pk=record.pk).exists()
        if listed != (action in held):
            wrong.append(f"{model.__name__} {action}: listing says {listed}")
    return wrong


def _wrong_pages(client, user, record, held):
    """Front-end and admin pages of ``record`` for ``user``, against ``held``."""
    client.force_login(user)
    wrong = []
    label = record._meta.label
    pages = list(FRONT_END.get(label, []))
    viewset = record_viewsets().get(label)
    if viewset is not None and user.send_memberships.filter(role=Role.SENCO).exists():
        # The admin is for members whose role opens it; staff use the front end.
        pages += [(viewset.get_url_name(view), action) for view, action in ADMIN_VIEWS.items()]
    for url_name, action in pages:
        status = client.get(reverse(url_name, args=[record.pk])).status_code
        if (status == 200) != (action in held):
            wrong.append(f"{label} {url_name}: {status}")
    return wrong


@pytest.mark.parametrize("move", MOVES)
def test_a_senco_who_leaves_loses_what_she_was_granted(
    move, cast, school, other_school, walk_records, client
):
    senco = cast["senco"]
    for record in walk_records:
        for action in SENCO_GRANTS[type(record)]:
            grant(record, senco, action, by=cast["superuser"])
    mover = _move(senco, move, school, other_school)
    wrong = []
    for record in walk_records:
        held = _expected_senco(move, record)
        wrong += _wrong_cells(mover, record, held)
        wrong += _wrong_pages(client, mover, record, held)
    assert wrong == [], move


@pytest.mark.parametrize("move", MOVES)
def test_a_teacher_who_leaves_loses_their_own_post(move, cast, school, other_school, client):
    teacher = cast["author"]
    post = make(Post, school=school, author=teacher)
    mover = _move(teacher, move, school, other_school)
    held = _expected_teacher(move)
    wrong = _wrong_cells(mover, post, held) + _wrong_pages(client, mover, post, held)
    share = client.get(reverse("wagtail_send_learning_wall:share", args=[post.pk]))
    if (share.status_code == 200) != (move == "rejoined"):
        wrong.append(f"share: {share.status_code}")
    client.post(reverse("wagtail_send_learning_wall:archive", args=[post.pk]))
    if Post.objects.active().filter(pk=post.pk).exists() == (move == "rejoined"):
        wrong.append("archive: the post is still active" if move == "rejoined" else "archived")
    assert wrong == [], move


@pytest.mark.parametrize("move", ("left", "moved"))
def test_a_teacher_who_left_cannot_share_their_post_with_an_outsider(
    move, cast, school, other_school
):
    post = make(Post, school=school, author=cast["author"])
    mover = _move(cast["author"], move, school, other_school)
    with pytest.raises(PermissionDenied):
        grant(post, cast["other_guest"], "view", by=mover, as_guest=True)


def test_rejoining_gives_back_what_leaving_took(cast, school, other_school, walk_records):
    senco = cast["senco"]
    walk = walk_records[0]
    grant(walk, senco, "view", by=cast["superuser"])
    post = make(Post, school=school, author=senco)
    gone = _move(senco, "left", school, other_school)
    assert not can(gone, "view", walk) and not can(gone, "change", post)
    back = _move(gone, "rejoined", school, other_school)
    assert can(back, "view", walk) and can(back, "change", post)
    assert visible(back, LearningWalk).filter(pk=walk.pk).exists()


def test_a_guest_grant_counts_whatever_the_guests_memberships(
    cast, school, other_school, walk_records
):
    """A visiting SENCO from Elm Park keeps the walk she was invited to, and so does a
    guest who later joined Oakfield and left it again."""
    walk = walk_records[0]
    visitor, guest = cast["other_senco"], cast["guest"]
    grant(walk, visitor, "view", by=cast["superuser"], as_guest=True)
    grant(walk, guest, "view", by=cast["superuser"], as_guest=True)
    Membership.objects.create(user=guest, school=school, role=Role.STAFF)
    guest = _move(guest, "left", school, other_school)
    for person in (visitor, guest):
        assert can(person, "view", walk)
        assert visible(person, LearningWalk).filter(pk=walk.pk).exists()
        assert not can(person, "change", walk)


def test_the_access_log_says_when_grants_and_authorship_stop_and_start_counting(
    cast, school, other_school, walk_records
):
    senco = cast["senco"]
    walk = walk_records[0]
    grant(walk, senco, "view", by=cast["superuser"])
    post = make(Post, school=school, author=senco)
    other = make(Post, school=other_school, author=senco)
    log = AccessChange.objects.filter(grantee=senco).order_by("pk")

    _move(senco, "moved", school, other_school)
    lapsed = log.filter(kind=AccessChange.Kind.LAPSED)
    assert {(c.object_repr, c.action, c.school_id, c.grantee_name) for c in lapsed} == {
        (str(walk), "view", school.pk, "Senco"),
        (str(post), "authorship", school.pk, "Senco"),
    }
    assert not log.filter(object_id=other.pk, content_type__model="post").exists()

    _move(senco, "rejoined", school, other_school)
    resumed = log.filter(kind=AccessChange.Kind.RESUMED)
    assert {(c.object_repr, c.action) for c in resumed} == {
        (str(walk), "view"),
        (str(post), "authorship"),
    }

    Membership.objects.get(user=senco, school=school).delete()  # leaves again
    assert log.filter(kind=AccessChange.Kind.LAPSED).count() == 4
