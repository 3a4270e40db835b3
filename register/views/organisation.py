from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from notifications.selectors import notices_for
from register import services
from register.attention import attention_for
from register.filters import CentreFilter
from register.forms import CounsellorProfileForm, MembershipGrantForm
from register.models import Centre, CounsellorProfile, Membership, Role
from register.overview.scope import overview_scopes
from register.permissions import (
    STAFF_ROLES,
    access_centre_for_management,
    can_manage_centre,
    has_staff_role,
    is_national_admin,
)
from register.selectors import audit_for_user, centre_slugs_with_role, centres_public, memberships_of
from register.staff_sections import staff_sections
from register.status import status_for


def centre_list(request):
    centre_filter = CentreFilter(request.GET or None, queryset=centres_public())
    page = Paginator(centre_filter.qs, 30).get_page(request.GET.get("page"))
    return render(request, "register/centre_list.html", {"filter": centre_filter, "page_obj": page})


def centre_detail(request, slug):
    centre = get_object_or_404(Centre.objects.active().for_listing(), slug=slug)
    return render(request, "register/centre_detail.html", {"centre": centre})


@login_required
def dashboard(request):
    profile = CounsellorProfile.objects.select_related("county", "home_centre").filter(user=request.user).first()
    leader = has_staff_role(request.user)
    context = {
        "profile": profile,
        "leader": leader,
        "attention": attention_for(request.user) if leader else [],
        "overviews": overview_scopes(request.user) if leader else [],
        "memberships": memberships_of(user=request.user),
        "notices": notices_for(user=request.user)[:5],
        "audit_entries": audit_for_user(user=request.user, limit=5),
        # The requirement status in brief; /kompetanse/ shows it in full.
        "status": status_for(request.user) if profile else None,
    }
    return render(request, "register/dashboard.html", context)


@login_required
def profile_edit(request):
    profile = CounsellorProfile.objects.filter(user=request.user).first()
    form = CounsellorProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        services.counsellor_profile_save(user=request.user, **fields)
        messages.success(request, _("Your profile is saved."))
        return redirect("dashboard")
    return render(request, "register/profile_form.html", {"form": form, "is_new": profile is None})


@login_required
def staff_home(request):
    if not has_staff_role(request.user):
        raise PermissionDenied
    memberships = list(memberships_of(user=request.user))
    managed = sorted({m.centre for m in memberships if can_manage_centre(request.user, m.centre)}, key=lambda c: c.name)
    return render(
        request,
        "register/staff_home.html",
        {
            "memberships": memberships,
            "managed_centres": managed,
            "is_national_admin": is_national_admin(request.user),
            "sections": staff_sections(request.user, memberships),
            "overviews": overview_scopes(request.user),
        },
    )


def _to_own_centre(request, roles, view_name):
    """One centre with one of ``roles``: straight to its page; several: the staff page, which lists them."""
    slugs = centre_slugs_with_role(user=request.user, roles=roles)
    if not slugs:
        raise PermissionDenied
    if len(slugs) > 1:
        return redirect("staff_home")
    return redirect(view_name, slug=slugs[0])


@login_required
def my_network(request):
    """The header's "Network": the counsellors tied to the person's centre."""
    return _to_own_centre(request, STAFF_ROLES, "centre_network")


@login_required
def my_overview(request):
    """The header's "Overview" for a centre admin: their centre's figures."""
    return _to_own_centre(request, {Role.ADMIN}, "overview_centre")


@login_required
def centre_staff(request, slug):
    centre = access_centre_for_management(request.user, slug)
    form = MembershipGrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_grant(user=form.user, centre=centre, role=form.cleaned_data["role"], actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The role is given."))
            return redirect("centre_staff", slug=centre.slug)
    memberships = Membership.objects.filter(centre=centre).select_related("user").order_by("user__email", "role")
    return render(request, "register/centre_staff.html", {"centre": centre, "memberships": memberships, "form": form})


@login_required
@require_POST
def membership_revoke(request, slug, pk):
    centre = access_centre_for_management(request.user, slug)
    membership = get_object_or_404(Membership.objects.select_related("user", "centre"), pk=pk, centre=centre)
    services.membership_revoke(membership=membership, actor=request.user)
    messages.success(request, _("The role is removed."))
    return redirect("centre_staff", slug=centre.slug)
