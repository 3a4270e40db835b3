"""In the Django admin, national administrators correct FAQ entries and read the access log; no questions there."""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape

from guidance import services
from guidance.models import FaqEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(e_counsellor):
    return services.faq_publish(
        author=e_counsellor,
        title="Koster veiledning noe?",
        question="Må jeg betale for karriereveiledning hos dere?",
        answer="Nei.",
        topic="other",
    )


def test_a_national_admin_corrects_an_faq_entry_but_adds_none_by_hand(client, national_admin, entry):
    client.force_login(national_admin)

    response = client.post(
        reverse("admin:guidance_faqentry_change", args=[entry.pk]),
        {
            "title": "Koster karriereveiledning noe?",
            "topic": "other",
            "question": entry.question,
            "answer": "Nei, det er gratis.",
        },
    )

    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.title, entry.answer) == ("Koster karriereveiledning noe?", "Nei, det er gratis.")
    assert client.get(reverse("admin:guidance_faqentry_add")).status_code == 403


def test_the_access_log_is_read_only_and_questions_are_not_in_the_admin(client, national_admin, question, e_counsellor):
    services.question_open(question=question, user=e_counsellor)
    client.force_login(national_admin)

    page = client.get(reverse("admin:guidance_accesslog_changelist"))

    assert page.status_code == 200 and escape(str(e_counsellor)) in page.content.decode()
    assert client.get(reverse("admin:guidance_accesslog_add")).status_code == 403
    with pytest.raises(NoReverseMatch):
        reverse("admin:guidance_question_changelist")


def test_counsellors_do_not_get_into_the_admin(client, e_counsellor, entry):
    client.force_login(e_counsellor)

    response = client.get(reverse("admin:guidance_faqentry_changelist"))

    assert response.status_code == 302 and "/login/" in response["Location"]
    assert FaqEntry.objects.get().title == "Koster veiledning noe?"
