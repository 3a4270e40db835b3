from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from accounts.personal_data import register_personal_data
        from accounts.selectors import PERSONAL_DATA_COVERS, personal_data

        register_personal_data("account", personal_data, covers=PERSONAL_DATA_COVERS)
