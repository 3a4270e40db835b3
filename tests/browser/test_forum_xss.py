"""XSS payloads in forum titles and bodies render inert in Chromium.

The threads are written through ``forum.services`` (and one through the real form), then every
page that shows them is opened: the thread, the category list, the forum index, search results,
the edit history, the flag form, the moderation queue and the mentioned user's notices. Every
link inside the posts is clicked. On each page ``window.__xss`` must still be undefined and no
dialog may have opened. The page's CSP would also stop inline scripts, so the DOM is checked as
well: no script element, event-handler attribute or ``javascript:`` URL may reach the page, so a
sanitiser regression is caught even while the CSP holds.
"""

from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from forum import services
from forum.models import Category, FlagReason, Thread
from tests.browser.conftest import assert_accessible, demo_email

CATEGORY = "praksis-og-metode"  # national: every professional may read and post
PROBE = "xssprobe"  # a word in every title and body, to find them all by search

PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    "[klikk](javascript:window.__xss=1)",
    '<svg onload="window.__xss=1"><script>window.__xss=1</script></svg>',
    '<a href="javascript:window.__xss=1">x</a>',
    "<scr<script>ipt>window.__xss=1</script>",
    '"><img src=x onerror=window.__xss=1>',
    "<img src=x onerror=alert(1)>",
    "[lenke](JaVaScRiPt:window.__xss=1)",
    '<a href="jav&#x09;ascript:window.__xss=1">tab</a>',
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    '<details open ontoggle="window.__xss=1"><summary>s</summary></details>',
    '![bilde](x" onerror="window.__xss=1)',
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    '<a href="data:text/html,<script>alert(1)</script>">data</a>',
    "<style>@import 'javascript:window.__xss=1';</style><b style=\"x:expression(window.__xss=1)\">b</b>",
    "[lenke](&#106;avascript:window.__xss=1)",
    "<javascript:window.__xss=1>",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[v](vbscript:msgbox(1))",
    '![bilde](/static/x.png"onerror="window.__xss=1)',
    # Links that survive (with the quotes percent-encoded), so there is something to click.
    '[intern](/forum/?q="><script>window.__xss=1</script>)',
    '[ekstern](https://example.org/"onclick="window.__xss=1)',
    '<https://example.org/"onclick="alert(1)>',
]
AUTHORS = ["skole", "senter", "nav", "eveileder"]  # spread so no one hits the limit of 10 posts a minute

# What must never reach the page's <main>, whatever was typed.
DANGEROUS_DOM = """() => {
  const main = document.querySelector('main');
  const all = [...main.querySelectorAll('*')];
  const urls = all.flatMap(e => ['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc']
    .map(name => e.getAttribute(name)).filter(Boolean));
  return {
    scripts: main.querySelectorAll('script, iframe, object, embed').length,
    handlers: all.filter(e => [...e.attributes].some(a => a.name.toLowerCase().startsWith('on'))).length,
    styles: all.filter(e => e.hasAttribute('style')).length,
    urls: urls.filter(u => /^\\s*(javascript|vbscript|data):/i.test(u.replace(/[\\s\\u0000-\\u001f]/g, ''))),
  };
}"""


def user(local):
    return get_user_model().objects.get(email=demo_email(local))


@pytest.fixture
def xss_threads(site):
    """One thread per payload (payload in title and body), each edited once so it has a history."""
    category = Category.objects.get(slug=CATEGORY)
    threads = []
    for number, payload in enumerate(PAYLOADS):
        author = user(AUTHORS[number % len(AUTHORS)])
        mention = "@moderator " if number == 0 else ""
        thread = services.thread_create(
            category=category,
            author=author,
            title=f"{PROBE} {number} {payload}",
            body=f"{mention}{PROBE} {payload}\n\n- {payload}\n\n> {payload}\n\n`{payload}`",
        )
        first = thread.posts.get(number=1)
        services.post_edit(post=first, editor=author, body=f"{PROBE} endret {payload}\n\n{payload}")
        threads.append(thread)
    return threads


class Watcher:
    """Records every dialog a page opens (and dismisses it, so the page goes on)."""

    def __init__(self, page, site):
        self.page = page
        self.site = site
        self.dialogs = []
        page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message} at {self.page.url}")
        dialog.dismiss()

    def evaluate(self, expression):
        """Evaluate once the page has settled; a navigation started by a click may land late under load."""
        for _attempt in range(10):
            self.page.wait_for_load_state("load")
            try:
                return self.page.evaluate(expression)
            except PlaywrightError as exc:
                if "Execution context was destroyed" not in str(exc):
                    raise
                self.page.wait_for_timeout(200)
        return self.page.evaluate(expression)

    def check(self, where):
        self.page.wait_for_load_state("load")
        self.page.wait_for_timeout(30)  # let onerror/onload handlers of broken images run
        assert self.evaluate("window.__xss") is None, f"a payload ran on {where}"
        assert not self.dialogs, f"a payload opened a dialog on {where}: {self.dialogs}"
        if not self.page.url.startswith(self.site):
            return  # a clicked external link ended on the browser's error page (see block_other_hosts)
        dom = self.evaluate(DANGEROUS_DOM)
        assert dom == {"scripts": 0, "handlers": 0, "styles": 0, "urls": []}, f"{where}: {dom}"


def click_every_post_link(page, watcher, path):
    """Click each link inside the posts of ``path`` (the page open now) in turn, checking after every click."""
    count = page.locator("main .forum-post__body a, main .forum-answer a").count()
    for index in range(count):
        if index:
            page.goto(path)
        link = page.locator("main .forum-post__body a, main .forum-answer a").nth(index)
        href = link.get_attribute("href")
        link.click(force=True, no_wait_after=True, timeout=3000)
        page.wait_for_timeout(100)  # let a navigation the click starts begin before waiting for its load
        watcher.check(f"{path} after clicking link {index} ({href!r})")
    return count


def block_other_hosts(context, site):
    """The test must not reach the internet: requests to any other host fail at once."""
    context.route(lambda url: not url.startswith(site), lambda route: route.abort())
    return context


def test_xss_payloads_in_titles_and_bodies_stay_inert(site, open_context, xss_threads):
    skole = block_other_hosts(open_context("skole"), site).new_page()
    watcher = Watcher(skole, site)

    # One more thread through the real form: a payload title and every payload in the body ----
    title = f"{PROBE} skjema {PAYLOADS[6]}"
    skole.goto(f"/forum/k/{CATEGORY}/ny/")
    form = skole.locator("main form.forum-form")
    form.locator("input[name=title]").fill(title)
    form.locator("textarea[name=body]").fill(f"{PROBE}\n\n" + "\n\n".join(PAYLOADS))
    with skole.expect_navigation():
        form.locator("button[type=submit]").click()
    from_form = Thread.objects.get(title=title)
    expect(skole.locator("main h1")).to_have_text(title)  # shown as the text typed, not as markup
    watcher.check("the thread made through the form")
    threads = [*xss_threads, from_form]

    # Each thread, every link in it clicked, and the edit history -------------------------------
    clicked = 0
    for thread in threads:
        path = f"/forum/t/{thread.pk}/?page=1"
        skole.goto(path)
        expect(skole.locator("main h1")).to_have_text(thread.title)
        watcher.check(f"thread {thread.title!r}")
        clicked += click_every_post_link(skole, watcher, path)
        first = thread.posts.get(number=1)
        if first.edited_at:
            history = f"/forum/innlegg/{first.pk}/historikk/"
            skole.goto(history)
            expect(skole.locator("main .forum-revision")).to_have_count(2)  # the current text and the one before
            watcher.check(f"the edit history of {thread.title!r}")
            clicked += click_every_post_link(skole, watcher, history)
    assert clicked, "the payloads left no link to click: the test would prove nothing about links"

    # The lists and search that show the titles and bodies --------------------------------------
    for path in [
        "/forum/",
        f"/forum/k/{CATEGORY}/",
        f"/forum/sok/?q={PROBE}",
        f"/forum/sok/?q={PROBE}&page=2",
        *(f"/forum/sok/?q={quote(payload)}" for payload in PAYLOADS),
    ]:
        skole.goto(path)
        watcher.check(path)
    skole.goto(f"/forum/sok/?q={PROBE}")
    expect(skole.locator("main .forum-results > li").first).to_be_visible()
    skole.goto(f"/forum/k/{CATEGORY}/")
    for thread in threads[-5:]:  # the newest ones are on the first page
        expect(skole.locator("main table.forum-threads a", has_text=thread.title)).to_have_count(1)
    assert_accessible(skole, "the category list full of payload titles")

    # The flag form, the moderation queue and the notice of the mention -------------------------
    flagged = xss_threads[1].posts.get(number=1)
    skole.goto(f"/forum/innlegg/{flagged.pk}/flagg/")
    watcher.check("the flag form")
    services.flag_create(post=flagged, user=user("skole"), reason=FlagReason.OTHER, note=PAYLOADS[1])
    moderator = block_other_hosts(open_context("moderator"), site).new_page()
    moderator_watcher = Watcher(moderator, site)
    for path in ["/forum/moderering/", "/forum/moderering/logg/", "/notifications/", "/min-side/"]:
        moderator.goto(path)
        moderator_watcher.check(f"{path} for moderator@")
    expect(moderator.locator("header")).to_be_visible()
