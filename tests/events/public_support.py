"""What the public events page tests share: the addresses of the listing, my events and an event, reading pages."""

from django.urls import reverse

LIST_URL = reverse("events:list")
MINE_URL = reverse("events:mine")


def detail_url(event):
    return reverse("events:detail", kwargs={"pk": event.pk})


def register_url(event):
    return reverse("events:register", kwargs={"pk": event.pk})


def cancel_url(event):
    return reverse("events:cancel_registration", kwargs={"pk": event.pk})


def page(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()
