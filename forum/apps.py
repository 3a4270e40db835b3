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
        from forum.permissions import can_moderate_anything
        from forum.selectors.personal_data import COVERS, personal_data
        from notifications.kinds import register_kind
        from register.permissions import is_professional

        register_demo_seeder("seed_forum_demo", order=20, add_arguments=add_demo_arguments, options=demo_options)

        # The forum is for professionals; flagged posts go to moderators.
        for key, label in (
            ("forum.reply", _("New posts in threads and categories you watch")),
            ("forum.mention", _("Someone mentions you in the forum")),
            ("forum.answer", _("Your forum answer is accepted")),
            ("forum.flag_outcome", _("What moderators decided about posts you flagged")),
            ("forum.group", _("Requests to join and changes in your private forum groups")),
        ):
            register_kind(key, label, applies_to=is_professional)
        register_kind("forum.flag", _("Flagged forum posts to moderate"), applies_to=can_moderate_anything)

        register_personal_data("forum", personal_data, covers=COVERS)
        register_nav(Menu.WORKSPACE, "forum", workspace_items)
