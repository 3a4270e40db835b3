"""The personal calendar feed's secret address."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from events.models import CalendarFeed


def calendar_feed_for(user: User) -> CalendarFeed:
    """The user's feed, made on first use (so it is a write, not a read)."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user, defaults={"token": CalendarFeed.new_token()})
    return feed


@transaction.atomic
def calendar_feed_regenerate(*, user: User) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    feed = calendar_feed_for(user)
    feed.token = CalendarFeed.new_token()
    feed.created_at = timezone.now()
    feed.save(update_fields=["token", "created_at"])
    return feed
