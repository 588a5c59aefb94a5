"""Statistical disclosure control: the one rule every aggregate of people's answers follows.

A feature that publishes figures built from individual answers (the skills audit's gaps,
heatmaps, CSV and its SEN Information Report section) describes each figure as a
:class:`Cell` and asks here whether it may be shown. The rules, after the ONS guidance on
statistical disclosure control for tables (see docs/skills_audit.md):

* **Threshold (primary suppression).** A figure drawn from fewer people than
  ``WAGTAILSEND_SMALL_GROUP_MINIMUM`` is never shown.
* **Group disclosure.** A figure at either end of its possible range (everyone rated 1,
  nobody asked for training) tells each contributor's answer, so it is not shown either.
* **Complementary suppression.** A total is shown only where every part of it may be
  (the skills audit shows a broad area only where each need in it may be shown), so no
  hidden part can be worked out by subtraction.
* **Differencing.** Figures are published in releases, frozen snapshots made only when at
  least the minimum number of people have sent, changed or withdrawn answers, or at close
  (:func:`next_release`). A figure is shown in a release only if, read together with every
  earlier release that showed it, no group of people it counts has a sum that is fixed
  while the group is smaller than the minimum or at an end of its range (:func:`protected`).
* **Controlled groups.** Breakdowns are by the project's roles (:func:`role_groups`),
  never by free-text job titles, where one-person groups are common.
"""

from dataclasses import dataclass

from .conf import send_settings
from .roles import Role

#: Roles in the order that decides a person's group when they hold several.
GROUP_ORDER = (Role.SENCO, Role.SLT, Role.STAFF)


@dataclass(frozen=True)
class Cell:
    """A sum over people: how many, the sum, and the smallest and largest it could be."""

    people: int = 0
    value: int = 0
    lo: int = 0
    hi: int = 0


def minimum():
    return send_settings.SMALL_GROUP_MINIMUM


def safe(cell):
    """May ``cell`` be shown, or be worked out from what is shown?

    Empty is safe (it says nothing about anyone). Otherwise it needs at least the minimum
    number of people, and a value strictly inside its range: a sum at an end of its range
    gives every contributor's answer.
    """
    if cell.people == 0:
        return True
    return cell.people >= minimum() and cell.lo < cell.value < cell.hi


def protected(showings, lo, hi):
    """Do the releases that showed a figure, read together, keep every contributor hidden?

    Args:
        showings: the figure's total in each release that showed it, oldest first, as
            ``(total, {version: (person, answers)})``: each version of each person's answers
            it counted, and how many answers that version gave.
        lo, hi: the range of one answer.

    People whose answers are counted in exactly the same releases are indistinguishable to
    anyone comparing releases; that group's sum is all such a reader can learn about them.
    The releases are a system of sums over those groups with each group's sum bounded by
    its answers, and every group appears in consecutive releases, so the system is a
    network flow: a group's sum is fixed exactly when no cycle of the residual network
    passes through it. This is the audit of a suppression pattern in the ONS guidance (the
    feasibility interval of every hidden cell), done exactly; it finds whatever subtraction
    or integer bounds over any set of the releases could. It fails when a group's sum is
    fixed and the group is smaller than the minimum, or is fixed at an end of its range.
    """
    spans = {}
    for k, (_total, parts) in enumerate(showings, start=1):
        for version, (person, answers) in parts.items():
            if not answers:
                continue
            span = spans.setdefault(version, [k, k, person, answers])
            if span[1] < k - 1:
                # Counted again after a gap (an answer restored as it was): not a network;
                # such a figure waits until a later release.
                return False
            span[1] = k
    groups = {}
    for first, last, person, answers in spans.values():
        group = groups.setdefault((first, last), [set(), 0])
        group[0].add(person)
        group[1] += answers
    # A group counted from release ``first`` to ``last`` carries its sum from node last + 1
    # to node ``first``; what flows into node k less what flows out is T(k) - T(k - 1).
    arcs = [(last + 1, first, n * lo, n * hi) for (first, last), (_p, n) in groups.items()]
    totals = [0, *(total for total, _parts in showings), 0]
    balance = {k: totals[k] - totals[k - 1] for k in range(1, len(totals))}
    flow = _feasible_flow(arcs, balance)
    if flow is None:
        return False
    for index, ((people, _n), (tail, head, low, high)) in enumerate(
        zip(groups.values(), arcs, strict=True)
    ):
        residual = _residual(arcs, flow, without=index)
        can_rise = flow[index] < high and _reaches(residual, head, tail)
        can_fall = flow[index] > low and _reaches(residual, tail, head)
        if not (can_rise or can_fall) and (len(people) < minimum() or flow[index] in (low, high)):
            return False
    return True


def _feasible_flow(arcs, balance):
    """A flow on ``arcs`` (tail, head, low, high) meeting each node's ``balance``, or None."""
    source, sink = "source", "sink"
    capacity = {}

    def add(u, v, c):
        capacity[u] = capacity.get(u, {})
        capacity[u][v] = capacity[u].get(v, 0) + c
        capacity.setdefault(v, {}).setdefault(u, 0)

    need = dict(balance)
    for tail, head, low, high in arcs:
        add(tail, head, high - low)
        need[head] -= low
        need[tail] += low
    wanted = 0
    for node, amount in need.items():
        if amount > 0:
            add(node, sink, amount)
            wanted += amount
        elif amount < 0:
            add(source, node, -amount)
    pushed = 0
    while True:
        path = _path(capacity, source, sink)
        if path is None:
            break
        amount = min(capacity[u][v] for u, v in path)
        for u, v in path:
            capacity[u][v] -= amount
            capacity[v][u] += amount
        pushed += amount
    if pushed != wanted:
        return None
    # What is left of each arc's spare capacity tells how much it carries; arcs between
    # the same two nodes cannot occur (each group is one span of releases).
    return [high - capacity[tail][head] for tail, head, _low, high in arcs]


def _path(capacity, start, end):
    """The edges of a shortest path with spare capacity, or None."""
    came = {start: None}
    queue = [start]
    for u in queue:
        for v, c in capacity.get(u, {}).items():
            if c > 0 and v not in came:
                came[v] = u
                if v == end:
                    path = []
                    while came[v] is not None:
                        path.append((came[v], v))
                        v = came[v]
                    return path
                queue.append(v)
    return None


def _residual(arcs, flow, without):
    """``{node: {node: 1}}``: where a little more flow could go, leaving out one arc."""
    residual = {}
    for index, ((tail, head, low, high), carried) in enumerate(zip(arcs, flow, strict=True)):
        if index == without:
            continue
        if carried < high:
            residual.setdefault(tail, {})[head] = 1
        if carried > low:
            residual.setdefault(head, {})[tail] = 1
    return residual


def _reaches(residual, start, end):
    return _path(residual, start, end) is not None


NEW, FREEZE = "new", "freeze"


def next_release(changed_people, closed, released_before):
    """What to publish now, given how many people changed since the last release.

    Returns:
        ``NEW`` for a release of the current answers: once at least the minimum number of
        people have sent, changed or withdrawn answers, or at close when nothing changed
        (or nothing was released yet). ``FREEZE`` at close when fewer than the minimum
        changed after the last release: those changes are held back for good and the last
        figures become the final ones. ``None`` when the last release stands.
    """
    if changed_people >= max(minimum(), 1) or closed and not (changed_people and released_before):
        return NEW
    return FREEZE if closed else None


def role_groups(school_id, user_ids):
    """``{user id: Role}``: the controlled group each person's answers count towards.

    Someone holding several roles counts once, in the first of :data:`GROUP_ORDER`; someone
    who is no longer a member counts as a member of staff.
    """
    from .models import Membership

    held = {}
    for user_id, role in Membership.objects.filter(
        school_id=school_id, user_id__in=list(user_ids)
    ).values_list("user_id", "role"):
        held.setdefault(user_id, set()).add(role)
    return {
        user_id: next((r for r in GROUP_ORDER if r in held.get(user_id, ())), Role.STAFF)
        for user_id in user_ids
    }
