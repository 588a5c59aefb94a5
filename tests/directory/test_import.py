"""Importing CSV, XLSX and Open Referral UK JSON: all or nothing, every bad row reported."""

import io
import json

import pytest
from django.db import connection
from openpyxl import Workbook

from wagtail_send.audit import verify_history
from wagtail_send.directory import importer
from wagtail_send.directory.models import Contact, Organisation, Service

SEED_CSV = (
    "Service/agency,Key contact name,Contact details,Service provided,Additional notes\n"
    "Educational Psychology Service,Dr Ann Example,01632 960200 / eps@la.example,"
    "Assessment and advice,Six traded visits a year\n"
    "Autism Outreach Team,Ben Sample,outreach@la.example,Advice for staff,Refer via SPA\n"
    "Parent Carer Forum,,Via the website contact form,Peer support for families,\n"
)


def _import(data, fmt, school, user, **options):
    checked = importer.check(data, fmt)
    return checked, importer.commit(checked, school=school, by=user, **options)


def test_seed_columns_import_with_contacts_and_history(school, people):
    checked, result = _import(SEED_CSV.encode(), "csv", school, people["senco"])
    assert checked.ok and result.created == 3
    eps = Service.objects.get(school=school, name="Educational Psychology Service")
    assert eps.description == "Assessment and advice"
    assert eps.internal_notes == "Six traded visits a year"
    contact = eps.contacts.get()
    assert (contact.name, contact.phone, contact.email) == (
        "Dr Ann Example",
        "01632 960200",
        "eps@la.example",
    )
    forum = Contact.objects.get(service__name="Parent Carer Forum")
    assert forum.name == "General enquiries"
    assert forum.other_details == "Via the website contact form"
    history = Service.history.filter(school_id=school.pk)
    assert history.count() == 3
    assert {h.history_user_id for h in history} == {people["senco"].pk}
    assert Contact.history.filter(school_id=school.pk).count() == 3
    assert verify_history() == []


def test_bad_rows_are_all_reported_and_nothing_is_saved(school, people):
    data = (
        b"Service/agency,Key contact name,Contact details,Youngest age,Oldest age,Status,"
        b"Service email\n"
        b"Good service,Ann,01632 960300,3,11,active,good@la.example\n"
        b",Nameless,,,,,\n"
        b"Bad email,Ben,,,,,not-an-email\n"
        b"Ages upside down,Cy,,16,4,,\n"
        b"Odd status,Di,,,,sometimes,\n"
        b"good SERVICE,Dup,,,,,\n"
    )
    checked = importer.check(data, "csv")
    reasons = {row.number: " ".join(row.errors) for row in checked.bad_rows}
    assert set(reasons) == {3, 4, 5, 6, 7}
    assert "name is missing" in reasons[3]
    assert "not-an-email" in reasons[4]
    assert "youngest age is older" in reasons[5]
    assert "sometimes" in reasons[6]
    assert "row 2" in reasons[7]
    with pytest.raises(importer.InvalidFile):
        importer.commit(checked, school=school, by=people["senco"])
    assert not Service.objects.filter(school=school).exists()
    assert not Organisation.objects.filter(school=school).exists()
    # Only when the person explicitly chooses it are the good rows imported.
    result = importer.commit(checked, school=school, by=people["senco"], only_valid=True)
    assert (result.created, result.skipped) == (1, 5)
    assert list(Service.objects.filter(school=school).values_list("name", flat=True)) == [
        "Good service"
    ]


def test_unreadable_files_say_why(school):
    assert "headings" in importer.check(b"a,b\n1,2\n", "csv").problem
    assert "Excel" in importer.check(b"not a workbook", "xlsx").problem
    assert "JSON" in importer.check(b"{nope", "json").problem


def test_xlsx_import(school, people):
    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "Service/agency",
            "Key contact name",
            "Contact details",
            "Service provided",
            "Additional notes",
            "Type of service",
            "Areas of need",
            "Youngest age",
        ]
    )
    sheet.append(
        [
            "Sensory Support Service",
            "Cath Teacher",
            "sensory@la.example",
            "Hearing and vision support",
            "",
            "Sensory support (hearing, vision)",
            "Sensory and/or physical",
            0,
        ]
    )
    out = io.BytesIO()
    book.save(out)
    checked, result = _import(out.getvalue(), "xlsx", school, people["senco"])
    assert checked.ok, [r.errors for r in checked.bad_rows]
    service = Service.objects.get(school=school)
    assert service.service_type == "sensory_support"
    assert service.need_sensory and not service.need_semh
    assert service.minimum_age == 0


ORUK_SAMPLE = {
    "total_items": 1,
    "total_pages": 1,
    "page_number": 1,
    "size": 1,
    "first_page": True,
    "last_page": True,
    "empty": False,
    "contents": [
        {
            "id": "ac148810-d857-441c-9679-408f346de14b",
            "name": "Northshire CAMHS",
            "description": "Child and adolescent mental health services.",
            "status": "active",
            "email": "camhs@nhs.example",
            "eligibility_description": "Children registered with a Northshire GP.",
            "application_process": "Referral from a GP or the school.",
            "minimum_age": 5,
            "maximum_age": 18,
            "assured_date": "2026-06-01",
            "organization": {
                "id": "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610",
                "name": "Northshire NHS Trust",
                "description": "NHS",
            },
            "languages": [
                {"id": "2989d3ed-c547-48f8-8f9d-432d81c7892e", "name": "English"},
                {"id": "2989d3ed-c547-48f8-8f9d-432d81c7892f", "name": "Polish"},
            ],
            "contacts": [
                {
                    "id": "11111111-1111-4111-8111-111111111111",
                    "name": "Duty team",
                    "title": "Duty worker",
                    "phones": [{"number": "01632 960400"}],
                }
            ],
            "service_at_locations": [
                {
                    "id": "22222222-2222-4222-8222-222222222222",
                    "location": {
                        "id": "33333333-3333-4333-8333-333333333333",
                        "location_type": "physical",
                        "addresses": [
                            {
                                "id": "44444444-4444-4444-8444-444444444444",
                                "address_1": "2 Mill Lane",
                                "city": "Northtown",
                                "state_province": "Northshire",
                                "postal_code": "NT2 2BB",
                                "country": "GB",
                                "address_type": "physical",
                            }
                        ],
                    },
                }
            ],
            "attributes": [
                {
                    "id": "55555555-5555-4555-8555-555555555555",
                    "taxonomy_term_id": "66666666-6666-4666-8666-666666666666",
                    "taxonomy_term": {
                        "id": "66666666-6666-4666-8666-666666666666",
                        "name": "Mental health",
                        "description": "Emotional wellbeing and mental health services",
                        "taxonomy": "Northshire Local Offer",
                        "taxonomy_id": "77777777-7777-4777-8777-777777777777",
                    },
                }
            ],
        }
    ],
}


def test_oruk_json_import_and_reimport_changes_nothing(school, people):
    data = json.dumps(ORUK_SAMPLE).encode()
    checked, result = _import(data, "json", school, people["senco"])
    assert checked.ok and result.created == 1
    camhs = Service.objects.get(school=school)
    assert str(camhs.uid) == "ac148810-d857-441c-9679-408f346de14b"
    assert camhs.organisation.name == "Northshire NHS Trust"
    assert (camhs.minimum_age, camhs.maximum_age) == (5, 18)
    assert camhs.languages == "English, Polish"
    assert camhs.last_verified_on.isoformat() == "2026-06-01"
    assert camhs.contacts.get().phone == "01632 960400"
    assert camhs.locations.get().postcode == "NT2 2BB"
    before = Service.history.count()
    _checked, again = _import(data, "json", school, people["senco"])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert Service.history.count() == before


def test_import_writes_history_in_bulk(
    school, other_school, people, django_assert_max_num_queries
):
    def csv(count, start=0):
        lines = ["Service/agency,Key contact name,Contact details"]
        lines += [f"Service {n},Person {n},p{n}@example.org" for n in range(start, start + count)]
        return "\n".join(lines).encode()

    small = importer.check(csv(5), "csv")
    large = importer.check(csv(300, 100), "csv")
    with django_assert_max_num_queries(30) as small_queries:
        importer.commit(small, school=school, by=people["senco"])
    with django_assert_max_num_queries(100) as large_queries:
        importer.commit(large, school=other_school, by=people["other_senco"])
    if connection.vendor == "postgresql":
        # The same statements whatever the size (up to batches of 1,000 rows).
        assert len(large_queries) == len(small_queries)
    else:
        # SQLite allows 999 parameters a statement, so inserts come in batches of ~25 rows:
        # still far from one query per row.
        assert len(large_queries) < 300 / 4
    assert Service.history.filter(history_type="+").count() == 305
    assert verify_history() == []


def test_reimport_updates_only_what_changed(school, people):
    importer.commit(importer.check(SEED_CSV.encode(), "csv"), school=school, by=people["senco"])
    changed = SEED_CSV.replace("Advice for staff", "Advice and training for staff").replace(
        "01632 960200", "01632 960299"
    )
    result = importer.commit(
        importer.check(changed.encode(), "csv"), school=school, by=people["slt"]
    )
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    updates = Service.history.filter(school_id=school.pk, history_type="~")
    assert [(h.name, h.history_user_id) for h in updates] == [
        ("Autism Outreach Team", people["slt"].pk)
    ]
    assert Contact.objects.get(name="Dr Ann Example").phone == "01632 960299"
    assert Contact.history.filter(school_id=school.pk, history_type="~").count() == 1
    assert verify_history() == []
