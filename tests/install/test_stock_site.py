"""A stock ``wagtail start`` site, wagtail-send installed from its wheel as docs/install.md says.

What a Wagtail developer does, on each supported Django: build the package, make a new
site in a fresh virtual environment, install the wheel (never the checkout), add the doc's
lines to the site's files, migrate, create the pages, and use the site as a visitor, a
member of staff, the SENCO and a governor. The lines are read from the doc itself, so the doc
cannot drift from what works.

Needs PyPI (pip's cache is enough once filled) and a Python for each Django. Without one,
the case is skipped, unless WAGTAILSEND_REQUIRE_STOCK_SITE=1 (CI). WAGTAILSEND_SKIP_STOCK_SITE=1
skips the whole test, so CI can run it in one of its suite runs only.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time
from itertools import pairwise
from pathlib import Path

import pytest

from . import installdoc

ROOT = Path(__file__).resolve().parents[2]
INSTALL_DOC = ROOT / "docs" / "install.md"
PROBE = Path(__file__).with_name("site_probe.py")
MAX_ADDED_LINES = 8
REDIRECTS = {301, 302, 303, 307, 308}
#: Made by send_create_pages under the site's root page.
FEATURE_PAGES = {"SchoolPoliciesIndexPage", "LearningWallPage", "ServiceDirectoryPage"}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("WAGTAILSEND_SKIP_STOCK_SITE") == "1",
        reason="WAGTAILSEND_SKIP_STOCK_SITE=1: the stock site is tested in another run",
    ),
]


def run(*args, timeout=900, **kwargs):
    """Run a command; on failure, fail the test with what it printed."""
    args = [str(arg) for arg in args]
    result = subprocess.run(
        args,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        check=False,
        **kwargs,
    )
    if result.returncode:
        pytest.fail(
            f"`{' '.join(args)}` failed ({result.returncode}):\n"
            f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}",
            pytrace=False,
        )
    return result.stdout


def find_python(version):
    """A Python ``version`` ("3.12") interpreter here, on PATH or through pyenv, or None."""
    candidates = [shutil.which(f"python{version}")]
    if pyenv := shutil.which("pyenv"):
        latest = subprocess.run(
            [pyenv, "latest", version], capture_output=True, text=True, check=False
        )
        if latest.returncode == 0:
            prefix = subprocess.run(
                [pyenv, "prefix", latest.stdout.strip()],
                capture_output=True,
                text=True,
                check=False,
            )
            candidates.append(str(Path(prefix.stdout.strip(), "bin", "python")))
    for python in filter(None, candidates):
        # A pyenv shim exists for every installed version but runs only the selected ones.
        said = subprocess.run(
            [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            check=False,
        )
        if said.returncode == 0 and said.stdout.strip() == version:
            return python
    return None


def python_or_skip(version):
    python = find_python(version)
    if python is None:
        reason = f"no Python {version} here (neither python{version} on PATH nor in pyenv)"
        if os.environ.get("WAGTAILSEND_REQUIRE_STOCK_SITE") == "1":
            pytest.fail(f"{reason}, and WAGTAILSEND_REQUIRE_STOCK_SITE=1", pytrace=False)
        pytest.skip(reason)
    return python


@pytest.fixture(scope="module")
def distributions(tmp_path_factory):
    """The sdist and the wheel built from the checkout, as files in a temporary directory.

    Built from a copy of the files git would commit, so the build writes nothing (egg-info,
    build/) into the checkout and nothing git ignores gets into the package by accident.
    ``build`` makes the wheel from the sdist, so an sdist missing a file fails here too.
    """
    source = tmp_path_factory.mktemp("source")
    listed = run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--outdir", out, source)
    sdists, wheels = list(out.glob("wagtail_send-*.tar.gz")), list(out.glob("wagtail_send-*.whl"))
    assert len(sdists) == 1, f"no sdist in {sorted(out.iterdir())}"
    assert len(wheels) == 1, f"no wheel in {sorted(out.iterdir())}"
    return sdists[0], wheels[0]


class StockSite:
    """A new ``wagtail start`` site in its own venv, worked as its developer would in a shell:
    that venv first on PATH, its own settings, nothing of this suite's environment."""

    def __init__(self, python, where):
        self.venv, self.dir = where / "venv", where / "site"
        run(python, "-m", "venv", self.venv)
        self.python = self.venv / "bin" / "python"
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DJANGO_SETTINGS_MODULE", "PYTHONPATH", "PYTHONHOME", "DATABASE_URL"}
        }
        self.env.update(
            DJANGO_SETTINGS_MODULE="mysite.settings.dev",
            VIRTUAL_ENV=str(self.venv),
            PATH=f"{self.venv / 'bin'}{os.pathsep}{self.env['PATH']}",
        )

    def pip_install(self, *requirements):
        run(self.python, "-m", "pip", "install", "--quiet", *requirements, env=self.env)

    def start(self):
        self.dir.mkdir()
        run(self.venv / "bin" / "wagtail", "start", "mysite", self.dir, env=self.env)

    def manage(self, *args):
        return run(self.python, "manage.py", *args, cwd=self.dir, env=self.env)

    def page_count(self):
        said = self.manage(
            "shell", "-c", "from wagtail.models import Page; print(Page.objects.count())"
        )
        return int(said.split()[-1])

    def probe(self):
        """What the site answered to everyone, from tests/install/site_probe.py."""
        out = self.dir.parent / "probe.json"
        run(self.python, PROBE, out, cwd=self.dir, env=self.env)
        return json.loads(out.read_text(encoding="utf-8"))


def wheel_requirement(doc, wheel):
    """The doc's ``pip install wagtail-send[...]``, with the built wheel for the name."""
    for words in doc.pip_installs():
        for word in words[2:]:
            if match := re.fullmatch(r"wagtail-send(\[[\w,-]+\])?", word):
                return f"{wheel}{match[1] or ''}"
    pytest.fail("docs/install.md never says `pip install wagtail-send`", pytrace=False)


def describe(results):
    lines = []
    for seen in results:
        line = f"{seen['status']} {seen['who']:<8} {seen['url']}"
        if "location" in seen:
            line += f" -> {seen['location']} -> {seen.get('final_status')}"
        lines.append(line)
        if "error" in seen:
            lines.append("    " + seen["error"].strip().replace("\n", "\n    "))
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("python_version", "django", "as_wagtail_start_asks"),
    [
        pytest.param("3.11", "Django==5.2.*", False, id="django5.2-py3.11"),
        pytest.param("3.12", "Django>=6.1,<6.2", True, id="django6.1-py3.12"),
    ],
)
def test_a_stock_wagtail_site_works_with_the_lines_of_the_install_doc(
    request, tmp_path, python_version, django, as_wagtail_start_asks
):
    python = python_or_skip(python_version)
    times = {"started": time.monotonic()}
    doc = installdoc.read(INSTALL_DOC)
    added = doc.added_lines()
    assert len(added) <= MAX_ADDED_LINES, "the doc adds too many lines:\n" + "\n".join(added)
    sdist, wheel = request.getfixturevalue("distributions")
    times["built"] = time.monotonic()

    site = StockSite(python, tmp_path)
    site.pip_install("wagtail==8.0.*", django)
    site.start()
    if as_wagtail_start_asks:
        requirements = (site.dir / "requirements.txt").read_text(encoding="utf-8").split()
        assert django in requirements, f"wagtail start now asks for another Django: {requirements}"
    # With Django as the site chose it, so wagtail-send cannot make pip change it.
    site.pip_install(wheel_requirement(doc, wheel), django)
    installdoc.apply(doc, site.dir / "mysite")
    times["installed"] = time.monotonic()

    site.manage("check")
    commands = doc.manage_commands()
    assert ["migrate"] in commands and ["send_create_pages"] in commands, commands
    for args in commands:
        site.manage(*args)
    pages = site.page_count()
    site.manage("send_create_pages")
    assert site.page_count() == pages, "send_create_pages made pages again"
    times["set up"] = time.monotonic()

    facts = site.probe()
    times["requested"] = time.monotonic()
    stages = ", ".join(f"{b} {times[b] - times[a]:.0f}s" for a, b in pairwise(times))
    print(
        f"\nstock site, {django} on Python {python_version}, {len(facts['results'])} requests: "
        f"{stages}; {times['requested'] - times['started']:.0f}s in all"
    )

    assert Path(facts["wagtail_send_file"]).is_relative_to(site.venv), facts["wagtail_send_file"]
    assert facts["django_version"].startswith(re.search(r"\d+\.\d+", django)[0])
    results = facts["results"]
    failures = [seen for seen in results if 500 in (seen["status"], seen.get("final_status"))]
    assert not failures, f"{len(failures)} answered 500:\n{describe(results)}"
    lost = [seen for seen in results if seen.get("final_status") == 404]
    assert not lost, f"redirected to a missing page:\n{describe(lost)}"
    assert {page["type"] for page in facts["pages"]} >= FEATURE_PAGES, facts["pages"]

    report = facts["report"]
    assert report is not None, "no SEN Information Report, nor a policies index to put one in"
    assert report["status"] == 200 and report["title_shown"], report
    by_visitor = {seen["url"]: seen for seen in results if seen["who"] == "visitor"}
    if report["pdf_offered"]:
        assert by_visitor[report["pdf_url"]]["status"] == 200, by_visitor[report["pdf_url"]]
    assert facts["wall_urls"], "no live learning wall page"
    for url in facts["wall_urls"]:
        signing_in = by_visitor[url]
        assert signing_in["status"] in REDIRECTS, signing_in
        assert signing_in["final_status"] == 200, signing_in
