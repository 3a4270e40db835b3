from events.models import Event
from partnerships.models import Agreement

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def test_shots(site, open_context):
    nav = Agreement.objects.filter(centre__slug="karriere-oslo", parties__partner_type="nav_office").first()
    event = Event.objects.filter(centre__slug="karriere-oslo", starts_at__gt=__import__("django.utils.timezone").utils.timezone.now()).order_by("pk").first()
    plan = [
        ("nasjonal", "national", "/partnerskap/oversikt/"),
        ("leder", "county", "/partnerskap/oversikt/oslo/"),
        ("nasjonal", "olist", "/partnerskap/oversikt/liste/?county=03"),
        ("leder", "detail", nav.get_absolute_url()),
        ("skole", "home", "/hjemmesenter/"),
        ("kurs", "event", f"/arrangementer/staff/{event.pk}/endre/"),
        ("nasjonal", "overview", "/staff/oversikt/"),
    ]
    for lang, locale in (("nb", "nb-NO"), ("en", "en-GB")):
        for name, viewport in (("laptop", LAPTOP), ("phone", PHONE)):
            pages = {}
            for who, slug, url in plan:
                if who not in pages:
                    context = open_context(who, locale=locale, viewport=viewport)
                    if lang == "en":
                        context.add_cookies([{"name": "django_language", "value": "en", "url": site}])
                    pages[who] = context.new_page()
                page = pages[who]
                page.goto(url)
                page.screenshot(path=f"/tmp/shots/{slug}-{lang}-{name}.png", full_page=True)
