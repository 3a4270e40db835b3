"""The private link's token never reaches the logs, not even when a wrong link is logged as not found."""

import logging

import pytest

from core.logging import RedactSecretsFilter

pytestmark = pytest.mark.django_db


def test_a_wrong_private_link_is_logged_without_its_token(client, question, caplog):
    wrong = question.token[:-1] + ("A" if question.token[-1] != "A" else "B")

    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(f"/sporsmal/{wrong}/").status_code == 404

    records = [record for record in caplog.records if record.name == "django.request"]
    assert records, "the 404 is logged"
    handlers = [handler for handler in logging.getLogger().handlers if handler.get_name() == "stdout"]
    assert handlers and any(isinstance(f, RedactSecretsFilter) for f in handlers[0].filters)
    for record in records:
        handlers[0].filter(record)
        assert wrong not in record.getMessage() and question.token[12:] not in record.getMessage()
        assert "/sporsmal/[redacted]/" in record.getMessage()
