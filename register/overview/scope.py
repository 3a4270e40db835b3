"""Whose figures an overview shows: the country, one county or one centre, and who may see them.

National admins see every scope; a centre's admins see their centre and their centre's county;
nobody else sees any.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from register.models import Centre, CounsellorProfile, County, Role
from register.permissions import is_national_admin, roles_of


@dataclass(frozen=True)
class Scope:
    county: County | None = None
    centre: Centre | None = None

    @property
    def kind(self) -> str:
        if self.centre is not None:
            return "centre"
        return "county" if self.county is not None else "national"

    @property
    def key(self) -> str:
        """The snapshot key: ``national``, ``county-<id>`` or ``centre-<id>``."""
        if self.centre is not None:
            return f"centre-{self.centre.pk}"
        return f"county-{self.county.pk}" if self.county is not None else "national"

    @property
    def title(self) -> str:
        if self.centre is not None:
            return self.centre.name
        return self.county.name if self.county is not None else _("Norway")

    @property
    def region(self) -> County | None:
        """The county the scope lies in (a centre's own county), None for the country."""
        return self.centre.county if self.centre is not None else self.county

    def url(self) -> str:
        if self.centre is not None:
            return reverse("overview_centre", kwargs={"slug": self.centre.slug})
        if self.county is not None:
            return reverse("overview_county", kwargs={"slug": self.county.slug})
        return reverse("overview_national")

    def csv_url(self, table_key: str) -> str:
        if self.centre is not None:
            return reverse("overview_centre_csv", kwargs={"slug": self.centre.slug, "table": table_key})
        if self.county is not None:
            return reverse("overview_county_csv", kwargs={"slug": self.county.slug, "table": table_key})
        return reverse("overview_national_csv", kwargs={"table": table_key})

    def profiles(self, queryset: QuerySet[CounsellorProfile] | None = None) -> QuerySet[CounsellorProfile]:
        """The counsellors counted: everyone; those working in the county; those whose home centre it is."""
        queryset = queryset if queryset is not None else CounsellorProfile.objects.all()
        if self.centre is not None:
            return queryset.filter(home_centre=self.centre)
        if self.county is not None:
            return queryset.filter(county=self.county)
        return queryset

    def profile_q(self, prefix: str) -> Q:
        """The same choice as ``profiles``, for rows reached through ``prefix`` (e.g. ``owner__counsellor_profile``)."""
        if self.centre is not None:
            return Q(**{f"{prefix}__home_centre": self.centre})
        if self.county is not None:
            return Q(**{f"{prefix}__county": self.county})
        return Q()

    def centre_q(self, prefix: str) -> Q:
        """Rows of the centres in the scope, reached through the foreign key ``prefix`` (e.g. ``centre``)."""
        if self.centre is not None:
            return Q(**{prefix: self.centre})
        if self.county is not None:
            return Q(**{f"{prefix}__county": self.county})
        return Q()


def admin_centre_ids(user: User | AnonymousUser) -> set[int]:
    return roles_of(user).centre_ids(Role.ADMIN)


def can_see_overview(user: User | AnonymousUser, scope: Scope) -> bool:
    if is_national_admin(user):
        return True
    if scope.centre is not None:
        return scope.centre.pk in admin_centre_ids(user)
    if scope.county is not None:
        ids = admin_centre_ids(user)
        return bool(ids) and Centre.objects.filter(pk__in=ids, county=scope.county).exists()
    return False


def overview_scopes(user: User | AnonymousUser) -> list[Scope]:
    """The overviews ``user`` may open, widest first (one query for centre admins, none for others)."""
    scopes: list[Scope] = []
    if is_national_admin(user):
        scopes.append(Scope())
    ids = admin_centre_ids(user)
    if ids:
        centres = list(Centre.objects.filter(pk__in=ids).select_related("county").order_by("county__number", "name"))
        counties = {centre.county_id: centre.county for centre in centres}
        scopes += [Scope(county=county) for county in counties.values()]
        scopes += [Scope(centre=centre) for centre in centres]
    return scopes
