"""Every page of the site, as every kind of visitor, passes axe-core's WCAG 2.1 A and AA rules.

One test per visitor (anonymous, each demo role): one browser context, every page that visitor
can reach. A page that fails is listed with its violations, and the test goes on to the next
page, so one run shows every problem at once.
"""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Event, EventStatus
from forum import services as forum_services
from forum.models import Flag, Post, Thread
from guidance.models import Question
from notifications.tokens import make_unsubscribe_token
from partnerships.models import Agreement
from register import services
from register.models import (
    AttendanceCertificate,
    CompetenceStatement,
    CPDActivity,
    CreditEntry,
    CreditStatus,
    EvidenceLevel,
)
from register.services.statements import format_code
from tests.browser.conftest import ROLES, assert_accessible, axe_violations, demo_email

CENTRE = "karriere-oslo"  # the demo centre the staff roles belong to

PUBLIC_PAGES = [
    "/",
    "/fylker/oslo/",  # the portal's other page types: tests/browser/test_portal_journey.py
    "/standarden/",
    "/sok/?q=etikk",
    "/sporsmal/",  # e-guidance: tests/browser/test_guidance_journey.py walks the rest
    "/sporsmal/ofte-stilte/",
    "/sporsmal/ofte-stilte/?q=ordsomikkefinnes",
    "/sentre/",
    "/sentre/?county=46",
    f"/sentre/{CENTRE}/",
    "/tilgjengelighet/",
    "/personvern/",
    "/verify/",
]
SIGNED_IN_PUBLIC_PAGES = ["/", "/sporsmal/", f"/sentre/{CENTRE}/"]
ANONYMOUS_PAGES = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
MEMBER_PAGES = [
    "/min-side/",
    "/profil/",
    "/notifications/",
    "/notifications/settings/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/sessions/",
    "/accounts/api-token/",
]
# The competence register's own pages: open to every member (with an empty state when they hold nothing).
COMPETENCE_PAGES = [
    "/kompetanse/",
    "/kompetanse/studiepoeng/ny/",
    "/kompetanse/etterutdanning/ny/",
    "/kompetanse/egenvurdering/",
    "/kompetanse/erklaeringer/",
    "/hjemmesenter/",
    "/min-side/slett-konto/",
]
NETWORK = f"/staff/sentre/{CENTRE}/nettverk/"
NETWORK_FILTERED = (
    f"{NETWORK}?q=&workplace_type=upper_secondary&county=03&meets=no&standing=not_yet&has_pending=yes&sort=-credits"
)
AUDITS = f"/staff/sentre/{CENTRE}/revisjon/"
# Who may see the staff pages: everyone with a role at a centre or a national role.
STAFF = {"nasjonal", "leder", "godkjenner", "kurs", "moderator", "hr", "eveileder"}
CENTRE_ADMINS = {"nasjonal", "leder"}
COUNSELLORS = {"senter", "skole", "nav"}  # the demo people with entries of their own
CENTRE_LEADERS = {"leder"}  # admin at Karriere Oslo, without the verifier role
VERIFIERS = {"godkjenner"}  # verifier at Karriere Oslo, skole@'s home centre
NETWORK_VIEWERS = {"nasjonal", "leder", "godkjenner", "hr"}  # national admin; admin, verifier, HR at the centre
STAFF_ONLY_VIEWERS = {"hr"}  # HR sees the centre's own staff; an affiliated counsellor's record is a 404


def unsubscribe_page(local):
    user = get_user_model().objects.get(email=demo_email(local))
    return f"/notifications/unsubscribe/{make_unsubscribe_token(user.pk, 'register.membership')}/"


def demo_user(local):
    return get_user_model().objects.get(email=demo_email(local))


def own_competence_pages(local):
    """A credit entry, a self-declared CPD activity (its page and form) and a competence statement of the
    counsellor's own (a statement is issued if none exists)."""
    owner = demo_user(local)
    credit = CreditEntry.objects.filter(owner=owner).order_by("pk").first()
    activity = CPDActivity.objects.filter(owner=owner, evidence_level=EvidenceLevel.SELF_DECLARED).order_by("pk")[0]
    statement = CompetenceStatement.objects.filter(owner=owner).order_by("pk").first()
    if statement is None:
        statement = services.statement_issue(owner=owner)
    return [
        f"/kompetanse/studiepoeng/{credit.pk}/",
        f"/kompetanse/etterutdanning/{activity.pk}/",
        f"/kompetanse/etterutdanning/{activity.pk}/endre/",
        f"/kompetanse/erklaeringer/{statement.pk}/",
    ]


def pending_entry_of(local):
    return CreditEntry.objects.filter(owner=demo_user(local), status=CreditStatus.PENDING).order_by("pk").first()


def staff_competence_pages(visitor):
    """The verification and network pages, with the status each visitor must get (403 if refused)."""
    verifier_status = 200 if visitor in VERIFIERS else 403
    network_status = 200 if visitor in NETWORK_VIEWERS else 403
    # A centre admin who does not verify is told who does at their centre.
    queue_status = 200 if visitor in VERIFIERS | CENTRE_LEADERS else 403
    return [
        ("/staff/godkjenning/", queue_status),
        ("/staff/godkjenning/?waited=7&county=03&q=a", queue_status),
        (f"/staff/godkjenning/{pending_entry_of('skole').pk}/", verifier_status),
        (NETWORK, network_status),
        (NETWORK_FILTERED, network_status),
        (f"{NETWORK}{demo_user('skole').pk}/", 404 if visitor in STAFF_ONLY_VIEWERS else network_status),
        (AUDITS, 200 if visitor in CENTRE_ADMINS | VERIFIERS else 403),
        ("/staff/revisjon/", 200 if visitor == "nasjonal" else 403),
    ]


FORUM_NATIONAL = "/forum/k/praksis-og-metode/"
FORUM_NETWORK = "/forum/k/nettverket-karriere-oslo/"  # Karriere Oslo's network: staff and affiliated counsellors
FORUM_GROUP_MEMBERS = "/forum/k/veiledning-av-voksne-innvandrere/medlemmer/"  # an open group
FORUM_PAGES = [
    "/forum/",
    FORUM_NATIONAL,
    f"{FORUM_NATIONAL}ny/",
    "/forum/sok/?q=veiledning",
    "/forum/sok/?q=ordsomikkefinnes",
    "/forum/grupper/",
    FORUM_GROUP_MEMBERS,
]
FORUM_MODERATION = ["/forum/moderering/", "/forum/moderering/logg/"]
FORUM_MODERATORS = {"nasjonal", "moderator"}  # national moderator; moderator at Karriere Oslo
OUTSIDE_OSLO_NETWORK = {"nav", "eveileder"}  # neither works at nor belongs to Karriere Oslo


def forum_thread(slug):
    """A demo thread in the category with more than one post."""
    return Thread.objects.filter(category__slug=slug, is_hidden=False).order_by("-post_count", "pk").first()


def flaggable_post(visitor):
    """A visible national post by someone else that ``visitor`` has not flagged yet."""
    flagged = Flag.objects.filter(user=demo_user(visitor)).values("post")
    return (
        Post.objects.filter(thread__category__slug="praksis-og-metode", is_hidden=False, is_deleted=False)
        .exclude(author=demo_user(visitor))
        .exclude(pk__in=flagged)
        .order_by("pk")
        .first()
    )


def edited_post():
    """A post in Karriere Oslo's network with an earlier text in its history (made here: the demo has no edits)."""
    post = (
        Post.objects.filter(
            thread__category__slug="nettverket-karriere-oslo",
            thread__is_locked=False,
            number=1,
            is_hidden=False,
            is_deleted=False,
        )
        .exclude(author=None)
        .order_by("pk")
        .first()
    )
    if not post.revisions.exists():
        forum_services.post_edit(post=post, editor=post.author, body=f"{post.body}\n\nRettet.")
    return post


def forum_pages(visitor):
    """The forum's pages, with the status each demo person must get (404 where even existence is hidden)."""
    network_status = 404 if visitor in OUTSIDE_OSLO_NETWORK else 200
    moderation_status = 200 if visitor in FORUM_MODERATORS else 403
    pages = [(path, 200) for path in FORUM_PAGES]
    pages.append((f"/forum/t/{forum_thread('praksis-og-metode').pk}/?page=1", 200))
    pages.append((FORUM_NETWORK, network_status))
    pages.append((f"/forum/t/{forum_thread('nettverket-karriere-oslo').pk}/?page=1", network_status))
    pages.append((f"/forum/innlegg/{flaggable_post(visitor).pk}/flagg/", 200))
    pages += [(path, moderation_status) for path in FORUM_MODERATION]
    post = edited_post()
    redact_status = network_status if network_status != 200 else moderation_status
    pages.append((f"/forum/innlegg/{post.pk}/historikk/", network_status))
    pages.append((f"/forum/innlegg/{post.pk}/historikk/{post.revisions.get().pk}/fjern/", redact_status))
    return pages


EVENT_PAGES = [
    "/arrangementer/",
    "/arrangementer/?county=03&kind=course&free_places=true&sort=-published",
    "/arrangementer/?date_from=ikke-en-dato",  # a bad filter value: the form shows the error
    "/arrangementer/kalender/",
]
EVENT_MANAGERS = {"nasjonal", "leder", "kurs"}  # national admin; admin and organiser at Karriere Oslo
FULL_COURSE = "Kurs: Veiledning av voksne med innvandrerbakgrunn"  # Karriere Oslo's course with a waiting list


def oslo_event(*, past):
    """A published demo event of Karriere Oslo: the full course, or one that is over (attendance marked)."""
    events = Event.objects.filter(centre__slug=CENTRE, status=EventStatus.PUBLISHED)
    if past:
        return events.filter(ends_at__lt=timezone.now()).order_by("-starts_at").first()
    return events.get(title=FULL_COURSE)


def event_pages(visitor):
    """The events pages, with the status each visitor must get (403 for the organiser pages if refused)."""
    course, past = oslo_event(past=False), oslo_event(past=True)
    pages = [(path, 200) for path in EVENT_PAGES]
    pages += [(f"/arrangementer/{course.pk}/", 200), (f"/arrangementer/{past.pk}/", 200)]
    pages.append(("/arrangementer/999999/", 404))
    if visitor.startswith("anonymous"):
        return pages
    pages.append(("/arrangementer/mine/", 200))
    if visitor in COUNSELLORS:
        certificate = AttendanceCertificate.objects.filter(owner=demo_user(visitor), revoked_at=None).first()
        pages.append((f"/arrangementer/{certificate.source_ref.removeprefix('event:')}/kursbevis/", 200))
    status = 200 if visitor in EVENT_MANAGERS else 403
    pages += [
        ("/arrangementer/staff/", status),
        ("/arrangementer/staff/ny/", status),
        (f"/arrangementer/staff/{course.pk}/", status),
        (f"/arrangementer/staff/{past.pk}/", status),
        (f"/arrangementer/staff/{course.pk}/endre/", status),
        (f"/arrangementer/staff/{course.pk}/avlys/", status),
        (f"/arrangementer/staff/{course.pk}/melding/", status),
    ]
    return pages


GUIDANCE_COUNSELLORS = {"nasjonal", "eveileder"}  # national admin; e-guidance counsellor at Karriere Vestland
GUIDANCE_LEADS = {"nasjonal"}  # leder@ runs Karriere Oslo, which has no e-guidance counsellors


def guidance_pages(visitor):
    """The e-guidance queue, a claimed demo question, and the leads' deadline and statistics pages."""
    claimed = Question.objects.filter(status="claimed").order_by("pk").first()
    counsellor_status = 200 if visitor in GUIDANCE_COUNSELLORS else 403
    lead_status = 200 if visitor in GUIDANCE_LEADS else 403
    return [
        ("/e-veiledning/", counsellor_status),
        ("/e-veiledning/?topic=changing_jobs&county=46", counsellor_status),
        (f"/e-veiledning/{claimed.pk}/", counsellor_status),
        ("/e-veiledning/frister/", lead_status),
        ("/e-veiledning/statistikk/", lead_status),
    ]


def partnership_pages(visitor):
    """The agreement pages for the centre's admin and the national administrator; for everyone else the refusal
    of the list (the other pages refuse with the same page)."""
    if visitor not in CENTRE_ADMINS:
        return [("/partnerskap/", 403)]
    agreement = Agreement.objects.filter(centre__slug=CENTRE, parties__partner_type="nav_office").first()
    national = 200 if visitor == "nasjonal" else 403
    return [
        ("/partnerskap/", 200),
        (f"/partnerskap/{agreement.pk}/", 200),
        ("/partnerskap/retningslinjer/", 200),
        ("/partnerskap/oversikt/oslo/", 200),
        ("/partnerskap/oversikt/", national),
    ]


def pages_for(visitor):
    """(path, expected status) for every page ``visitor`` is checked on.

    Pages a visitor may not open are checked too: the refusal page must be accessible as well. The public
    portal pages are the same for everyone but the header, so signed-in visitors are checked on three of them.
    """
    public = PUBLIC_PAGES if visitor == "anonymous" else SIGNED_IN_PUBLIC_PAGES
    pages = [(path, 200) for path in public]
    pages.append(("/sentre/finnes-ikke/", 404))
    pages += event_pages(visitor)
    if visitor.startswith("anonymous"):
        pages += [(path, 200) for path in ANONYMOUS_PAGES]
        pages.append((unsubscribe_page("senter"), 200))
        return pages
    pages += [(path, 200) for path in MEMBER_PAGES]
    pages.append(("/staff/", 200 if visitor in STAFF else 403))
    pages.append((f"/staff/sentre/{CENTRE}/", 200 if visitor in CENTRE_ADMINS else 403))
    pages.append((unsubscribe_page(visitor), 200))
    pages += [(path, 200) for path in COMPETENCE_PAGES]
    if visitor in COUNSELLORS:
        pages += [(path, 200) for path in own_competence_pages(visitor)]
    pages += staff_competence_pages(visitor)
    pages += forum_pages(visitor)
    pages += guidance_pages(visitor)
    pages += partnership_pages(visitor)
    return pages


# What axe does not see: a page wider than the window (a table that does not fit), and buttons that touch.
LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const overflow = document.documentElement.scrollWidth - window.innerWidth;
  if (overflow > 0) {
    const wide = [...document.querySelectorAll("main *")]
      .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 2).map(e => e.tagName + "." + e.className);
    problems.push(`${overflow} px wider than the window: ${wide.join(", ")}`);
  }
  const buttons = [...document.querySelectorAll(".ds-button")]
    .filter(b => b.checkVisibility() && !b.closest(".ds-pagination"));
  const boxes = buttons.map(b => b.getBoundingClientRect());
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      const sameRow = a.top < b.bottom && b.top < a.bottom;
      const gap = Math.max(b.left - a.right, a.left - b.right);
      const stacked = a.left < b.right && b.left < a.right;
      const vgap = Math.max(b.top - a.bottom, a.top - b.bottom);
      if ((sameRow && gap < 4) || (stacked && vgap >= 0 && vgap < 4)) {
        problems.push(`buttons touch: "${buttons[i].textContent.trim()}" and "${buttons[j].textContent.trim()}"`);
      }
    }
  }
  return problems;
}"""


def check_pages(page, pages, *, language="nb"):
    """Open each page, check its status, address and language; then at a laptop's and a phone's width its
    layout and axe. The window is resized on the open page (media queries apply as on a phone), which costs
    one page load for both widths. Return what failed."""
    failures = []
    for path, expected in pages:
        page.set_viewport_size(LAPTOP)
        response = page.goto(path)
        status = response.status if response else None
        ended_at = urlsplit(page.url)
        if status != expected or ended_at.path != urlsplit(path).path:
            failures.append(f"{path}: status {status} at {ended_at.path}, expected {expected} at the address asked for")
            continue
        lang = page.evaluate("document.documentElement.lang")
        if lang != language:
            failures.append(f"{path}: <html lang={lang!r}>, expected {language!r}")
        for width, viewport in (("1366 px", LAPTOP), ("390 px", PHONE)):
            if viewport is PHONE:
                page.set_viewport_size(PHONE)
                page.evaluate("() => new Promise(requestAnimationFrame)")
            violations = axe_violations(page) + page.evaluate(LAYOUT_PROBLEMS)
            if violations:
                failures.append(f"{path} at {width}:\n    " + "\n    ".join(violations))
    return failures


# Every visitor, in bokmål and in English, every page at 1366 and 390 px.
SWEEPS = [(visitor, language) for visitor in ["anonymous", *ROLES] for language in ("nb", "en")]


@pytest.mark.parametrize(("visitor", "language"), SWEEPS)
def test_every_page_passes_axe(visitor, language, open_context):
    locale = "en-GB" if language == "en" else "nb-NO"
    page = open_context(visitor, locale=locale, viewport=LAPTOP).new_page()
    pages = pages_for(visitor)

    failures = check_pages(page, pages, language=language)

    summary = f"{len(failures)} of {len(pages)} pages failed for {visitor} in {language}:\n"
    assert not failures, summary + "\n".join(failures)


def test_pages_for_members_send_anonymous_visitors_to_log_in(site, open_context):
    page = open_context().new_page()
    staff_pages = ["/staff/", f"/staff/sentre/{CENTRE}/", "/staff/godkjenning/", NETWORK]
    thread = forum_thread("praksis-og-metode")
    forum = [*FORUM_PAGES, *FORUM_MODERATION, FORUM_NETWORK, f"/forum/t/{thread.pk}/"]
    forum.append(f"/forum/innlegg/{thread.posts.order_by('number').first().pk}/flagg/")
    events = ["/arrangementer/mine/", "/arrangementer/staff/", "/arrangementer/staff/ny/"]
    guidance = ["/e-veiledning/", "/e-veiledning/frister/", "/e-veiledning/statistikk/"]
    for path in [*MEMBER_PAGES, *COMPETENCE_PAGES, *staff_pages, *forum, *events, *guidance]:
        page.goto(path)
        assert page.url.startswith(f"{site}/accounts/login/?next="), f"{path} ended at {page.url}"


def test_form_errors_pass_axe(open_context):
    """Forms sent back with errors: the error summary and the messages tied to each field."""
    failures = []
    anonymous = open_context().new_page()

    anonymous.goto("/accounts/login/")
    form = anonymous.locator("main form")
    form.locator("input[name=login]").fill(demo_email("senter"))
    form.locator("input[name=password]").fill("wrong password")
    form.locator("button[type=submit]").click()
    anonymous.locator(".ds-error-summary").wait_for()
    expect(anonymous.locator(".ds-error-summary")).to_be_focused()
    assert anonymous.title().startswith("Feil: "), anonymous.title()
    failures += [f"failed login: {v}" for v in axe_violations(anonymous)]

    anonymous.goto("/accounts/signup/")
    form = anonymous.locator("main form")
    form.locator("input[name=email]").fill("not an e-mail address")
    form.locator("button[type=submit]").click()
    anonymous.locator(".ds-error-summary").wait_for()
    failures += [f"sign-up with errors: {v}" for v in axe_violations(anonymous)]

    leader = open_context("leder").new_page()

    leader.goto("/profil/")  # the centre leader has no counsellor profile: every field is empty
    leader.locator("main form button[type=submit]").click()
    leader.locator(".ds-error-summary").wait_for()
    failures += [f"empty profile form: {v}" for v in axe_violations(leader)]

    leader.goto(f"/staff/sentre/{CENTRE}/")
    leader.locator("main form.stack-form button[type=submit]").click()
    leader.locator(".ds-error-summary").wait_for()
    failures += [f"empty role form: {v}" for v in axe_violations(leader)]

    assert not failures, "\n".join(failures)


def send_back_with_errors(page, path, *, form="main form.stack-form", fields=None, button="button[type=submit]"):
    """Open ``path``, fill ``fields`` (name -> value), send the form and wait for the error summary."""
    page.goto(path)
    target = page.locator(form)
    for name, value in (fields or {}).items():
        target.locator(f"[name='{name}']").fill(value)
    with page.expect_navigation():
        target.locator(button).click()
    page.locator(".ds-error-summary").wait_for()
    expect(page.locator(".ds-error-summary").first).to_be_focused()
    assert page.title().startswith(("Feil: ", "Error: ")), page.title()
    return axe_violations(page)


def test_competence_form_errors_pass_axe(open_context):
    """The competence forms sent back with errors, for the counsellor and for the verifier."""
    failures = []
    counsellor = open_context("skole").new_page()
    cases = [
        ("empty credit form", "/kompetanse/studiepoeng/ny/", {}),
        ("credit form with bad values", "/kompetanse/studiepoeng/ny/", {"credits": "61", "completed_on": "2999-01-01"}),
        ("empty professional development form", "/kompetanse/etterutdanning/ny/", {"hours": "0"}),
        ("statement valid for 0 days", "/kompetanse/erklaeringer/", {"valid_days": "0"}),
        ("home centre request without a centre", "/hjemmesenter/", {}),
        ("account deletion with a wrong password", "/min-side/slett-konto/", {"password": "not-the-password"}),
    ]
    for name, path, fields in cases:
        failures += [f"{name}: {v}" for v in send_back_with_errors(counsellor, path, fields=fields)]

    verifier = open_context("godkjenner").new_page()
    failures += [
        f"rejection without a reason: {v}"
        for v in send_back_with_errors(
            verifier,
            f"/staff/godkjenning/{pending_entry_of('skole').pk}/",
            form="main form:has(button[value=reject])",
            button="button[value=reject]",
        )
    ]

    assert not failures, "\n".join(failures)


def test_forum_form_errors_pass_axe(open_context):
    """The forum's forms sent back with errors: a new thread, a reply, a flag, a moderation reason."""
    failures = []
    counsellor = open_context("skole").new_page()
    thread = forum_thread("praksis-og-metode")
    cases = [
        ("empty new-thread form", f"{FORUM_NATIONAL}ny/", "main form.forum-form", {}),
        ("new thread without a text", f"{FORUM_NATIONAL}ny/", "main form.forum-form", {"title": "Bare tittel"}),
        ("empty reply", f"/forum/t/{thread.pk}/?page=1", f"main form[action='/forum/t/{thread.pk}/svar/']", {}),
        ("flag without a reason", f"/forum/innlegg/{flaggable_post('skole').pk}/flagg/", "main form.stack-form", {}),
    ]
    for name, path, form, fields in cases:
        failures += [f"{name}: {v}" for v in send_back_with_errors(counsellor, path, form=form, fields=fields)]

    moderator = open_context("moderator").new_page()
    failures += [
        f"hiding a flagged post without a reason: {v}"
        for v in send_back_with_errors(
            moderator,
            "/forum/moderering/",
            form="main .notice-list > li:first-child form",
            button="button[name=action][value=hide]",
        )
    ]
    assert not failures, "\n".join(failures)


def test_verify_answers_pass_axe(open_context):
    """Every answer /verify/ gives: valid, unknown, revoked, and a code of the wrong shape."""
    valid = CompetenceStatement.objects.filter(owner=demo_user("senter"), revoked_at__isnull=True).first()
    nav = demo_user("nav")
    revoked = services.statement_issue(owner=nav)
    services.statement_revoke(statement=revoked, actor=nav)
    page = open_context().new_page()
    page.goto("/verify/")
    failures = []
    for name, code, answer in [
        ("valid code", format_code(valid.code), "#holder-heading"),
        ("unknown code", "ABCD-EFGH-JKMN-PQRS", "main .ds-alert[data-color=danger]"),
        ("revoked code", format_code(revoked.code), "main .ds-alert[data-color=danger]"),
        ("code of the wrong shape", "123", ".ds-error-summary"),
    ]:
        page.locator("main input[name=code]").fill(code)
        with page.expect_navigation():
            page.locator("main form.verify-form button[type=submit]").click()
        page.locator(answer).wait_for()
        failures += [f"{name}: {v}" for v in axe_violations(page)]
    assert not failures, "\n".join(failures)


NARROW = {"width": 320, "height": 640}
LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize(
    ("visitor", "paths"),
    [
        ("anonymous", ["/", "/accounts/login/", "/accounts/signup/", "/sentre/", f"/sentre/{CENTRE}/"]),
        (
            "anonymous",
            ["/fylker/vestland/", "/fylker/vestland/karriere-vestland/", "/standarden/etiske-retningslinjer/"],
        ),
        ("leder", ["/min-side/", "/profil/", "/notifications/settings/", "/accounts/sessions/", "/staff/"]),
        ("leder", [f"/staff/sentre/{CENTRE}/", "/notifications/", "/accounts/email/", "/accounts/2fa/"]),
        ("leder", ["/partnerskap/", "agreement", "/partnerskap/ny/", "/partnerskap/oversikt/oslo/"]),
        ("skole", ["/kompetanse/", "/kompetanse/studiepoeng/ny/", "/kompetanse/erklaeringer/", "/hjemmesenter/"]),
        ("godkjenner", ["/staff/godkjenning/", NETWORK, NETWORK_FILTERED]),
        ("moderator", ["/forum/", FORUM_NATIONAL, FORUM_NETWORK, "thread", "/forum/sok/?q=veiledning"]),
        ("moderator", [f"{FORUM_NATIONAL}ny/", "/forum/moderering/", "/forum/moderering/logg/", "/forum/grupper/"]),
    ],
)
def test_pages_fit_a_320_pixel_wide_screen(visitor, paths, open_context):
    """WCAG 1.4.10 reflow: at 320 CSS pixels nothing scrolls sideways, and axe still passes."""
    page = open_context(visitor, viewport=NARROW).new_page()
    failures = []
    for path in paths:
        if path == "thread":  # a demo thread in the centre network, with replies
            path = f"/forum/t/{forum_thread('nettverket-karriere-oslo').pk}/?page=1"
        if path == "agreement":  # Karriere Oslo's demo agreement with NAV
            path = Agreement.objects.filter(centre__slug=CENTRE).order_by("pk").first().get_absolute_url()
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > NARROW["width"]:
            failures.append(f"{path}: the page is {width} px wide")
        failures += [f"{path}: {v}" for v in axe_violations(page)]
    assert not failures, "\n".join(failures)


def test_the_axe_check_reports_violations(open_context):
    """The check itself: a page with known WCAG failures must not pass."""
    page = open_context().new_page()
    page.set_content("<html><body><img src='/static/x.png'><button></button></body></html>")

    with pytest.raises(pytest.fail.Exception) as failure:
        assert_accessible(page, "a broken page")

    message = str(failure.value)
    for rule in ("html-has-lang", "document-title", "image-alt", "button-name"):
        assert rule in message
    assert "a broken page" in message


def test_the_formatting_help_opens_and_fits_a_320_pixel_wide_screen(open_context):
    # Without reduced motion Designsystemet opens a details over 0.4 s, and axe would check it half-way open.
    page = open_context("skole", viewport=NARROW, reduced_motion="reduce").new_page()
    page.goto(f"/forum/t/{forum_thread('praksis-og-metode').pk}/?page=1")

    page.locator("details.forum-markdown-help summary").click()

    expect(page.locator("details.forum-markdown-help table")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    assert axe_violations(page) == []
