from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, PageViewRestriction, Site

        from accounts.personal_data import register_personal_data
        from core.demo import register_demo_seeder
        from core.navigation import Menu, register_nav
        from portal.navigation import public_items
        from portal.selectors import PERSONAL_DATA_COVERS, personal_data
        from portal.services import centre_saved, menu_forget
        from register.models import Centre

        # Last, and with no scale: its pages follow the counties and centres the others made.
        register_demo_seeder("seed_portal_demo", order=90)
        register_personal_data("cms", personal_data, covers=PERSONAL_DATA_COVERS)
        register_nav(Menu.PUBLIC, "portal", public_items)

        # The one allowed signal across apps: the register must not import the portal, so the portal
        # listens for saved centres and gives a new or reopened centre its page (see centre_saved).
        post_save.connect(centre_saved, sender=Centre, dispatch_uid="portal.centre_saved")

        # The cached main menu follows the portal's own page tree: every page type (Wagtail's and
        # ours), view restriction and site, each named as a sender.
        for model in apps.get_models():
            if issubclass(model, (Page, PageViewRestriction, Site)):
                uid = f"portal.menu_forget.{model._meta.label_lower}"
                post_save.connect(menu_forget, sender=model, dispatch_uid=uid)
                post_delete.connect(menu_forget, sender=model, dispatch_uid=uid)
