"""What needs a leader's attention, shown first on their home page (/min-side/).

Each item is a count with a link to the page that acts on it. The register gives its own (entries
waiting for verification, home-centre requests, counsellors about to lapse, audits to decide); apps
above it register theirs in ``AppConfig.ready`` (events coming up, questions about to break the
promise), the way they add staff-page sections.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from register.cpd import Standing
from register.models import (
    AffiliationStatus,
    AuditOutcome,
    Centre,
    CounsellorProfile,
    CreditStatus,
    HomeCentreRequest,
    Role,
)
from register.permissions import audit_items_decidable_by, decidable_by, roles_of
from register.status import annotate_status


@dataclass(frozen=True)
class AttentionItem:
    title: str
    detail: str
    url: str
    count: int
    urgent: bool = False


Provider = Callable[[User], list[AttentionItem]]

_providers: dict[str, Provider] = {}


def register_attention(key: str, provider: Provider) -> None:
    """Add ``provider(user)`` to the leaders' home page. Registering a key again replaces it."""
    _providers[key] = provider


def attention_for(user: User) -> list[AttentionItem]:
    """Every app's items for ``user`` that count something, urgent first."""
    items = [item for provider in _providers.values() for item in provider(user) if item.count]
    return sorted(items, key=lambda item: not item.urgent)


# The register's own items

OLD_AFTER_DAYS = 14


def _days_ago(moment) -> int:
    return (timezone.now() - moment).days


def register_attention_items(user: User) -> list[AttentionItem]:
    items = []
    roles = roles_of(user)
    waiting = decidable_by(user).filter(status=CreditStatus.PENDING).aggregate(n=Count("pk"), oldest=Min("created_at"))
    if waiting["n"]:
        age = _days_ago(waiting["oldest"])
        items.append(
            AttentionItem(
                title=ngettext(
                    "%(count)s entry waits for verification",
                    "%(count)s entries wait for verification",
                    waiting["n"],
                )
                % {"count": waiting["n"]},
                detail=ngettext("The oldest has waited %(days)s day.", "The oldest has waited %(days)s days.", age)
                % {"days": age},
                url=reverse("verification_queue"),
                count=waiting["n"],
                urgent=age >= OLD_AFTER_DAYS,
            )
        )
    audits = (
        audit_items_decidable_by(user)
        .filter(outcome=AuditOutcome.SUBMITTED)
        .order_by()
        .values("round__centre__slug", "round__centre__name")
        .annotate(n=Count("pk"))
    )
    for row in audits:
        items.append(
            AttentionItem(
                title=ngettext("%(count)s audited entry to decide", "%(count)s audited entries to decide", row["n"])
                % {"count": row["n"]},
                detail=_("Evidence sent for the audit at %(centre)s.") % {"centre": row["round__centre__name"]},
                url=reverse("audit_rounds", kwargs={"slug": row["round__centre__slug"]}),
                count=row["n"],
            )
        )
    admin_ids = roles.centre_ids(Role.ADMIN)
    if admin_ids:
        centres = list(Centre.objects.filter(pk__in=admin_ids).order_by("name"))
        requests = dict(
            HomeCentreRequest.objects.filter(centre__in=centres, status=AffiliationStatus.REQUESTED)
            .order_by()
            .values("centre_id")
            .annotate(n=Count("pk"))
            .values_list("centre_id", "n")
        )
        lapsing = dict(
            annotate_status(CounsellorProfile.objects.filter(home_centre__in=centres))
            .filter(standing=Standing.MEETS_UNTIL)
            .order_by()
            .values("home_centre_id")
            .annotate(n=Count("pk"))
            .values_list("home_centre_id", "n")
        )
        for centre in centres:
            network = reverse("centre_network", kwargs={"slug": centre.slug})
            if requests.get(centre.pk):
                n = requests[centre.pk]
                items.append(
                    AttentionItem(
                        title=ngettext("%(count)s home-centre request", "%(count)s home-centre requests", n)
                        % {"count": n},
                        detail=_("Counsellors asking to have %(centre)s as their home centre.")
                        % {"centre": centre.name},
                        url=network + "#requests-heading",
                        count=n,
                    )
                )
            if lapsing.get(centre.pk):
                n = lapsing[centre.pk]
                items.append(
                    AttentionItem(
                        title=ngettext("%(count)s counsellor about to lapse", "%(count)s counsellors about to lapse", n)
                        % {"count": n},
                        detail=_("In the network of %(centre)s: they stop meeting the requirement within 60 days.")
                        % {"centre": centre.name},
                        url=f"{network}?standing={Standing.MEETS_UNTIL}",
                        count=n,
                        urgent=True,
                    )
                )
    return items
