"""The forum's permission rules in one place, each from both sides: who may, and who may not.

Only signed-in professionals (a counsellor profile, a centre role, a national role or a superuser)
see the forum. A category gives reading, starting threads and replying each to an audience: all
professionals, the members of its network or group, or its moderators. Centre moderators moderate
their centre's network and county; group moderators their group; national moderators and
administrators everything. Private groups are listed and opened by their join policy.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext

from forum import services
from forum.models import Audience, CategoryKind, GroupRole, JoinPolicy
from forum.permissions import (
    access_category,
    access_group,
    access_thread,
    can_edit_post,
    can_manage_group,
    can_moderate,
    can_moderate_anything,
    can_read_category,
    can_read_thread,
    can_see_group,
    can_see_group_members,
    can_start_thread,
    categories_visible_to,
    category_moderators,
    is_group_member,
    is_professional,
    reply_refusal,
    require_moderator,
    require_professional,
    threads_visible_to,
)
from register import services as register_services
from register.models import NationalRoleKind, Role
from tests import personas
from tests.factories import UserFactory
from tests.forum.conftest import make_category


@pytest.fixture
def national_moderator(db):
    user = UserFactory(email="nasjonal.moderator@example.org")
    register_services.national_role_grant(user=user, role=NationalRoleKind.MODERATOR, actor=None)
    return user


@pytest.fixture
def vestland_moderator(other_centre):
    """Moderates the Vestland centre: nothing in Oslo."""
    return personas.centre_staff(other_centre, Role.MODERATOR, email="moderator.vestland@example.org")


def _thread(category, author, title="Tråd"):
    return services.thread_create(category=category, author=author, title=title, body="Første innlegg")


def _fresh(user):
    """The same person as a new request sees them (no forum reach cached on the object)."""
    return type(user).objects.get(pk=user.pk)


# Who is in the forum at all


def test_counsellors_centre_staff_national_roles_and_superusers_are_professionals(
    school_counsellor, organiser, national_admin, national_moderator
):
    superuser = UserFactory(email="super@example.org", is_superuser=True)
    for user in (school_counsellor, organiser, national_admin, national_moderator, superuser):
        assert is_professional(user), user
        require_professional(user)


def test_anonymous_visitors_and_users_without_profile_or_role_are_not_professionals(plain_user):
    for user in (AnonymousUser(), plain_user):
        assert not is_professional(user)
        with pytest.raises(PermissionDenied):
            require_professional(user)
        assert not categories_visible_to(user).exists()
        assert not threads_visible_to(user).exists()


def test_non_professionals_cannot_read_even_a_category_open_to_all_professionals(
    plain_user, school_counsellor, national
):
    thread = _thread(national, school_counsellor)
    for user in (AnonymousUser(), plain_user):
        assert not can_read_category(user, national)
        assert not can_start_thread(user, national)
        assert reply_refusal(user, thread) == gettext("You cannot see this thread.")
        with pytest.raises(Http404):
            access_category(user, national.slug)
        with pytest.raises(Http404):
            access_thread(user, thread.pk)


# Reading


def test_members_read_their_own_network_and_others_do_not(
    school_counsellor, colleague, centre_moderator, outsider, vestland_moderator, network
):
    thread = _thread(network, school_counsellor)
    for user in (school_counsellor, colleague, centre_moderator):
        assert can_read_category(user, network), user
        assert access_category(user, network.slug) == network
        assert access_thread(user, thread.pk) == thread
        assert thread in threads_visible_to(user)
    for user in (outsider, vestland_moderator):
        assert not can_read_category(user, network), user
        assert network not in categories_visible_to(user)
        assert thread not in threads_visible_to(user)
        with pytest.raises(Http404):
            access_category(user, network.slug)
        with pytest.raises(Http404):
            access_thread(user, thread.pk)


def test_national_moderators_and_admins_read_every_category_and_group(
    national_moderator, national_admin, national, network, county_category, group
):
    everything = {national, network, county_category, group}
    for user in (national_moderator, national_admin):
        assert set(categories_visible_to(user)) == everything, user


def test_a_professional_sees_the_national_categories_and_their_own_network_county_and_groups_only(
    school_counsellor, outsider, national_moderator, national, announcements, network, county_category, group
):
    services.group_add(category=group, user=school_counsellor, moderator=national_moderator)
    assert set(categories_visible_to(school_counsellor)) == {national, announcements, network, county_category, group}
    # The county category is open to every professional for reading; the group and network are not.
    assert set(categories_visible_to(outsider)) == {national, announcements, county_category}


def test_a_hidden_thread_is_seen_only_by_the_categorys_moderators(
    school_counsellor, colleague, centre_moderator, national_moderator, vestland_moderator, network
):
    thread = _thread(network, school_counsellor)
    services.thread_moderate(thread=thread, moderator=centre_moderator, action="hide", reason="Personopplysninger")
    thread.refresh_from_db()
    for user in (centre_moderator, national_moderator):
        assert can_read_thread(user, thread), user
        assert access_thread(user, thread.pk) == thread
    # Not even its author: a hidden thread is gone for everyone but its moderators.
    for user in (school_counsellor, colleague, vestland_moderator):
        assert not can_read_thread(user, thread), user
        assert thread not in threads_visible_to(user)
        with pytest.raises(Http404):
            access_thread(user, thread.pk)


def test_a_moderators_only_category_is_read_by_its_moderators_alone(
    school_counsellor, centre_moderator, national_moderator, centre
):
    staff_room = make_category(
        CategoryKind.CENTRE,
        "oslo-moderatorer",
        centre=centre,
        read_audience=Audience.MODERATORS,
        start_audience=Audience.MODERATORS,
        reply_audience=Audience.MODERATORS,
    )
    assert can_read_category(centre_moderator, staff_room)
    assert can_read_category(national_moderator, staff_room)
    assert not can_read_category(school_counsellor, staff_room)
    assert staff_room not in categories_visible_to(school_counsellor)


# Starting threads


def test_members_start_threads_where_the_category_lets_members_start_them(
    school_counsellor, centre_moderator, outsider, county_category, network, national
):
    for category in (county_category, network, national):
        assert can_start_thread(school_counsellor, category), category
        assert can_start_thread(centre_moderator, category), category
    # Outside Oslo: the county category is readable but not for starting threads; the network is neither.
    assert can_read_category(outsider, county_category)
    assert not can_start_thread(outsider, county_category)
    assert not can_start_thread(outsider, network)
    assert can_start_thread(outsider, national)


def test_only_national_moderators_and_admins_start_threads_in_national_announcements(
    school_counsellor, centre_moderator, national_moderator, national_admin, announcements
):
    assert can_start_thread(national_moderator, announcements)
    assert can_start_thread(national_admin, announcements)
    # A centre's moderator moderates their network, not the national categories.
    for user in (school_counsellor, centre_moderator):
        assert can_read_category(user, announcements), user
        assert not can_start_thread(user, announcements), user


# Replying


def test_readers_may_reply_to_an_open_thread(school_counsellor, colleague, centre_moderator, network):
    thread = _thread(network, school_counsellor)
    for user in (school_counsellor, colleague, centre_moderator):
        assert reply_refusal(user, thread) is None, user


def test_a_locked_thread_takes_replies_from_its_moderators_only(
    school_counsellor, colleague, centre_moderator, national_moderator, network
):
    thread = _thread(network, school_counsellor)
    services.thread_moderate(thread=thread, moderator=centre_moderator, action="lock", reason="Ferdig diskutert")
    thread.refresh_from_db()
    for user in (school_counsellor, colleague):
        assert reply_refusal(user, thread) == gettext("This thread is locked: no new replies."), user
    for user in (centre_moderator, national_moderator):
        assert reply_refusal(user, thread) is None, user


def test_a_hidden_thread_takes_replies_from_its_moderators_only(school_counsellor, centre_moderator, network):
    thread = _thread(network, school_counsellor)
    services.thread_moderate(thread=thread, moderator=centre_moderator, action="hide", reason="Skjult")
    thread.refresh_from_db()
    assert reply_refusal(school_counsellor, thread) == gettext("You cannot see this thread.")
    assert reply_refusal(centre_moderator, thread) is None


def test_in_an_announcement_category_readers_cannot_reply_but_moderators_can(
    school_counsellor, national_moderator, announcements
):
    thread = _thread(announcements, national_moderator)
    assert reply_refusal(school_counsellor, thread) == gettext("Only moderators can post in this category.")
    assert reply_refusal(national_moderator, thread) is None


def test_someone_outside_a_network_cannot_reply_to_its_threads(school_counsellor, outsider, network):
    thread = _thread(network, school_counsellor)
    assert reply_refusal(outsider, thread) == gettext("You cannot see this thread.")


# Editing and deleting posts


def test_only_the_author_edits_their_post_and_not_once_it_is_deleted(
    school_counsellor, colleague, centre_moderator, national_admin, network
):
    thread = _thread(network, school_counsellor)
    post = thread.posts.get()
    assert can_edit_post(school_counsellor, post)
    # Moderators hide posts; they never put words in someone else's mouth.
    for user in (colleague, centre_moderator, national_admin, AnonymousUser()):
        assert not can_edit_post(user, post), user
    services.post_delete(post=post, actor=school_counsellor)
    post.refresh_from_db()
    assert not can_edit_post(school_counsellor, post)


# Moderating


def test_a_centre_moderator_moderates_their_network_and_county_and_nothing_else(
    centre_moderator, network, county_category, national, group, other_centre
):
    other_network = make_category(CategoryKind.CENTRE, "vestland-nettverk", centre=other_centre)
    assert can_moderate(centre_moderator, network)
    assert can_moderate(centre_moderator, county_category)
    for category in (national, group, other_network):
        assert not can_moderate(centre_moderator, category), category


def test_centre_staff_in_other_roles_and_counsellors_moderate_nothing(
    centre_admin, verifier, school_counsellor, plain_user, network, county_category
):
    for user in (centre_admin, verifier, school_counsellor, plain_user, AnonymousUser()):
        assert not can_moderate(user, network), user
        assert not can_moderate(user, county_category), user
        assert not can_moderate_anything(user), user
        with pytest.raises(PermissionDenied):
            require_moderator(user)


def test_national_moderators_and_admins_moderate_every_category(
    national_moderator, national_admin, national, network, county_category, group
):
    for user in (national_moderator, national_admin):
        for category in (national, network, county_category, group):
            assert can_moderate(user, category), (user, category)


def test_centre_group_and_national_moderators_may_open_the_moderation_pages(
    centre_moderator, national_moderator, school_counsellor, group
):
    services.group_add(category=group, user=school_counsellor, moderator=national_moderator, role=GroupRole.MODERATOR)
    for user in (centre_moderator, national_moderator, _fresh(school_counsellor)):
        assert can_moderate_anything(user), user
        require_moderator(user)


def test_the_people_told_about_a_flag_are_exactly_the_categorys_moderators(
    centre_moderator, vestland_moderator, national_moderator, national_admin, centre_admin, network
):
    assert set(category_moderators(network)) == {centre_moderator, national_moderator, national_admin}
    assert centre_admin not in category_moderators(network)
    assert vestland_moderator not in category_moderators(network)


def test_a_groups_moderators_are_told_about_its_flags_and_its_plain_members_are_not(
    school_counsellor, colleague, national_moderator, group
):
    services.group_add(category=group, user=school_counsellor, moderator=national_moderator, role=GroupRole.MODERATOR)
    services.group_add(category=group, user=colleague, moderator=school_counsellor)
    moderators = set(category_moderators(group))
    assert school_counsellor in moderators
    assert national_moderator in moderators
    assert colleague not in moderators


# Private groups


@pytest.fixture
def open_group(db):
    return make_category(CategoryKind.GROUP, "apen-gruppe", join_policy=JoinPolicy.OPEN)


@pytest.fixture
def request_group(db):
    return make_category(CategoryKind.GROUP, "sok-om-a-bli-med", join_policy=JoinPolicy.REQUEST)


def test_open_and_request_groups_are_listed_to_every_professional_but_not_to_others(
    school_counsellor, outsider, plain_user, open_group, request_group
):
    for category in (open_group, request_group):
        assert can_see_group(school_counsellor, category)
        assert can_see_group(outsider, category)
        assert access_group(school_counsellor, category.slug) == category
        assert not can_see_group(plain_user, category)
        assert not can_see_group(AnonymousUser(), category)
        with pytest.raises(Http404):
            access_group(plain_user, category.slug)


def test_a_closed_group_is_seen_by_its_members_moderators_and_national_moderators_only(
    school_counsellor, colleague, outsider, national_moderator, centre_moderator, group
):
    services.group_add(category=group, user=school_counsellor, moderator=national_moderator)
    for user in (school_counsellor, national_moderator):
        assert can_see_group(user, group), user
        assert can_see_group_members(user, group), user
        assert access_group(user, group.slug, members=True) == group
    # A centre moderator has no say over a group they are not in; nor have other professionals.
    for user in (colleague, outsider, centre_moderator):
        assert not can_see_group(user, group), user
        assert not can_see_group_members(user, group), user
        with pytest.raises(Http404):
            access_group(user, group.slug)


def test_someone_waiting_for_an_answer_sees_the_group_but_is_not_a_member(
    school_counsellor, national_moderator, request_group
):
    services.group_request(category=request_group, user=school_counsellor)
    requester = _fresh(school_counsellor)
    assert can_see_group(requester, request_group)
    assert not is_group_member(requester, request_group)
    assert not can_read_category(requester, request_group)
    # The member list of a request-to-join group is for its members and managers.
    assert not can_see_group_members(requester, request_group)
    with pytest.raises(Http404):
        access_group(requester, request_group.slug, members=True)
    assert can_see_group_members(national_moderator, request_group)


def test_the_member_list_of_an_open_group_is_shown_to_anyone_who_could_join(
    school_counsellor, outsider, plain_user, open_group
):
    assert can_see_group_members(school_counsellor, open_group)
    assert can_see_group_members(outsider, open_group)
    assert access_group(outsider, open_group.slug, members=True) == open_group
    assert not can_see_group_members(plain_user, open_group)


def test_an_approved_member_reads_and_writes_in_the_group_and_a_stranger_does_not(
    school_counsellor, colleague, national_moderator, group
):
    services.group_add(category=group, user=school_counsellor, moderator=national_moderator)
    assert is_group_member(school_counsellor, group)
    assert can_read_category(school_counsellor, group)
    assert can_start_thread(school_counsellor, group)
    assert not is_group_member(colleague, group)
    assert not can_read_category(colleague, group)
    assert not can_start_thread(colleague, group)


def test_a_groups_moderators_and_national_moderators_manage_it_and_plain_members_do_not(
    school_counsellor, colleague, national_moderator, centre_moderator, group, network
):
    services.group_add(category=group, user=school_counsellor, moderator=national_moderator, role=GroupRole.MODERATOR)
    services.group_add(category=group, user=colleague, moderator=school_counsellor)
    assert can_manage_group(school_counsellor, group)
    assert can_manage_group(national_moderator, group)
    assert not can_manage_group(colleague, group)
    assert not can_manage_group(centre_moderator, group)
    # Only groups have members to manage: moderating a network is not managing a group.
    assert not can_manage_group(centre_moderator, network)
    assert not can_see_group(centre_moderator, network)
