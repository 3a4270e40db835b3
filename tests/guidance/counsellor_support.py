"""What the counsellors' page tests share: the addresses, reading pages, signing in, deadlines and answers."""

import html
import re

from django.urls import reverse

from guidance.models import AccessLog, FaqEntry, InternalNote, Message, Question

QUEUE_URL = "/e-veiledning/"
ANSWER_TEXT = "Se på **helsefagarbeider** og snakk med karrieresenteret ditt."


def url(name, question):
    return reverse(f"guidance:{name}", kwargs={"pk": question.pk})


def page_text(response):
    """The visible words of a page, tags dropped and whitespace collapsed, for asserting sentences."""
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(body).split())


def field_error(response, field_id):
    match = re.search(rf'id="{field_id}_error">(.*?)</div>', response.content.decode(), re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))).strip() if match else ""


def as_user(client, user):
    client.force_login(user)
    return client


def queue_pks(response):
    return [row["question"].pk for row in response.context["rows"]]


def answer_data(body=ANSWER_TEXT, refer_to=""):
    return {"answer-body": body, "answer-refer_to": refer_to}


def snapshot(question):
    """What a refused request must leave as it was."""
    stored = Question.objects.get(pk=question.pk)
    return (
        stored.status,
        stored.claimed_by_id,
        stored.referred_to_id,
        Message.objects.filter(question=stored).count(),
        InternalNote.objects.count(),
        FaqEntry.objects.count(),
        AccessLog.objects.count(),
    )
