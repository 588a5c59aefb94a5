"""A figure measured beside its reference in the same run, and the table that prints them."""

import statistics
import time
from dataclasses import dataclass


@dataclass
class Figure:
    """One line of the benchmark table.

    ``ratio`` is value / reference when both are numbers. ``met`` is decided by
    ``check`` (a callable on the figure) so each target says how it is judged;
    None means "reported only" (no target, or not measurable here).
    """

    name: str
    value: object
    reference: object = None
    unit: str = ""
    target: str = ""
    check: object = None
    note: str = ""

    @property
    def ratio(self):
        if isinstance(self.value, int | float) and isinstance(self.reference, int | float):
            return self.value / self.reference if self.reference else None
        return None

    @property
    def met(self):
        if self.check is None:
            return None
        return bool(self.check(self))


def timed(function, repeat=7, warmup=1, before=None):
    """Median seconds of ``function()`` over ``repeat`` runs after ``warmup`` runs.

    ``before``, if given, is called ahead of every run, outside the time measured.
    """
    for _ in range(warmup):
        if before:
            before()
        function()
    samples = []
    for _ in range(repeat):
        if before:
            before()
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _show(value, unit):
    if value is None:
        return "-"
    if isinstance(value, float):
        text = f"{value:,.1f}" if abs(value) >= 10 else f"{value:,.2f}"
    elif isinstance(value, int):
        text = f"{value:,}"
    else:
        text = str(value)
    return f"{text} {unit}".strip()


def table(figures):
    """The figures as a fixed-width text table (one line each, notes below)."""
    header = ("figure", "value", "reference", "ratio", "target", "met?")
    rows = []
    notes = []
    for figure in figures:
        ratio = figure.ratio
        met = {True: "yes", False: "NO", None: "-"}[figure.met]
        rows.append(
            (
                figure.name,
                _show(figure.value, figure.unit),
                _show(figure.reference, figure.unit),
                f"{ratio:.2f}" if ratio is not None else "-",
                figure.target or "-",
                met,
            )
        )
        if figure.note:
            notes.append(f"  {figure.name}: {figure.note}")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        " | ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in [header, *rows]
    ]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    if notes:
        lines += ["", "Notes:", *notes]
    return "\n".join(lines)
