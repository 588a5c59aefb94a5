from tests.policies.conftest import index, report  # noqa: F401  (the same report fixture)
