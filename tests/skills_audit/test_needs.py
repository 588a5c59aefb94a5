"""The pupil need profile: typed in or imported; a bad row saves nothing."""

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail_send.audit import verify_history
from wagtail_send.models import NeedType
from wagtail_send.skills_audit.models import NeedCount, NeedProfile


def _upload(client, text):
    return client.post(
        "/send/skills-audit/needs/import/",
        {
            "title": "Spring census 2026",
            "recorded_on": "2026-01-15",
            "file": SimpleUploadedFile("needs.csv", text.encode(), content_type="text/csv"),
        },
    )


def test_import_saves_counts_and_never_names(client, people, school, census_codes):
    client.force_login(people["senco"])
    reply = _upload(
        client,
        "code,year_group,level,count\nASD,3,SEN support,4\nasd,3,E,1\nSEMH,R,K,2\n",
    )
    assert reply.status_code == 302
    profile = NeedProfile.objects.get(school=school)
    counts = {(c.need.code, c.year_group, c.level): c.count for c in profile.counts.all()}
    assert counts == {
        ("ASD", "3", "sen_support"): 4,
        ("ASD", "3", "ehc_plan"): 1,
        ("SEMH", "R", "sen_support"): 2,
    }
    assert verify_history() == []


def test_import_with_bad_rows_reports_each_and_saves_nothing(client, people, census_codes):
    client.force_login(people["senco"])
    reply = _upload(
        client,
        "code,year_group,level,count\nASD,3,SEN support,4\nXYZ,4,SEN support,2\n"
        "SLCN,5,EHC plan,lots\nASD,3,K,1\n",
    )
    assert reply.status_code == 400
    page = reply.content.decode()
    assert "Nothing has been saved" in page
    assert "Row 3: “XYZ” is not a census need code in use." in page
    assert "Row 4: the count “lots” is not a whole number." in page
    assert "Row 5: it repeats row 2." in page
    assert NeedProfile.objects.count() == 0
    assert NeedCount.objects.count() == 0


def test_missing_columns_are_named(client, people):
    client.force_login(people["senco"])
    reply = _upload(client, "need,count\nASD,3\n")
    assert "missing: code, year_group, level" in reply.content.decode()
    assert NeedProfile.objects.count() == 0


def test_typed_in_profile(client, people, school, census_codes):
    client.force_login(people["senco"])
    asd = NeedType.objects.get(code="ASD")
    data = {
        "title": "Summer 2026",
        "recorded_on": "2026-06-01",
        "counts-TOTAL_FORMS": "2",
        "counts-INITIAL_FORMS": "0",
        "counts-MIN_NUM_FORMS": "0",
        "counts-MAX_NUM_FORMS": "500",
        "counts-0-need": asd.pk,
        "counts-0-year_group": "4",
        "counts-0-level": "ehc_plan",
        "counts-0-count": "2",
    }
    assert client.post("/send/skills-audit/needs/new/", data).status_code == 302
    assert NeedCount.objects.get().count == 2
    # A half-filled row is refused and nothing is saved.
    data.update({"counts-1-need": asd.pk, "title": "Again"})
    reply = client.post("/send/skills-audit/needs/new/", data)
    assert reply.status_code == 400
    assert NeedProfile.objects.count() == 1


def test_staff_and_governors_cannot_import(client, people):
    for who in ("staff", "governor", "slt"):
        client.force_login(people[who])
        assert client.get("/send/skills-audit/needs/import/").status_code == 403
