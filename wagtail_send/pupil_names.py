"""Spotting text that looks like a pupil's name, so notes and public documents stay anonymous.

Notes about teaching (a learning walk's observations) and documents the public reads (the
inclusion strategy) must not name pupils. This is a warning, not a filter: a capitalised
word that is a common given name (``data/first_names.txt``), optionally followed by a
capitalised surname, is flagged unless it is the first name of someone on the school's
staff (so "Tom modelled the task" about the teacher is fine).
"""

import re
from functools import lru_cache
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

_NAMES_FILE = Path(__file__).with_name("data") / "first_names.txt"
_WORD = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
# A capitalised word and, by lookahead, the capitalised word after it if any: in
# "Then Isla Brown" the match at "Then" must not swallow "Isla".
_CANDIDATE = re.compile(rf"\b({_WORD})\b(?=(?:\s+({_WORD})\b)?)")

#: The warning every feature gives for text that may name a pupil.
NAMES_WARNING = _("This may name a pupil: %(names)s. It must not name pupils.")


@lru_cache(maxsize=1)
def common_first_names():
    """The shipped list of common given names, as a frozenset."""
    words = []
    for line in _NAMES_FILE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.extend(line.split())
    return frozenset(words)


def member_first_names(school_id):
    """First names of the people who belong to school ``school_id`` (one query)."""
    people = get_user_model().objects.filter(send_memberships__school_id=school_id)
    return {name for name in people.values_list("first_name", flat=True).distinct() if name}


def find_names(text, exclude=()):
    """The distinct phrases in ``text`` that look like pupils' names, in order of appearance.

    Args:
        text: a note, or any free text.
        exclude: first names never to flag (the staff's own).
    """
    found = []
    for match in _CANDIDATE.finditer(text or ""):
        given, surname = match.group(1), match.group(2)
        if given not in common_first_names() or given in exclude:
            continue
        phrase = f"{given} {surname}" if surname else given
        if phrase not in found:
            found.append(phrase)
    return found


def _initials(phrase):
    return "".join(part[0] + "." for part in phrase.split())


def replace_names(text, phrases, how):
    """Replace each of ``phrases`` in ``text`` with initials (``how="initials"``) or "pupil".

    Args:
        text: the note.
        phrases: what :func:`find_names` returned for it.
        how: ``"initials"`` or ``"pupil"``.
    """
    from django.utils.translation import gettext

    # Longest first, so "Amelia Smith" is replaced whole before "Amelia" alone.
    for phrase in sorted(phrases, key=len, reverse=True):
        replacement = _initials(phrase) if how == "initials" else gettext("pupil")
        text = re.sub(rf"\b{re.escape(phrase)}\b", replacement, text)
    return text
