"""Every endpoint and parameter of the profile's openapi.json, checked as a validator would."""

import datetime
import json

import jsonschema
import pytest

from wagtail_send.audit import acting_as
from wagtail_send.directory import importer, profile
from wagtail_send.directory.models import Contact, Service

FORMATS = jsonschema.FormatChecker()
OPENAPI = profile.schema("openapi.json")
PATHS = [
    "/",
    "/services",
    "/services/{id}",
    "/service_at_locations",
    "/service_at_locations/{id}",
    "/taxonomies",
    "/taxonomies/{id}",
    "/taxonomy_terms",
    "/taxonomy_terms/{id}",
]
SERVICE = profile.schema("service.json")
SCHEMAS = {
    "service": SERVICE,
    "service_list": profile.schema("service_list.json"),
    "taxonomy_term": SERVICE["properties"]["attributes"]["items"]["properties"]["taxonomy_term"],
    "root": OPENAPI["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ],
    "page": OPENAPI["components"]["schemas"]["Page"],
}
T0 = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)


def valid(instance, name):
    jsonschema.Draft202012Validator(SCHEMAS[name], format_checker=FORMATS).validate(instance)
    return instance


@pytest.fixture
def feed(school, people, time_machine):
    """Two full profile services at ``school``, imported at 09:00 on a Monday."""
    time_machine.move_to(T0, tick=False)
    first, second = profile.sample_service("a"), profile.sample_service("b")
    second["minimum_age"], second["maximum_age"] = 11, 25
    second["schedules"][0].update(byday="SA", opens_at="10:00", closes_at="12:00")
    # The second is delivered 11 km north, in another postcode district it also serves.
    for link in second["service_at_locations"]:
        link["location"]["addresses"][0]["postal_code"] = "LS2 7EY"
        link["location"]["latitude"] = 53.9
    second["service_areas"][0]["extent"] = "LS2"
    checked = importer.check(json.dumps([first, second]).encode(), "json")
    importer.commit(checked, school=school, by=people["senco"], make_public=True)
    return first, second


def _ids(response):
    return [item["id"] for item in response.json()["contents"]]


def test_all_nine_endpoints_answer_and_validate(client, api_url, feed):
    assert set(OPENAPI["paths"]) == set(PATHS)
    first, _second = feed
    valid(client.get(f"{api_url}/").json(), "root")
    listing = client.get(f"{api_url}/services").json()
    valid(listing, "page")
    for item in listing["contents"]:
        valid(item, "service_list")
    valid(client.get(f"{api_url}/services/{first['id']}").json(), "service")
    links = client.get(f"{api_url}/service_at_locations").json()
    assert links["total_items"] == 4
    link_id = first["service_at_locations"][1]["id"]
    assert link_id in _ids(client.get(f"{api_url}/service_at_locations"))
    at = valid(client.get(f"{api_url}/service_at_locations/{link_id}").json(), "service")
    assert [link["id"] for link in at["service_at_locations"]] == [link_id]
    terms = client.get(f"{api_url}/taxonomy_terms", {"per_page": 100}).json()
    for term in terms["contents"]:
        valid(term, "taxonomy_term")
        assert client.get(f"{api_url}/taxonomy_terms/{term['id']}").json() == term
    taxonomies = client.get(f"{api_url}/taxonomies").json()
    # The school's two and the authority's (one per attribute in the sample).
    assert taxonomies["total_items"] > 2
    for taxonomy in taxonomies["contents"]:
        assert client.get(f"{api_url}/taxonomies/{taxonomy['id']}").json() == taxonomy


@pytest.mark.parametrize("path", PATHS)
def test_head_options_and_errors_are_answered_with_cors(client, api_url, feed, path):
    url = api_url + path.replace("{id}", "not-an-id")
    head = client.head(url)
    assert head["Access-Control-Allow-Origin"] == "*" and head.content == b""
    options = client.options(url)
    assert options.status_code == 200 and "GET" in options["Allow"]
    assert options["Access-Control-Allow-Origin"] == "*"
    posted = client.post(url)
    assert posted.status_code == 405 and posted.json()["error"]
    if "{id}" in path:
        missing = client.get(url)
        assert missing.status_code == 404 and missing.json()["error"]
        assert missing["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "path", ["{api}/organizations/nope", "/send/directory/schools/not-a-school/api/services"]
)
def test_an_unknown_address_is_a_json_404(client, api_url, db, path):
    response = client.get(path.format(api=api_url))
    assert response.status_code == 404 and response.json()["error"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_childs_change_moves_last_modified(client, api_url, feed, time_machine):
    first, _second = feed
    later = T0 + datetime.timedelta(hours=2)
    time_machine.move_to(later, tick=False)
    contact = Contact.objects.get(uid=first["contacts"][0]["id"])
    with acting_as(None, "test"):
        contact.phone = "01632 960999"
        contact.save()
    served = client.get(f"{api_url}/services/{first['id']}").json()
    assert served["last_modified"].startswith("2026-03-02T11:00:00")
    changed = client.get(f"{api_url}/services", {"modified_after": "2026-03-02T10:00:00Z"})
    assert _ids(changed) == [first["id"]]


def test_archived_services_are_reported_as_inactive_to_syncing_callers(
    client, api_url, feed, time_machine
):
    first, _second = feed
    time_machine.move_to(T0 + datetime.timedelta(days=1), tick=False)
    Service.objects.get(uid=first["id"]).archive()
    assert first["id"] not in _ids(client.get(f"{api_url}/services"))
    changed = client.get(f"{api_url}/services", {"modified_after": "2026-03-02T12:00:00Z"})
    assert [(s["id"], s["status"]) for s in changed.json()["contents"]] == [
        (first["id"], "inactive")
    ]


def test_every_parameter_filters(client, api_url, feed):
    first, second = feed

    def ids(path="/services", **params):
        return set(_ids(client.get(f"{api_url}{path}", params)))

    both = {first["id"], second["id"]}
    assert ids(minimum_age=10) == {second["id"]}
    assert ids(maximum_age=18) == {first["id"]}
    assert ids(day="SA") == {second["id"]} and ids(day="monday") == {first["id"]}
    assert ids(start_time="09:30") == {second["id"]}
    assert ids(end_time="16:00") == {second["id"]}
    assert ids(organization_id=first["organization"]["id"]) == {first["id"]}
    assert ids(search="Sample service") == both
    term = first["attributes"][0]["taxonomy_term"]
    assert ids(taxonomy_term_id=term["id"]) == {first["id"]}
    assert ids(taxonomy_id=term["taxonomy_id"]) == {first["id"]}
    minimal = client.get(f"{api_url}/services", {"minimal": "true"}).json()["contents"]
    assert all(set(item) == {"id", "last_modified"} for item in minimal)
    full = client.get(f"{api_url}/services", {"full": "true"}).json()["contents"]
    assert all(len(item["contacts"]) == 2 for item in full)
    links = "/service_at_locations"
    assert ids(links, postcode="LS2 7EY") == {s["id"] for s in second["service_at_locations"]}
    # 0.1 degrees of latitude is about 11 km.
    assert len(ids(links, postcode="NT1 1AA", proximity="5000")) == 2
    assert len(ids(links, postcode="NT1 1AA", proximity="20000")) == 4


@pytest.mark.parametrize(
    "params",
    [
        {"minimum_age": "old"},
        {"start_time": "noon"},
        {"day": "someday"},
        {"postcode": "nowhere"},
        {"proximity": "100"},
        {"postcode": "ZZ9 9ZZ", "proximity": "100"},
    ],
)
def test_bad_parameters_are_a_json_400(client, api_url, feed, params):
    path = (
        "/service_at_locations" if "postcode" in params or "proximity" in params else "/services"
    )
    response = client.get(f"{api_url}{path}", params)
    assert response.status_code == 400 and response.json()["error"]
