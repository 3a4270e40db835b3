"""The named demo discussions, written through forum.services.

Going through the services gives every post its counters, read states, watches and notices, just
as if the people had written them. Afterwards each post is moved back to the time the story says
it was written (the services stamp "now"), and the categories' counters are recounted.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.markdown import quote
from forum import services
from forum.demo.bulk import recount_categories
from forum.models import FlagReason, Post, Thread
from notifications.models import Notice
from register.demo.organisation import DEMO_DOMAIN, slug_for
from register.models import CounsellorProfile, County

OSLO_NETWORK = "nettverket-karriere-oslo"
VESTLAND_NETWORK = "nettverket-karriere-vestland"


@dataclass
class Reply:
    author: str
    body: str
    hours: float  # after the thread was started
    quote: int | None = None  # index of the quoted post: 0 is the opening post, 1 the first reply
    accept: bool = False
    flag: tuple | None = None  # (flagger, reason, note)


@dataclass
class Discussion:
    category: str  # slug
    title: str
    author: str
    body: str
    days_ago: float
    question: bool = False
    pin: bool = False
    replies: list = field(default_factory=list)


# Authors are demo e-mail local parts ("skole", "godkjenner.vestland") or "net:<county>:<n>", the
# n-th other demo counsellor at the county's main centre (the county's verifier if there is none).
DISCUSSIONS = [
    Discussion(
        "kunngjoringer",
        "Velkommen til forumet for karriereveiledere",
        "nasjonal",
        "Dette er den faglige møteplassen for rådgivere i skolen, veiledere i NAV og ansatte ved "
        "karrieresentrene.\n\n"
        "## Slik bruker du forumet\n\n"
        "- **Nasjonale kategorier** er åpne for alle veiledere.\n"
        "- **Fylkeskategoriene** kan alle lese, men bare veiledere i fylket skriver der.\n"
        "- **Senternettverkene** er for senterets ansatte og veilederne som hører til senteret.\n\n"
        "Skriv aldri navn eller andre opplysninger som kan identifisere en veisøker. Ser du et slikt "
        "innlegg, bruk *Rapporter* så tar moderatorene det.",
        days_ago=30,
        pin=True,
    ),
    Discussion(
        "kunngjoringer",
        "Fagdag om kvalitet i karriereveiledning – påmeldingen er åpen",
        "nasjonal",
        "Årets nasjonale fagdag handler om **kvalitet i karriereveiledning** og det nye "
        "kompetanseregisteret. Fagdagen er digital, og opptak legges ut i *Verktøy og ressurser* etterpå.\n\n"
        "Påmelding skjer under Arrangementer.",
        days_ago=6,
    ),
    Discussion(
        "praksis-og-metode",
        "Karrierelæring i skolen: hvordan får dere faglærerne med?",
        "skole",
        "Jeg er rådgiver i 40 % stilling på en videregående skole, og karrierelæring blir fort «rådgiverens "
        "prosjekt». Faglærerne er positive, men det skjer lite i timene.\n\n"
        "Hvordan har dere fått karrierelæring inn i fagene? Konkrete opplegg tas imot med takk!",
        days_ago=12,
        replies=[
            Reply(
                "senter",
                "Det som har virket best hos oss er å starte i **ett fag** med én lærer som har lyst. Vi laget "
                "et opplegg i samfunnskunnskap der elevene intervjuer noen i et yrke de ikke kjenner. Etter et "
                "halvår ville flere lærere være med.",
                3,
            ),
            Reply(
                "net:46:0",
                "Vi har hatt god nytte av å knytte det til kompetansemålene. Når lærerne ser at karrierelæring "
                "dekker mål de uansett skal nå, blir det mindre «ekstra».\n\n"
                "1. Finn to–tre kompetansemål per trinn\n"
                "2. Lag ett kort opplegg per mål\n"
                "3. Evaluer med elevene etterpå",
                20,
            ),
            Reply(
                "skole",
                "Takk begge to! Jeg tar med forslaget om ett fag og én lærer til neste fagmøte.",
                26,
                quote=1,
            ),
            Reply(
                "kurs",
                "Vi har et halvdagskurs for faglærere om karrierelæring i fagene til våren. Si fra om skolen "
                "din vil ha plass.",
                50,
            ),
        ],
    ),
    Discussion(
        "praksis-og-metode",
        "Første samtale med voksne som vil bytte yrke – hvordan åpner dere?",
        "senter",
        "Mange av dem som kommer til oss er midt i karrieren og usikre på om det i det hele tatt er lov å "
        "ønske seg noe annet. Hvilke spørsmål bruker dere for å åpne den første samtalen?",
        days_ago=9,
        replies=[
            Reply(
                "nav",
                "Jeg spør ofte *«Hva fikk deg til å bestille time akkurat nå?»*. Da kommer både det praktiske "
                "og det følelsesmessige fram tidlig.",
                2,
            ),
            Reply(
                "net:50:0",
                "Vi bruker en enkel livslinje: personen tegner de viktigste overgangene hittil. Det gir mye å "
                "snakke om uten at det blir et forhør.",
                7,
            ),
            Reply(
                "eveileder",
                "På chat og telefon funker det godt å la personen skrive ned tre ting de *ikke* vil ha i neste "
                "jobb. Det er ofte lettere å starte der.",
                30,
            ),
        ],
    ),
    Discussion(
        "etikk-i-veiledningen",
        "Taushetsplikt når NAV ber om opplysninger fra karrieresamtalen",
        "nav",
        "En kollega i NAV ba meg om et sammendrag av en karrieresamtale et karrieresenter hadde hatt med "
        "en felles bruker. Personen hadde samtykket muntlig til NAV.\n\n"
        "Hva gjør dere når dere får slike forespørsler? Holder muntlig samtykke?",
        days_ago=15,
        question=True,
        replies=[
            Reply(
                "leder",
                "Vi gir aldri ut noe uten **skriftlig samtykke** fra personen selv, og da bare det personen har "
                "sett og godkjent. Det enkleste er ofte at personen selv tar med oppsummeringen til NAV.",
                4,
                accept=True,
            ),
            Reply(
                "senter",
                "Enig med Lars. Vi skriver oppsummeringen *til* veisøkeren, ikke om dem. Da eier de den selv og "
                "kan dele den med hvem de vil.",
                6,
            ),
            Reply("nav", "Takk, det gjør det mye enklere å svare kollegaen. Jeg merker svaret som løsning.", 9),
        ],
    ),
    Discussion(
        "etikk-i-veiledningen",
        "Når eleven vil noe annet enn foreldrene",
        "net:11:0",
        "En elev på 10. trinn vil søke yrkesfag, foreldrene krever studiespesialisering. Eleven ber meg om "
        "ikke å si noe hjemme om det vi har snakket om. Hvor går grensen for hva jeg kan dele med foreldrene?",
        days_ago=4,
        replies=[
            Reply(
                "skole",
                "Eleven har rett til å bli hørt, og jeg ville vært forsiktig med å dele noe uten at eleven vet "
                "det. Ofte kan man heller tilby en samtale der eleven selv legger fram ønsket, med deg til stede.",
                5,
            ),
            Reply(
                "net:34:0",
                "Vi har god erfaring med trepartssamtaler. Forbered eleven godt på forhånd, så blir det elevens "
                "stemme og ikke din.",
                22,
            ),
        ],
    ),
    Discussion(
        "verktoy-og-ressurser",
        "Hvilke digitale verktøy bruker dere til interessekartlegging?",
        "skole",
        "Elevene mine er lei av de samme testene. Hvilke digitale verktøy bruker dere til interesse- og "
        "verdikartlegging, og hva synes dere om dem?",
        days_ago=20,
        question=True,
        replies=[
            Reply(
                "eveileder",
                "Vi bruker **Jobbkompasset** og **Utdanningsvalg-verktøyene** på utdanning.no mye. Det viktigste "
                "er samtalen etterpå: resultatet er et utgangspunkt, ikke et svar.\n\n"
                "Karriereveiledning.no har også gratis chat og telefon som elevene kan bruke mellom timene.",
                5,
                accept=True,
            ),
            Reply(
                "net:42:0",
                "Vi har gått bort fra tester og bruker heller kortstokker med yrker og verdier. Elevene liker å "
                "sortere fysisk, og det blir bedre samtaler.",
                28,
            ),
            Reply(
                "senter",
                "Vi har laget et opplegg med kortstokk + Jobbkompasset som vi kan dele. @sander-skole, skal jeg sende "
                "det til deg?",
                60,
            ),
        ],
    ),
    Discussion(
        "verktoy-og-ressurser",
        "Mal for samtalereferat som ivaretar personvernet",
        "leder",
        "Vi har revidert malen vår for samtalereferat. Den har bare disse feltene:\n\n"
        "| Felt | Hvorfor |\n| --- | --- |\n| Tema | Hva samtalen handlet om |\n"
        "| Avtaler | Hva veisøkeren skal gjøre videre |\n| Ressurser | Lenker og verktøy vi viste |\n\n"
        "Ingen helseopplysninger, ingen vurderinger av personen. Innspill?",
        days_ago=7,
        replies=[
            Reply(
                "godkjenner",
                "Ryddig! Vi har i tillegg et felt for *«Veisøkerens egne ord om målet»*, det gjør referatet mer "
                "til deres enn vårt.",
                3,
            ),
        ],
    ),
    Discussion(
        "veiledere-i-oslo",
        "Samarbeid med NAV om unge som har droppet ut av videregående",
        "senter",
        "Vi vil lage en fast samarbeidsrutine med NAV-kontorene i Oslo for ungdom mellom 16 og 21 som har "
        "avbrutt videregående. Hvem har erfaring med dette fra skolesiden?",
        days_ago=5,
        replies=[
            Reply(
                "skole",
                "Vi melder fra til oppfølgingstjenesten, men det stopper ofte der. En fast kontaktperson i NAV "
                "ville hjulpet mye.",
                2,
            ),
            Reply(
                "net:03:0",
                "Hos oss fungerer et månedlig møte mellom OT, NAV-veileder og rådgiver godt. Kort agenda, bare "
                "saker der ungdommen har samtykket.",
                8,
            ),
            Reply(
                "senter",
                "Takk! Jeg lager et utkast til rutine. @sander-skole, kan du ta det med på neste rådgivermøte "
                "i bydelen?",
                30,
            ),
            Reply("godkjenner", "Fint initiativ. Husk å ta med Furuset, de har mange i denne gruppen.", 34),
        ],
    ),
    Discussion(
        "veiledere-i-vestland",
        "Validering av utenlandsk utdanning – erfaringer med HK-dir?",
        "nav",
        "Jeg følger opp flere med ingeniørutdanning fra utlandet. Hvor lang tid tar godkjenningen hos "
        "HK-dir nå, og hva gjør dere med dem mens de venter?",
        days_ago=11,
        question=True,
        replies=[
            Reply(
                "godkjenner.vestland",
                "Regn med flere måneder. Vi anbefaler å søke **generell godkjenning** med en gang og samtidig "
                "starte med norskopplæring og relevant praksis. Da er ikke ventetiden bortkastet.",
                6,
                accept=True,
            ),
            Reply(
                "eveileder",
                "Husk også at yrker som ikke er lovregulerte ikke *krever* godkjenning. Mange arbeidsgivere "
                "ansetter på grunnlag av vitnemål og arbeidserfaring.",
                10,
            ),
            Reply(
                "net:46:1",
                "Vi har god erfaring med å koble dem med en mentor i bransjen via frivilligsentralen mens de venter.",
                40,
            ),
        ],
    ),
    Discussion(
        "veiledere-i-trondelag",
        "Nettverkssamling for rådgivere i Trøndelag til høsten",
        "godkjenner.trondelag",
        "Vi planlegger en samling for rådgivere i ungdomsskolen og videregående. Hvilke tema ønsker dere?",
        days_ago=3,
        replies=[
            Reply(
                "net:50:1", "Overgangen fra ungdomsskole til videregående, og hvordan vi følger opp de som bytter.", 5
            ),
        ],
    ),
    Discussion(
        OSLO_NETWORK,
        "Lønnsforhandling: hva sier dere til voksne som får sitt første tilbud?",
        "skole",
        "En voksen deltaker på kveldskurset vårt har fått sitt første jobbtilbud i Norge og spør om hun kan "
        "forhandle om lønnen. Hva pleier dere å råde til?",
        days_ago=8,
        question=True,
        replies=[
            Reply(
                "senter",
                "Ja, det er helt vanlig å forhandle. Vi øver på det:\n\n"
                "- Finn lønnsstatistikk for yrket (SSB og fagforeningene)\n"
                "- Takk for tilbudet først, spør så om det er rom for justering\n"
                "- Ha et konkret tall og en begrunnelse\n\n"
                "Og husk at pensjon, fleksitid og kurs også kan forhandles.",
                3,
                accept=True,
            ),
            Reply(
                "leder",
                "Vi har et rollespill om lønnsforhandling i jobbsøkerkurset. Du er velkommen til å hospitere.",
                12,
            ),
            Reply(
                "net:03:1",
                "Mine deltakere blir tryggere når de vet at et nei til høyere lønn ikke betyr at tilbudet trekkes.",
                30,
            ),
        ],
    ),
    Discussion(
        OSLO_NETWORK,
        "Erfaringsdeling etter veiledningsdagen",
        "senter",
        "Takk for en fin dag! Del gjerne det dere tok med dere fra workshopene her.",
        days_ago=2,
        replies=[
            Reply(
                "net:03:2",
                "Jeg snakket med en elev etterpå, Jonas på 17 fra Stovner, som har ADHD og har strøket i to fag. "
                "Moren ringte meg også. Noen som har tips?",
                4,
                flag=(
                    "skole",
                    FlagReason.PERSONAL_DATA,
                    "Innlegget har navn, alder, bosted og diagnose på en elev.",
                ),
            ),
            Reply(
                "kurs",
                "Workshopen om gruppeveiledning var nyttig. Vi prøver ut formatet på kveldskursene våre.",
                6,
            ),
        ],
    ),
    Discussion(
        VESTLAND_NETWORK,
        "Hospitering ved Karriere Vestland",
        "eveileder",
        "Vi tar imot veiledere fra skole og NAV som vil hospitere hos oss en dag. Skriv her om du er interessert.",
        days_ago=10,
        replies=[Reply("nav", "Jeg vil gjerne komme en dag i neste måned!", 5)],
    ),
    Discussion(
        "veiledning-av-voksne-innvandrere",
        "Karriereveiledning når norsken ennå er svak",
        "senter",
        "Hvordan gjennomfører dere karrieresamtaler når personen har kort botid og lite norsk? Bruker dere "
        "tolk, eller venter dere?",
        days_ago=13,
        replies=[
            Reply(
                "nav",
                "Tolk, alltid, når det handler om viktige valg. Kvalifisert tolk bestilles gjennom "
                "tolkeportalen; ikke bruk familien.",
                4,
            ),
            Reply(
                "moderator",
                "Vi har gode erfaringer med å ha første samtale med tolk og heller bruke enkel norsk og bilder "
                "i oppfølgingen.",
                9,
            ),
        ],
    ),
    Discussion(
        "ledere-av-karrieresentre",
        "Hvordan måler dere effekten av veiledningen?",
        "leder",
        "Fylkeskommunen ber om mer enn antall samtaler i årsrapporten. Hvilke mål bruker dere utover tellinger?",
        days_ago=6,
        replies=[
            Reply(
                "nasjonal",
                "Flere sentre bruker en kort brukerundersøkelse tre måneder etter samtalen: står personen "
                "tryggere i valget sitt? Vi kan dele spørsmålene.",
                5,
            ),
        ],
    ),
]


def _county_verifier(number, counties):
    return "godkjenner" if number == "03" else f"godkjenner.{slug_for(counties[number].name)}"


class _Authors:
    """Resolves the author tokens in DISCUSSIONS to users, with two queries."""

    def __init__(self):
        self.counties = {c.number: c for c in County.objects.all()}
        tokens = {d.author for d in DISCUSSIONS} | {r.author for d in DISCUSSIONS for r in d.replies}
        tokens |= {r.flag[0] for d in DISCUSSIONS for r in d.replies if r.flag}
        locals_ = {t for t in tokens if not t.startswith("net:")}
        locals_ |= {_county_verifier(t.split(":")[1], self.counties) for t in tokens if t.startswith("net:")}
        User = get_user_model()
        self.named = {
            u.email.split("@")[0]: u for u in User.objects.filter(email__in=[f"{x}@{DEMO_DOMAIN}" for x in locals_])
        }
        self.network = {}
        profiles = (
            CounsellorProfile.objects.filter(
                user__email__contains=".demo", home_centre__is_resource_centre=True, user__is_active=True
            )
            .select_related("user", "county")
            .order_by("user__email")
        )
        for profile in profiles:
            self.network.setdefault(profile.county.number, []).append(profile.user)

    def __call__(self, token):
        if token.startswith("net:"):
            _net, number, index = token.split(":")
            people = self.network.get(number, [])
            if int(index) < len(people):
                return people[int(index)]
            token = _county_verifier(number, self.counties)
        return self.named[token]


def _latest_notice_pk():
    return Notice.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _backdate(post, at, notices_after):
    """Put ``post`` (and the notices it caused) at the time the story says it was written."""
    Post.objects.filter(pk=post.pk).update(created_at=at)
    thread_fields = {"last_post_at": at, **({"created_at": at} if post.number == 1 else {})}
    Thread.objects.filter(pk=post.thread_id).update(**thread_fields)
    Notice.objects.filter(pk__gt=notices_after).update(created_at=at)


def _write(discussion, category, author_of, now):
    start = now - timedelta(days=discussion.days_ago)
    author = author_of(discussion.author)
    notices_before = _latest_notice_pk()
    thread = services.thread_create(
        category=category,
        author=author,
        title=discussion.title,
        body=discussion.body,
        is_question=discussion.question,
    )
    posts = [thread.posts.get(number=1)]
    _backdate(posts[0], start, notices_before)
    if discussion.pin:
        services.thread_moderate(thread=thread, moderator=author, action="pin", reason="Velkommen og regler")
    for reply in discussion.replies:
        at = min(start + timedelta(hours=reply.hours), now - timedelta(hours=1))
        body = reply.body
        quoted = posts[reply.quote] if reply.quote is not None else None
        if quoted is not None:
            body = quote(quoted.body, quoted.author.full_name) + body
        notices_before = _latest_notice_pk()
        post = services.post_create(thread=thread, author=author_of(reply.author), body=body, quote_of=quoted)
        _backdate(post, at, notices_before)
        posts.append(post)
        if reply.accept:
            notices_before = _latest_notice_pk()
            services.answer_accept(thread=thread, post=post, actor=author)
            Notice.objects.filter(pk__gt=notices_before).update(created_at=at + timedelta(hours=1))
        if reply.flag:
            flagger, reason, note = reply.flag
            services.flag_create(post=post, user=author_of(flagger), reason=reason, note=note)
    return thread


def seed_discussions(categories):
    """Write the discussions that do not exist yet (by category and title); return how many were new."""
    wanted = [d for d in DISCUSSIONS if d.category in categories]
    existing = set(
        Thread.objects.filter(
            category__in=[categories[d.category] for d in wanted], title__in=[d.title for d in wanted]
        ).values_list("category__slug", "title")
    )
    missing = [d for d in wanted if (d.category, d.title) not in existing]
    if not missing:
        return 0
    author_of = _Authors()
    now = timezone.now()
    for discussion in missing:
        _write(discussion, categories[discussion.category], author_of, now)
    recount_categories([categories[d.category].pk for d in missing])
    return len(missing)
