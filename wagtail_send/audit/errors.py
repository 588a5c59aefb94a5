class HistoryRequired(Exception):
    """A write path that would leave no history row was refused."""
