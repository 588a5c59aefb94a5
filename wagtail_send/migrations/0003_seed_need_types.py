from django.db import migrations

#: The DfE school census "SEN primary need" codes, with their broad area.
NEED_TYPES = [
    ("SLCN", "Speech, language and communication needs", "communication"),
    ("ASD", "Autistic spectrum disorder", "communication"),
    ("SPLD", "Specific learning difficulty", "cognition"),
    ("MLD", "Moderate learning difficulty", "cognition"),
    ("SLD", "Severe learning difficulty", "cognition"),
    ("PMLD", "Profound and multiple learning difficulty", "cognition"),
    ("SEMH", "Social, emotional and mental health", "semh"),
    ("HI", "Hearing impairment", "sensory"),
    ("VI", "Visual impairment", "sensory"),
    ("MSI", "Multi-sensory impairment", "sensory"),
    ("PD", "Physical disability", "sensory"),
    ("OTH", "Other difficulty or disability", "other"),
    ("NSA", "SEN support but no specialist assessment of type of need", "other"),
]


def seed(apps, schema_editor):
    NeedType = apps.get_model("wagtail_send", "NeedType")
    for position, (code, name, area) in enumerate(NEED_TYPES):
        NeedType.objects.update_or_create(
            code=code, defaults={"name": name, "broad_area": area, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("wagtail_send", "0002_need_types")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
