"""Admin import (upload, preview, commit) and export round trips."""

import io
import json

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from wagtail_send.directory import importer
from wagtail_send.directory.models import Contact, Location, Service
from wagtail_send.directory.rows import LABELS
from wagtail_send.directory.tabular import COLUMNS

IMPORT = "/admin/send/directory/transfer/import/"
COMMIT = "/admin/send/directory/transfer/import/commit/"
EXPORT = "/admin/send/directory/transfer/export/"

COMPARED = [
    "name",
    "description",
    "status",
    "service_type",
    "need_communication",
    "need_cognition",
    "need_semh",
    "need_sensory",
    "minimum_age",
    "maximum_age",
    "internal_notes",
    "is_public",
    "last_verified_on",
    "phone",
    "uid",
]


def snapshot(school):
    services = Service.objects.active().filter(school=school).order_by("name")
    return [
        (
            [getattr(s, f) for f in COMPARED],
            s.organisation.name if s.organisation else "",
            [(c.name, c.phone, c.email) for c in s.contacts.order_by("pk")[:1]],
            [(loc.address, loc.postcode, loc.accessibility) for loc in s.locations.all()],
        )
        for s in services
    ]


def test_preview_lists_bad_rows_and_commit_saves_nothing(client, people, school):
    client.force_login(people["senco"])
    data = b"Service/agency,Contact details,Oldest age\nGood,01632 960000,11\n,,\nBad,,old\n"
    response = client.post(IMPORT, {"file": SimpleUploadedFile("dir.csv", data)})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="bad-rows"' in html and "“old” is not a whole number" in html
    assert "<td>4</td>" in html  # the bad row's number in the spreadsheet
    token = response.context["confirm"]["token"].value()
    response = client.post(COMMIT, {"token": token})
    assert response.status_code == 302
    assert not Service.objects.filter(school=school).exists()
    response = client.post(COMMIT, {"token": token, "only_valid": "on"}, follow=True)
    assert "1 new entry," in response.content.decode()
    assert list(Service.objects.filter(school=school).values_list("name", flat=True)) == ["Good"]


def test_upload_of_the_wrong_kind_of_file(client, people, school):
    client.force_login(people["senco"])
    response = client.post(IMPORT, {"file": SimpleUploadedFile("dir.pdf", b"%PDF")})
    assert response.context["form"].errors["file"]


def test_staff_cannot_import_or_export(client, people, directory):
    client.force_login(people["staff"])
    assert client.get(IMPORT).status_code in (302, 403)
    assert client.get(EXPORT).status_code in (302, 403)


def test_csv_export_round_trip(client, people, school, other_school, directory):
    client.force_login(people["senco"])
    response = client.get(EXPORT, {"format": "csv"})
    data = response.content
    header = data.decode().splitlines()[0]
    assert header.startswith(
        "Service/agency,Key contact name,Contact details,Service provided,Additional notes"
    )
    assert "Elm Park" not in data.decode()
    # Back into the same school: nothing changes, no history written.
    before = Service.history.count()
    result = importer.commit(importer.check(data, "csv"), school=school, by=people["senco"])
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert Service.history.count() == before
    # Into another school (whose own entry is set aside): the same directory.
    directory["elsewhere"].archive()
    result = importer.commit(
        importer.check(data, "csv"), school=other_school, by=people["other_senco"]
    )
    assert result.created == 3
    assert snapshot(other_school) == snapshot(school)


def test_xlsx_export_round_trip(client, people, school, other_school, directory):
    client.force_login(people["senco"])
    data = client.get(EXPORT, {"format": "xlsx"}).content
    sheet = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[1]] == [str(LABELS[key]) for key, _aliases in COLUMNS]
    directory["elsewhere"].archive()
    importer.commit(importer.check(data, "xlsx"), school=other_school, by=people["other_senco"])
    assert snapshot(other_school) == snapshot(school)


def test_oruk_json_export_round_trip(client, people, school, other_school, directory):
    client.force_login(people["senco"])
    data = client.get(EXPORT, {"format": "json"}).content
    assert b"Ask for Jo" not in data and b"Jo Private" not in data
    # Open data: the staff-only Educational Psychology entry is not in it.
    assert {s["name"] for s in json.loads(data)} == {
        "Speech and Language Therapy",
        "Northshire SENDIASS",
    }
    result = importer.commit(
        importer.check(data, "json"), school=other_school, by=people["other_senco"]
    )
    assert result.created == 2
    salt = Service.objects.get(school=other_school, name="Speech and Language Therapy")
    assert salt.uid == directory["salt"].uid
    assert salt.need_communication and salt.service_type == "speech_language"
    assert Contact.objects.filter(service=salt).count() == 1
    assert Location.objects.get(service=salt).postcode == "NT1 1AA"


def test_services_index_offers_import_and_export(client, people, directory):
    client.force_login(people["senco"])
    html = client.get(reverse("directory_services:index")).content.decode()
    assert IMPORT in html and f"{EXPORT}?format=json" in html


def test_stale_entries_are_flagged_on_the_dashboard_and_reminded(
    client, people, school, directory, settings
):
    assert set(Service.objects.stale()) == {
        directory["iass"],
        directory["ep"],
        directory["elsewhere"],
    }
    client.force_login(people["senco"])
    html = client.get("/admin/").content.decode()
    assert "Directory entries to check" in html and "Northshire SENDIASS" in html
    assert "Elm Park" not in html

    Service.objects.filter(pk=directory["ep"].pk).update(maintainer=people["staff"])
    school.senco_email = "senco@oakfield.example"
    school.save()
    out = io.StringIO()
    call_command("send_directory_reminders", stdout=out)
    recipients = {m.to[0]: m.body for m in mail.outbox}
    assert "Educational Psychology" in recipients[people["staff"].email]
    # SENDIASS has no maintainer: the school's SENCO is reminded about it.
    assert "Northshire SENDIASS" in recipients["senco@oakfield.example"]
    assert "2 reminders sent, 0 skipped" in out.getvalue()
    settings.WAGTAILSEND_DIRECTORY_STALE_AFTER_DAYS = 500
    assert set(Service.objects.stale()) == {directory["ep"], directory["elsewhere"]}


def test_exports_do_not_turn_text_into_formulas(client, people, school, other_school, directory):
    salt = directory["salt"]
    salt.description = '=HYPERLINK("http://evil.example","Click")'
    salt.save()
    client.force_login(people["senco"])
    csv_data = client.get(EXPORT, {"format": "csv"}).content
    assert b"'=HYPERLINK" in csv_data
    xlsx_data = client.get(EXPORT, {"format": "xlsx"}).content
    sheet = load_workbook(io.BytesIO(xlsx_data)).active
    cell = next(c for c in sheet["D"] if c.value and "HYPERLINK" in str(c.value))
    assert cell.data_type == "s"
    rows = importer.check(xlsx_data, "xlsx").rows()
    assert salt.description in [row.values["description"] for row in rows]
    # Both still import back to exactly what was written.
    directory["elsewhere"].archive()
    importer.commit(importer.check(csv_data, "csv"), school=other_school, by=people["other_senco"])
    copy = Service.objects.get(school=other_school, name=salt.name)
    assert copy.description == salt.description
    assert snapshot(other_school) == snapshot(school)


def test_formula_like_text_is_defused_and_imports_back(client, people, school, directory):
    from tests.formulas import DEFUSED, assert_csv_defused, assert_xlsx_text

    descriptions = ['=HYPERLINK("http://evil.example","Click")', "+1-1", "-1+1"]
    notes = ["@SUM(1)", "-ish", "'=1+1"]  # the importer strips leading spaces and tabs
    services = Service.objects.filter(school=school).order_by("pk")
    for service, description, note in zip(services, descriptions, notes, strict=True):
        service.description, service.internal_notes = description, note
        service.save()
    typed = {text: DEFUSED[text] for text in descriptions + notes}
    client.force_login(people["senco"])
    for fmt, check in (("csv", assert_csv_defused), ("xlsx", assert_xlsx_text)):
        data = client.get(EXPORT, {"format": fmt}).content
        check(data, typed)
        # Back into the same school: every cell reads back as it was.
        result = importer.commit(importer.check(data, fmt), school=school, by=people["senco"])
        assert (result.created, result.updated, result.unchanged) == (0, 0, 3), fmt
