from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.demo import add_scale_argument
from partnerships.demo import NATIONAL_ADMIN, seed_partnerships_demo
from partnerships.demo.national import AGREEMENTS_PER_COUNTY


class Command(BaseCommand):
    help = (
        "Add Norwegian demo agreements: the national guidelines and a dozen agreements between centres in four "
        "counties and NAV, schools, municipalities, unions and employers, with obligations, contacts, reviews and "
        "history. Karriere Oslo's NAV agreement ends within 30 days, so leder@ has its notice. Run seed_demo first "
        "(it calls this). Safe to run again: only what is missing is created."
    )

    def add_arguments(self, parser):
        add_scale_argument(parser, f"also {AGREEMENTS_PER_COUNTY} agreements in every county, bulk-inserted.")

    def handle(self, *args, **options):
        if not get_user_model().objects.filter(email=NATIONAL_ADMIN).exists():
            raise CommandError("The partnerships demo needs the demo users: run seed_demo first.")
        result = seed_partnerships_demo(national=options["scale"] == "national")
        self.stdout.write(
            f"Partnerships: {result.clauses_created} guideline clauses and {result.agreements_created} demo "
            f"agreements created; {result.notices_sent} notices sent."
        )
        if result.national_agreements_created:
            self.stdout.write(f"Partnerships: {result.national_agreements_created} agreements bulk-inserted.")
        self.stdout.write(self.style.SUCCESS("The partnerships demo is in place."))
