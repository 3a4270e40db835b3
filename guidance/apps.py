from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = _("E-guidance")

    def ready(self):
        from notifications.kinds import register_kind

        register_kind("guidance.deadline", _("E-guidance questions about to break the promised answer time"))
