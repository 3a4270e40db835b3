from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.db.models.signals import post_save

        from core.demo import register_demo_seeder
        from portal.services import centre_saved
        from register.models import Centre

        # Last, and with no scale: its pages follow the counties and centres the others made.
        register_demo_seeder("seed_portal_demo", order=90)
        post_save.connect(centre_saved, sender=Centre, dispatch_uid="portal.centre_saved")
