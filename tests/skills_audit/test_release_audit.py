"""The audit each figure passes before a release shows it (wagtail_send.disclosure.protected).

Each case is one figure (training requests, 0 or 1 per person) as it stood in the releases
that showed it: ``(total, {version: (person, answers)})``. The differencing suite runs the
attacker over whole audits; these pin down the rule itself on cases small enough to check by
hand.
"""

from wagtail_send.disclosure import protected


def counted(*people, version=1):
    return {(person, version): (person, 1) for person in people}


def test_five_people_with_mixed_answers_may_be_shown():
    assert protected([(2, counted(*"abcde"))], 0, 1)


def test_five_people_who_all_answered_alike_may_not():
    assert not protected([(0, counted(*"abcde"))], 0, 1)


def test_five_newcomers_may_be_shown_on_top_of_five_but_one_newcomer_may_not():
    before = (2, counted(*"abcde"))
    assert protected([before, (5, counted(*"abcdefghij"))], 0, 1)
    assert not protected([before, (3, counted(*"abcdef"))], 0, 1)


def test_one_person_changing_their_answer_from_one_end_to_the_other_is_held_back():
    """b..e stay; a asked for training, then did not: the total falls by the most it can."""
    after = {**counted(*"bcde"), ("a", 2): ("a", 1)}
    assert not protected([(3, counted(*"abcde")), (2, after)], 0, 1)


def test_three_releases_that_pin_the_colleague_counted_in_all_of_them():
    """The case of the differencing suite: each step is five people, and safe on its own."""
    first = counted(*"01234")
    second = counted(*"234567")
    third = counted(*"2", *"5678", *"9X")
    assert protected([(1, first), (3, second)], 0, 1)
    assert not protected([(1, first), (3, second), (2, third)], 0, 1)


def test_a_version_counted_again_after_a_gap_is_held_back():
    """An answer restored unchanged after being withdrawn cannot be audited as a network."""
    everyone = counted(*"abcdefgh")
    without = counted(*"bcdefghijk")
    assert not protected([(4, everyone), (5, without), (6, {**everyone, **without})], 0, 1)
