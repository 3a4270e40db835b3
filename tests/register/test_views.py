"""The register's pages: the public centre list, my page, my profile and the staff pages."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from notifications.models import Notice
from register.models import AuditEntry, CounsellorProfile, Membership, Role
from tests import personas
from tests.factories import CentreFactory, UserFactory, county

pytestmark = pytest.mark.django_db


def nb(text):
    """A message as the Norwegian page shows it (the site's default language)."""
    with translation.override("nb"):
        return escape(str(text))


def html(response):
    return response.content.decode()


# the public centre list


def test_the_centre_list_shows_active_centres_only(client, centre, other_centre):
    closed = CentreFactory(name="Nedlagt senter", is_active=False)

    response = client.get(reverse("centre_list"))

    assert response.status_code == 200
    page = html(response)
    assert centre.name in page
    assert other_centre.name in page
    assert closed.name not in page


def test_the_centre_list_filters_by_county_number(client, centre, other_centre):
    response = client.get(reverse("centre_list"), {"county": "46"})

    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [other_centre]
    assert other_centre.name in html(response)
    assert centre.get_absolute_url() not in html(response)


def test_an_unknown_county_number_shows_a_form_error_not_a_server_error(client, centre):
    response = client.get(reverse("centre_list"), {"county": "99"})

    assert response.status_code == 200
    errors = response.context["filter"].form.errors
    assert "county" in errors
    assert escape(errors["county"][0]) in html(response)


def test_a_centre_page_shows_its_details(client, centre):
    response = client.get(centre.get_absolute_url())

    assert response.status_code == 200
    assert centre.name in html(response)
    assert centre.email in html(response)


def test_an_inactive_or_unknown_centre_page_is_not_found(client):
    closed = CentreFactory(is_active=False)
    assert client.get(closed.get_absolute_url()).status_code == 404
    assert client.get(reverse("centre_detail", kwargs={"slug": "finnes-ikke"})).status_code == 404


def test_the_centre_list_query_count_does_not_grow_with_the_centres(client, django_assert_max_num_queries):
    CentreFactory.create_batch(2)
    client.get(reverse("centre_list"))  # the first request reads the portal's main menu into the cache
    with django_assert_max_num_queries(10) as few:
        assert client.get(reverse("centre_list")).status_code == 200
    CentreFactory.create_batch(28)
    with django_assert_max_num_queries(10) as many:
        assert client.get(reverse("centre_list")).status_code == 200
    assert len(many) == len(few)


# my page


def test_my_page_sends_a_visitor_to_the_login_page(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=/min-side/" in response.url


def test_my_page_shows_my_profile_and_home_centre(client, school_counsellor, centre):
    client.force_login(school_counsellor)

    response = client.get(reverse("dashboard"))

    assert response.status_code == 200
    assert response.context["profile"].user == school_counsellor
    page = html(response)
    assert "Testby videregående skole" in page
    assert centre.get_absolute_url() in page


def test_my_page_shows_my_staff_roles(client, verifier, centre):
    client.force_login(verifier)

    response = client.get(reverse("dashboard"))

    assert [(m.centre, m.role) for m in response.context["memberships"]] == [(centre, Role.VERIFIER)]
    page = html(response)
    assert nb(Role.VERIFIER.label) in page
    assert centre.name in page
    assert reverse("staff_home") in page


def test_my_page_invites_a_person_without_profile_to_create_one(client, plain_user):
    client.force_login(plain_user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert response.context["profile"] is None
    assert reverse("profile") in html(response)


# my counsellor profile


def profile_data(**overrides):
    data = {
        "workplace_type": "nav",
        "workplace_name": "NAV Testby",
        "county": county("46").pk,
        "job_title": "Veileder",
        "position_percentage": "80",
        "home_centre": "",
    }
    data.update(overrides)
    return data


def test_the_profile_page_sends_a_visitor_to_the_login_page(client):
    response = client.get(reverse("profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_user_creates_their_own_profile(client, plain_user, other_centre):
    client.force_login(plain_user)
    assert client.get(reverse("profile")).context["is_new"] is True

    response = client.post(reverse("profile"), profile_data(home_centre=other_centre.pk))

    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    profile = CounsellorProfile.objects.get(user=plain_user)
    assert (profile.workplace_name, profile.position_percentage, profile.home_centre) == (
        "NAV Testby",
        80,
        other_centre,
    )
    assert AuditEntry.objects.filter(subject_user=plain_user, action="profile.home_centre_changed").exists()


def test_a_user_edits_their_own_profile_and_nobody_elses(client, school_counsellor):
    other = personas.counsellor(email="annen@example.org")
    client.force_login(school_counsellor)
    assert client.get(reverse("profile")).context["form"].instance.user == school_counsellor

    client.post(reverse("profile"), profile_data(workplace_name="Ny skole"))

    assert CounsellorProfile.objects.get(user=school_counsellor).workplace_name == "Ny skole"
    assert CounsellorProfile.objects.get(user=other).workplace_name == "Testby videregående skole"
    assert CounsellorProfile.objects.count() == 2


@pytest.mark.parametrize(
    ("field", "value"),
    [("workplace_name", ""), ("position_percentage", "150"), ("position_percentage", "0"), ("county", "999999")],
)
def test_bad_profile_input_is_shown_at_the_field_and_nothing_is_saved(client, school_counsellor, field, value):
    client.force_login(school_counsellor)
    before = CounsellorProfile.objects.values().get(user=school_counsellor)

    response = client.post(reverse("profile"), profile_data(**{field: value}))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert escape(errors[field][0]) in html(response)
    assert CounsellorProfile.objects.values().get(user=school_counsellor) == before


def test_bad_input_on_a_new_profile_creates_no_profile(client, plain_user):
    client.force_login(plain_user)

    response = client.post(reverse("profile"), profile_data(workplace_name="", position_percentage="150"))

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"workplace_name", "position_percentage"}
    assert not CounsellorProfile.objects.filter(user=plain_user).exists()


# staff pages


def test_the_staff_page_is_refused_to_a_user_without_a_role(client, plain_user, school_counsellor):
    for user in (plain_user, school_counsellor):
        client.force_login(user)
        assert client.get(reverse("staff_home")).status_code == 403


def test_the_staff_page_sends_a_visitor_to_the_login_page(client):
    response = client.get(reverse("staff_home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_staff_page_shows_a_verifier_their_roles_but_no_management_link(client, verifier, centre):
    client.force_login(verifier)

    response = client.get(reverse("staff_home"))

    assert response.status_code == 200
    assert centre.name in html(response)
    assert response.context["managed_centres"] == []
    assert f'href="{reverse("centre_staff", kwargs={"slug": centre.slug})}"' not in html(response)


def test_the_staff_page_links_a_centre_admin_to_their_centre_staff(client, centre_admin, centre):
    client.force_login(centre_admin)

    response = client.get(reverse("staff_home"))

    assert response.status_code == 200
    assert reverse("centre_staff", kwargs={"slug": centre.slug}) in html(response)


def test_the_staff_page_opens_for_a_national_admin(client, national_admin):
    client.force_login(national_admin)
    response = client.get(reverse("staff_home"))
    assert response.status_code == 200
    assert response.context["is_national_admin"] is True
    assert reverse("admin:index") in html(response)


def staff_url(centre):
    return reverse("centre_staff", kwargs={"slug": centre.slug})


def revoke_url(centre, membership):
    return reverse("membership_revoke", kwargs={"slug": centre.slug, "pk": membership.pk})


@pytest.mark.parametrize("persona", ["centre_admin", "national_admin"])
def test_the_centre_staff_page_opens_for_its_admin_and_a_national_admin(client, request, persona, centre, verifier):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(staff_url(centre))

    assert response.status_code == 200
    assert verifier.email in html(response)


def test_the_centre_staff_page_is_refused_to_a_verifier_of_the_same_centre(client, verifier, centre):
    client.force_login(verifier)
    assert client.get(staff_url(centre)).status_code == 403


def test_the_centre_staff_page_is_refused_to_the_admin_of_another_centre(client, centre, other_centre):
    other_admin = personas.centre_staff(other_centre, Role.ADMIN)
    client.force_login(other_admin)
    assert client.get(staff_url(centre)).status_code == 403


def test_the_centre_staff_page_of_an_unknown_centre_is_not_found(client, national_admin):
    client.force_login(national_admin)
    assert client.get(reverse("centre_staff", kwargs={"slug": "finnes-ikke"})).status_code == 404


def test_a_centre_admin_gives_a_role_by_e_mail_address(client, centre_admin, centre, plain_user):
    client.force_login(centre_admin)

    response = client.post(staff_url(centre), {"email": "  VANLIG@example.org ", "role": Role.HR})

    assert response.status_code == 302
    assert response.url == staff_url(centre)
    membership = Membership.objects.get(user=plain_user, centre=centre)
    assert membership.role == Role.HR
    entry = AuditEntry.objects.get(action="membership.granted", subject_user=plain_user)
    assert entry.actor == centre_admin
    assert Notice.objects.filter(recipient=plain_user, kind="register.membership").count() == 1
    assert plain_user.email in html(client.get(response.url))


def test_giving_a_role_to_an_unknown_address_says_so_and_changes_nothing(client, centre_admin, centre):
    client.force_login(centre_admin)
    memberships_before = Membership.objects.count()
    audits_before = AuditEntry.objects.count()

    response = client.post(staff_url(centre), {"email": "ukjent@example.org", "role": Role.HR})

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors.as_data()["email"][0].code == "unknown_user"
    assert escape(errors["email"][0]) in html(response)
    assert Membership.objects.count() == memberships_before
    assert AuditEntry.objects.count() == audits_before


def test_giving_a_role_to_a_deactivated_account_is_refused(client, centre_admin, centre):
    gone = UserFactory(email="borte@example.org", is_active=False)
    client.force_login(centre_admin)

    response = client.post(staff_url(centre), {"email": gone.email, "role": Role.HR})

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not Membership.objects.filter(user=gone).exists()


def test_giving_a_role_the_person_already_has_says_so_and_changes_nothing(client, centre_admin, centre, verifier):
    client.force_login(centre_admin)
    audits_before = AuditEntry.objects.count()

    response = client.post(staff_url(centre), {"email": verifier.email, "role": Role.VERIFIER})

    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1
    assert escape(errors[0]) in html(response)
    assert Membership.objects.filter(user=verifier, centre=centre, role=Role.VERIFIER).count() == 1
    assert AuditEntry.objects.count() == audits_before


def test_an_unknown_role_is_refused_with_a_message(client, centre_admin, centre, plain_user):
    client.force_login(centre_admin)

    response = client.post(staff_url(centre), {"email": plain_user.email, "role": "king"})

    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not Membership.objects.filter(user=plain_user).exists()


def test_a_verifier_cannot_give_roles_at_their_centre(client, verifier, centre, plain_user):
    client.force_login(verifier)
    response = client.post(staff_url(centre), {"email": plain_user.email, "role": Role.ADMIN})
    assert response.status_code == 403
    assert not Membership.objects.filter(user=plain_user).exists()


def test_a_centre_admin_removes_a_role(client, centre_admin, centre, verifier):
    membership = Membership.objects.get(user=verifier, centre=centre)
    client.force_login(centre_admin)

    response = client.post(revoke_url(centre, membership))

    assert response.status_code == 302
    assert response.url == staff_url(centre)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEntry.objects.filter(action="membership.revoked", subject_user=verifier, actor=centre_admin).exists()


def test_removing_a_role_of_another_centre_through_my_centre_is_not_found(client, centre_admin, centre, other_centre):
    stranger = personas.centre_staff(other_centre, Role.VERIFIER)
    membership = Membership.objects.get(user=stranger)
    client.force_login(centre_admin)

    response = client.post(revoke_url(centre, membership))

    assert response.status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_the_admin_of_another_centre_cannot_remove_roles_here(client, centre, other_centre, verifier):
    other_admin = personas.centre_staff(other_centre, Role.ADMIN)
    membership = Membership.objects.get(user=verifier, centre=centre)
    client.force_login(other_admin)

    response = client.post(revoke_url(centre, membership))

    assert response.status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_verifier_cannot_remove_roles(client, centre, verifier, hr_officer):
    membership = Membership.objects.get(user=hr_officer, centre=centre)
    client.force_login(verifier)

    assert client.post(revoke_url(centre, membership)).status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_removing_a_role_needs_a_post(client, centre_admin, centre, verifier):
    membership = Membership.objects.get(user=verifier, centre=centre)
    client.force_login(centre_admin)

    assert client.get(revoke_url(centre, membership)).status_code == 405
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_the_centre_staff_page_query_count_does_not_grow_with_the_staff(
    client, centre_admin, centre, django_assert_max_num_queries
):
    client.force_login(centre_admin)
    client.get(staff_url(centre))  # the first request of a session does one-off work
    with django_assert_max_num_queries(20) as few:
        assert client.get(staff_url(centre)).status_code == 200
    for _ in range(10):
        personas.centre_staff(centre, Role.ORGANISER)
    with django_assert_max_num_queries(20) as many:
        assert client.get(staff_url(centre)).status_code == 200
    assert len(many) == len(few)
