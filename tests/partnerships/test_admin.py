"""In the Django admin, national administrators read agreements and guideline clauses but change neither: changes
go through the agreement pages, so they are checked and kept in the agreement's history."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_national_admin_reads_agreements_in_the_admin_and_changes_nothing_there(client, national_admin, agreement):
    client.force_login(national_admin)
    listing = client.get(reverse("admin:partnerships_agreement_changelist"))
    assert listing.status_code == 200
    assert agreement.title in listing.content.decode()
    page = client.get(reverse("admin:partnerships_agreement_change", args=[agreement.pk]))
    assert page.status_code == 200
    assert (
        client.post(reverse("admin:partnerships_agreement_change", args=[agreement.pk]), {"title": "X"}).status_code
        == 403
    )
    assert client.get(reverse("admin:partnerships_guidelineclause_add")).status_code == 403
    agreement.refresh_from_db()
    assert agreement.title != "X"


def test_a_centre_admin_has_no_way_into_the_admin(client, centre_admin, agreement):
    client.force_login(centre_admin)
    response = client.get(reverse("admin:partnerships_agreement_changelist"))
    assert response.status_code == 302 and "login" in response["Location"]
