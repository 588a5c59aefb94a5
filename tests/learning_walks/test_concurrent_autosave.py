"""Several autosaves of one observation at once, as from walkers' phones on a slow network.

Real requests in threads, each with its own database connection, against the test
database (a file on SQLite): every autosave answers 200 and every note is kept.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from wagtail_send.audit import verify_history
from wagtail_send.learning_walks.models import Observation

from .conftest import url

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 3


def test_concurrent_autosaves_answer_200_and_lose_no_note(walk, people):
    first, second = walk.visits.all()[:2]
    lf_1, lf_2 = (f"lf_{look_for.pk}" for look_for in walk.look_fors.all())
    # Each writer changes one note, as the page does when a box loses focus: the head
    # teacher's five boxes on the first visit, two on the second, and the governor's
    # boxes on the first visit, all at once.
    writers = [("slt", first, field) for field in (lf_1, lf_2, "pr_0", "pr_1", "notes")]
    writers += [("slt", second, field) for field in (lf_1, "notes")]
    writers += [("governor", first, field) for field in (lf_1, lf_2, "pr_0", "notes")]
    clients = {}
    for who in ("slt", "governor"):
        clients[who] = Client(raise_request_exception=False)
        clients[who].force_login(people[who])
    start = threading.Barrier(len(writers))

    def autosave(writer, round_):
        who, visit, field = writer
        start.wait()
        try:
            response = clients[who].post(
                url("observe", walk.pk, visit.pk),
                {field: f"{who} {field} round {round_}", "autosave": "1"},
            )
        finally:
            connection.close()
        return response.status_code

    with ThreadPoolExecutor(len(writers)) as pool:
        statuses = [
            status
            for round_ in range(ROUNDS)
            for status in pool.map(autosave, writers, [round_] * len(writers))
        ]

    assert statuses == [200] * len(writers) * ROUNDS
    last = ROUNDS - 1
    for who, visit, field in writers:
        observation = Observation.objects.get(visit=visit, created_by=people[who])
        assert _note(walk, observation, field) == f"{who} {field} round {last}", (visit, field)
    assert Observation.objects.count() == 3
    assert verify_history() == []


def _note(walk, observation, field):
    if field == "notes":
        return observation.notes
    kind, number = field.split("_")
    if kind == "lf":
        return observation.look_for_notes.get(number)
    return observation.prompt_notes.get(walk.prompts_for(observation.role)[int(number)])
