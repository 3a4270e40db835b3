from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegisterConfig(AppConfig):
    name = "register"
    verbose_name = _("Competence register")

    def ready(self):
        from notifications.kinds import Delivery, register_kind

        register_kind("register.membership", _("Changes to your staff roles"))
        register_kind("register.decision", _("Decisions on your credit entries"))
        register_kind("register.to_verify", _("New entries to verify at your centre"), Delivery.DIGEST)
        register_kind("register.home_centre", _("Home centre requests and changes"))
