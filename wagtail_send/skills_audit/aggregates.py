"""An audit's answers summed into the figures a release may show.

The figures are laid out for disclosure control (:mod:`wagtail_send.disclosure`):

* a **leaf** is a set of questions no other leaf shares: the questions about one need in
  one area, the area's own questions, or one general-practice question;
* a **row** the pages show (a need, a broad area, a general-practice question) is the sum
  of its leaves, and is shown only where every one of its leaves may be, so no row can be
  subtracted from another to give a hidden one;
* each leaf is summed for everyone and for each group of staff (their role), in two
  **measures**: confidence (1-4 per answer) and training asked for (0 or 1 per answer).

Individual answers are read only through :class:`~.models.Response` and the core
permission policy; nothing here keeps one person's figures.
"""

from dataclasses import dataclass, field

from wagtail_send.disclosure import Cell

from .models import GENERAL

#: The range of one answer in each measure.
MEASURES = {"confidence": (1, 4), "training": (0, 1)}
ALL = "all"


def structure(questions):
    """``(leaves, rows)``: ``{leaf: [question ids]}`` and ``{row: [leaves]}``, keys as text."""
    leaves, rows = {}, {}
    for q in questions:
        if q.area == GENERAL:
            leaf = row = f"question:{q.pk}"
        elif q.need_id:
            leaf, row = f"{q.area}:{q.need.code}", f"need:{q.need.code}"
        else:
            leaf, row = f"{q.area}:", None
        leaves.setdefault(leaf, []).append(str(q.pk))
        for key in (row, f"area:{q.area}"):
            if key and leaf not in rows.setdefault(key, []):
                rows[key].append(leaf)
    return leaves, rows


def part(answers, question_ids):
    """One person's part of a leaf: ``(answers, confidence sum, training sum)``."""
    answered = confidence = training = 0
    for qid in question_ids:
        answer = (answers or {}).get(qid) or {}
        if answer.get("confidence") in (1, 2, 3, 4):
            answered += 1
            confidence += answer["confidence"]
            training += 1 if answer.get("training") else 0
    return answered, confidence, training


def cell(people, answered, value, measure):
    lo, hi = MEASURES[measure]
    return Cell(people, value, answered * lo, answered * hi)


@dataclass
class LeafTally:
    """A leaf summed over a set of people, by group and measure, with each person's part."""

    parts: dict = field(default_factory=dict)  # person -> (group, answered, conf, training)

    def sums(self, measure, groups=None):
        """``[people, answers, sum]`` over everyone, or over the people in ``groups``."""
        index = 2 if measure == "confidence" else 3
        rows = [p for p in self.parts.values() if p[1] and (groups is None or p[0] in groups)]
        return [len(rows), sum(p[1] for p in rows), sum(p[index] for p in rows)]

    def cell(self, measure, groups=None):
        return cell(*self.sums(measure, groups), measure)

    def groups(self):
        return {p[0] for p in self.parts.values() if p[1]}


def tally(people, leaves):
    """``{leaf: LeafTally}`` for ``people``, ``{person: (group, answers)}``."""
    result = {}
    for leaf, question_ids in leaves.items():
        leaf_tally = result[leaf] = LeafTally()
        for person, (group, answers) in people.items():
            leaf_tally.parts[person] = (group, *part(answers, question_ids))
    return result
