"""Issue 15, finding 3: every admin view is scoped to the school the request is about.

Each test signs in to the real Wagtail admin as a member of one school (Oakfield) and
walks ids of the other (Elm Park), or of records the person may not see.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import get_resolver, reverse
from wagtail.documents import get_document_model

from wagtail_send.directory.models import Service
from wagtail_send.learning_walks.models import LearningWalk, ObservationTemplate
from wagtail_send.learning_wall.models import Post, Team, Theme
from wagtail_send.models import Membership
from wagtail_send.roles import Role

from .factories import make

pytestmark = pytest.mark.django_db


def admin_url(viewset, view, *args):
    return reverse(f"{viewset}:{view}", args=args)


def text_of(response):
    """A page's or a streamed export's text."""
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.fixture(autouse=True)
def _admin_loaded():
    """Wagtail indexes references of the models its viewsets register as the admin's URLs
    load; load them before any record is made, as a running site has."""
    _ = get_resolver().url_patterns


@pytest.fixture
def signed_in(client, people):
    def sign_in(name):
        client.force_login(people[name])
        return client

    return sign_in


@pytest.fixture
def elm_park(other_school, people):
    """Elm Park's own records: a SENCO's post, a team, a theme, a template, a walk."""
    author = people["other_senco"]
    return {
        "post": make(Post, school=other_school, author=author, title="Elm Park's trip"),
        "team": make(Team, school=other_school, author=author, name="Elm Park Year 6"),
        "theme": make(Theme, school=other_school, author=author, title="Elm Park theme"),
        "template": make(
            ObservationTemplate, school=other_school, author=author, name="Elm Park prompts"
        ),
        "walk": make(LearningWalk, school=other_school, author=author, title="Elm Park walk"),
    }


def test_usage_pages_of_another_schools_school_and_memberships_are_refused(
    signed_in, people, other_school, elm_park
):
    client = signed_in("senco")
    membership = Membership.objects.get(user=people["other_staff"])
    for viewset, pk in (
        ("wagtail_send_schools", other_school.pk),
        ("wagtail_send_memberships", membership.pk),
        ("learning_walks", elm_park["walk"].pk),
        ("observation_templates", elm_park["template"].pk),
    ):
        response = client.get(admin_url(viewset, "usage", pk))
        assert response.status_code in (302, 403), viewset
        assert b"Elsewhere" not in response.content and b"Elm Park" not in response.content


def test_the_usage_page_names_only_what_the_person_may_see(signed_in, people, school):
    hidden = make(Post, school=school, author=people["staff"], title="Quiet corner photo")
    hidden.hidden = True
    hidden.save()
    walk = make(LearningWalk, school=school, author=people["senco"], title="Phonics walk")
    template = walk.template = make(
        ObservationTemplate, school=school, author=people["senco"], name="Phonics prompts"
    )
    walk.save()
    usage = admin_url("observation_templates", "usage", template.pk)
    assert "Phonics walk" in signed_in("senco").get(usage).content.decode()

    head = signed_in("slt")
    post_usage = admin_url("post", "usage", hidden.pk)
    assert head.get(post_usage).status_code in (302, 403)
    assert "Quiet corner photo" not in text_of(head.get(post_usage, follow=True))
    # Not even as a "(Private ...)" row among the records that use the school.
    school_usage = head.get(admin_url("wagtail_send_schools", "usage", school.pk))
    assert school_usage.status_code == 200
    assert "Private learning wall post" not in school_usage.content.decode()
    senco = signed_in("senco")
    assert "Quiet corner photo" in senco.get(post_usage).content.decode()


def test_history_of_another_schools_school_and_memberships_is_refused(
    signed_in, people, other_school
):
    client = signed_in("senco")
    membership = Membership.objects.get(user=people["other_senco"])
    for viewset, pk in (
        ("wagtail_send_schools", other_school.pk),
        ("wagtail_send_memberships", membership.pk),
    ):
        response = client.get(admin_url(viewset, "history", pk))
        assert response.status_code in (302, 403), viewset
        assert b"Othersenco" not in response.content


def test_the_own_schools_history_shows_its_changes(signed_in, school):
    school.local_authority = "Northshire"
    school.save()
    history = signed_in("slt").get(admin_url("wagtail_send_schools", "history", school.pk))
    assert history.status_code == 200
    assert "Northshire" in history.content.decode()


def test_bulk_archive_confirmation_names_no_other_schools_posts(signed_in, people, elm_park):
    ours = make(Post, school=people["senco"].send_memberships.get().school, author=people["staff"])
    url = reverse("wagtail_bulk_action", args=["wagtail_send_learning_wall", "post", "archive"])
    page = signed_in("senco").get(f"{url}?id={ours.pk}&id={elm_park['post'].pk}")
    assert page.status_code == 200
    assert ours.title in page.content.decode()
    assert "Elm Park" not in page.content.decode()
    only_theirs = signed_in("senco").get(f"{url}?id={elm_park['post'].pk}")
    assert only_theirs.status_code == 404
    assert b"Elm Park" not in only_theirs.content


def test_another_schools_public_service_cannot_be_inspected_or_listed(
    signed_in, people, other_school
):
    service = make(
        Service,
        school=other_school,
        author=people["other_senco"],
        name="Elm Park counselling",
        is_public=True,
        internal_notes="Elm Park's waiting list is 30 weeks",
    )
    for name in ("senco", "slt"):
        client = signed_in(name)
        inspect = client.get(admin_url("directory_services", "inspect", service.pk))
        assert inspect.status_code in (302, 403), name
        assert b"30 weeks" not in inspect.content
        listing = client.get(admin_url("directory_services", "index")).content.decode()
        assert "Elm Park counselling" not in listing, name


def test_the_document_chooser_lists_no_other_schools_private_files(
    signed_in, people, school, other_school
):
    from wagtail.models import Collection

    from wagtail_send.schools import role_group

    if Collection.get_first_root_node() is None:  # flushed by a transactional test
        Collection.add_root(name="Root")
    documents = get_document_model()
    for owner, title in ((school, "Oakfield planning.pdf"), (other_school, "Elm Park EHCP.pdf")):
        documents.objects.create(
            title=title,
            file=ContentFile(b"%PDF-1.4", name="file.pdf"),
            collection=_staff_only_collection(owner),
        )
    _give_document_rights(role_group(school, Role.SENCO))
    chooser = signed_in("senco").get(reverse("wagtaildocs_chooser:choose"))
    assert chooser.status_code == 200
    html = chooser.json()["html"]
    assert "Oakfield planning.pdf" in html
    assert "Elm Park EHCP.pdf" not in html


def _staff_only_collection(school):
    """A collection that Wagtail's privacy restricts to ``school``'s staff groups."""
    from wagtail.models import Collection, CollectionViewRestriction

    from wagtail_send.schools import role_group

    collection = Collection.get_first_root_node().add_child(name=f"Staff only: {school.name}")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([role_group(school, role) for role in (Role.STAFF, Role.SENCO)])
    return collection


def _give_document_rights(group):
    """What ``configure_index`` gives a school's SENCOs: documents in the root collection."""
    from django.contrib.auth.models import Permission
    from wagtail.models import Collection, GroupCollectionPermission

    for codename in ("add_document", "change_document", "choose_document"):
        GroupCollectionPermission.objects.create(
            group=group,
            collection=Collection.get_first_root_node(),
            permission=Permission.objects.get(codename=codename),
        )


def test_admin_forms_refuse_another_schools_team_theme_and_template(
    signed_in, people, school, elm_park
):
    client = signed_in("senco")
    post = make(Post, school=school, author=people["staff"], title="Ours")
    form = client.get(admin_url("post", "edit", post.pk))
    offered = {str(team) for team in form.context["form"].fields["team"].queryset}
    assert "Elm Park Year 6" not in offered
    response = client.post(
        admin_url("post", "edit", post.pk),
        {
            "kind": post.kind,
            "title": "Ours",
            "team": elm_park["team"].pk,
            "theme": elm_park["theme"].pk,
        },
    )
    assert response.status_code == 200
    assert {"team", "theme"} <= set(response.context["form"].errors)
    post.refresh_from_db()
    assert post.team is None and post.theme is None

    walk = make(LearningWalk, school=school, author=people["senco"], title="Ours")
    response = client.post(
        admin_url("learning_walks", "edit", walk.pk),
        {
            "title": walk.title,
            "focus": walk.focus,
            "purpose": walk.purpose,
            "date": walk.date.isoformat(),
            "starts_at": "09:00",
            "ends_at": "11:00",
            "template": elm_park["template"].pk,
        },
    )
    assert response.status_code == 200
    assert "template" in response.context["form"].errors
    walk.refresh_from_db()
    assert walk.template is None


def test_people_offered_in_admin_forms_are_the_schools_own_by_name(
    signed_in, people, school, make_user
):
    newcomer = make_user("newcomer", last_name="Okafor")
    form = signed_in("senco").get(admin_url("wagtail_send_memberships", "add")).context["form"]
    offered = {
        person.pk: form.fields["user"].label_from_instance(person)
        for person in form.fields["user"].queryset
    }
    assert people["staff"].pk in offered and newcomer.pk in offered
    assert people["other_staff"].pk not in offered and people["other_senco"].pk not in offered
    assert offered[newcomer.pk] == "Newcomer Okafor"
    refused = signed_in("senco").post(
        admin_url("wagtail_send_memberships", "add"),
        {"user": people["other_staff"].pk, "school": school.pk, "role": Role.STAFF},
    )
    assert "user" in refused.context["form"].errors
    assert not Membership.objects.filter(user=people["other_staff"], school=school).exists()


def test_admin_filters_offer_only_the_schools_own(signed_in, people, school, elm_park):
    make(Team, school=school, author=people["senco"], name="Oakfield Year 3")
    client = signed_in("senco")
    posts = client.get(admin_url("post", "index"))
    fields = posts.context["filters"].form.fields
    assert [str(team) for team in fields["team"].queryset] == ["Oakfield Year 3"]
    assert list(fields["school"].queryset) == [school]
    memberships = client.get(admin_url("wagtail_send_memberships", "index"))
    assert list(memberships.context["filters"].form.fields["school"].queryset) == [school]
    names = memberships.content.decode()
    assert "Elsewhere" not in names and "Othersenco" not in names


def test_hidden_posts_are_hidden_from_slt_in_the_admin_but_not_from_the_senco(
    signed_in, people, school
):
    post = make(Post, school=school, author=people["staff"], title="Quiet corner photo")
    post.hidden = True
    post.save()
    index = admin_url("post", "index")
    inspect = admin_url("post", "inspect", post.pk)
    head = signed_in("slt")
    assert "Quiet corner photo" not in head.get(index).content.decode()
    assert "Quiet corner photo" not in text_of(head.get(index, {"export": "csv"}))
    assert head.get(inspect).status_code in (302, 403)
    assert "Quiet corner photo" not in text_of(head.get(inspect, follow=True))
    senco = signed_in("senco")
    assert "Quiet corner photo" in senco.get(index).content.decode()
    assert "Quiet corner photo" in text_of(senco.get(index, {"export": "csv"}))
    assert senco.get(inspect).status_code == 200


def test_listings_and_exports_name_people_not_usernames(signed_in, school, make_user):
    writer = make_user("amira42", school=school, role=Role.STAFF, last_name="Hussain")
    make(Post, school=school, author=writer, title="Word mats")
    client = signed_in("senco")
    for page in (
        client.get(admin_url("wagtail_send_memberships", "index")),
        client.get(admin_url("post", "index")),
        client.get(admin_url("post", "index"), {"export": "csv"}),
    ):
        text = text_of(page)
        assert "Amira42 Hussain" in text and "amira42" not in text
