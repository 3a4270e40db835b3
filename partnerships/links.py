"""What partnerships adds to the register's pages and lends to other apps (registered in
``PartnershipsConfig.ready``): the agreements with a counsellor's workplace on their home-centre page, and the
channel through which an event is counted as delivered under an agreement (``register.deliveries``)."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from partnerships import selectors, services
from partnerships.models import Agreement, DeliveredActivity
from partnerships.permissions import can_report_delivery
from register.deliveries import Choice, DeliveryChannel, DeliveryItem
from register.home_centre_sections import HomeCentreSection
from register.models import Centre, CounsellorProfile


def home_centre_section(user: User, profile: CounsellorProfile | None) -> HomeCentreSection | None:
    """The agreements in force with the counsellor's workplace: purpose, partners and contacts, nothing more."""
    agreements = selectors.agreements_for_workplace(profile, today=timezone.localdate())
    if not agreements:
        return None
    return HomeCentreSection("partnerships", "partnerships/home_centre_agreements.html", {"agreements": agreements})


def _label(agreement: Agreement) -> str:
    if agreement.centre_id is None:
        return f"{agreement.title} ({agreement.owner_name})"
    return agreement.title


def delivery_choices(user: User, centre: Centre) -> list[Choice]:
    if not can_report_delivery(user, centre):
        return []
    return [(str(agreement.pk), _label(agreement)) for agreement in selectors.agreements_for_delivery(centre)]


def _current(source: str, reference: str) -> DeliveredActivity | None:
    return (
        DeliveredActivity.objects.filter(source=source, reference=reference)
        .select_related("agreement__centre", "agreement__county")
        .first()
    )


def delivered_under(source: str, reference: str) -> Choice | None:
    activity = _current(source, reference)
    return None if activity is None else (str(activity.agreement_id), _label(activity.agreement))


def _values(item: DeliveryItem) -> dict:
    return {
        "source": item.source,
        "reference": item.reference,
        "title": item.title,
        "date": item.date,
        "url": item.url,
        "hours": item.hours,
        "participants": item.participants,
    }


def delivery_report(key: str | None, item: DeliveryItem, actor: User, centre: Centre) -> None:
    """Count ``item`` under the agreement ``key`` (None: under none). The agreement must be one in force that
    ``actor`` may choose for ``centre``; the one it already counts under may stay, even after it has expired."""
    current = _current(item.source, item.reference)
    if key is None and current is None:
        return
    if not can_report_delivery(actor, centre):
        raise ValidationError(_("Only the centre's organisers and admins say what its events are delivered under."))
    agreement: Agreement | None = None
    if current is not None and key == str(current.agreement_id):
        agreement = current.agreement
    elif key is not None:
        agreement = selectors.agreements_for_delivery(centre).filter(pk=key).first() if key.isdigit() else None
        if agreement is None:
            raise ValidationError(
                {"delivered_under": _("Choose one of the agreements in force of the event's centre.")}
            )
    services.activity_report(agreement=agreement, actor=actor, **_values(item))


def delivery_refresh(item: DeliveryItem) -> None:
    """Keep an item already counted in step with its source; an item counted under none stays so."""
    current = _current(item.source, item.reference)
    if current is not None:
        services.activity_report(agreement=current.agreement, **_values(item))


delivery_channel = DeliveryChannel(
    choices=delivery_choices, current=delivered_under, report=delivery_report, refresh=delivery_refresh
)
