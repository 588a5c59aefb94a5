"""An import merges: the school's own fields stay, nothing it does not carry is wiped."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail_send.directory import importer
from wagtail_send.directory.models import Service
from wagtail_send.directory.taxonomy import ServiceType

EXPORT = reverse("wagtail_send_directory_admin:export")
IMPORT = reverse("wagtail_send_directory_admin:import")

AUTHORITY_TERM = {
    "id": "aaaaaaaa-0000-4000-8000-000000000001",
    "link_id": "bbbbbbbb-0000-4000-8000-000000000001",
    "taxonomy_term_id": "cccccccc-0000-4000-8000-000000000001",
    "taxonomy_term": {
        "id": "cccccccc-0000-4000-8000-000000000001",
        "name": "Advice and information",
        "description": "Impartial advice",
        "taxonomy": "Northshire Local Offer",
        "taxonomy_id": "dddddddd-0000-4000-8000-000000000001",
    },
}


def _commit(data, school, by, fmt="json"):
    checked = importer.check(data, fmt)
    assert checked.ok, [row.errors for row in checked.bad_rows] or checked.problem
    return importer.commit(checked, school=school, by=by)


def test_reimporting_the_schools_own_export_keeps_its_notes(client, people, school, directory):
    client.force_login(people["senco"])
    data = client.get(EXPORT, {"format": "json"}).content
    result = _commit(data, school, people["senco"])
    assert (result.updated, result.unchanged) == (0, 2)
    salt = Service.objects.get(pk=directory["salt"].pk)
    assert salt.internal_notes == "Ask for Jo; waiting list 14 weeks."
    assert salt.is_public and salt.service_type == ServiceType.SPEECH_LANGUAGE


def test_an_authoritys_terms_sit_beside_the_schools_classification(
    client, api_url, people, school, directory
):
    iass = directory["iass"]
    update = {
        "id": str(iass.uid),
        "name": iass.name,
        "status": "active",
        "description": "Impartial advice for families.",
        "attributes": [AUTHORITY_TERM],
    }
    result = _commit(json.dumps(update).encode(), school, people["senco"])
    assert result.updated == 1
    iass.refresh_from_db()
    assert iass.service_type == ServiceType.IASS  # the SEN Information Report's item 11
    assert iass.description == "Impartial advice for families."
    served = client.get(f"{api_url}/services/{iass.uid}").json()
    terms = {a["taxonomy_term"]["name"] for a in served["attributes"]}
    assert terms == {"Information, advice and support (SENDIASS)", "Advice and information"}
    found = client.get(
        f"{api_url}/services", {"taxonomy_term_id": AUTHORITY_TERM["taxonomy_term_id"]}
    ).json()
    assert [s["name"] for s in found["contents"]] == [iass.name]
    by_taxonomy = client.get(
        f"{api_url}/services", {"taxonomy_id": AUTHORITY_TERM["taxonomy_term"]["taxonomy_id"]}
    ).json()
    assert by_taxonomy["total_items"] == 1


def test_csv_and_xlsx_round_trip_never_split_a_name(client, people, school, directory):
    salt = directory["salt"]
    salt.need_semh = True
    salt.save()
    client.force_login(people["senco"])
    for fmt in ("csv", "xlsx"):
        data = client.get(EXPORT, {"format": fmt}).content
        checked = importer.check(data, fmt)
        assert checked.ok, [row.errors for row in checked.bad_rows]
        result = importer.commit(checked, school=school, by=people["senco"])
        assert (result.updated, result.unchanged) == (0, 3), fmt
    salt.refresh_from_db()
    assert salt.areas_of_need == ["communication", "semh"]


def test_the_preview_shows_each_change_before_anything_is_written(
    client, people, school, directory
):
    data = (
        b"Service/agency,Service provided\n"
        b"Speech and Language Therapy,Assessment and therapy for all ages.\n"
        b"Brand new service,Something\n"
    )
    client.force_login(people["senco"])
    response = client.post(IMPORT, {"file": SimpleUploadedFile("dir.csv", data)})
    html = response.content.decode()
    assert "from “Assessment and therapy.” to “Assessment and therapy for all ages.”" in html
    assert "New entry" in html
    assert Service.objects.get(pk=directory["salt"].pk).description == "Assessment and therapy."


def test_messages_use_labels_and_refuse_fractional_ages(school):
    data = b"Service/agency,Youngest age,Postcode\nA,12.5,ABCDEFGHIJKL\nB,12.0,\n"
    checked = importer.check(data, "csv")
    first, second = checked.rows()
    assert "Youngest age “12.5” is not a whole number of years." in first.errors
    assert "Postcode is longer than 10 characters." in first.errors
    assert second.ok and second.values["minimum_age"] == 12


def test_one_schools_import_never_shadows_anothers_entry(
    client, people, school, other_school, directory
):
    """School A imports a row with school B's service id: each API serves its own."""
    elsewhere = directory["elsewhere"]
    elsewhere.is_public = True
    elsewhere.url = "https://elm.example/counselling"
    elsewhere.save()
    hijack = {"id": str(elsewhere.uid), "name": elsewhere.name, "status": "active"}
    hijack["url"] = "https://bad.example/"
    _commit(json.dumps(hijack).encode(), school, people["senco"])
    elsewhere.refresh_from_db()
    assert elsewhere.url == "https://elm.example/counselling"
    api = "/send/directory/schools/{}/api"
    theirs = client.get(f"{api.format(other_school.pk)}/services/{elsewhere.uid}").json()
    assert theirs["url"] == "https://elm.example/counselling"
    root = client.get(f"{api.format(other_school.pk)}/").json()
    assert root["school"]["name"] == other_school.name
    ids = [
        s["id"] for s in client.get(f"{api.format(other_school.pk)}/services").json()["contents"]
    ]
    assert ids.count(str(elsewhere.uid)) == 1
