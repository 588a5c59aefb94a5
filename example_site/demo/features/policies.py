"""Demo data for this feature (filled in by the feature's own work)."""


def load(*, school, people, home):
    """Add this feature's demo data to ``school``; safe to run again."""
