# The learning wall's own list of areas of need gives way to the core's census types of need.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_send", "0003_seed_need_types"),
        ("wagtail_send_learning_wall", "0002_post_created_index"),
    ]

    operations = [
        migrations.RemoveField(model_name="post", name="areas_of_need"),
        migrations.DeleteModel(name="AreaOfNeed"),
        migrations.DeleteModel(name="HistoricalAreaOfNeed"),
        migrations.AddField(
            model_name="post",
            name="areas_of_need",
            field=models.ManyToManyField(
                blank=True,
                related_name="+",
                to="wagtail_send.needtype",
                verbose_name="areas of need",
            ),
        ),
    ]
