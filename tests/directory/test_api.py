"""The public Open Referral UK API: paging, filters, and output valid against the schemas."""

import datetime
import json
from pathlib import Path

import jsonschema
import pytest
from django.utils import timezone

from wagtail_send.audit import acting_as
from wagtail_send.directory.models import Service
from wagtail_send.directory.taxonomy import AreaOfNeed, ServiceType, term_id

SCHEMAS = Path("/work/shared/reference/oruk-profile-3.0/compiled")


def schema(name):
    return json.loads((SCHEMAS / name).read_text())


FORMATS = jsonschema.FormatChecker()
# jsonschema skips a format whose checker library is missing: these must be enforced.
assert {"uri", "date-time", "email", "uuid"} <= set(FORMATS.checkers)


def validate(instance, name):
    jsonschema.Draft202012Validator(schema(name), format_checker=FORMATS).validate(instance)


@pytest.fixture
def many(school, people, directory):
    """Seven more public services and one private, beside the fixture's three."""
    with acting_as(people["senco"]):
        Service.objects.bulk_create(
            [
                Service(
                    school=school,
                    name=f"Outreach {n}",
                    is_public=True,
                    service_type=ServiceType.SPECIALIST_TEACHING,
                    need_semh=n % 2 == 0,
                )
                for n in range(7)
            ]
            + [Service(school=school, name="Hidden outreach", is_public=False)]
        )
    return directory


def test_root_describes_the_api(api_url, client, db):
    response = client.get(f"{api_url}/")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["version"] == "3.0"


def test_services_are_paged_as_the_standard_describes(api_url, client, many):
    first = client.get(f"{api_url}/services", {"per_page": 4}).json()
    # 7 outreach + SALT + SENDIASS are public; EP, Hidden outreach and Elm Park are not.
    assert (first["total_items"], first["total_pages"], first["page_number"]) == (9, 3, 1)
    assert (first["size"], first["first_page"], first["last_page"], first["empty"]) == (
        4,
        True,
        False,
        False,
    )
    last = client.get(f"{api_url}/services", {"per_page": 4, "page": 3}).json()
    assert (last["size"], last["first_page"], last["last_page"]) == (1, False, True)
    beyond = client.get(f"{api_url}/services", {"per_page": 4, "page": 4}).json()
    assert beyond["empty"] and beyond["contents"] == []
    names = {
        s["name"]
        for page in (1, 2, 3)
        for s in client.get(f"{api_url}/services", {"per_page": 4, "page": page}).json()[
            "contents"
        ]
    }
    assert "Hidden outreach" not in names and "Educational Psychology" not in names
    assert len(names) == 9


def test_services_filters(api_url, client, many):
    def names(**params):
        return {s["name"] for s in client.get(f"{api_url}/services", params).json()["contents"]}

    assert names(search="speech") == {"Speech and Language Therapy"}
    assert names(search="clinic therapy") == set()
    assert names(taxonomy_term_id=str(term_id("type", ServiceType.IASS))) == {
        "Northshire SENDIASS"
    }
    assert names(taxonomy_term_id=str(term_id("area", AreaOfNeed.SEMH))) == {
        "Outreach 0",
        "Outreach 2",
        "Outreach 4",
        "Outreach 6",
    }
    assert names(taxonomy_term_id="not-a-term") == set()
    cut = timezone.now()
    Service.objects.filter(name="Outreach 1").update(description="Changed")
    assert names(modified_after=cut.isoformat()) == {"Outreach 1"}
    tomorrow = (timezone.now() + datetime.timedelta(days=1)).date().isoformat()
    assert names(modified_after=tomorrow) == set()
    assert len(names(modified_after="2000-01-01")) == 9


@pytest.mark.parametrize(
    "params",
    [{"page": "0"}, {"per_page": "100000"}, {"page": "x"}, {"modified_after": "yesterday"}],
)
def test_bad_parameters_get_a_clear_400(api_url, client, db, params):
    response = client.get(f"{api_url}/services", params)
    assert response.status_code == 400
    assert response.json()["error"]


def test_output_is_valid_open_referral_uk(api_url, client, many):
    listing = client.get(f"{api_url}/services", {"per_page": 50}).json()
    for item in listing["contents"]:
        validate(item, "service_list.json")
    salt = many["salt"]
    full = client.get(f"{api_url}/services/{salt.uid}").json()
    validate(full, "service.json")
    validate(full, "service_with_definitions.json")
    assert full["organization"]["name"] == "Northshire NHS Trust"
    assert [c["name"] for c in full["contacts"]] == ["Referrals team"]
    address = full["service_at_locations"][0]["location"]["addresses"][0]
    assert address["postal_code"] == "NT1 1AA"
    term_names = {a["taxonomy_term"]["name"] for a in full["attributes"]}
    assert term_names == {"Communication and interaction", "Speech and language therapy"}


def test_private_fields_and_entries_never_leave_the_school(api_url, client, many):
    salt = many["salt"]
    body = client.get(f"{api_url}/services/{salt.uid}").content.decode()
    assert "Ask for Jo" not in body and "Jo Private" not in body and "07700" not in body
    assert client.get(f"{api_url}/services/{many['ep'].uid}").status_code == 404
    assert client.get(f"{api_url}/services/{many['elsewhere'].uid}").status_code == 404
    assert client.get(f"{api_url}/services/not-a-uuid").status_code == 404


def test_taxonomy_terms_let_other_systems_find_the_filters(api_url, client, many):
    terms = client.get(f"{api_url}/taxonomy_terms", {"per_page": 100}).json()
    assert terms["total_items"] == 4 + len(ServiceType.choices)
    semh = next(t for t in terms["contents"] if t["term"] == "semh")
    assert semh["name"] == "Social, emotional and mental health"
    assert client.get(f"{api_url}/taxonomy_terms/{semh['id']}").json() == semh
    assert client.get(f"{api_url}/taxonomy_terms/nope").status_code == 404
    # The id found here filters the services.
    found = client.get(f"{api_url}/services", {"taxonomy_term_id": semh["id"]}).json()
    assert found["total_items"] == 4
    term_schema = schema("service.json")["properties"]["attributes"]["items"]["properties"][
        "taxonomy_term"
    ]
    for term in terms["contents"]:
        jsonschema.validate(term, term_schema)
