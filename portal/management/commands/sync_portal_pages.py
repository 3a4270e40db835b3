from django.core.management.base import BaseCommand

from portal.services import sync_portal_pages


class Command(BaseCommand):
    help = "Create the portal's home page and a page per county and per active career centre (safe to repeat)."

    def handle(self, *args, **options):
        created = sync_portal_pages()
        self.stdout.write(self.style.SUCCESS(f"Portal pages in place ({created} created)."))
