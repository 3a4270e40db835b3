"""Two counsellors claim the same question at the same moment: exactly one gets it (PostgreSQL)."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from guidance import services
from guidance.models import Question, QuestionStatus
from tests.guidance.conftest import ask
from tests.races import ROW_LOCK_RACE

pytestmark = [*ROW_LOCK_RACE]


@pytest.mark.parametrize("attempt", range(3))
def test_two_counsellors_claiming_at_once_get_one_winner_and_one_conflict(
    counties, e_counsellor, second_counsellor, attempt
):
    question = ask(county_number="46")
    counsellors = [e_counsellor, second_counsellor]
    barrier = Barrier(len(counsellors))

    def claim(counsellor):
        try:
            barrier.wait()
            services.question_claim(question=question, counsellor=counsellor)
        except services.ClaimConflict as conflict:
            return conflict
        finally:
            connections.close_all()
        return counsellor

    with ThreadPoolExecutor(max_workers=len(counsellors)) as pool:
        results = list(pool.map(claim, counsellors))

    winners = [result for result in results if not isinstance(result, services.ClaimConflict)]
    conflicts = [result for result in results if isinstance(result, services.ClaimConflict)]
    assert len(winners) == 1 and len(conflicts) == 1
    assert conflicts[0].code == "claimed"
    stored = Question.objects.get(pk=question.pk)
    assert (stored.status, stored.claimed_by) == (QuestionStatus.CLAIMED, winners[0])


def test_two_claim_requests_at_once_give_one_claim_and_tell_the_other_counsellor(
    counties, e_counsellor, second_counsellor
):
    question = ask(county_number="46")
    clients = []
    for counsellor in (e_counsellor, second_counsellor):
        client = Client(headers={"accept-language": "en"})
        client.force_login(counsellor)
        clients.append(client)
    barrier = Barrier(len(clients))
    url = reverse("guidance:claim", kwargs={"pk": question.pk})

    def post(client):
        try:
            barrier.wait()
            return client.post(url).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        statuses = list(pool.map(post, clients))

    assert statuses == [302, 302]
    stored = Question.objects.get(pk=question.pk)
    assert stored.claimed_by in (e_counsellor, second_counsellor)
    loser = clients[0] if stored.claimed_by == second_counsellor else clients[1]
    page = loser.get(reverse("guidance:question", kwargs={"pk": question.pk})).content.decode()
    assert "Another counsellor claimed this question first." in page
