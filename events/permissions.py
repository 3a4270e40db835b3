"""Who may see and manage which event. Pages, the API and the calendar feeds all ask these."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from events.models import Event, EventQuerySet, EventStatus, Registration, RegistrationStatus
from register.models import Centre, Role
from register.permissions import is_centre_staff, is_national_admin, roles_of

# Centre roles that run the centre's events.
MANAGER_ROLES = frozenset({Role.ADMIN, Role.ORGANISER})


def can_manage_events(user: User | AnonymousUser, centre: Centre | int) -> bool:
    """Create, edit, publish and cancel the centre's events and see their participants."""
    if not user.is_authenticated:
        return False
    centre_id = centre if isinstance(centre, int) else centre.pk
    return is_national_admin(user) or bool(roles_of(user).at(centre_id) & MANAGER_ROLES)


def managed_centre_ids(user: User | AnonymousUser) -> set[int] | None:
    """The centres whose events the user manages; None means every centre (national administrators)."""
    if is_national_admin(user):
        return None
    return {cid for cid, role in roles_of(user).memberships if role in MANAGER_ROLES}


def managed_centres(user: User | AnonymousUser) -> QuerySet[Centre]:
    """The active centres whose events the user manages, with their counties."""
    ids = managed_centre_ids(user)
    centres = Centre.objects.active().select_related("county")
    return centres if ids is None else centres.filter(pk__in=ids)


def is_event_manager(user: User | AnonymousUser) -> bool:
    """Manages events somewhere: gets the organiser pages in the menu."""
    return user.is_authenticated and (is_national_admin(user) or bool(managed_centre_ids(user)))


def can_view_event(user: User | AnonymousUser, event: Event) -> bool:
    """Published and cancelled events are public; a draft only for its centre's staff."""
    if event.status != EventStatus.DRAFT:
        return True
    return user.is_authenticated and (is_national_admin(user) or is_centre_staff(user, event.centre))


def visible_events(user: User | AnonymousUser, queryset: EventQuerySet | None = None) -> EventQuerySet:
    """``queryset`` narrowed to what ``user`` may see (drafts of their own centres included)."""
    queryset = Event.objects.all() if queryset is None else queryset
    if is_national_admin(user):
        return queryset
    staff_centres = roles_of(user).centre_ids() if user.is_authenticated else set()
    if not staff_centres:
        return queryset.exclude(status=EventStatus.DRAFT)
    return queryset.filter(~Q(status=EventStatus.DRAFT) | Q(centre_id__in=staff_centres))


def can_see_online_link(user: User | AnonymousUser, event: Event, registration: Registration | None) -> bool:
    """The online link: the organisers and the confirmed participants.

    ``registration`` is the user's registration for the event, or None when they have none; every
    caller has read it already, so this asks the database nothing more.
    """
    if not user.is_authenticated:
        return False
    if can_manage_events(user, event.centre_id):
        return True
    return (
        registration is not None
        and registration.user_id == user.pk
        and registration.status == RegistrationStatus.CONFIRMED
    )


def access_event(user: User | AnonymousUser, pk: int | str, queryset: QuerySet[Event] | None = None) -> Event:
    """The event ``pk`` if ``user`` may see it; 404 otherwise (a draft's id reveals nothing)."""
    queryset = Event.objects.select_related("centre", "county") if queryset is None else queryset
    event = queryset.filter(pk=pk).first()
    if event is None or not can_view_event(user, event):
        raise Http404
    return event


def access_event_for_management(
    user: User | AnonymousUser, pk: int | str, queryset: QuerySet[Event] | None = None
) -> Event:
    """The event ``pk`` for its centre's organisers and admins; others who may see it get 403."""
    event = access_event(user, pk, queryset)
    if not can_manage_events(user, event.centre_id):
        raise PermissionDenied
    return event
