from django.db import migrations

from wagtail_send.models.needs import seed_need_types


def seed(apps, schema_editor):
    seed_need_types(apps.get_model("wagtail_send", "NeedType"), schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("wagtail_send", "0002_need_types")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
