from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = _("Forum")

    def ready(self):
        from accounts.personal_data import register_personal_data
        from core.demo import register_demo_seeder
        from core.navigation import Menu, register_nav
        from forum.management.commands.seed_forum_demo import add_demo_arguments, demo_options
        from forum.navigation import workspace_items
        from forum.selectors.personal_data import COVERS, personal_data
        from notifications.kinds import register_kind

        register_demo_seeder("seed_forum_demo", order=20, add_arguments=add_demo_arguments, options=demo_options)

        register_kind("forum.reply", _("New posts in threads and categories you watch"))
        register_kind("forum.mention", _("Someone mentions you in the forum"))
        register_kind("forum.answer", _("Your forum answer is accepted"))
        register_kind("forum.flag", _("Flagged forum posts to moderate"))
        register_kind("forum.flag_outcome", _("What moderators decided about posts you flagged"))
        register_kind("forum.group", _("Requests to join and changes in your private forum groups"))

        register_personal_data("forum", personal_data, covers=COVERS)
        register_nav(Menu.WORKSPACE, "forum", workspace_items)
