""" "My data" (/min-side/mine-data/) is the union of what every app registers in ``accounts.personal_data``.

From one side: every field of any installed model that points at the user model is exported by a registered part,
or is left out below with its reason, so a new model holding something about people cannot be forgotten. From
the other: a counsellor with data in every app finds each part in the download, and nothing of other people.
"""

import json
from datetime import timedelta

import pytest
from allauth.usersessions.models import UserSession
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from accounts.personal_data import personal_data_export, personal_data_parts
from core.phrases import verbatim
from events import services as events_services
from forum import services as forum_services
from forum.models import CategoryKind, WatchLevel
from guidance import services as guidance_services
from guidance.models import Topic
from notifications.services import notice_send, preference_set
from register import services as register_services
from register.models import Role
from tests import personas
from tests.accounts.test_mfa import enable_totp
from tests.events.conftest import make_event
from tests.factories import api_key
from tests.forum.conftest import make_category
from tests.register.competence_support import log_credit

pytestmark = pytest.mark.django_db

# Fields pointing at the user model that "my data" leaves out on purpose, each with its reason. Anything else
# pointing at a user must be covered by a registered part (``register_personal_data(..., covers=...)``).
LEFT_OUT = {
    # What a person did as staff to other people's records (verifying, granting roles): those rows are about the
    # other people and are kept by the audit rule. The person's own trail is exported through subject_user.
    ("register.AuditEntry", "actor"): "staff actions on other people's records",
    # A verifier's decision on someone else's credit entry; its owner gets it with the entry.
    ("register.CreditEntry", "decided_by"): "a decision about another person's entry",
    ("register.CPDActivity", "reviewed_by"): "a decision about another person's evidence",
    ("register.AuditItem", "decided_by"): "an audit outcome about another person's entry",
    ("register.AuditRound", "drawn_by"): "a centre's audit draw, about other people's entries",
    # A centre admin's decision on someone else's home-centre request; the requester gets it.
    ("register.HomeCentreRequest", "decided_by"): "a decision about another person's request",
    # A national admin setting the recommended coverage of centres: a decision about the country, not a person.
    ("register.CoverageStandard", "set_by"): "a national decision, about no person",
    ("register.FundingScenario", "created_by"): "a national funding scenario, about counties, not people",
    # A copy of the author of the thread's last post, kept for the category lists; the post itself is exported.
    ("forum.Thread", "last_post_author"): "a denormalised copy of Post.author",
    # A moderator removing a text from someone else's edit history; the moderator's log entry is exported.
    ("forum.PostRevision", "redacted_by"): "a moderation decision about another person's post",
}


def links_to_the_user():
    """(model label, field name) for every field of every installed model that points at the user model.

    A field inherited from a concrete parent (Wagtail's page types) is the parent's, so it is counted once there.
    """
    user_model = get_user_model()
    return {
        (model._meta.label, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.is_relation
        and not field.auto_created
        and (field.many_to_one or field.one_to_one or field.many_to_many)
        and field.related_model is user_model
        and field.model is model
    }


def covered():
    return set().union(*(part.covers for part in personal_data_parts()))


def test_every_field_pointing_at_a_person_is_exported_or_left_out_with_a_reason():
    missing = links_to_the_user() - covered() - set(LEFT_OUT)

    assert not missing, (
        "These fields point at the user model but no part of 'my data' exports them. Export them in the app's "
        "personal data part (its covers=...), or add them to LEFT_OUT with the reason:\n"
        + "\n".join(f"  {label}.{name}" for label, name in sorted(missing))
    )


def test_the_walk_sees_our_apps_and_the_third_party_models_that_hold_people():
    links = links_to_the_user()
    assert {label.split(".")[0] for label, _field in links} >= {
        "accounts",
        "notifications",
        "register",
        "forum",
        "events",
        "guidance",
        "partnerships",
        "account",
        "mfa",
        "usersessions",
        "wagtailcore",
    }
    assert {("accounts.ApiToken", "user"), ("account.EmailAddress", "user"), ("mfa.Authenticator", "user")} <= links


def test_parts_cover_only_real_links_and_nothing_left_out_is_also_exported():
    links = links_to_the_user()
    assert covered() <= links, f"covers= names fields that do not point at the user: {sorted(covered() - links)}"
    assert set(LEFT_OUT) <= links, f"LEFT_OUT names fields that do not point at the user: {set(LEFT_OUT) - links}"
    assert not set(LEFT_OUT) & covered(), f"exported and left out at once: {set(LEFT_OUT) & covered()}"


def test_each_app_registers_its_part_in_the_order_of_the_layers():
    assert [part.key for part in personal_data_parts()] == [
        "account",
        "notifications",
        "register",
        "forum",
        "events",
        "guidance",
        "partnerships",
        "cms",
    ]


# the download of a counsellor with data in every app


def fill_every_app(person, *, marker, centre, organiser, areas, category, forum_post_to_flag=None):
    """Data about ``person`` in every app, each text carrying ``marker``. Returns the person's own forum post."""
    api_key(person, name=f"{marker} token")
    notice_send(recipient=person, kind="forum.reply", title=verbatim(f"{marker} notice"))
    preference_set(user=person, kind="forum.reply", delivery="off")
    log_credit(person, "10", [areas[0]], title=f"{marker} course")
    register_services.statement_issue(owner=person)
    register_services.cpd_create(
        owner=person, title=f"{marker} fagdag", date=timezone.localdate() - timedelta(days=30), hours="2", kind="course"
    )
    thread = forum_services.thread_create(
        category=category, author=person, title=f"{marker} thread", body=f"{marker} first post"
    )
    forum_services.watch_set(user=person, level=WatchLevel.WATCHING, thread=thread)
    if forum_post_to_flag is not None:
        forum_services.flag_create(post=forum_post_to_flag, user=person, reason="other", note=f"{marker} flag note")
    events_services.calendar_feed_for(person)
    full = make_event(centre, capacity=1, title=f"{marker} full course", days_ahead=10)
    events_services.registration_register(event=full, user=organiser)
    events_services.registration_register(event=full, user=person)  # waiting list
    attended = make_event(centre, capacity=5, title=f"{marker} attended course", areas=[areas[0]])
    registration = events_services.registration_register(event=attended, user=person)
    past = timezone.now() - timedelta(days=3)
    type(attended).objects.filter(pk=attended.pk).update(starts_at=past, ends_at=past + timedelta(hours=3))
    attended.refresh_from_db()
    events_services.attendance_set(event=attended, actor=organiser, attended_ids=[registration.pk])
    UserProfile.get_for_user(person)
    return thread.posts.get()


@pytest.fixture
def organiser_at(centre):
    return personas.centre_staff(centre, Role.ORGANISER, email="arrangor@example.org")


def test_a_counsellor_downloads_every_apps_part_and_nothing_of_other_people(
    client, school_counsellor, centre, organiser_at, areas
):
    me = school_counsellor
    register_services.membership_grant(user=me, centre=centre, role=Role.E_GUIDANCE, actor=None)
    other = personas.counsellor(home_centre=centre, email="andre.person@example.org", full_name="Olga Annenperson")
    category = make_category(CategoryKind.NATIONAL, "praksis-test")
    theirs = fill_every_app(
        other, marker="THEIRS", centre=centre, organiser=organiser_at, areas=areas, category=category
    )
    mine = fill_every_app(
        me,
        marker="MINE",
        centre=centre,
        organiser=organiser_at,
        areas=areas,
        category=category,
        forum_post_to_flag=theirs,
    )
    forum_services.post_create(thread=mine.thread, author=other, body="THEIRS reply in my thread")
    enable_totp(me)
    question = guidance_services.question_ask(
        text="ASKER wonders what to study next, and writes a long enough question.",
        topic=Topic.CHANGING_JOBS,
        email="asker@example.org",
    )
    guidance_services.question_claim(question=question, counsellor=me)
    guidance_services.question_answer(question=question, counsellor=me, body="ANSWERTEXT: start with the centre.")
    guidance_services.note_add(question=question, author=me, body="NOTETEXT about the asker")
    client.force_login(me)
    UserSession.objects.get_or_create(
        user=me, session_key="s" * 32, defaults={"ip": "192.0.2.1", "user_agent": "Testbrowser"}
    )

    response = client.get(reverse("my_data"))

    assert response.status_code == 200
    raw = response.content.decode()
    data = json.loads(raw)
    assert list(data) == [
        "exported_at",
        "account",
        "notifications",
        "register",
        "forum",
        "events",
        "guidance",
        "partnerships",
        "cms",
    ]
    account, register = data["account"], data["register"]
    assert account["profile"]["email"] == me.email
    assert [a["email"] for a in account["email_addresses"]] == [me.email]
    assert [t["name"] for t in account["api_tokens"]] == ["MINE token"]
    assert account["two_factor_authentication"]["enabled"] is True
    assert "Testbrowser" in [s["browser"] for s in account["sessions"]]
    assert "MINE notice" in [n["title"] for n in data["notifications"]["notices"]]
    assert data["notifications"]["email_choices"] == [{"kind": "forum.reply", "delivery": "off"}]
    assert [c["title"] for c in register["credit_entries"]] == ["MINE course"]
    assert [r["role"] for r in register["memberships"]] == [Role.E_GUIDANCE]
    assert len(register["statements"]) == 1
    assert [c["title"] for c in register["attendance_certificates"]] == ["MINE attended course"]
    assert {a["title"] for a in register["cpd_activities"]} == {"MINE fagdag", "MINE attended course"}
    forum = data["forum"]
    assert [t["title"] for t in forum["threads_started"]] == ["MINE thread"]
    assert [p["text"] for p in forum["posts"]] == ["MINE first post"]
    assert [w["thread"] for w in forum["watching"]] == ["MINE thread"]
    assert [(f["thread"], f["note"]) for f in forum["flags_made"]] == [("THEIRS thread", "MINE flag note")]
    events = data["events"]
    assert {(r["event"], r["status"], r["waiting_list_place"]) for r in events["registrations"]} == {
        ("MINE full course", "waiting", 1),
        ("MINE attended course", "confirmed", None),
    }
    assert [r["attended"] for r in events["registrations"] if r["event"] == "MINE attended course"] == [True]
    assert events["calendar_feed"]["exists"] is True
    guidance = data["guidance"]
    assert [q["question"] for q in guidance["questions_held"]] == [question.pk]
    assert len(guidance["messages_written"]) == 1 and len(guidance["internal_notes_written"]) == 1
    assert data["cms"]["preferences"] is not None

    # Nothing of the other counsellor, the asker, or anyone's secrets. The notices are left out of this look:
    # they are what the platform told me, and may name who did what ("a new post from Olga ...").
    notices = json.dumps(data["notifications"]["notices"], ensure_ascii=False)
    assert "Olga Annenperson" in notices
    body = json.dumps({key: value for key, value in data.items() if key != "notifications"}, ensure_ascii=False)
    for foreign in ["THEIRS course", "THEIRS token", "THEIRS notice", "THEIRS fagdag", "THEIRS first post"]:
        assert foreign not in body
    for foreign in ["THEIRS reply", "THEIRS full course", "THEIRS attended", "THEIRS flag note", "Olga"]:
        assert foreign not in body
    assert other.email not in body
    assert "ASKER" not in body and "asker@example.org" not in body
    assert "ANSWERTEXT" not in body and "NOTETEXT" not in body
    feed = me.event_feed
    stored = [a.data for a in me.authenticator_set.all()]
    secrets = [feed.token, me.password, *[d.get("secret", "") or d.get("seed", "") for d in stored]]
    assert all(secret not in raw for secret in secrets if secret)
    token = me.auth_token_set.get()
    assert token.digest not in raw and token.token_key not in raw
    assert "s" * 32 not in raw


def test_the_export_of_a_person_with_nothing_has_every_part_empty(plain_user):
    data = personal_data_export(plain_user)

    assert data["register"]["credit_entries"] == [] and data["register"]["counsellor_profile"] is None
    assert data["forum"]["posts"] == [] and data["events"]["registrations"] == []
    assert data["events"]["calendar_feed"] == {"exists": False, "created": None}
    assert data["guidance"]["questions_held"] == [] and data["cms"]["preferences"] is None
    assert data["account"]["two_factor_authentication"] == {"enabled": False, "methods": []}


def test_django_admin_actions_say_what_kind_of_thing_was_changed_but_not_whom(national_admin, school_counsellor):
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.log_actions(
        user_id=national_admin.pk,
        queryset=type(school_counsellor).objects.filter(pk=school_counsellor.pk),
        action_flag=CHANGE,
        change_message="Changed full name.",
        single_object=True,
    )
    assert ContentType.objects.get_for_model(school_counsellor).model == "user"

    data = personal_data_export(national_admin)

    assert [(a["action"], a["kind"]) for a in data["account"]["django_admin_actions"]] == [("changed", "user")]
    assert str(school_counsellor) not in json.dumps(data, ensure_ascii=False)


def test_the_download_costs_the_same_number_of_queries_for_one_or_three_of_everything(
    school_counsellor, centre, organiser_at, areas, django_assert_max_num_queries
):
    category = make_category(CategoryKind.NATIONAL, "praksis-budsjett")

    def fill():
        fill_every_app(
            school_counsellor, marker="MINE", centre=centre, organiser=organiser_at, areas=areas, category=category
        )

    def queries():
        with django_assert_max_num_queries(66) as captured:
            personal_data_export(school_counsellor)
        return len(captured)

    fill()
    once = queries()
    fill()
    fill()
    assert queries() == once
