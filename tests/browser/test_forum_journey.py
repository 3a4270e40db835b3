"""The forum's whole journey in Chromium, with an axe check on every page visited.

``skole@`` (logged in through the real form) asks a question in the Karriere Oslo network and
mentions ``senter@``, picking ``@siri-senter`` from the editor's list with the keyboard; ``senter@`` is
notified, opens the notice and replies; ``skole@`` sees the
reply as unread and marks it as the answer; ``nav@`` (outside the Oslo network) cannot find the
thread by list, address or search; ``senter@`` flags a post with personal data, ``moderator@``
hides it from the queue with a reason, and others then see it hidden and the action logged.

Selectors are field names, ids, addresses and the data the test typed in; visible wording is only
checked where the message itself is the point, against Django's bokmål translation.
"""

from django.utils import translation
from playwright.sync_api import expect

from forum.models import Post, Thread
from tests.browser.conftest import assert_accessible, demo_email, log_in_by_form

NETWORK = "/forum/k/nettverket-karriere-oslo/"
SEARCH_WORD = "Hospiteringsdager"
TITLE = f"{SEARCH_WORD} for elever i vg1: hvordan organiserer dere dem?"
OPENING = "Vi vil prøve hospitering for alle elevene på vg1 neste høst. "
QUESTION_END = "– dere har gjort dette i flere år: hvordan fordeler dere plassene?"
QUESTION = f"{OPENING}@siri-senter {QUESTION_END}"
ANSWER = "Vi lar elevene velge tre ønsker i januar og fordeler plassene etter det. Bedriftene får listen i mars."
PERSONAL = "Takk! Forresten: eleven Ola Nordmann i 1STA lurer på det samme, han har dysleksi."
HIDE_REASON = "Personopplysninger om en elev."


def nb(message):
    """Django's bokmål translation of an English source string, as the site shows it."""
    with translation.override("nb"):
        return translation.gettext(message)


def submit(page, form, button="button[type=submit]"):
    with page.expect_navigation():
        form.locator(button).click()


def test_a_question_in_the_centre_network_is_answered_flagged_and_hidden(site, open_context):
    # skole@ logs in through the real form and starts a question in the Oslo network -----------
    skole = open_context().new_page()
    log_in_by_form(skole, demo_email("skole"))
    assert skole.url == f"{site}/min-side/"

    skole.goto("/forum/")
    assert_accessible(skole, "/forum/ for skole@")
    with skole.expect_navigation():
        skole.locator(f"main a[href='{NETWORK}']").click()
    assert_accessible(skole, "the Oslo network category")
    with skole.expect_navigation():
        skole.locator(f"main a[href='{NETWORK}ny/']").click()
    assert_accessible(skole, "the new-thread form")

    form = skole.locator("main form.forum-form")
    form.locator("input[name=title]").fill(TITLE)
    # @ and two letters offer the people to mention; the arrow keys and Enter pick one, focus stays in the text.
    body = form.locator("textarea[name=body]")
    body.fill(OPENING)
    body.press_sequentially("@si")
    options = form.locator("[role=listbox] [role=option]")
    expect(options.first).to_be_visible()
    expect(body).to_have_attribute("aria-activedescendant", "id_body-mentions-0")
    assert_accessible(skole, "the editor's list of people to mention")
    picked = form.locator("[role=option]", has_text="@siri-senter")
    for _ in range(options.count()):
        if picked.get_attribute("aria-selected") == "true":
            break
        body.press("ArrowDown")
    body.press("Enter")
    expect(options).to_have_count(0)
    body.press_sequentially(QUESTION_END)
    expect(body).to_have_value(QUESTION)
    form.locator("input[name=is_question]").check()
    submit(skole, form)

    thread = Thread.objects.get(title=TITLE)
    thread_path = f"/forum/t/{thread.pk}/"
    assert thread.is_question and thread.category.slug == "nettverket-karriere-oslo"
    assert skole.url.startswith(f"{site}{thread_path}")
    expect(skole.locator("main h1")).to_have_text(TITLE)
    expect(skole.locator("#post-1 .forum-post__body")).to_contain_text("hvordan fordeler dere plassene")
    assert_accessible(skole, "the new thread")

    # senter@ sees the mention in the header and the notice list, opens it and replies ---------
    senter = open_context("senter").new_page()
    senter.goto("/min-side/")
    expect(senter.locator("header .site-nav .count-badge")).to_be_visible()
    assert int(senter.locator("header .site-nav .count-badge").get_attribute("data-count")) >= 1
    assert_accessible(senter, "senter@'s dashboard with unread notices")

    senter.goto("/notifications/")
    notice = senter.locator("main .notice--unread", has_text=TITLE)
    expect(notice).to_have_count(1)
    assert_accessible(senter, "senter@'s notices with the mention")
    with senter.expect_navigation():
        notice.locator("a").first.click()
    assert senter.url.startswith(f"{site}{thread_path}")
    expect(senter.locator("main h1")).to_have_text(TITLE)
    assert_accessible(senter, "the thread, opened from the notice")

    reply_form = senter.locator(f"main form[action='{thread_path}svar/']")
    reply_form.locator("textarea[name=body]").fill(ANSWER)
    submit(senter, reply_form)
    answer = Post.objects.get(thread=thread, number=2)
    assert answer.body == ANSWER
    expect(senter.locator("#post-2 .forum-post__body")).to_contain_text(ANSWER)
    assert_accessible(senter, "the thread with senter@'s reply")

    # skole@ sees the reply as unread, reads it and marks it as the answer ----------------------
    skole.goto(NETWORK)
    row = skole.locator("main table.forum-threads tr", has_text=TITLE)
    expect(row.locator(".ds-tag", has_text=nb("New posts"))).to_have_count(1)
    assert_accessible(skole, "the Oslo network category with an unread reply")
    with skole.expect_navigation():
        row.locator(f"a[href='{thread_path}']").click()
    assert skole.url.endswith("#post-2"), "opening the thread jumps to the first unread post"
    expect(skole.locator("#post-2 .forum-post__body")).to_contain_text(ANSWER)
    assert_accessible(skole, "the thread with an unread reply")

    submit(skole, skole.locator(f"main form[action='{thread_path}svar/{answer.pk}/godta/']"))
    thread.refresh_from_db()
    assert thread.accepted_post_id == answer.pk
    expect(skole.locator(".forum-answer")).to_contain_text(ANSWER)
    expect(skole.locator("#post-2 .ds-tag[data-color=success]")).to_have_text(nb("Accepted answer"))
    assert_accessible(skole, "the thread with the accepted answer")

    skole.goto(NETWORK)
    row = skole.locator("main table.forum-threads tr", has_text=TITLE)
    expect(row.locator(".ds-tag", has_text=nb("New posts"))).to_have_count(0)
    assert_accessible(skole, "the Oslo network category, all read")

    # skole@ writes a reply with personal data about a pupil ------------------------------------
    skole.goto(f"{thread_path}?page=1")
    reply_form = skole.locator(f"main form[action='{thread_path}svar/']")
    reply_form.locator("textarea[name=body]").fill(PERSONAL)
    submit(skole, reply_form)
    personal = Post.objects.get(thread=thread, number=3)
    assert_accessible(skole, "the thread with skole@'s second reply")

    # The thread is found by search, by both of them -------------------------------------------
    for who, page in (("skole@", skole), ("senter@", senter)):
        page.goto(f"/forum/sok/?q={SEARCH_WORD}")
        expect(page.locator(f"main .forum-results a[href^='{thread_path}']").first).to_have_text(TITLE)
        assert_accessible(page, f"search results for {who}")

    # nav@ (outside the Oslo network) cannot see the category, the thread or its search hits ---
    nav = open_context("nav").new_page()
    nav.goto("/forum/")
    expect(nav.locator("main h1")).to_be_visible()
    expect(nav.locator(f"a[href='{NETWORK}']")).to_have_count(0)
    expect(nav.locator("main")).not_to_contain_text("Nettverket Karriere Oslo")
    assert_accessible(nav, "/forum/ for nav@")
    assert nav.goto(thread_path).status == 404
    assert_accessible(nav, "the thread for nav@ (404)")
    assert nav.goto(NETWORK).status == 404
    assert nav.goto(f"/forum/sok/?q={SEARCH_WORD}").status == 200
    expect(nav.locator("main .forum-results")).to_have_count(0)
    expect(nav.locator("main")).not_to_contain_text(TITLE)
    assert_accessible(nav, "search results for nav@")
    assert nav.goto(f"/forum/innlegg/{personal.pk}/flagg/").status == 404

    # senter@ flags skole@'s post through the flag form ----------------------------------------
    senter.goto(f"{thread_path}?page=1")
    with senter.expect_navigation():
        senter.locator(f"#post-3 a[href='/forum/innlegg/{personal.pk}/flagg/']").click()
    assert_accessible(senter, "the flag form")
    flag_form = senter.locator("main form.stack-form")
    flag_form.locator("input[name=reason][value=personal_data]").check()
    flag_form.locator("textarea[name=note]").fill("Navn og diagnose på en elev.")
    submit(senter, flag_form)
    assert personal.flags.filter(user__email=demo_email("senter")).exists()
    assert_accessible(senter, "the thread after flagging")

    # moderator@ finds it in the queue and hides it with a reason -------------------------------
    moderator = open_context("moderator").new_page()
    moderator.goto("/forum/moderering/")
    item = moderator.locator("main .notice-list > li", has_text=TITLE)
    expect(item).to_have_count(1)
    expect(item.locator("blockquote")).to_contain_text("Ola Nordmann")
    assert_accessible(moderator, "the moderation queue")
    item.locator("input[name=reason], textarea[name=reason]").fill(HIDE_REASON)
    submit(moderator, item.locator("form"), "button[name=action][value=hide]")
    assert moderator.url == f"{site}/forum/moderering/"
    expect(moderator.locator(".messages")).to_contain_text(nb("The post is hidden."))
    expect(moderator.locator("main .notice-list > li", has_text=TITLE)).to_have_count(0)
    assert_accessible(moderator, "the moderation queue after hiding")
    personal.refresh_from_db()
    assert personal.is_hidden

    moderator.goto("/forum/moderering/logg/")
    entry = moderator.locator("main tr", has_text=TITLE)
    expect(entry.first).to_contain_text(HIDE_REASON)
    assert_accessible(moderator, "the moderation log")

    # A non-moderator sees the post as hidden, without its text ---------------------------------
    senter.goto(f"{thread_path}?page=1")
    expect(senter.locator("#post-3 .forum-post__gone")).to_have_text(nb("This post is hidden by a moderator."))
    expect(senter.locator("main")).not_to_contain_text("Ola Nordmann")
    expect(senter.locator(".forum-answer")).to_contain_text(ANSWER)
    assert_accessible(senter, "the thread with a hidden post")
    assert senter.goto("/forum/moderering/logg/").status == 403
