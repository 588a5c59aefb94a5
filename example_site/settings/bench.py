"""Settings for the benchmark's load test: the dev settings, without debug, plus a
constant-string view to measure Django's own floor (see docs/performance.md)."""

from .dev import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "example_site.bench.urls"
