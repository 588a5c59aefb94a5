"""An attacker who holds every release of an audit and tries to recover individual answers.

They know everything but the answers: who answered, when each person sent or changed their
answers (so which version of whose answers each release counts), each person's role and
which questions they answered. From every figure shown in every release (each row, each
group column, each measure, as exact sums rather than the rounded means pages print),
they set up one linear system per measure and solve it:

* exactly, by fraction-free elimination in whole numbers: an answer is recovered when it
  is a combination of the shown figures (every pair of releases, every mix of cells and
  margins, at once);
* by interval bounds over the integer answers (ratings 1-4, training 0-1), propagated
  through the figures and through every combination the elimination finds: an answer is
  recovered when its bounds meet.

People who appear in exactly the same figures are interchangeable to the attacker, so
the system is set up over those "atoms" (an atom of n people, each answer in [lo, hi],
sums to [n lo, n hi]); an answer is recovered when its atom is one person and is
determined, or when the atom's bounds pin it to an end of its range. An insider also
knows their own answers: their part is taken off every figure first.
"""

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from math import gcd

from wagtail_send.audit.bulk import history_model_for
from wagtail_send.skills_audit.gaps import row_figures
from wagtail_send.skills_audit.models import GENERAL, Question, Release, Response

MEASURES = {"confidence": (1, 4), "training": (0, 1)}


@dataclass
class Report:
    releases: int = 0
    group_figures: int = 0
    trials: int = 0
    recovered: int = 0
    insider_trials: int = 0
    insider_recovered_exactly: int = 0
    insider_bounded: int = 0

    def add(self, other):
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _rows(school_id):
    """``{row key: set of question ids}`` as the pages label them."""
    rows = defaultdict(set)
    for q in Question.objects.filter(school_id=school_id).select_related("need"):
        rows[f"area:{q.area}"].add(str(q.pk))
        if q.area == GENERAL:
            rows[f"question:{q.pk}"].add(str(q.pk))
        elif q.need_id:
            rows[f"need:{q.need.code}"].add(str(q.pk))
    return rows


def _versions(campaign):
    """``{(answer id, changed at): answers}`` for every version of every answer."""
    versions = {
        (str(pk), updated.isoformat()): answers
        for pk, updated, answers in history_model_for(Response)
        .objects.filter(campaign_id=campaign.pk)
        .values_list("id", "updated_at", "answers")
    }
    for pk, updated, answers in Response.objects.filter(campaign=campaign).values_list(
        "pk", "updated_at", "answers"
    ):
        versions[(str(pk), updated.isoformat())] = answers
    return versions


def _value(answer, measure):
    if not answer or answer.get("confidence") not in (1, 2, 3, 4):
        return None
    return answer["confidence"] if measure == "confidence" else int(bool(answer.get("training")))


def equations(campaign, releases, measure):
    """``({release number: equations}, truth)``: each release's figures as equations
    ``({variable: 1}, sum)``, and each variable's real value.

    A variable is one answer of one version of one person's answers:
    ``(answer id, changed at, question id)``.
    """
    rows = _rows(campaign.school_id)
    versions = _versions(campaign)
    systems, truth = {}, {}
    for release in releases:
        system = systems[release.number] = []
        figures = release.figures
        for row, questions in rows.items():
            if row not in figures.get("rows", {}):
                continue
            for column in ["all", *figures.get("groups", [])]:
                shown = row_figures(figures, row, column)
                mean = shown.confidence if measure == "confidence" else shown.training_share
                if mean is None:
                    continue
                variables = {}
                for key, (updated, group, *_answered) in release.ledger.items():
                    if column != "all" and group != column:
                        continue
                    answers = versions[(key, updated)]
                    for qid in questions:
                        value = _value(answers.get(qid), measure)
                        if value is not None:
                            variables[(key, updated, qid)] = 1
                            truth[(key, updated, qid)] = value
                total = round(mean * shown.answered)
                assert len(variables) == shown.answered, (row, column, "answers known")
                assert sum(truth[v] for v in variables) == total, "the model matches"
                system.append((variables, total, column))
    return systems, truth


def _atoms(system):
    """Group variables that appear in exactly the same equations."""
    signature = defaultdict(list)
    for index, (variables, _total, *_column) in enumerate(system):
        for variable in variables:
            signature[variable].append(index)
    atoms = defaultdict(list)
    for variable, indexes in signature.items():
        atoms[tuple(indexes)].append(variable)
    return list(atoms.values())


def _eliminate(matrix):
    """Reduced row echelon form of ``matrix`` (lists of integers, last column the sums).

    Fraction-free: each row is kept as whole numbers with no common factor rather than
    scaled to a leading 1, which is the same system (a row and its multiples say the same)
    and many times quicker than rational arithmetic.
    """
    rows = [row[:] for row in matrix]
    pivots, r = [], 0
    width = len(rows[0]) - 1 if rows else 0
    for c in range(width):
        pivot = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        lead = rows[r][c]
        for i in range(len(rows)):
            if i != r and rows[i][c] != 0:
                factor = rows[i][c]
                rows[i] = _primitive(
                    [lead * a - factor * b for a, b in zip(rows[i], rows[r], strict=True)]
                )
        pivots.append(c)
        r += 1
    return rows[:r], pivots


def _primitive(row):
    """``row`` divided by the common factor of its entries."""
    divisor = gcd(*row)
    return [v // divisor for v in row] if divisor > 1 else row


def _bounds(constraints, lo, hi):
    """Tighten integer bounds ``lo``/``hi`` (lists) through ``constraints`` to a fixpoint.

    Each constraint is ``(coefficients, total)`` in whole numbers; the bounds it gives a
    term are rounded inwards exactly (floor and ceiling of whole-number division).
    """
    constraints = [
        ([(j, a) for j, a in enumerate(row) if a != 0], total) for row, total in constraints
    ]
    changed = True
    while changed:
        changed = False
        for terms, total in constraints:
            # Bounds of the whole sum; each term's own part is taken off below. Bounds met
            # earlier in the same pass only ever narrow, so the older sums stay valid.
            spans = [(a * lo[j], a * hi[j]) if a > 0 else (a * hi[j], a * lo[j]) for j, a in terms]
            sum_lo, sum_hi = sum(s[0] for s in spans), sum(s[1] for s in spans)
            for (j, a), (own_lo, own_hi) in zip(terms, spans, strict=True):
                rest_lo, rest_hi = sum_lo - own_lo, sum_hi - own_hi
                # a x = total - rest, rest in [rest_lo, rest_hi]
                if a > 0:
                    least, most = total - rest_hi, total - rest_lo
                else:
                    least, most = total - rest_lo, total - rest_hi
                new_lo = max(lo[j], -(-least // a))
                new_hi = min(hi[j], most // a)
                if (new_lo, new_hi) != (lo[j], hi[j]):
                    lo[j], hi[j], changed = new_lo, new_hi, True
    return lo, hi


def components(system):
    """Split ``system`` into independent systems: figures sharing no question."""
    parent = {}

    def root(q):
        while parent.setdefault(q, q) != q:
            q = parent[q]
        return q

    for variables, *_rest in system:
        questions = [v[2] for v in variables]
        for q in questions[1:]:
            parent[root(q)] = root(questions[0])
    parts = defaultdict(list)
    for equation in system:
        if equation[0]:
            parts[root(next(iter(equation[0]))[2])].append(equation)
    return list(parts.values())


def attack(system, truth, measure, known=()):
    """``(answers tried, recovered exactly, recovered by bounds)`` for one system.

    ``known`` are variables the attacker already knows (an insider's own answers).
    """
    low, high = MEASURES[measure]
    known = set(known)
    atoms = [[v for v in atom if v not in known] for atom in _atoms(system)]
    atoms = [atom for atom in atoms if atom]
    index = {v: i for i, atom in enumerate(atoms) for v in atom}
    matrix = []
    for variables, total, *_column in system:
        row = [0] * (len(atoms) + 1)
        rest = total
        for variable in variables:
            if variable in known:
                rest -= truth[variable]
            else:
                row[index[variable]] = 1
        row[-1] = rest
        if any(row[:-1]):
            matrix.append(row)
    reduced, pivots = _eliminate(matrix)
    exact = set()
    for row, c in zip(reduced, pivots, strict=True):
        if sum(1 for v in row[:-1] if v != 0) == 1 and len(atoms[c]) == 1:
            exact.add(c)
    lo = [len(atom) * low for atom in atoms]
    hi = [len(atom) * high for atom in atoms]
    constraints = [(row[:-1], row[-1]) for row in matrix + reduced]
    lo, hi = _bounds(constraints, lo, hi)
    bounded = 0
    for i, atom in enumerate(atoms):
        pinned = lo[i] == hi[i] and (
            len(atom) == 1 or lo[i] in (len(atom) * low, len(atom) * high)
        )
        if i in exact or pinned:
            for variable in atom:
                expected = lo[i] // len(atom) if pinned else lo[i]
                assert truth[variable] == expected, "a recovered answer is the real one"
            bounded += len(atom)
    return len(index), len(exact), bounded


def attack_campaign(campaign, insiders=True):
    """Attack every release of ``campaign``, together and in every pair, as an outsider and
    as each person who answered; returns a :class:`Report`."""
    releases = list(Release.objects.filter(campaign=campaign).order_by("number"))
    report = Report(releases=len(releases))
    numbers = [r.number for r in releases]
    for measure in MEASURES:
        systems, truth = equations(campaign, releases, measure)
        everything = [e for n in numbers for e in systems[n]]
        report.group_figures += sum(1 for e in everything if e[2] != "all")
        for chosen in [numbers, *combinations(numbers, 2)]:
            for part in components([e for n in chosen for e in systems[n]]):
                tried, _exact, recovered = attack(part, truth, measure)
                report.trials += tried
                report.recovered += recovered
        if not insiders:
            continue
        for part in components(everything):
            people = defaultdict(set)
            for variables, *_rest in part:
                for variable in variables:
                    people[variable[0]].add(variable)
            for own in people.values():
                tried, exact, bounded = attack(part, truth, measure, known=own)
                report.insider_trials += tried
                report.insider_recovered_exactly += exact
                report.insider_bounded += bounded
    return report
