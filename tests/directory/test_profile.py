"""Nothing the Open Referral UK profile defines is lost: import -> API, import -> export -> import.

A service with every field of the profile filled in (built from the profile's own schema)
goes through the school's directory; every value is looked for again by its place, list
items matched by their identifiers, and the values kept are counted against the total.
"""

import copy
import json

import pytest
from django.urls import reverse

from wagtail_send.directory import importer, profile
from wagtail_send.directory.models import Organisation, Service, TaxonomyTerm

EXPORT = reverse("wagtail_send_directory_admin:export")
#: The server's own: when it last changed here, not where the authority's copy did.
NOT_KEPT = {"last_modified"}


def leaves(value, path=""):
    """``{place: value}`` for every scalar in ``value``; list items placed by their id."""
    if isinstance(value, dict):
        found = {}
        for key, child in value.items():
            if key not in NOT_KEPT:
                found.update(leaves(child, f"{path}.{key}"))
        return found
    if isinstance(value, list):
        found = {}
        for n, child in enumerate(value):
            place = child.get("id", n) if isinstance(child, dict) else n
            found.update(leaves(child, f"{path}[{place}]"))
        return found
    return {path: value}


def kept(sent, received):
    """``(values kept unchanged, values sent, {place: (sent, received)} of the others)``."""
    want, got = leaves(sent), leaves(received)
    lost = {
        place: (value, got.get(place)) for place, value in want.items() if got.get(place) != value
    }
    return len(want) - len(lost), len(want), lost


def _import(data, school, by, **options):
    checked = importer.check(json.dumps(data).encode(), "json")
    assert checked.ok, [row.errors for row in checked.bad_rows] or checked.problem
    return importer.commit(checked, school=school, by=by, **options)


def _api(client, school, name, **kwargs):
    url = reverse(f"wagtail_send_directory:{name}", kwargs={"school": school.pk, **kwargs})
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def full():
    return profile.sample_service("round-trip")


def test_a_full_profile_service_survives_import_and_the_api(client, school, people, full):
    _import(full, school, people["senco"], make_public=True)
    served = _api(client, school, "api_service", uid=full["id"])
    count, total, lost = kept(full, served)
    print(f"import -> API: {count} of {total} values kept")
    assert lost == {} and total > 250
    # Every contact and location, with the authority's identifiers.
    assert [c["id"] for c in served["contacts"]] == [c["id"] for c in full["contacts"]]
    assert served["organization_id"] == full["organization"]["id"]
    profile_problems = profile.problems("service", served)
    assert profile_problems == []


def test_a_full_profile_service_survives_export_and_import_elsewhere(
    client, school, other_school, people, full
):
    _import(full, school, people["senco"], make_public=True)
    client.force_login(people["senco"])
    exported = client.get(EXPORT, {"format": "json"}).content
    checked = importer.check(exported, "json")
    importer.commit(checked, school=other_school, by=people["other_senco"], make_public=True)
    served = _api(client, other_school, "api_service", uid=full["id"])
    count, total, lost = kept(full, served)
    print(f"import -> export -> import -> API: {count} of {total} values kept")
    assert lost == {}


def test_an_organisation_file_brings_its_services(client, school, people, full):
    organisation = copy.deepcopy(full["organization"])
    service = {k: v for k, v in full.items() if k not in ("organization", "organization_id")}
    organisation["services"] = [service]
    result = _import(organisation, school, people["senco"], make_public=True)
    assert result.created == 1
    stored = Organisation.objects.get(school=school)
    assert str(stored.uid) == organisation["id"]
    assert (
        stored.open_referral["organization_identifiers"]
        == (full["organization"]["organization_identifiers"])
    )
    served = _api(client, school, "api_service", uid=full["id"])
    organisation.pop("services")
    assert kept(organisation, served["organization"])[2] == {}


def test_a_taxonomy_term_list_becomes_vocabulary_not_services(client, school, people):
    terms = [
        {
            "id": "8f1c0d7e-1b2a-4c3d-9e8f-000000000001",
            "name": "Short breaks",
            "description": "Short breaks for disabled children",
            "taxonomy": "Northshire Local Offer",
            "taxonomy_id": "8f1c0d7e-1b2a-4c3d-9e8f-0000000000aa",
        },
        {
            "id": "8f1c0d7e-1b2a-4c3d-9e8f-000000000002",
            "name": "Early help",
            "description": "Family support",
            "taxonomy": "Northshire Local Offer",
            "taxonomy_id": "8f1c0d7e-1b2a-4c3d-9e8f-0000000000aa",
        },
    ]
    result = _import(terms, school, people["senco"])
    assert (result.created, result.terms) == (0, 2)
    assert not Service.objects.filter(school=school).exists()
    assert TaxonomyTerm.objects.filter(school=school).count() == 2
    listed = _api(client, school, "api_taxonomy_terms", **{})
    assert {"Short breaks", "Early help"} <= {t["name"] for t in listed["contents"]}
    taxonomy = _api(client, school, "api_taxonomy", uid=terms[0]["taxonomy_id"])
    assert taxonomy["name"] == "Northshire Local Offer"


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({"total": 3, "rows": [1, 2]}, "rows, total"),
        ([1, 2, 3], "not objects"),
        ({}, "empty object"),
    ],
)
def test_files_that_are_not_open_referral_are_refused_naming_what_they_hold(data, named):
    checked = importer.check(json.dumps(data).encode(), "json")
    assert named in checked.problem and not checked.count


def test_a_deeply_nested_file_is_refused_clearly(client, people, school):
    deep = "[" * 100_000 + "]" * 100_000
    checked = importer.check(deep.encode(), "json")
    assert "levels deep" in checked.problem
    # Through the admin too: a message, never a server error.
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(people["senco"])
    response = client.post(
        reverse("wagtail_send_directory_admin:import"),
        {"file": SimpleUploadedFile("deep.json", deep.encode())},
    )
    assert response.status_code == 200 and "levels deep" in response.content.decode()
