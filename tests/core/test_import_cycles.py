"""No import cycle inside wagtail-send: the contracts in pyproject.toml, checked by import-linter.

A cycle is what made the features hard to live in (models importing their page, the page
importing the forms that import the models); import-linter counts imports made inside
functions too, so a cycle cannot hide in a late import.
"""

from pathlib import Path

from importlinter import configuration
from importlinter.application.use_cases import lint_imports

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_no_package_has_an_import_cycle():
    configuration.configure()  # what the lint-imports command does first
    # On failure import-linter's report (captured by pytest) names the imports to remove.
    assert lint_imports(config_filename=str(PYPROJECT), cache_dir=None, no_logo=True)
