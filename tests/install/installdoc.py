"""docs/install.md read as instructions, so the stock-site test follows the doc to the letter.

The doc's contract with this module:

* a block opened with ```` ```python title="settings/base.py" ```` is appended to the
  project's ``settings/base.py``;
* a block opened with ```` ```python title="urls.py" ```` goes into the project's
  ``urls.py`` straight after its first ``urlpatterns = [`` line;
* ```` ```sh ```` blocks hold the commands, in order: ``pip install ...`` and
  ``python manage.py ...``. Anything else in them is an error: a command the test cannot
  run is a command nobody has tried.

Other blocks (examples, optional settings) are prose to this module.
"""

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

FENCE = re.compile(r"^```(?P<lang>\w*)(?P<info>[^\n]*)\n(?P<body>.*?)^```\s*$", re.M | re.S)
TITLE = re.compile(r'title="(?P<title>[^"]+)"')
SETTINGS_FILE = "settings/base.py"
URLS_FILE = "urls.py"
URLPATTERNS_OPENING = re.compile(r"^urlpatterns = \[[ \t]*$", re.M)


@dataclass
class InstallDoc:
    """What docs/install.md asks of a site: lines per file, then commands in order."""

    files: dict[str, list[str]] = field(default_factory=dict)
    #: Each command as its words, e.g. ["python", "manage.py", "migrate"].
    commands: list[list[str]] = field(default_factory=list)

    def added_lines(self):
        """The lines of code the doc adds to the site's files: not blank, not comments."""
        return [
            line.strip()
            for lines in self.files.values()
            for line in lines
            if line.strip() and not line.strip().startswith("#")
        ]

    def pip_installs(self):
        return [words for words in self.commands if words[:2] == ["pip", "install"]]

    def manage_commands(self):
        """The ``python manage.py`` commands, as the arguments to manage.py."""
        return [words[2:] for words in self.commands if words[:2] == ["python", "manage.py"]]


def read(path):
    """Parse the install doc at ``path``."""
    doc = InstallDoc()
    for block in FENCE.finditer(Path(path).read_text(encoding="utf-8")):
        lines = block["body"].splitlines()
        if block["lang"] == "sh":
            doc.commands.extend(_commands(lines))
        elif block["lang"] == "python" and (title := TITLE.search(block["info"])):
            if title["title"] not in (SETTINGS_FILE, URLS_FILE):
                raise ValueError(f"install doc: no rule for a block titled {title['title']!r}")
            doc.files.setdefault(title["title"], []).extend(lines)
    return doc


def _commands(lines):
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        words = shlex.split(line, comments=True)
        if words[:2] not in (["pip", "install"], ["python", "manage.py"]):
            raise ValueError(f"install doc: the stock-site test cannot run {line!r}")
        yield words


def apply(doc, project_dir):
    """Write the doc's lines into the ``wagtail start`` project package at ``project_dir``."""
    settings = Path(project_dir, SETTINGS_FILE)
    if lines := doc.files.get(SETTINGS_FILE):
        text = settings.read_text(encoding="utf-8")
        settings.write_text(text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n", "utf-8")
    if lines := doc.files.get(URLS_FILE):
        urls = Path(project_dir, URLS_FILE)
        text = urls.read_text(encoding="utf-8")
        opening = URLPATTERNS_OPENING.search(text)
        if opening is None:
            raise ValueError(f"{urls} has no 'urlpatterns = [' line")
        at = opening.end() + 1
        urls.write_text(text[:at] + "\n".join(lines) + "\n" + text[at:], "utf-8")
