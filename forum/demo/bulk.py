"""Many demo threads at once, for benchmarks: ``seed_forum_demo --scale national``.

Rows are bulk-inserted in batches, bypassing the services on purpose: 200,000 posts through
post_create would take far too long, and nobody is notified about archive content. The counters
the services would have kept are then set with a few aggregate UPDATEs, from the rows themselves.
"""

import random
from datetime import timedelta

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from core import markdown
from core.bulk import analyze, insert_all
from forum.models import Category, CategoryKind, Post, Thread
from forum.services import counters
from register.models import CounsellorProfile, Membership

NATIONAL_THREADS = 20_000
NATIONAL_POSTS_PER_THREAD = 10  # on average: about 200,000 posts
BULK_MARK = " (nr. "  # every bulk thread's title ends with "(nr. <n>)"; how a run finds the earlier ones
THREADS_PER_BATCH = 1_000
SEED = 20250101

TOPICS = [
    "Karrierelæring på ungdomstrinnet",
    "Utdanningsvalg som fag",
    "Overgangen fra ungdomsskole til videregående",
    "Samarbeid med NAV om unge voksne",
    "Validering av utenlandsk utdanning",
    "Realkompetansevurdering for voksne",
    "Veiledning av voksne innvandrere",
    "Lønnsforhandling i jobbsøkerkurs",
    "Taushetsplikt og samtykke",
    "Digitale verktøy i veiledningen",
    "Gruppeveiledning",
    "Veiledning på chat og telefon",
    "Fagbrev på jobb",
    "Lærlinger som vil bytte fag",
    "Omstilling etter nedbemanning",
    "Karriereveiledning for seniorer",
    "Foreldremøter om utdanningsvalg",
    "Yrkesmesser og bedriftsbesøk",
    "CV og søknad for ungdom",
    "Motiverende intervju i karrieresamtalen",
    "Kvalitet i karriereveiledning",
    "Frafall i videregående opplæring",
    "Tilrettelegging for elever med særskilte behov",
    "Høyere utdanning og opptak",
    "Kompetansepåfylling i arbeidslivet",
]
ANGLES = [
    "– erfaringer?",
    "– hvordan gjør dere det?",
    ": tips og opplegg",
    "– hva sier forskningen?",
    ": et spørsmål fra praksis",
    "– ressurser vi kan dele",
    "i små kommuner",
    "med tolk",
]
BODIES = [
    "Vi har prøvd ut et nytt opplegg i høst, og erfaringene er gode. Elevene ble mer bevisste på egne valg.",
    "Hvordan løser dere dette når dere bare har en liten stillingsprosent? Jeg rekker ikke alt.",
    "Enig! Vi gjør noe lignende:\n\n- kort forberedelse\n- samtale i grupper\n- oppfølging etter to uker",
    "Et godt utgangspunkt er å spørre hva personen selv har tenkt, før vi kommer med forslag.",
    "Vi samarbeider tett med NAV-kontoret om dette. En fast kontaktperson gjør mye.",
    "Har noen en mal de kan dele? Vi har laget vår egen, men den er altfor lang.",
    "Takk for tipset, det tar vi med på neste fagmøte.",
    "Vi bruker **utdanning.no** og **karriereveiledning.no** mye, og samtalen etterpå er det viktigste.",
    "Husk personvernet: skriv om situasjonen, aldri om personen.",
    "## Vår erfaring\n\nDet tok et halvt år før det satte seg, men nå er det en fast del av året.",
    "Dette er et tema vi burde ta opp på fylkessamlingen.",
    "> Det viktigste er at eleven eier valget.\n\nHelt enig, det er der vi må starte.",
]


def _author_pools(categories):
    """Who may write in each category: everyone for national ones, the members for the others."""
    profiles = list(
        CounsellorProfile.objects.filter(user__is_active=True).values_list("user_id", "county_id", "home_centre_id")
    )
    staff = list(
        Membership.objects.filter(user__is_active=True).values_list("user_id", "centre_id", "centre__county_id")
    )
    everyone = sorted({p[0] for p in profiles} | {s[0] for s in staff})
    pools = {}
    for category in categories:
        if category.kind == CategoryKind.NATIONAL:
            pool = everyone
        elif category.kind == CategoryKind.COUNTY:
            pool = sorted(
                {u for u, county, _ in profiles if county == category.county_id}
                | {u for u, _, county in staff if county == category.county_id}
            )
        else:
            pool = sorted(
                {u for u, _, centre in profiles if centre == category.centre_id}
                | {u for u, centre, _ in staff if centre == category.centre_id}
            )
        if pool:
            pools[category.pk] = pool
    return pools


def recount_threads(first_pk, last_pk):
    """Number threads first_pk..last_pk's posts, then count what readers see of them."""
    threads = Thread.objects.filter(pk__gte=first_pk, pk__lte=last_pk)
    posts = Post.objects.filter(thread=OuterRef("pk"))
    threads.update(post_count=Coalesce(Subquery(posts.values("thread").annotate(n=Count("pk")).values("n")), 0))
    return counters.recount_threads(threads)


def recount_categories(pks=None):
    """Set thread_count, post_count, last_post_at and last_thread of categories from their visible threads."""
    return counters.recount_categories(Category.objects.all() if pks is None else Category.objects.filter(pk__in=pks))


def _plan_posts(rng, posts_per_thread, pool, now):
    """(author id, time) for each post of one thread, oldest first, none in the last hour."""
    count = rng.randint(1, 2 * posts_per_thread - 1)
    at = now - timedelta(days=rng.uniform(1, 730))
    latest = now - timedelta(hours=1)
    planned = []
    for _ in range(count):
        planned.append((rng.choice(pool), min(at, latest)))
        at += timedelta(hours=rng.expovariate(1 / 6))
    return planned


def seed_bulk(categories, *, threads, posts_per_thread=NATIONAL_POSTS_PER_THREAD, progress=print):
    """Top the bulk threads up to ``threads`` (about ``posts_per_thread`` posts each); return (threads, posts) made.

    ``categories`` are the demo categories by slug; threads go to every national, county and
    centre category except the announcements, by people who may write there.
    """
    if threads <= 0:
        return 0, 0
    existing = Thread.objects.filter(title__contains=BULK_MARK).count()
    if existing >= threads:
        return 0, 0
    targets = [
        c
        for c in categories.values()
        if c.kind in {CategoryKind.NATIONAL, CategoryKind.COUNTY, CategoryKind.CENTRE} and not c.is_announcement
    ]
    pools = _author_pools(targets)
    targets = sorted((c for c in targets if c.pk in pools), key=lambda c: c.pk)
    # National categories are busier than a single county's or network's.
    weights = [6 if c.kind == CategoryKind.NATIONAL else 1 for c in targets]
    rendered = [markdown.render(body) for body in BODIES]
    rng = random.Random(SEED + existing)  # noqa: S311 - repeatable demo data, not security
    now = timezone.now()
    first_pk = last_pk = None
    posts_made = 0
    for start in range(existing, threads, THREADS_PER_BATCH):
        numbers = range(start + 1, min(start + THREADS_PER_BATCH, threads) + 1)
        batch, plans = [], []
        for number in numbers:
            category = rng.choices(targets, weights)[0]
            plan = _plan_posts(rng, posts_per_thread, pools[category.pk], now)
            plans.append(plan)
            title = f"{rng.choice(TOPICS)} {rng.choice(ANGLES)}{BULK_MARK}{number})"
            batch.append(
                Thread(
                    category=category,
                    title=title,
                    author_id=plan[0][0],
                    created_at=plan[0][1],
                    is_question=rng.random() < 0.25,
                )
            )
        insert_all(batch)
        posts = []
        for thread, plan in zip(batch, plans, strict=True):
            for index, (author_id, at) in enumerate(plan):
                body = rng.randrange(len(BODIES))
                posts.append(
                    Post(
                        thread_id=thread.pk,
                        number=index + 1,
                        author_id=author_id,
                        body=BODIES[body],
                        body_html=rendered[body],
                        created_at=at,
                    )
                )
        insert_all(posts)
        posts_made += len(posts)
        progress(f"Forum: {numbers[-1]:,} of {threads:,} threads, {posts_made:,} posts ...")
        first_pk = batch[0].pk if first_pk is None else first_pk
        last_pk = batch[-1].pk
        # About 60 % of the questions with a reply have an accepted answer: their first reply.
        solved = []
        offset = 0
        for thread, plan in zip(batch, plans, strict=True):
            if thread.is_question and len(plan) > 1 and rng.random() < 0.6:
                thread.accepted_post_id = posts[offset + 1].pk
                solved.append(thread)
            offset += len(plan)
        Thread.objects.bulk_update(solved, ["accepted_post"], batch_size=500)
    recount_threads(first_pk, last_pk)
    recount_categories([c.pk for c in targets])
    analyze(Category, Thread, Post)
    return threads - existing, posts_made
