"""Write the settings reference into docs/settings.md from wagtail_send.conf.SETTINGS.

Run ``make settings-docs`` after adding or changing a setting; a test fails while
docs/settings.md is not current.
"""

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
START = "<!-- Generated from wagtail_send/conf.py by `make settings-docs`: do not edit. -->"
END = "<!-- End of the generated table. -->"


def table():
    sys.path.insert(0, str(DOCS.parent))
    from wagtail_send.conf import PREFIX, SETTINGS

    rows = ["| Setting | Default | What it does |", "| --- | --- | --- |"]
    for name, spec in SETTINGS.items():
        choices = f" One of: {', '.join(spec.choices)}." if spec.choices else ""
        rows.append(f"| `{PREFIX}{name}` | `{spec.default!r}` | {spec.doc}{choices} |")
    return "\n".join(rows)


def with_table(text):
    """``text`` (the page) with the table between the markers made current."""
    before, rest = text.split(START)
    _old, after = rest.split(END)
    return f"{before}{START}\n{table()}\n{END}{after}"


if __name__ == "__main__":
    page = DOCS / "settings.md"
    page.write_text(with_table(page.read_text()))
