from django.core.management.base import BaseCommand

from core.demo import add_scale_argument
from guidance.demo import COUNSELLOR, seed_guidance_demo
from guidance.demo_national import NATIONAL_QUESTIONS, seed_national_questions


class Command(BaseCommand):
    help = (
        "Add Norwegian e-guidance demo data: waiting questions (one overdue, one claimed by eveileder@), answered "
        "conversations, FAQ entries and a month of anonymous statistics. Run seed_demo first (it calls this). Safe "
        "to run again: only what is missing is created."
    )

    def add_arguments(self, parser):
        add_scale_argument(parser, f"{NATIONAL_QUESTIONS:,} questions in all, over the 90 days they are kept.")

    def handle(self, *args, **options):
        questions, faq, records = seed_guidance_demo()
        self.stdout.write(
            f"E-guidance: {questions} demo questions, {faq} FAQ entries and {records} anonymous records created."
        )
        if options["scale"] == "national":
            added = seed_national_questions(COUNSELLOR, progress=self.stdout.write)
            if added:
                self.stdout.write(f"E-guidance: {added:,} questions bulk-inserted.")
        self.stdout.write(self.style.SUCCESS("The e-guidance demo is in place."))
