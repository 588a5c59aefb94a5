"""What a site installs: the wheel and sdist, their licence and dependencies, and the docs."""

import importlib.util
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """``(wheel, sdist)`` as ``python -m build`` makes them, in a temporary directory."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return next(out.glob("wagtail_send-*.whl")), next(out.glob("wagtail_send-*.tar.gz"))


@pytest.mark.slow
def test_the_wheel_carries_templates_static_files_and_compiled_catalogues(built):
    names = zipfile.ZipFile(built[0]).namelist()
    assert "wagtail_send/locale/en_GB/LC_MESSAGES/django.mo" in names
    assert "wagtail_send/templates/wagtail_send/base.html" in names
    assert "wagtail_send/static/wagtail_send/send.css" in names
    assert not any(name.startswith(("tests/", "example_site/")) for name in names)


@pytest.mark.slow
def test_the_wheel_and_the_sdist_carry_the_bsd_licence(built):
    wheel, sdist = built
    with zipfile.ZipFile(wheel) as archive:
        (licence,) = [n for n in archive.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
        assert "BSD 3-Clause License" in archive.read(licence).decode()
        assert "wagtail-send contributors" in archive.read(licence).decode()
    with tarfile.open(sdist) as archive:
        assert f"{sdist.name.removesuffix('.tar.gz')}/LICENSE" in archive.getnames()


@pytest.mark.slow
def test_whitenoise_is_needed_by_the_example_site_only(built):
    with zipfile.ZipFile(built[0]) as archive:
        (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        requires = Parser().parsestr(archive.read(metadata).decode()).get_all("Requires-Dist")
        code = " ".join(
            archive.read(name).decode() for name in archive.namelist() if name.endswith(".py")
        )
    assert [r for r in requires if "whitenoise" in r] == ['whitenoise<7,>=6.9; extra == "example"']
    assert "whitenoise" not in code


def test_the_settings_reference_is_current():
    spec = importlib.util.spec_from_file_location(
        "settings_table", ROOT / "docs/settings_table.py"
    )
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    page = (ROOT / "docs/settings.md").read_text()
    assert generator.with_table(page) == page, (
        "docs/settings.md is out of date: make settings-docs"
    )
