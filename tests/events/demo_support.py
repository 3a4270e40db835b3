"""What the events demo tests share: the demo people and events, running the commands."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command

from events.demo.bulk import BULK_MARK
from events.models import Event, Registration
from notifications.models import Notice
from register.models import AttendanceCertificate, CPDActivity

FULL_COURSE = "Kurs: Veiledning av voksne med innvandrerbakgrunn"


NAMED = ("senter", "skole", "nav")


def demo_user(local):
    return get_user_model().objects.get(email=f"{local}@karrierenorge.example")


def seed(*args, command="seed_demo"):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def named_events():
    return Event.objects.filter(is_demo=True).exclude(title__contains=BULK_MARK)


def events_snapshot():
    return {
        "events": list(Event.objects.order_by("pk").values()),
        "areas": Event.areas.through.objects.count(),
        "registrations": list(Registration.objects.order_by("pk").values()),
        "notices": Notice.objects.count(),
        "cpd": list(CPDActivity.objects.order_by("pk").values()),
        "certificates": list(AttendanceCertificate.objects.order_by("pk").values()),
        "users": get_user_model().objects.count(),
    }
