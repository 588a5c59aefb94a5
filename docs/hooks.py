"""mkdocs hook: the settings reference is built from wagtail_send.conf, so it cannot drift."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def on_page_markdown(markdown, page, **kwargs):
    if "<!-- settings-table -->" not in markdown:
        return markdown
    from wagtail_send.conf import PREFIX, SETTINGS

    rows = ["| Setting | Default | What it does |", "| --- | --- | --- |"]
    for name, spec in SETTINGS.items():
        choices = f" One of: {', '.join(spec.choices)}." if spec.choices else ""
        rows.append(f"| `{PREFIX}{name}` | `{spec.default!r}` | {spec.doc}{choices} |")
    return markdown.replace("<!-- settings-table -->", "\n".join(rows))
