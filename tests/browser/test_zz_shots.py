import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from partnerships import services
from register.models import Centre
from tests.browser.conftest import demo_email
from tests.partnerships.conftest import make_agreement

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def test_shots(site, open_context):
    leder = get_user_model().objects.get(email=demo_email("leder"))
    nasjonal = get_user_model().objects.get(email=demo_email("nasjonal"))
    centre = Centre.objects.get(name="Karriere Oslo")
    services.clause_save(actor=nasjonal, title="NAV forplikter ressurser i timer per år", required_for=["nav_office"])
    services.clause_save(actor=nasjonal, title="Årlig gjennomgangsmøte")
    agreement = make_agreement(leder, centre, days_left=25)
    first = agreement.obligations.first()
    services.review_record(
        agreement=agreement,
        actor=leder,
        held_on=timezone.localdate() - datetime.timedelta(days=3),
        participants="Lars Leder, Nils Nav",
        changes="Mer tid til unge.",
        deliveries={o.pk: ("met" if o == first else "partly", "") for o in agreement.obligations.all()},
    )
    for locale, lang in (("nb-NO", "nb"), ("en-GB", "en")):
        for name, viewport in (("laptop", LAPTOP), ("phone", PHONE)):
            page = open_context("leder", locale=locale, viewport=viewport).new_page()
            if lang == "en":
                page.context.add_cookies([{"name": "django_language", "value": "en", "url": site}])
            for slug, url in (
                ("list", "/partnerskap/"),
                ("new", "/partnerskap/ny/"),
                ("detail", agreement.get_absolute_url()),
                ("review", f"/partnerskap/{agreement.pk}/gjennomgang/"),
                ("clauses", "/partnerskap/retningslinjer/"),
            ):
                page.goto(url)
                page.screenshot(path=f"/tmp/shots/{slug}-{lang}-{name}.png", full_page=True)
