"""Load the DfE school census "SEN primary need" codes as data a school can amend."""

from django.db import migrations


def load_codes(apps, schema_editor):
    from wagtail_send.audit.bulk import write_history
    from wagtail_send.skills_audit.bank import CENSUS_CODES
    from wagtail_send.skills_audit.models import NeedCode as LiveNeedCode

    NeedCode = apps.get_model("wagtail_send_skills_audit", "NeedCode")
    for position, (code, name, area) in enumerate(CENSUS_CODES, start=1):
        NeedCode.objects.get_or_create(
            code=code, defaults={"name": name, "area": area, "position": position * 10}
        )
    # History through the live model, so the rows are chained like every other.
    write_history(LiveNeedCode.objects.all(), "+", reason="Census codes loaded")


class Migration(migrations.Migration):
    dependencies = [("wagtail_send_skills_audit", "0001_initial")]

    operations = [migrations.RunPython(load_codes, migrations.RunPython.noop)]
