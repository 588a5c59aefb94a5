from django.db import migrations


class Migration(migrations.Migration):
    """Once seeded the census codes; now ``ensure_need_types`` does, after migrate.

    A data migration's model has no history, so its rows would arrive without any and be
    reported by ``verify_send_history``; the real model's manager writes their first row.
    """

    dependencies = [("wagtail_send", "0002_need_types")]
    operations = []
