"""The deployment gate's static part: ruff's bandit rules (S) are clean for shipped code.

``check --deploy --fail-level WARNING`` runs in CI (``.ci/run``) and in
``tests/core/test_setup.py``. ``pip-audit`` needs a vulnerability database this
project's CI cannot reach, so it is a documented manual step (docs/security.md).
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_ruff_security_rules_are_clean_for_shipped_code():
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed")
    result = subprocess.run(  # noqa: S603  (fixed arguments, no shell)
        [
            ruff,
            "check",
            "--select",
            "S",
            "--output-format",
            "concise",
            "wagtail_send",
            "example_site",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout


#: exceptions without a reason on their own line, justified here instead
JUSTIFIED = {
    "example_site/settings/dev.py:S105": "the development settings' key, never deployed",
    "example_site/settings/test.py:S105": "the test settings' key, never deployed",
    "example_site/demo/features/skills_audit.py:S311": "seeded random for fictional answers",
}


def test_every_security_exception_in_shipped_code_says_why():
    """A ``noqa: S...`` needs a reason after it, a comment above it, or an entry above."""
    bare = []
    for path in [*ROOT.glob("wagtail_send/**/*.py"), *ROOT.glob("example_site/**/*.py")]:
        lines = path.read_text().splitlines()
        for number, line in enumerate(lines):
            if "# noqa: S" not in line:
                continue
            code, *reason = line.split("# noqa: ", 1)[1].split(None, 1)
            commented = number > 0 and lines[number - 1].strip().startswith("#")
            key = f"{path.relative_to(ROOT)}:{code}"
            if not (reason or commented or key in JUSTIFIED):
                bare.append(key)
    assert bare == []
