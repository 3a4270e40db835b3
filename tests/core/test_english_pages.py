"""No English page shows bokmål in its frame, and notices read in English whatever language caused them (#17).

Each visitor (anonymous, each role) opens the pages it may use in English. The page's frame (header, menus,
user menu, language switch, breadcrumbs, pagination, footer and title) must hold no text that the bokmål
catalogue gives as a translation: every ``msgstr`` that differs from its ``msgid`` is a bokmål text, so
a string left untranslated in a template, a hard-coded Norwegian label or a bokmål page title shows up
without a word list kept by hand. Texts are compared whole (a text node, a link's text, a label), so a
centre's name that happens to contain a Norwegian word does not count.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.models import Page

from core.navigation import Menu, menu_items
from core.phrases import Phrase, nphrase, phrase
from events.services import registration_register
from forum.models import CategoryKind
from forum.services import thread_create
from guidance.models import Topic
from guidance.services import question_ask, question_claim
from notifications.services import notice_send
from portal.services import sync_portal_pages
from register import services
from register.models import CounsellorProfile, Membership, Role
from register.permissions import is_professional, roles_of
from tests import personas
from tests.events.conftest import make_event
from tests.factories import county, pdf_upload
from tests.forum.conftest import make_category

pytestmark = pytest.mark.django_db

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "nb" / "LC_MESSAGES" / "django.po"
# Shorter texts ("Ja", "Nei", "Fra") are left out: too many names and numbers would match them by chance.
MIN_LENGTH = 4
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sdf]|\{\{?\s*\w+\s*\}?\}")


@cache
def bokmal_texts() -> tuple[frozenset[str], re.Pattern[str]]:
    """The catalogue's bokmål texts: the fixed ones as a set, those with parameters as one pattern.

    A translation that is itself an English source text elsewhere ("Status", "Forum") is not evidence of
    bokmål, so it is left out."""
    catalogue = polib.pofile(str(CATALOGUE))
    sources = {" ".join(entry.msgid.split()) for entry in catalogue} | {
        " ".join(entry.msgid_plural.split()) for entry in catalogue if entry.msgid_plural
    }
    fixed, patterns = set(), set()
    for entry in catalogue:
        translations = [entry.msgstr, *entry.msgstr_plural.values()]
        for text in (" ".join(text.split()) for text in translations):
            if not text or text in sources:
                continue
            pieces = PLACEHOLDER.split(text.replace("%%", "%"))
            if len(pieces) == 1:
                if len(text) >= MIN_LENGTH:
                    fixed.add(text)
            elif sum(len(piece.strip()) for piece in pieces) >= MIN_LENGTH:
                patterns.add(".+?".join(re.escape(piece) for piece in pieces))
    return frozenset(fixed), re.compile("|".join(sorted(patterns)))


def bokmal_in(texts: Iterator[str] | list[str]) -> list[str]:
    fixed, pattern = bokmal_texts()
    return sorted({text for text in texts if text in fixed or pattern.fullmatch(text)})


# The page's frame: what every page has around its own content.
FRAME = {"header", "footer", "nav"}
# Elements whose whole text is also compared (a link's text across a badge, a button, a list item).
WHOLE = {"a", "button", "summary", "li", "label", "h1", "h2", "p", "option"}
SPOKEN = ("aria-label", "title", "placeholder", "alt")


class Frame(HTMLParser):
    """The texts of the frame (text nodes, whole texts of links, buttons and items, and what screen readers
    say of an element), and the labels of the site menu's links."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.texts: list[str] = []
        self.whole: list[list[str]] = []
        self.menu_labels: list[str] = []
        self.in_menu_link = False
        self.in_title = False
        self.title = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "title":
            self.in_title = True
            return
        if tag in FRAME:
            self.depth += 1
        if not self.depth:
            return
        self.texts += [" ".join(attributes[name].split()) for name in SPOKEN if attributes.get(name)]
        if tag in WHOLE:
            self.whole.append([])
        if tag == "a" and "site-nav__link" in (attributes.get("class") or "").split():
            self.in_menu_link = True
            self.menu_labels.append("")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
            return
        if self.depth and tag in WHOLE and self.whole:
            self.texts.append(" ".join("".join(self.whole.pop()).split()))
        if tag == "a":
            self.in_menu_link = False
        if tag in FRAME:
            self.depth -= 1

    def handle_data(self, data):
        if self.in_title:
            self.title += data
            return
        if not self.depth:
            return
        text = " ".join(data.split())
        self.texts.append(text)
        for collected in self.whole:
            collected.append(data)
        if self.in_menu_link and not self.menu_labels[-1]:
            self.menu_labels[-1] = text


def read_frame(html: str) -> Frame:
    parser = Frame()
    parser.feed(html)
    parser.close()
    return parser


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def english_menu(response) -> list[str]:
    """The labels the menu registry gives this request's visitor under English."""
    request = response.wsgi_request
    request.__dict__.pop("_nav_menus", None)
    with translation.override("en"):
        items = menu_items(request, Menu.WORKSPACE) or menu_items(request, Menu.PUBLIC)
    return [item.label for item in items]


@dataclass
class World:
    """What the pages show: the portal, an event with a place for the visitor, a forum thread, a question
    in the e-guidance queue and a counsellor's entry waiting at the centre."""

    centre_slug: str
    event_pk: int
    category_slug: str
    thread_pk: int
    question_pk: int
    credit_pk: int
    counsellor_pk: int
    own_credit_pk: int = 0
    own_statement_pk: int = 0


def new_credit(owner, areas, title):
    return services.credit_create(
        owner=owner,
        title=title,
        institution="Universitetet i Oslo",
        credits=Decimal("15"),
        completed_on=date(2026, 6, 1),
        areas=[areas[0]],
        evidence=pdf_upload(),
    )


def build_world(centre, areas, visitor) -> World:
    sync_portal_pages()
    event = make_event(centre, areas=[areas[0]], capacity=10, title="Fagdag i karriereveiledning")
    category = make_category(CategoryKind.NATIONAL, "praksis-og-metode")
    colleague = personas.counsellor(home_centre=centre, email="kollega@example.org")
    with translation.override("nb"):
        # Caused in bokmål, as on a page read in bokmål: the centre's verifiers are told of the new entry.
        credit = new_credit(colleague, areas, "Karriereveiledning 1")
        own_credit = new_credit(visitor, areas, "Etikk i veiledning") if has_profile(visitor) else None
        thread = thread_create(category=category, author=colleague, title="Om veiledning", body="Hva gjør dere?")
        question = question_ask(
            text="Jeg vil bytte jobb og lurer på hva jeg kan gjøre med fagbrevet mitt.",
            topic=Topic.CHANGING_JOBS,
            county=county("03"),
        )
        if visitor is not None and roles_of(visitor).centre_ids(Role.E_GUIDANCE):
            question_claim(question=question, counsellor=visitor)
        if visitor is not None and is_professional(visitor):
            registration_register(event=event, user=visitor)  # "Your place is confirmed"
    world = World(centre.slug, event.pk, category.slug, thread.pk, question.pk, credit.pk, colleague.pk)
    if own_credit is not None:
        world.own_credit_pk = own_credit.pk
        world.own_statement_pk = services.statement_issue(owner=visitor).pk
    return world


def caused_by_services(visitor) -> list[Phrase]:
    """The linked notices the services sent the visitor, newest first: while ``build_world`` ran, and before
    it, when the persona was given its role (a role's name is a translation, kept lazy in the phrase)."""
    caused = []
    if is_professional(visitor):
        caused.append(phrase("Your place is confirmed: %(title)s", title="Fagdag i karriereveiledning"))
    if roles_of(visitor).centre_ids(Role.VERIFIER):
        caused.append(phrase("New entry to verify: %(title)s", title="Karriereveiledning 1"))
    for membership in Membership.objects.filter(user=visitor).select_related("centre").order_by("-pk"):
        role = Role(membership.role).label
        caused.append(phrase("You are now %(role)s at %(centre)s", role=role, centre=membership.centre.name))
    return caused


def has_profile(visitor) -> bool:
    return visitor is not None and CounsellorProfile.objects.filter(user=visitor).exists()


def recent_notices() -> list[Phrase]:
    """Notices as the services word them, oldest first: the five a dashboard shows."""
    return [
        phrase("Cancelled: %(title)s", title="Fagdag i karriereveiledning"),
        phrase("Verified: %(title)s (%(credits)s credits)", title="Etikk i veiledning", credits=Decimal("7.5")),
        phrase("You were added to “%(group)s”", group="Veiledning av voksne"),
        nphrase(
            "%(count)s new posts in “%(thread)s”, the latest by %(name)s",
            "%(count)s new posts in “%(thread)s”, the latest by %(name)s",
            3,
            thread="Om veiledning",
            name="Kari",
        ),
        phrase("You have a place: %(title)s", title="Fagdag i karriereveiledning"),
    ]


NOTICES_PER_PAGE = 20
STARTS = datetime(2026, 12, 3, 14, 5, tzinfo=ZoneInfo("Europe/Oslo"))


def send_notices(visitor) -> list[Phrase]:
    """Enough notices, sent while bokmål is active, for a second page behind the ones the services sent while
    the world was built; returns the five newest, newest first."""
    newest = recent_notices()
    with translation.override("nb"):
        for number in range(NOTICES_PER_PAGE + 1 - len(newest)):
            notice_send(
                recipient=visitor,
                kind="events.reminder",
                title=phrase("Reminder: %(title)s", title=f"Fagdag {number}"),
                body=phrase("The event starts %(start)s.", start=STARTS),
            )
        for title in newest:
            notice_send(recipient=visitor, kind="register.decision", title=title, link="/min-side/")
    return list(reversed(newest))


PUBLIC = [
    "/",
    "/fylker/",
    "/fylker/oslo/",
    "/nyheter/",
    "/sok/?q=etikk",
    "/sporsmal/",
    "/sporsmal/ofte-stilte/",
    "/sentre/",
    "/sentre/{centre}/",
    "/tilgjengelighet/",
    "/personvern/",
    "/verify/",
    "/statistikk/",
    "/arrangementer/",
    "/arrangementer/kalender/",
    "/arrangementer/{event}/",
]
NOT_FOUND = ["/sentre/finnes-ikke/"]
# Refusals have the frame too.
FORBIDDEN = ["/staff/", "/e-veiledning/"]
ANONYMOUS = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
MEMBER = [
    "/min-side/",
    "/profil/",
    "/notifications/",
    "/notifications/?page=2",
    "/notifications/settings/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/sessions/",
    "/accounts/api-token/",
    "/kompetanse/",
    "/kompetanse/studiepoeng/ny/",
    "/kompetanse/etterutdanning/ny/",
    "/kompetanse/egenvurdering/",
    "/kompetanse/erklaeringer/",
    "/hjemmesenter/",
    "/min-side/slett-konto/",
]
PROFESSIONAL = [
    "/forum/",
    "/forum/k/{category}/",
    "/forum/t/{thread}/",
    "/forum/sok/?q=veiledning",
    "/forum/grupper/",
    "/arrangementer/mine/",
    "/staff/",
]
NETWORK = "/staff/sentre/{centre}/nettverk/"
EVENT_MANAGER = [
    "/arrangementer/staff/",
    "/arrangementer/staff/ny/",
    "/arrangementer/staff/{event}/",
    "/arrangementer/staff/{event}/endre/",
    "/arrangementer/staff/{event}/melding/",
]
MODERATION = ["/forum/moderering/", "/forum/moderering/logg/"]
GUIDANCE = ["/e-veiledning/", "/e-veiledning/{question}/"]
PARTNERSHIPS = [
    "/partnerskap/",
    "/partnerskap/ny/",
    "/partnerskap/retningslinjer/",
    "/partnerskap/oversikt/oslo/",
    "/partnerskap/oversikt/liste/",
]
BY_ROLE = {
    "anonymous": [*PUBLIC, *NOT_FOUND, *ANONYMOUS],
    "plain_user": [*PUBLIC, *MEMBER, *FORBIDDEN],
    "school_counsellor": [
        *PUBLIC,
        *MEMBER,
        *PROFESSIONAL[:-1],
        *FORBIDDEN,
        "/kompetanse/studiepoeng/{own_credit}/",
        "/kompetanse/erklaeringer/{own_statement}/",
        "/arrangementer/{event}/",
    ],
    "verifier": [
        *PUBLIC,
        *MEMBER,
        *PROFESSIONAL,
        "/staff/godkjenning/",
        "/staff/godkjenning/{credit}/",
        NETWORK,
        f"{NETWORK}{{counsellor}}/",
        "/staff/sentre/{centre}/revisjon/",
    ],
    "centre_admin": [
        *PUBLIC,
        *MEMBER,
        *PROFESSIONAL,
        "/staff/sentre/{centre}/",
        NETWORK,
        "/staff/oversikt/senter/{centre}/",
        "/staff/sentre/{centre}/revisjon/",
        *EVENT_MANAGER,
        *PARTNERSHIPS,
    ],
    "organiser": [*PUBLIC, *MEMBER, *PROFESSIONAL, *EVENT_MANAGER],
    "moderator": [*PUBLIC, *MEMBER, *PROFESSIONAL, *MODERATION],
    "hr_officer": [*PUBLIC, *MEMBER, *PROFESSIONAL, NETWORK],
    "e_guidance_counsellor": [*PUBLIC, *MEMBER, *PROFESSIONAL, *GUIDANCE],
    "national_admin": [
        *PUBLIC,
        *MEMBER,
        *PROFESSIONAL,
        *MODERATION,
        *GUIDANCE,
        *EVENT_MANAGER,
        "/e-veiledning/frister/",
        "/e-veiledning/statistikk/",
        "/staff/sentre/{centre}/",
        NETWORK,
        "/staff/oversikt/",
        "/staff/oversikt/fylke/oslo/",
        "/staff/oversikt/fordeling/",
        "/staff/standard/",
        "/staff/revisjon/",
        *PARTNERSHIPS,
        "/partnerskap/oversikt/",
    ],
}


def addresses(persona: str, world: World) -> list[str]:
    values = {
        "centre": world.centre_slug,
        "event": world.event_pk,
        "category": world.category_slug,
        "thread": world.thread_pk,
        "question": world.question_pk,
        "credit": world.credit_pk,
        "counsellor": world.counsellor_pk,
        "own_credit": world.own_credit_pk,
        "own_statement": world.own_statement_pk,
    }
    return [path.format(**values) for path in BY_ROLE[persona]]


def expected_status(persona: str, path: str) -> int:
    if path in NOT_FOUND:
        return 404
    if path in FORBIDDEN and persona in ("plain_user", "school_counsellor"):
        return 403
    return 200


def title_leaks(title: str, response) -> list[str]:
    """Bokmål in the <title>: its "Error:" prefix, its suffix, and the page's own title unless that is a portal
    page's, which editors write in bokmål."""
    page = response.context.get("page") if response.context else None
    own = {page.title, page.seo_title} if isinstance(page, Page) else set()
    title = " ".join(title.split())
    parts = [title, *title.split(" – "), *re.findall(r"^\S+:", title)]
    return bokmal_in([part for part in parts if part not in own])


@pytest.mark.parametrize("persona", BY_ROLE)
def test_no_english_page_shows_bokmal_in_its_frame(client, request, persona, centre, areas):
    visitor = None if persona == "anonymous" else request.getfixturevalue(persona)
    world = build_world(centre, areas, visitor)
    if visitor is not None:
        send_notices(visitor)
        client.force_login(visitor)
    english(client)
    failures = []

    pages = addresses(persona, world)
    for path in pages:
        response = client.get(path)
        expected = expected_status(persona, path)
        if response.status_code != expected:
            failures.append(f"{path}: status {response.status_code}, expected {expected}")
            continue
        frame = read_frame(response.content.decode())
        leaks = bokmal_in(frame.texts) + title_leaks(frame.title, response)
        if leaks:
            failures.append(f"{path}: bokmål in the frame: {leaks}")
        wanted = english_menu(response)
        if frame.menu_labels != wanted:
            failures.append(f"{path}: menu {frame.menu_labels}, expected {wanted}")

    assert not failures, f"{len(failures)} of {len(pages)} pages failed for {persona}:\n" + "\n".join(failures)


NOTICE_LINK = re.compile(r'<a class="ds-link" href="/notifications/\d+/">(.*?)</a>', re.S)
NOTICE_LIST = '<ul class="notice-list">'
DASHBOARD_NOTICES = '<section class="ds-card" aria-labelledby="notices-heading">'


def notices_on(client, url: str, start: str) -> tuple[list[str], list[str]]:
    """The titles of the linked notices in the element that starts with ``start``, and all its texts."""
    html = client.get(url).content.decode()
    begin = html.index(start)
    tag = re.match(r"<(\w+)", start).group(1)
    depth = 0
    for match in re.finditer(rf"<(/?){tag}\b", html[begin:]):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            part = html[begin : begin + match.end()]
            break
    titles = [unescape(" ".join(strip_tags(title).split())) for title in NOTICE_LINK.findall(part)]
    return titles, [text for text in read_frame(f"<nav>{part}</nav>").texts if text]


@pytest.mark.parametrize("persona", [persona for persona in BY_ROLE if persona != "anonymous"])
def test_notices_caused_in_bokmal_read_in_the_readers_language(client, request, persona, centre, areas):
    visitor = request.getfixturevalue(persona)
    build_world(centre, areas, visitor)
    newest = send_notices(visitor)
    caused = caused_by_services(visitor)
    client.force_login(visitor)

    for language, other in (("en", "nb"), ("nb", "en")):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        with translation.override(language):
            wanted = [str(title) for title in newest]
        with translation.override(other):
            unwanted = {str(title) for title in newest}
        for name, url, start in (
            ("notices", reverse("notifications:list"), NOTICE_LIST),
            ("dashboard", reverse("dashboard"), DASHBOARD_NOTICES),
        ):
            titles, texts = notices_on(client, url, start)

            assert titles[: len(wanted)] == wanted, f"{persona}, {name} in {language}: {titles}"
            assert not unwanted & set(texts), f"{persona}, {name} in {language}: {texts}"
            if language == "en":
                assert not bokmal_in(texts), f"{persona}, {name} in English: {bokmal_in(texts)}"
        # The oldest, which the services sent while the world was built, on the second page.
        titles, texts = notices_on(client, f"{reverse('notifications:list')}?page=2", NOTICE_LIST)
        with translation.override(language):
            assert titles == [str(title) for title in caused], f"{persona}, page 2 in {language}: {titles}"
        if language == "en":
            assert not bokmal_in(texts), f"{persona}, page 2 in English: {bokmal_in(texts)}"


def test_the_check_finds_bokmal_where_the_page_is_in_bokmal(client, school_counsellor, centre, areas):
    """The same reading of a page in bokmål finds the frame's bokmål and a menu unlike the English one, so the
    checks above can fail."""
    build_world(centre, areas, school_counsellor)
    send_notices(school_counsellor)
    client.force_login(school_counsellor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"

    for path in ("/fylker/oslo/", "/notifications/", "/staff/"):
        response = client.get(path)
        frame = read_frame(response.content.decode())

        found = bokmal_in(frame.texts)
        assert {"Min side", "Kompetanse", "Varsler", "Logg ut", "Personvernerklæring"} <= set(found), (path, found)
        assert frame.menu_labels != english_menu(response), path
    assert "Fylker" in bokmal_in(read_frame(client.get("/fylker/oslo/").content.decode()).texts)
    assert {"Forrige", "Neste", "Side 1 av 2"} <= set(
        bokmal_in(read_frame(client.get("/notifications/").content.decode()).texts)
    )
