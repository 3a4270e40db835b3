"""Reads about people in the forum: who a post mentions, their profile card, handle suggestions for the editor, and
the line under an author's name."""

import re
from dataclasses import dataclass

from django.db.models import Case, Q, Value, When

from accounts.handles import MENTION
from accounts.models import User
from forum.models import Post
from forum.permissions import can_read_thread
from register.models import Membership
from register.selectors import professionals

SUGGESTIONS = 8
MAX_MENTIONS = 20
# Code is shown as written: an @ in it is an example, not a mention (as it is not a link in the page).
_CODE = re.compile(r"```.*?```|~~~.*?~~~|`[^`\n]*`", re.DOTALL)


def mentioned_handles(body: str) -> set[str]:
    return {handle.lower() for handle in MENTION.findall(_CODE.sub(" ", body or ""))}


def mentioned_users(body: str) -> list[User]:
    """The professionals ``body`` mentions by their handle (``@kari-nordmann``), one query however many."""
    handles = mentioned_handles(body)
    return list(professionals().filter(handle__in=handles)) if handles else []


@dataclass(frozen=True)
class MentionsNotTold:
    """What the writer should know about their @mentions: handles no one has, and people who cannot read the thread."""

    unknown: list[str]
    cannot_read: list[User]

    def __bool__(self) -> bool:
        return bool(self.unknown or self.cannot_read)


def mentions_not_told(post: Post) -> MentionsNotTold:
    """For the writer: who their post's @mentions did not reach. ``post`` comes with its thread and category."""
    handles = mentioned_handles(post.body)
    users = mentioned_users(post.body)
    known = {user.handle for user in users}
    return MentionsNotTold(
        unknown=sorted(handles - known),
        cannot_read=[user for user in users if user.pk != post.author_id and not can_read_thread(user, post.thread)],
    )


def handle_suggestions(prefix: str) -> list[User]:
    """Up to eight professionals whose handle, or a word of whose name, starts with ``prefix``: for ``@`` in the
    editor. Handles first, then names, each alphabetically."""
    prefix = re.sub(r"[^\w .-]", "", prefix).strip().lower()
    if not prefix:
        return []
    by_handle = Case(When(handle__startswith=prefix, then=Value(0)), default=Value(1))
    matches = (
        professionals()
        .filter(Q(handle__startswith=prefix) | Q(full_name__istartswith=prefix) | Q(full_name__icontains=f" {prefix}"))
        .select_related("counsellor_profile")
        .order_by(by_handle, "handle")
    )
    return list(matches[:SUGGESTIONS])


def person_by_handle(handle: str) -> User | None:
    return professionals().filter(handle=handle.lower()).select_related("counsellor_profile").first()


def people_lines(people: list[User]) -> dict[int, str]:
    """Who each person is, for readers to weigh what they write: their staff roles with the centres, and their
    workplace. "Verifier, Karriere Oslo · Oslo katedralskole (Upper secondary school)". One query for the roles;
    the workplaces come with the people (``select_related("counsellor_profile")``)."""
    by_pk = {person.pk: person for person in people}
    roles: dict[int, list[str]] = {}
    memberships = (
        Membership.objects.filter(user_id__in=by_pk)
        .select_related("centre")
        .only("user_id", "role", "centre__name")
        .order_by("centre__name", "role")
    )
    for membership in memberships:
        roles.setdefault(membership.user_id, []).append(f"{membership.get_role_display()}, {membership.centre.name}")
    lines = {}
    for pk, person in by_pk.items():
        parts = list(roles.get(pk, []))
        profile = getattr(person, "counsellor_profile", None)
        if profile is not None:
            parts.append(f"{profile.workplace_name} ({profile.get_workplace_type_display()})")
        lines[pk] = " · ".join(parts)
    return lines


def author_lines(posts: list[Post]) -> dict[int, str]:
    """``people_lines`` for the authors of a page of posts (``thread_posts`` brings their workplaces)."""
    return people_lines([post.author for post in posts if post.author is not None])
