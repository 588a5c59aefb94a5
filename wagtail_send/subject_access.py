"""A subject-access bundle: everything held about one person, as a zip they can read.

``index.html`` lists each kind of record with its count and a link to its CSV file (one
row per record, through the core's one CSV writer); ``data.json`` holds the same, whole.
"""

import io
import json
import zipfile

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from .exports import write_csv
from .privacy import personal_data_of


def section_file(section):
    """The CSV file name of a section (``wagtail_send_learning_wall.Post (history)``)."""
    return f"{slugify(section.replace('.', '-'))}.csv"


def subject_access_bundle(user):
    """The bytes of a zip of what is held about ``user`` (see the module docstring)."""
    data = personal_data_of(user)
    out = io.BytesIO()
    sections = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        for section, rows in data.items():
            rows = rows if isinstance(rows, list) else [rows]
            headings = sorted({key for row in rows for key in row})
            text = io.StringIO()
            write_csv(text, headings, ([_cell(row.get(h)) for h in headings] for row in rows))
            bundle.writestr(section_file(section), text.getvalue())
            sections.append({"name": section, "file": section_file(section), "count": len(rows)})
        bundle.writestr("data.json", json.dumps(data, indent=2, cls=DjangoJSONEncoder))
        index = render_to_string(
            "wagtail_send/subject_access/index.html",
            {"person": user, "sections": sections, "made_at": timezone.now()},
        )
        bundle.writestr("index.html", index)
    return out.getvalue()


def _cell(value):
    return json.dumps(value, cls=DjangoJSONEncoder) if isinstance(value, dict | list) else value
