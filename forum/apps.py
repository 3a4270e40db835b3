from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = _("Forum")

    def ready(self):
        from notifications.kinds import register_kind

        register_kind("forum.reply", _("New posts in threads and categories you watch"))
        register_kind("forum.mention", _("Someone mentions you in the forum"))
        register_kind("forum.answer", _("Your forum answer is accepted"))
        register_kind("forum.flag", _("Flagged forum posts to moderate"))
        register_kind("forum.group", _("Requests to join and changes in your private forum groups"))
