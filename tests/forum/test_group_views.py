"""Private groups: the group list, joining and leaving, join requests and the member pages.

Every page is tried from both sides: the people who may (group moderators in their groups, national
moderators everywhere, members) and the people who may not (non-members, plain members), and a
refusal changes nothing.
Pages are read in English (the source language) so the assertions say what a user reads.
"""

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from forum.models import GroupMembership, GroupRole, JoinPolicy
from forum.permissions import can_read_category
from forum.services import groups as services_groups
from notifications.models import Notice
from tests import personas
from tests.forum.conftest import make_category
from tests.forum.moderation_support import as_user, assert_same_query_count, page, queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"


# Private groups


@pytest.fixture
def group_moderator(centre, national_moderator, group):
    user = personas.counsellor(home_centre=centre, email="gruppeleder@example.org")
    services_groups.group_add(category=group, user=user, moderator=national_moderator, role=GroupRole.MODERATOR)
    return user


@pytest.fixture
def open_group(db):
    return make_category("group", "aapen-gruppe", join_policy=JoinPolicy.OPEN)


@pytest.fixture
def request_group(national_moderator, group_moderator):
    category = make_category("group", "spor-om-aa-bli-med", join_policy=JoinPolicy.REQUEST)
    services_groups.group_add(
        category=category, user=group_moderator, moderator=national_moderator, role=GroupRole.MODERATOR
    )
    return category


def test_the_group_list_shows_open_and_request_groups_but_hides_closed_ones_from_non_members(
    client, school_counsellor, group_moderator, group, open_group, request_group
):
    listing = page(as_user(client, school_counsellor).get(reverse("forum:groups")))
    assert open_group.name in listing and request_group.name in listing
    assert group.name not in listing
    assert "Join" in listing and "Ask to join" in listing

    own = page(as_user(client, group_moderator).get(reverse("forum:groups")))
    assert group.name in own and "You moderate" in own


def test_the_forum_groups_are_for_professionals_only(client, plain_user):
    assert as_user(client, plain_user).get(reverse("forum:groups")).status_code == 403


def test_joining_an_open_group_makes_a_member_at_once_and_leaving_ends_it(client, school_counsellor, open_group):
    as_user(client, school_counsellor)
    response = client.post(reverse("forum:groups"), {"group": open_group.slug, "action": "join"}, follow=True)
    assert "You are now a member" in page(response)
    membership = GroupMembership.objects.get(category=open_group, user=school_counsellor)
    assert membership.is_approved and membership.role == GroupRole.MEMBER
    assert can_read_category(school_counsellor, open_group)

    client.post(reverse("forum:groups"), {"group": open_group.slug, "action": "leave"})
    assert not GroupMembership.objects.filter(category=open_group).exists()


def test_a_request_waits_for_a_moderator_who_is_told_and_approves_it(
    client, school_counsellor, group_moderator, request_group
):
    as_user(client, school_counsellor)
    joined = client.post(reverse("forum:groups"), {"group": request_group.slug, "action": "join"}, follow=True)
    assert "not open" in page(joined)
    client.post(reverse("forum:groups"), {"group": request_group.slug, "action": "request"})
    membership = GroupMembership.objects.get(category=request_group, user=school_counsellor)
    assert not membership.is_approved
    assert not can_read_category(school_counsellor, request_group)
    assert "Request sent" in page(client.get(reverse("forum:groups")))
    # Someone waiting is not a member yet: the member list stays closed to them.
    assert client.get(reverse("forum:group_members", args=[request_group.slug])).status_code == 404
    notice = Notice.objects.filter(recipient=group_moderator, kind="forum.group").latest("pk")
    assert "asks to join" in notice.title
    assert notice.link == reverse("forum:group_members", args=[request_group.slug])

    members_url = reverse("forum:group_members", args=[request_group.slug])
    waiting = page(as_user(client, group_moderator).get(members_url))
    assert "Requests to join" in waiting and school_counsellor.email in waiting
    client.post(members_url, {"action": "approve", "membership": membership.pk})

    membership.refresh_from_db()
    assert membership.is_approved
    assert Notice.objects.filter(recipient=school_counsellor, kind="forum.group").count() == 1
    assert as_user(client, school_counsellor).get(members_url).status_code == 200


def test_a_declined_request_is_removed_and_the_person_told(client, school_counsellor, group_moderator, request_group):
    membership = services_groups.group_request(category=request_group, user=school_counsellor)
    members_url = reverse("forum:group_members", args=[request_group.slug])
    as_user(client, group_moderator).post(members_url, {"action": "decline", "membership": membership.pk})
    assert not GroupMembership.objects.filter(pk=membership.pk).exists()
    assert "declined" in Notice.objects.get(recipient=school_counsellor, kind="forum.group").title


def test_a_closed_group_cannot_be_joined_or_asked_to_join_and_stays_hidden(client, school_counsellor, group):
    as_user(client, school_counsellor)
    for action in ("join", "request"):
        assert client.post(reverse("forum:groups"), {"group": group.slug, "action": action}).status_code == 404
    assert client.get(reverse("forum:group_members", args=[group.slug])).status_code == 404
    assert not GroupMembership.objects.exists()


def test_non_members_cannot_see_the_members_of_closed_or_request_groups(
    client, school_counsellor, centre_moderator, group_moderator, group, request_group, open_group
):
    for user in (school_counsellor, centre_moderator):
        as_user(client, user)
        assert client.get(reverse("forum:group_members", args=[group.slug])).status_code == 404
        assert client.get(reverse("forum:group_members", args=[request_group.slug])).status_code == 404
        assert client.get(reverse("forum:group_members", args=[open_group.slug])).status_code == 200
    assert client.get(reverse("forum:group_members", args=["finnes-ikke"])).status_code == 404


def test_a_member_sees_the_list_but_cannot_change_it(client, school_counsellor, colleague, group_moderator, group):
    services_groups.group_add(category=group, user=school_counsellor, moderator=group_moderator)
    membership = GroupMembership.objects.get(user=school_counsellor)
    url = reverse("forum:group_members", args=[group.slug])

    listing = page(as_user(client, school_counsellor).get(url))
    assert str(group_moderator) in listing and "Make moderator" not in listing and "Add a member" not in listing
    assert client.post(url, {"action": "add", "email": colleague.email, "role": "member"}).status_code == 403
    assert client.post(url, {"action": "make_moderator", "membership": membership.pk}).status_code == 403
    assert not GroupMembership.objects.filter(user=colleague).exists()
    membership.refresh_from_db()
    assert membership.role == GroupRole.MEMBER


def test_a_group_moderator_adds_by_e_mail_makes_a_moderator_and_removes_members(
    client, school_counsellor, colleague, group_moderator, group
):
    url = reverse("forum:group_members", args=[group.slug])
    as_user(client, group_moderator)

    unknown = client.post(url, {"action": "add", "email": "ingen@example.org", "role": "member"})
    assert "No active account uses this address" in page(unknown)
    client.post(url, {"action": "add", "email": school_counsellor.email.upper(), "role": "member"})
    client.post(url, {"action": "add", "email": colleague.email, "role": "member"})
    again = client.post(url, {"action": "add", "email": colleague.email, "role": "member"})
    assert "already a member" in page(again)
    assert Notice.objects.filter(recipient=colleague, kind="forum.group").count() == 1

    added = GroupMembership.objects.get(user=school_counsellor)
    client.post(url, {"action": "make_moderator", "membership": added.pk})
    added.refresh_from_db()
    assert added.role == GroupRole.MODERATOR

    removed = GroupMembership.objects.get(user=colleague)
    client.post(url, {"action": "remove", "membership": removed.pk})
    assert not GroupMembership.objects.filter(pk=removed.pk).exists()
    assert not can_read_category(colleague, group)


def test_a_group_keeps_at_least_one_moderator(client, group_moderator, group):
    own = GroupMembership.objects.get(user=group_moderator)
    url = reverse("forum:group_members", args=[group.slug])
    response = as_user(client, group_moderator).post(url, {"action": "remove", "membership": own.pk}, follow=True)
    assert "at least one moderator" in page(response)
    left = client.post(reverse("forum:groups"), {"group": group.slug, "action": "leave"}, follow=True)
    assert "at least one moderator" in page(left)
    assert GroupMembership.objects.filter(pk=own.pk).exists()


def test_a_membership_of_another_group_cannot_be_changed_through_this_one(
    client, school_counsellor, group_moderator, group, open_group
):
    services_groups.group_join(category=open_group, user=school_counsellor)
    elsewhere = GroupMembership.objects.get(category=open_group)
    url = reverse("forum:group_members", args=[group.slug])
    response = as_user(client, group_moderator).post(url, {"action": "remove", "membership": elsewhere.pk})
    assert response.status_code == 404
    assert GroupMembership.objects.filter(pk=elsewhere.pk).exists()


def test_a_national_moderator_manages_every_group(client, school_counsellor, national_moderator, group):
    url = reverse("forum:group_members", args=[group.slug])
    as_user(client, national_moderator)
    assert group.name in page(client.get(reverse("forum:groups")))
    client.post(url, {"action": "add", "email": school_counsellor.email, "role": "moderator"})
    assert GroupMembership.objects.get(user=school_counsellor).role == GroupRole.MODERATOR


def test_the_member_page_costs_the_same_queries_for_few_and_many_members(client, centre, group_moderator, group):
    url = reverse("forum:group_members", args=[group.slug])
    as_user(client, group_moderator)
    small = queries_for(client, url)
    for n in range(30):
        user = personas.counsellor(home_centre=centre, email=f"medlem{n}@example.org")
        services_groups.group_add(category=group, user=user, moderator=group_moderator)
    large = queries_for(client, url)
    assert_same_query_count(small, large)
