from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegisterConfig(AppConfig):
    name = "register"
    verbose_name = _("Competence register")

    def ready(self):
        from notifications.kinds import register_kind

        register_kind("register.membership", _("Changes to your staff roles"))
