from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from accounts.personal_data import register_personal_data
        from notifications.models import Notice, NotificationPreference
        from notifications.selectors import personal_data

        register_personal_data(
            "notifications", personal_data, covers=[(Notice, "recipient"), (NotificationPreference, "user")]
        )
