import logging

from django.core.management.base import BaseCommand

from portal.demo import seed_portal_demo


class Command(BaseCommand):
    help = (
        "Build the portal's page tree and fill it with Norwegian demo content: home page texts, county "
        "introductions, centre texts, the national standard, news and the accessibility and privacy statements "
        "(run seed_demo first for the demo centres; it calls this). Safe to run again: it creates only what is "
        "missing and fills only empty fields, so editors' changes stay."
    )

    def handle(self, *args, **options):
        # Wagtail logs every page created, edited and published: a hundred lines that would bury the summary
        # and seed_demo's logins. Warnings still show.
        wagtail_log = logging.getLogger("wagtail")
        level = wagtail_log.level
        wagtail_log.setLevel(logging.WARNING)
        try:
            result = seed_portal_demo()
        finally:
            wagtail_log.setLevel(level)
        self.stdout.write(
            f"Portal: {result.tree_created} pages for counties and centres, {result.pages_created} content pages "
            f"created, {result.pages_filled} pages given demo texts."
        )
        self.stdout.write(self.style.SUCCESS("The portal demo is in place."))
