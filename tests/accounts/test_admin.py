"""In the Django admin the national administrators see the e-mails given up on: recipient, subject, tries, time and
error; never the body (it may hold a password-reset link), neither there nor in the list of all task results."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from accounts.tasks import send_email
from tests.mail_queue import run_worker, time_passes

pytestmark = pytest.mark.django_db

FAILED_EMAILS = reverse("admin:accounts_failedemail_changelist")
BODY = "Tilbakestill passordet ditt: https://karrierenorge.example/accounts/password/reset/key/2-cdxlwh-0a1b2c3d4e5f/"
UNSUBSCRIBE = "<https://karrierenorge.example/notifications/unsubscribe/ZXlKMUlqb3lMQ0pySWpvaWNtVm4/>"


@pytest.fixture
def given_up(mail_server, task_queue):
    """An e-mail whose three tries met a mail server that was down; then one sent once it was back."""
    mail_server.down()
    send_email.enqueue(
        to=["ola.nordmann@example.org"],
        subject="Tilbakestill passord",
        body=BODY,
        html=f"<p>{BODY}</p>",
        headers={"List-Unsubscribe": UNSUBSCRIBE},
    )
    for _attempt in range(3):
        run_worker()
        time_passes()
    mail_server.back()
    send_email.enqueue(to=["kari@example.org"], subject="Nyhetsbrev", body="Nytt fra KarriereNorge")
    run_worker()
    return DBTaskResult.objects.get(status="FAILED")


def test_a_national_admin_sees_the_failed_e_mail_but_never_its_body(client, national_admin, given_up):
    client.force_login(national_admin)

    response = client.get(FAILED_EMAILS)

    assert response.status_code == 200
    page = response.content.decode()
    for shown in (
        "ola.nordmann@example.org",
        "Tilbakestill passord",
        "ConnectionRefusedError: [Errno 111] Connection refused",
        '<td class="field-attempts">3</td>',
    ):
        assert shown in page, shown
    for hidden in ("cdxlwh", "/accounts/password/reset/key/", "unsubscribe", "kari@example.org", "Nyhetsbrev"):
        assert hidden not in page, hidden


def test_the_list_of_all_task_results_shows_no_arguments_either(client, national_admin, given_up):
    client.force_login(national_admin)

    listing = client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"))
    detail = client.get(reverse("admin:django_tasks_database_dbtaskresult_change", args=[given_up.pk]))

    assert listing.status_code == detail.status_code == 200
    assert "ConnectionRefusedError" in detail.content.decode()
    for response in (listing, detail):
        page = response.content.decode()
        assert "cdxlwh" not in page and "ola.nordmann" not in page and "unsubscribe" not in page


@pytest.mark.parametrize("admin_list", [FAILED_EMAILS, reverse("admin:django_tasks_database_dbtaskresult_changelist")])
def test_the_arguments_cannot_be_probed_through_a_filter_in_the_address(client, national_admin, given_up, admin_list):
    client.force_login(national_admin)

    response = client.get(admin_list, {"args_kwargs__icontains": "cdxlwh"})

    assert response.status_code == 400


def test_centre_staff_do_not_get_to_the_failed_e_mails(client, centre_admin, given_up):
    client.force_login(centre_admin)

    response = client.get(FAILED_EMAILS)

    assert response.status_code == 302 and "/login/" in response["Location"]
