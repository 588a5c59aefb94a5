"""The permission matrix over every feature record model, through the policy and the admin.

The expected cells are in ``tests/trust/expected.py``. Each test collects every wrong
cell of one model before failing, so one run shows the whole difference.
"""

import pytest
from django.urls import get_resolver, reverse
from wagtail.admin.viewsets import viewsets

from wagtail_send.access import can, visible
from wagtail_send.viewsets import SchoolRecordViewSet

from .expected import ACTIONS, CORE_EXPECTED, EXPECTED, PEOPLE, UNKNOWN_ACTION
from .factories import feature_record_models

MODELS = {m._meta.label: m for m in feature_record_models()}


def test_the_table_names_every_record_model_and_person():
    assert sorted(EXPECTED) == sorted(MODELS)
    for label, rows in EXPECTED.items():
        assert sorted(rows) == sorted(PEOPLE), label
        for name, held in rows.items():
            assert set(held.split()) <= set(ACTIONS), (label, name)


def matrix_cases():
    return len(MODELS) * len(PEOPLE) * (len(ACTIONS) + 1)


@pytest.mark.parametrize("label", sorted(MODELS))
def test_policy_matrix(label, cast, record_for):
    model = MODELS[label]
    record = record_for(model)
    wrong = []
    for name in PEOPLE:
        user = cast[name]
        held = set(EXPECTED[label][name].split())
        for action in [*ACTIONS, UNKNOWN_ACTION]:
            allowed = can(user, action, record)
            if allowed != (action in held):
                wrong.append(f"{name} {action}: policy says {allowed}")
            # "add" is about making new records, not about this one.
            if action != "add":
                listed = visible(user, model, action).filter(pk=record.pk).exists()
                if listed != allowed:
                    wrong.append(f"{name} {action}: listing says {listed}")
    assert wrong == [], label


def record_viewsets():
    _ = get_resolver().url_patterns  # the admin registers its viewsets while loading its URLs
    return {
        v.model._meta.label: v
        for v in viewsets.viewsets
        if isinstance(v, SchoolRecordViewSet) and v.model._meta.label in MODELS
    }


#: admin view -> the action it needs; the access page is shown to whoever may see history
ADMIN_VIEWS = {
    "edit": "change",
    "delete": "delete",
    "history": "history",
    "access": "history",
    "inspect": "view",
    "usage": "view",
}
#: The core's School and Membership pages: no archive or access page of their own.
CORE_ADMIN_VIEWS = {"edit": "change", "history": "history", "inspect": "view", "usage": "view"}


def _admin_access(client):
    return client.get(reverse("wagtailadmin_home")).status_code == 200


def admin_cells(client, cast, viewset, record, expected, views):
    """Every wrong cell of one record's admin pages, for each person in the table."""
    edit_url = reverse(viewset.get_url_name("edit"), args=[record.pk])
    wrong = []
    for name in PEOPLE:
        client.logout()
        if name != "anonymous":
            client.force_login(cast[name])
        held = set(expected[name].split())
        admin = _admin_access(client)
        index = client.get(reverse(viewset.get_url_name("index")))
        listed = index.status_code == 200 and edit_url in index.content.decode()
        if listed != (admin and bool(held & {"change"})) and listed != (admin and "view" in held):
            wrong.append(f"{name} index lists it: {listed}")
        for view, action in views.items():
            response = client.get(reverse(viewset.get_url_name(view), args=[record.pk]))
            expected_status = {200} if admin and action in held else {302, 403}
            if response.status_code not in expected_status:
                wrong.append(f"{name} {view}: {response.status_code}")
    return wrong


def admin_matrix_cases():
    """How many cells the two admin tests check (each view and the index, per person)."""
    record_pages = len(record_viewsets()) * (len(ADMIN_VIEWS) + 1)
    core_pages = len(CORE_EXPECTED) * (len(CORE_ADMIN_VIEWS) + 1)
    return (record_pages + core_pages) * len(PEOPLE)


@pytest.mark.parametrize("label", sorted(record_viewsets()))
def test_admin_urls_follow_the_matrix(label, cast, record_for, client):
    """Index, edit, archive, history, access, inspect and usage pages, for each person."""
    viewset = record_viewsets()[label]
    record = record_for(viewset.model)
    assert admin_cells(client, cast, viewset, record, EXPECTED[label], ADMIN_VIEWS) == [], label


def core_viewsets():
    _ = get_resolver().url_patterns
    return {
        v.model._meta.label: v
        for v in viewsets.viewsets
        if isinstance(getattr(v, "model", None), type) and v.model._meta.label in CORE_EXPECTED
    }


@pytest.mark.parametrize("label", sorted(CORE_EXPECTED))
def test_school_and_membership_admin_pages_follow_the_matrix(label, cast, school, client):
    from wagtail_send.models import Membership

    viewset = core_viewsets()[label]
    record = (
        school if label == "wagtail_send.School" else Membership.objects.get(user=cast["author"])
    )
    expected = CORE_EXPECTED[label]
    assert admin_cells(client, cast, viewset, record, expected, CORE_ADMIN_VIEWS) == [], label


def test_admin_index_never_lists_another_schools_record(cast, other_school, client):
    """A SENCO elsewhere sees none of Oakfield's records in any admin listing."""
    from .factories import make

    client.force_login(cast["other_senco"])
    for label, viewset in record_viewsets().items():
        record = make(
            viewset.model,
            school=cast["senco"].send_memberships.get().school,
            author=cast["author"],
        )
        index = client.get(reverse(viewset.get_url_name("index")))
        assert index.status_code == 200, label
        edit_url = reverse(viewset.get_url_name("edit"), args=[record.pk])
        assert edit_url not in index.content.decode(), label


def test_governors_read_a_walk_report_once_the_walk_is_signed_off(cast, school):
    """The one scoped cell of the table: ``WalkReport.role_scopes`` for governors."""
    from django.utils import timezone

    from wagtail_send.learning_walks.models import WalkReport

    from .factories import make

    report = make(WalkReport, school=school, author=cast["senco"])
    governor = cast["governor"]
    assert not can(governor, "view", report)
    walk = report.walk
    walk.signed_off_at = timezone.now()
    walk.save()
    report.refresh_from_db()
    assert can(governor, "view", report) and can(governor, "export", report)
    assert not can(governor, "change", report)
    assert visible(governor, WalkReport).filter(pk=report.pk).exists()
