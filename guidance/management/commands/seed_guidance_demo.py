from django.core.management.base import BaseCommand

from guidance.demo import seed_guidance_demo


class Command(BaseCommand):
    help = (
        "Add Norwegian e-guidance demo data: waiting questions (one overdue, one claimed by eveileder@), answered "
        "conversations, FAQ entries and a month of anonymous statistics. Run seed_demo first (it calls this). Safe "
        "to run again: only what is missing is created."
    )

    def handle(self, *args, **options):
        questions, faq, records = seed_guidance_demo()
        self.stdout.write(
            f"E-guidance: {questions} demo questions, {faq} FAQ entries and {records} anonymous records created."
        )
        self.stdout.write(self.style.SUCCESS("The e-guidance demo is in place."))
