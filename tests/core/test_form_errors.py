"""Every form sent back with errors tells the person so, ties each message to its field and keeps what they typed.

Issue #17, part 3: on any error the page title starts with "Feil:", the error summary links to each field in
error, each such field is ``aria-invalid`` and ``aria-describedby`` names elements that exist and hold its
message (and its help text when it has one), and the values typed stay in the form. Nothing is saved.

Each case is one form, posted as a person allowed to use it, with one field wrong (or left empty) and, where the
form has one, a right value in another field. The expected messages are read from the bound form the view
rendered; everything asserted is read from the HTML, as a browser (and a screen reader) gets it.

Left out on purpose:
- Forms whose only input is a button (delete, publish, copy, mark as read, register for an event, attendance,
  home-centre decisions, group join/leave, watch levels, rating an answer, unsubscribe): they have nothing to
  type, and a refused action answers with a message on the page it returns to, not with field errors.
- GET search and filter forms (forum, portal and FAQ search, network filters, e-guidance statistics): they
  send nothing to be saved.
- The moderation queue's per-post reason: it posts to the post moderation page, covered below.
- Django admin and Wagtail admin (/admin/, /cms/) forms: their markup is Django's and Wagtail's, not ours.
- allauth's pages reached only through an e-mailed link or a second factor (password reset from key, e-mail
  confirmation, MFA authenticate): the same allauth form markup as the login and sign-up pages covered here.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.forms import BaseForm
from django.urls import reverse

from accounts.models import ApiToken
from events.models import Event, EventMessage
from forum import services as forum_services
from forum.models import Category, CategoryKind, Flag, GroupMembership, Post, Thread
from guidance import services as guidance_services
from guidance.models import FaqEntry, InternalNote, Message, Question, Topic
from notifications.models import NotificationPreference
from notifications.selectors import preferences_for
from register import services as register_services
from register.models import (
    AuditItem,
    AuditRound,
    CompetenceArea,
    CompetenceStatement,
    CounsellorProfile,
    CoverageStandard,
    CPDActivity,
    CreditEntry,
    FundingScenario,
    HomeCentreRequest,
    Membership,
    NationalRoleKind,
    RequirementSet,
    Role,
    SelfAssessment,
    StatementLookup,
)
from tests import personas
from tests.events.conftest import make_event
from tests.factories import PASSWORD, CentreFactory, UserFactory, competence_areas, county, pdf_upload, today
from tests.forum.conftest import make_category
from tests.register.centre_support import log_credit, log_hours

pytestmark = pytest.mark.django_db

YESTERDAY = today() - datetime.timedelta(days=1)


@dataclass
class Sent:
    """A form post: where, what, which fields must come back in error, and what must still be in the form."""

    url: str
    data: dict[str, Any]
    errors: list[str]
    kept: dict[str, str] = field(default_factory=dict)
    # Read before and after the post: the same value means nothing was saved.
    saved: Callable[[], Any] = lambda: None


CASES: list[Callable[[Any], Sent]] = []


def case(make):
    CASES.append(make)
    return make


def signed_in(client, user):
    client.force_login(user)
    return user


def counsellor(client, **kwargs):
    kwargs.setdefault("home_centre", CentreFactory())
    return signed_in(client, personas.counsellor(**kwargs))


# accounts (allauth and our own)


@case
def login(client):
    return Sent(
        reverse("account_login"),
        {"login": "ola@example.org", "password": ""},
        errors=["password"],
        kept={"login": "ola@example.org"},
        saved=lambda: client.session.get("_auth_user_id"),
    )


@case
def signup(client):
    return Sent(
        reverse("account_signup"),
        {
            "email": "ikke-en-adresse",
            "full_name": "Kari Nordmann",
            "password1": "x7-Kari-lang",
            "password2": "x7-Kari-lang",
        },
        errors=["email"],
        kept={"full_name": "Kari Nordmann"},
        saved=get_user_model().objects.count,
    )


@case
def password_reset(client):
    return Sent(reverse("account_reset_password"), {"email": "ikke-en-adresse"}, errors=["email"])


@case
def password_change(client):
    user = signed_in(client, UserFactory())
    return Sent(
        reverse("account_change_password"),
        {"oldpassword": "ikke passordet", "password1": "x7-nytt-langt", "password2": "x7-nytt-langt"},
        errors=["oldpassword"],
        saved=lambda: get_user_model().objects.get(pk=user.pk).password,
    )


@case
def email_add(client):
    user = signed_in(client, UserFactory())
    return Sent(
        reverse("account_email"),
        {"action_add": "", "email": "ikke-en-adresse"},
        errors=["email"],
        kept={"email": "ikke-en-adresse"},
        saved=user.emailaddress_set.count,
    )


@case
def api_token(client):
    signed_in(client, UserFactory())
    return Sent(reverse("api_token"), {"name": ""}, errors=["name"], saved=ApiToken.objects.count)


@case
def reauthenticate(client):
    signed_in(client, UserFactory())
    return Sent(reverse("account_reauthenticate"), {"password": "ikke passordet"}, errors=["password"])


@case
def totp_activate(client):
    user = signed_in(client, UserFactory())
    # allauth asks for the password again unless it was given a moment ago.
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    return Sent(
        reverse("mfa_activate_totp"),
        {"code": "123"},
        errors=["code"],
        saved=lambda: user.authenticator_set.count(),
    )


# register: the counsellor's own pages


@case
def profile(client):
    user = signed_in(client, UserFactory())
    data = {
        "workplace_type": "upper_secondary",
        "workplace_name": "Testby videregående skole",
        "county": county().pk,
        "job_title": "Rådgiver",
        "position_percentage": "150",
        "home_centre": "",
    }
    return Sent(
        reverse("profile"),
        data,
        errors=["position_percentage"],
        kept={"workplace_name": "Testby videregående skole", "job_title": "Rådgiver"},
        saved=CounsellorProfile.objects.filter(user=user).count,
    )


def _credit_data(areas, **changes):
    data = {
        "title": "Karriereveiledning 1",
        "institution": "Høgskolen i Innlandet",
        "course_code": "KAR101",
        "credits": "7,5",
        "completed_on": YESTERDAY.isoformat(),
        "areas": [areas[0].pk],
        "evidence": pdf_upload(),
    }
    data.update(changes)
    return data


@case
def credit_create(client):
    counsellor(client)
    areas = competence_areas()
    return Sent(
        reverse("credit_create"),
        _credit_data(areas, credits="61"),
        errors=["credits"],
        kept={"title": "Karriereveiledning 1", "course_code": "KAR101"},
        saved=CreditEntry.objects.count,
    )


@case
def credit_edit(client):
    owner = counsellor(client)
    areas = competence_areas()
    entry = log_credit(owner, [areas[0]])
    return Sent(
        reverse("credit_edit", args=[entry.pk]),
        _credit_data(areas, title="Karriereveiledning 2", credits="0", evidence=""),
        errors=["credits"],
        kept={"title": "Karriereveiledning 2"},
        saved=lambda: CreditEntry.objects.values_list("title", "credits").get(pk=entry.pk),
    )


@case
def credit_resubmit(client):
    owner = counsellor(client)
    areas = competence_areas()
    verifier = personas.centre_staff(owner.counsellor_profile.home_centre, Role.VERIFIER)
    entry = log_credit(owner, [areas[0]])
    register_services.credit_request_information(credit=entry, verifier=verifier, message="Hvilket semester?")
    return Sent(
        reverse("credit_resubmit", args=[entry.pk]),
        _credit_data(areas, title="Karriereveiledning 1, høst", evidence="", message=""),
        errors=["message"],
        kept={"title": "Karriereveiledning 1, høst"},
        saved=lambda: CreditEntry.objects.values_list("title", "status").get(pk=entry.pk),
    )


def _cpd_data(**changes):
    data = {"title": "Fagdag om karrierelæring", "date": YESTERDAY.isoformat(), "hours": "3,5", "kind": "course"}
    data.update(changes)
    return data


@case
def cpd_create(client):
    counsellor(client)
    return Sent(
        reverse("cpd_create"),
        _cpd_data(hours="0", reflection="Nyttig dag."),
        errors=["hours"],
        kept={"title": "Fagdag om karrierelæring", "reflection": "Nyttig dag."},
        saved=CPDActivity.objects.count,
    )


@case
def cpd_edit(client):
    owner = counsellor(client)
    activity = log_hours(owner)
    return Sent(
        reverse("cpd_edit", args=[activity.pk]),
        _cpd_data(title="Fagdag, endret", date=(today() + datetime.timedelta(days=3)).isoformat()),
        errors=["date"],
        kept={"title": "Fagdag, endret"},
        saved=lambda: CPDActivity.objects.values_list("title", "date").get(pk=activity.pk),
    )


@case
def self_assessment(client):
    counsellor(client)
    first, second, *_ = competence_areas()
    data = {f"level_{area.pk}": "not_yet" for area in CompetenceArea.objects.all()}
    data[f"note_{first.pk}"] = "x" * 1001
    data[f"note_{second.pk}"] = "Jeg vil lære mer om dette."
    return Sent(
        reverse("self_assessment"),
        data,
        errors=[f"note_{first.pk}"],
        kept={f"note_{second.pk}": "Jeg vil lære mer om dette."},
        saved=SelfAssessment.objects.count,
    )


@case
def statement_issue(client):
    counsellor(client)
    return Sent(
        reverse("statement_list"),
        {"valid_days": "0"},
        errors=["valid_days"],
        kept={"valid_days": "0"},
        saved=CompetenceStatement.objects.count,
    )


@case
def home_centre_request(client):
    signed_in(client, personas.counsellor())
    return Sent(
        reverse("home_centre"),
        {"action": "request", "centre": "999999", "message": "Jeg jobber i Oslo."},
        errors=["centre"],
        kept={"message": "Jeg jobber i Oslo."},
        saved=HomeCentreRequest.objects.count,
    )


@case
def account_delete(client):
    counsellor(client)
    return Sent(
        reverse("account_delete"),
        {"password": "ikke passordet"},
        errors=["password"],
        saved=get_user_model().objects.filter(is_active=True).count,
    )


def _audited(centre):
    """A drawn audit item: the counsellor's self-declared hours, drawn by the centre's admin."""
    owner = personas.counsellor(home_centre=centre)
    log_hours(owner)
    admin = personas.centre_staff(centre, Role.ADMIN)
    register_services.audit_draw(centre=centre, actor=admin)
    return AuditItem.objects.get(owner=owner)


@case
def audit_evidence(client):
    item = _audited(CentreFactory())
    signed_in(client, item.owner)
    return Sent(
        reverse("audit_item", args=[item.pk]),
        {"evidence": "", "message": "Kursbeviset kommer."},
        errors=["evidence"],
        kept={"message": "Kursbeviset kommer."},
        saved=lambda: AuditItem.objects.values_list("evidence", flat=True).get(pk=item.pk),
    )


@case
def audit_decision(client):
    centre = CentreFactory()
    item = _audited(centre)
    register_services.audit_submit(item=item, actor=item.owner, evidence=pdf_upload())
    signed_in(client, personas.centre_staff(centre, Role.VERIFIER))
    return Sent(
        reverse("audit_decide", args=[item.pk]),
        {"decision": "not_confirmed", "reason": ""},
        errors=["reason"],
        kept={"decision": "not_confirmed"},
        saved=lambda: AuditItem.objects.values_list("outcome", flat=True).get(pk=item.pk),
    )


# register: centre staff


@case
def membership_grant(client):
    centre = CentreFactory()
    signed_in(client, personas.centre_staff(centre, Role.ADMIN))
    return Sent(
        reverse("centre_staff", args=[centre.slug]),
        {"email": "ukjent@example.org", "role": "verifier"},
        errors=["email"],
        kept={"email": "ukjent@example.org", "role": "verifier"},
        saved=Membership.objects.count,
    )


@case
def audit_draw(client):
    centre = CentreFactory()
    log_hours(personas.counsellor(home_centre=centre))
    signed_in(client, personas.centre_staff(centre, Role.ADMIN))
    return Sent(
        reverse("audit_draw", args=[centre.slug]),
        {"share": "0"},
        errors=["share"],
        kept={"share": "0"},
        saved=AuditRound.objects.count,
    )


@case
def credit_reject(client):
    centre = CentreFactory()
    entry = log_credit(personas.counsellor(home_centre=centre), competence_areas()[:1])
    signed_in(client, personas.centre_staff(centre, Role.VERIFIER))
    return Sent(
        reverse("verification_detail", args=[entry.pk]),
        {"action": "reject", "reject-reason": ""},
        errors=["reject-reason"],
        saved=lambda: CreditEntry.objects.values_list("status", flat=True).get(pk=entry.pk),
    )


@case
def cpd_evidence_decline(client):
    centre = CentreFactory()
    activity = log_hours(personas.counsellor(home_centre=centre), evidence=pdf_upload())
    signed_in(client, personas.centre_staff(centre, Role.VERIFIER))
    return Sent(
        reverse("cpd_verification", args=[activity.pk]),
        {"action": "decline", "decline-reason": ""},
        errors=["decline-reason"],
        saved=lambda: CPDActivity.objects.values_list("review", flat=True).get(pk=activity.pk),
    )


# register: the national administrators' pages


def national_admin(client):
    return signed_in(client, personas.national_admin())


@case
def coverage_standard(client):
    national_admin(client)
    return Sent(
        reverse("overview_standard"),
        {"max_adults_per_centre": "0", "min_centres_per_county": "2", "note": "Ny anbefaling"},
        errors=["max_adults_per_centre"],
        kept={"min_centres_per_county": "2", "note": "Ny anbefaling"},
        saved=CoverageStandard.objects.count,
    )


@case
def population_upload(client):
    national_admin(client)
    return Sent(reverse("overview_population"), {"file": ""}, errors=["file"])


@case
def funding_scenario(client):
    national_admin(client)
    return Sent(
        reverse("funding_scenarios"),
        {
            "name": "Fordeling 2026",
            "total": "",
            "base_per_county": "100000",
            "population_weight": "50",
            "shortfall_weight": "50",
            "incentive_weight": "0",
        },
        errors=["total"],
        kept={"name": "Fordeling 2026", "base_per_county": "100000"},
        saved=FundingScenario.objects.count,
    )


@case
def competence_area(client):
    national_admin(client)
    competence_areas()
    return Sent(
        reverse("area_create"),
        {"number": "1", "name_nb": "Karrierelæring", "name_en": "Career learning"},
        errors=["number"],
        kept={"name_nb": "Karrierelæring", "name_en": "Career learning"},
        saved=CompetenceArea.objects.count,
    )


@case
def requirement_set(client):
    national_admin(client)
    areas = competence_areas()
    data = {
        "workplace_type": "upper_secondary",
        "name": "Minstekrav skole 2030",
        "effective_from": "2020-01-01",
        "min_credits": "60",
        "min_core_credits": "0",
        "required_areas": [areas[0].pk],
        "cpd_hours": "25",
        "cpd_min_evidenced_hours": "0",
        "cpd_cycle": "rolling",
        "cpd_cycle_months": "36",
    }
    return Sent(
        reverse("requirement_create"),
        data,
        errors=["effective_from"],
        kept={"name": "Minstekrav skole 2030", "cpd_hours": "25"},
        saved=RequirementSet.objects.count,
    )


@case
def verify_code(client):
    return Sent(
        reverse("verify"),
        {"code": "123", "organisation": "NAV Oslo"},
        errors=["code"],
        kept={"organisation": "NAV Oslo"},
        saved=StatementLookup.objects.count,
    )


# forum


def forum_member(client):
    user = counsellor(client)
    category = make_category(CategoryKind.NATIONAL, "praksis")
    return user, category


@case
def thread_create(client):
    _, category = forum_member(client)
    return Sent(
        reverse("forum:thread_create", args=[category.slug]),
        {"title": "", "body": "Hvilke verktøy bruker dere?"},
        errors=["title"],
        kept={"body": "Hvilke verktøy bruker dere?"},
        saved=Thread.objects.count,
    )


@case
def reply(client):
    user, category = forum_member(client)
    thread = forum_services.thread_create(category=category, author=user, title="Verktøy", body="Tips?")
    return Sent(reverse("forum:reply", args=[thread.pk]), {"body": ""}, errors=["body"], saved=Post.objects.count)


@case
def post_edit(client):
    user, category = forum_member(client)
    thread = forum_services.thread_create(category=category, author=user, title="Verktøy", body="Tips?")
    post = thread.posts.get()
    return Sent(
        reverse("forum:post_edit", args=[post.pk]),
        {"body": ""},
        errors=["body"],
        saved=lambda: Post.objects.values_list("body", flat=True).get(pk=post.pk),
    )


def _someone_elses_post():
    category = Category.objects.get(slug="praksis")
    author = personas.counsellor(home_centre=CentreFactory())
    thread = forum_services.thread_create(category=category, author=author, title="Verktøy", body="Tips?")
    return thread.posts.get()


@case
def flag(client):
    forum_member(client)
    post = _someone_elses_post()
    return Sent(
        reverse("forum:flag", args=[post.pk]),
        {"reason": "", "note": "Navn på en elev."},
        errors=["reason"],
        kept={"note": "Navn på en elev."},
        saved=Flag.objects.count,
    )


def forum_moderator(client):
    category = make_category(CategoryKind.NATIONAL, "praksis")
    user = personas.counsellor(home_centre=CentreFactory())
    register_services.national_role_grant(user=user, role=NationalRoleKind.MODERATOR, actor=None)
    signed_in(client, user)
    return user, category


@case
def post_moderate(client):
    forum_moderator(client)
    post = _someone_elses_post()
    return Sent(
        reverse("forum:post_moderate", args=[post.pk]),
        {"action": "hide", "reason": ""},
        errors=["reason"],
        saved=lambda: Post.objects.values_list("is_hidden", flat=True).get(pk=post.pk),
    )


@case
def thread_moderate(client):
    forum_moderator(client)
    thread = _someone_elses_post().thread
    return Sent(
        reverse("forum:thread_moderate", args=[thread.pk]),
        {"action": "move", "category": "", "reason": "Hører hjemme i en annen kategori."},
        errors=["category"],
        kept={"action": "move", "reason": "Hører hjemme i en annen kategori."},
        saved=lambda: Thread.objects.values_list("category", flat=True).get(pk=thread.pk),
    )


@case
def revision_redact(client):
    forum_moderator(client)
    post = _someone_elses_post()
    forum_services.post_edit(post=post, editor=post.author, body="Tips? (rettet)")
    revision = post.revisions.get()
    return Sent(
        reverse("forum:revision_redact", args=[post.pk, revision.pk]),
        {"reason": ""},
        errors=["reason"],
        saved=lambda: post.revisions.values_list("body", flat=True).get(pk=revision.pk),
    )


@case
def group_add(client):
    forum_moderator(client)
    group = make_category(CategoryKind.GROUP, "veiledning-av-innvandrere")
    return Sent(
        reverse("forum:group_members", args=[group.slug]),
        {"action": "add", "email": "ukjent@example.org", "role": "moderator"},
        errors=["email"],
        kept={"email": "ukjent@example.org", "role": "moderator"},
        saved=GroupMembership.objects.filter(category=group).count,
    )


# events


def _event_data(centre, **changes):
    starts = datetime.datetime.combine(today() + datetime.timedelta(days=14), datetime.time(9))
    data = {
        "title": "Fagdag om karrierelæring",
        "description": "Et kurs for rådgivere.",
        "kind": "course",
        "audience": "school",
        "county": centre.county.pk,
        "address": "Storgata 1, 0155 Oslo",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + datetime.timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M"),
        "capacity": "30",
        "cpd_hours": "6",
    }
    data.update(changes)
    return data


def organiser(client):
    centre = CentreFactory()
    signed_in(client, personas.centre_staff(centre, Role.ORGANISER))
    return centre


@case
def event_create(client):
    centre = organiser(client)
    return Sent(
        reverse("events:create"),
        _event_data(centre, title=""),
        errors=["title"],
        kept={"description": "Et kurs for rådgivere.", "capacity": "30"},
        saved=Event.objects.count,
    )


@case
def event_edit(client):
    centre = organiser(client)
    event = make_event(centre)
    return Sent(
        reverse("events:edit", args=[event.pk]),
        _event_data(centre, title="Fagdag, ny tittel", cpd_hours="1000"),
        errors=["cpd_hours"],
        kept={"title": "Fagdag, ny tittel"},
        saved=lambda: Event.objects.values_list("title", "cpd_hours").get(pk=event.pk),
    )


@case
def event_cancel(client):
    event = make_event(organiser(client))
    too_long = "Vi må avlyse. " * 200
    return Sent(
        reverse("events:cancel", args=[event.pk]),
        {"reason": too_long},
        errors=["reason"],
        kept={"reason": too_long.strip()},
        saved=lambda: Event.objects.values_list("status", flat=True).get(pk=event.pk),
    )


@case
def event_message(client):
    event = make_event(organiser(client))
    return Sent(
        reverse("events:message", args=[event.pk]),
        {"subject": "", "body": "Husk å ta med PC."},
        errors=["subject"],
        kept={"body": "Husk å ta med PC."},
        saved=EventMessage.objects.count,
    )


# e-guidance


QUESTION = "Jeg er 45 år og vil bytte fra butikk til helse. Hvilken utdanning bør jeg velge?"


@case
def ask(client):
    return Sent(
        reverse("guidance:ask"),
        {"text": "Hei", "topic": Topic.CHANGING_JOBS, "email": "asker@example.org"},
        errors=["text", "consent"],
        kept={"text": "Hei", "topic": Topic.CHANGING_JOBS, "email": "asker@example.org"},
        saved=Question.objects.count,
    )


def _question(**fields):
    return guidance_services.question_ask(
        text=QUESTION, topic=Topic.CHANGING_JOBS, county=county("46"), email="", **fields
    )


def _answered():
    centre = CentreFactory(county=county("46"))
    counsellor_ = personas.centre_staff(centre, Role.E_GUIDANCE)
    question = guidance_services.question_claim(question=_question(), counsellor=counsellor_)
    return guidance_services.question_answer(question=question, counsellor=counsellor_, body="Se på helsefag.")


@case
def follow_up(client):
    question = _answered()
    return Sent(
        reverse("guidance:follow_up", args=[question.token]),
        {"text": "Takk!"},
        errors=["text"],
        kept={"text": "Takk!"},
        saved=Message.objects.count,
    )


@case
def conversation_delete(client):
    question = _answered()
    return Sent(
        reverse("guidance:delete", args=[question.token]),
        {},
        errors=["confirm"],
        saved=Question.objects.count,
    )


def e_counsellor(client):
    centre = CentreFactory(county=county("46"))
    return signed_in(client, personas.centre_staff(centre, Role.E_GUIDANCE))


@case
def answer(client):
    user = e_counsellor(client)
    question = guidance_services.question_claim(question=_question(), counsellor=user)
    return Sent(
        reverse("guidance:answer", args=[question.pk]),
        {"answer-body": "", "answer-refer_to": "999999"},
        errors=["answer-body", "answer-refer_to"],
        saved=Message.objects.count,
    )


@case
def note(client):
    user = e_counsellor(client)
    question = guidance_services.question_claim(question=_question(), counsellor=user)
    return Sent(
        reverse("guidance:note", args=[question.pk]),
        {"note-body": ""},
        errors=["note-body"],
        saved=InternalNote.objects.count,
    )


@case
def faq_new(client):
    e_counsellor(client)
    question = _answered()
    return Sent(
        reverse("guidance:faq_new", args=[question.pk]),
        {"title": "", "question": "Kan jeg bytte yrke?", "answer": "Ja.", "topic": Topic.CHANGING_JOBS},
        errors=["title", "anonymised"],
        kept={"question": "Kan jeg bytte yrke?", "answer": "Ja.", "topic": Topic.CHANGING_JOBS},
        saved=FaqEntry.objects.count,
    )


# notifications


@case
def notification_settings(client):
    user = counsellor(client)
    first, second, *_ = [kind.key for kind, _delivery in preferences_for(user=user)]
    return Sent(
        reverse("notifications:settings"),
        {first: "every-minute", second: "off"},
        errors=[first],
        kept={second: "off"},
        saved=NotificationPreference.objects.count,
    )


# The checks


def text_of(element):
    return re.sub(r"\s+", " ", element.get_text(" ")).strip()


def same_words(text):
    """A message or help text as the page shows it (help texts may hold a link)."""
    return text_of(BeautifulSoup(str(text), "html.parser"))


def rendered_forms(response):
    """The bound forms the view rendered with errors (where the expected messages are read from)."""
    found = {}
    for context in response.context:
        for value in context.flatten().values():
            if isinstance(value, BaseForm) and value.is_bound and value.errors:
                found[id(value)] = value
    return list(found.values())


def erroneous_fields(response):
    """{html name: bound field} of every field in error."""
    return {
        form[name].html_name: form[name]
        for form in rendered_forms(response)
        for name in form.errors
        if name in form.fields
    }


def controls(soup, name, anchor_id=None):
    """The inputs named ``name``; with ``anchor_id`` (the field's id) only those of that field, as another
    form on the page may use the same name."""
    scope = soup
    if anchor_id is not None:
        scope = soup.find(id=anchor_id)
        assert scope is not None, f"the field {name!r} has its id {anchor_id!r} on the page"
        if scope.get("name") == name:
            return [scope]
    found = [tag for tag in scope.find_all(attrs={"name": name}) if tag.get("type") != "hidden"]
    assert found, f"no input named {name!r} on the page"
    return found


def described_by(control):
    """The element whose aria-describedby speaks for the control: itself, or the fieldset around its options."""
    if control.get("aria-describedby"):
        return control
    return control.find_parent("fieldset", attrs={"aria-describedby": True})


def field_id(response, name):
    """The id of the field named ``name`` (its html name) in the form the view rendered with errors."""
    for form in rendered_forms(response):
        for bound in form:
            if bound.html_name == name:
                return bound.auto_id
    return None


def value_in_form(soup, name, anchor_id):
    found = controls(soup, name, anchor_id)
    first = found[0]
    if first.name == "textarea":
        return first.get_text().strip()
    if first.name == "select":
        selected = first.find("option", selected=True)
        return selected.get("value") if selected else None
    if first.get("type") in ("radio", "checkbox"):
        checked = [tag.get("value") for tag in found if tag.has_attr("checked")]
        return checked[0] if len(checked) == 1 else checked
    return first.get("value")


@pytest.mark.parametrize("make", CASES, ids=lambda make: make.__name__)
def test_a_form_sent_back_with_errors_says_so_ties_each_message_to_its_field_and_keeps_the_input(client, make):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    sent = make(client)
    before = sent.saved()

    response = client.post(sent.url, sent.data)

    assert response.status_code == 200, response.get("Location")
    assert sent.saved() == before, "nothing is saved"
    soup = BeautifulSoup(response.content, "html.parser")
    assert text_of(soup.title).startswith("Feil:"), text_of(soup.title)

    fields = erroneous_fields(response)
    assert sorted(fields) == sorted(sent.errors)
    summary = soup.select_one(".ds-error-summary")
    assert summary is not None, "the page has an error summary"
    assert summary.get("tabindex") == "-1", "the summary can take focus (static/js/site.js moves it there)"
    for name, bound in fields.items():
        messages = [same_words(message) for message in bound.errors]
        for control in controls(soup, name, bound.auto_id):
            assert control.get("aria-invalid") == "true", f"{name} is marked invalid"
            owner = described_by(control)
            assert owner is not None, f"{name} has aria-describedby"
            ids = owner["aria-describedby"].split()
            described = [soup.find(id=ref) for ref in ids]
            assert all(described), f"every id in {name}'s aria-describedby ({ids}) is on the page"
            description = " ".join(text_of(element) for element in described)
            for message in messages:
                assert message in description, f"{name}'s description holds its message {message!r}"
            if bound.help_text:
                assert same_words(bound.help_text) in description, f"{name}'s description holds its help text"
            # The summary's link goes to the control or to the group of options around it.
            targets = {control.get("id")} | {parent.get("id") for parent in control.parents if parent.get("id")}
            links = [link for link in summary.find_all("a") if link.get("href", "").removeprefix("#") in targets]
            assert links, f"the summary links to {name}"
            label = same_words(bound.label).lower()
            for message in messages:
                said = [text_of(link) for link in links if message in text_of(link)]
                assert said, f"the summary's link says {message!r}"
                assert any(label in text.lower() for text in said), f"the summary's link names the field {label!r}"

    for name, value in sent.kept.items():
        assert value_in_form(soup, name, field_id(response, name)) == value, f"what was typed in {name} is still there"
