"""Events' part of the leaders' overview: events held, participants and attended hours, per county or centre."""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from events.models import Event, EventStatus, RegistrationStatus
from register.overview.scope import Scope
from register.overview.sections import Contribution, Headline, Period
from register.overview.tables import Chart, Column, Table


def event_figures(scope: Scope, period: Period) -> Contribution:
    """Events that ended in the period (published, not cancelled), grouped by organising centre. One query."""
    start, end = period.bounds()
    end = min(end, timezone.now())  # events that have ended
    confirmed = Q(registrations__status=RegistrationStatus.CONFIRMED)
    attended = confirmed & Q(registrations__attended=True)
    rows = (
        Event.objects.filter(
            scope.centre_q("centre"), status=EventStatus.PUBLISHED, ends_at__gte=start, ends_at__lt=end
        )
        .order_by()
        .values("centre_id", "centre__name", "centre__county__name", "centre__county__number")
        .annotate(
            events=Count("pk", distinct=True),
            participants=Count("registrations", filter=confirmed),
            attended=Count("registrations", filter=attended),
            hours=Sum("cpd_hours", filter=attended),
        )
    )
    by_county = scope.kind == "national"
    grouped: dict[tuple[str, str], dict] = {}
    for row in rows:
        key = (row["centre__county__number"], row["centre__county__name"]) if by_county else ("", row["centre__name"])
        totals = grouped.setdefault(
            key, {"label": key[1], "events": 0, "participants": 0, "attended": 0, "hours": Decimal(0)}
        )
        for figure in ("events", "participants", "attended"):
            totals[figure] += row[figure]
        totals["hours"] += row["hours"] or Decimal(0)
    table_rows = [grouped[key] for key in sorted(grouped)]
    events = sum(row["events"] for row in table_rows)
    participants = sum(row["participants"] for row in table_rows)
    hours = sum((row["hours"] for row in table_rows), Decimal(0))
    table = Table(
        key="events",
        section="development",
        title=_("Training and network meetings held, by county")
        if by_county
        else _("Training and network meetings held, by centre"),
        summary=_(
            "%(events)s events ended in the period, with %(participants)s participants and %(hours)s attended hours."
        )
        % {
            "events": number_format(events, force_grouping=True),
            "participants": number_format(participants, force_grouping=True),
            "hours": number_format(hours, decimal_pos=0, force_grouping=True),
        },
        columns=[
            Column("label", _("County") if by_county else _("Organising centre"), "text"),
            Column("events", _("Events held")),
            Column("participants", _("Participants")),
            Column("attended", _("Attended")),
            Column("hours", _("Attended hours"), "amount"),
        ],
        rows=table_rows,
        chart=Chart("bar", ("hours",)),
        note=_(
            "Participants: confirmed registrations. Attended hours: each attended registration counts the "
            "event's hours."
        ),
    )
    return Contribution(
        tables=[table],
        headlines=[
            Headline("events", _("Events held"), "count", events),
            Headline("participants", _("Event participants"), "count", participants),
            Headline("attended_hours", _("Attended hours"), "amount", hours),
        ],
    )
