from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = _("E-guidance")

    def ready(self):
        from accounts.personal_data import register_personal_data
        from core.demo import register_demo_seeder
        from core.navigation import Menu, register_nav
        from guidance import navigation
        from guidance.navigation import attention_items, staff_section
        from guidance.overview import answers_by_county, guidance_figures
        from guidance.permissions import is_guidance_counsellor, is_guidance_lead
        from guidance.selectors import PERSONAL_DATA_COVERS, personal_data
        from notifications.kinds import register_kind
        from register.attention import register_attention
        from register.funding import IncentiveMeasure, register_incentive_measure
        from register.overview.sections import register_overview
        from register.staff_sections import register_staff_section

        register_staff_section("guidance", staff_section)
        register_nav(Menu.PUBLIC, "guidance", navigation.public_items)
        register_nav(Menu.WORKSPACE, "guidance", navigation.workspace_items)
        register_attention("guidance", attention_items)
        register_demo_seeder("seed_guidance_demo", order=40, options=lambda options: {"scale": options["scale"]})

        register_kind(
            "guidance.deadline",
            _("E-guidance questions about to break the promised answer time"),
            applies_to=is_guidance_lead,
        )
        register_kind(
            "guidance.claim",
            _("A lead gave you an e-guidance question, or moved one you held"),
            applies_to=is_guidance_counsellor,
        )

        register_personal_data("guidance", personal_data, covers=PERSONAL_DATA_COVERS)
        register_overview("guidance", guidance_figures)
        register_incentive_measure(
            IncentiveMeasure(
                "e_guidance",
                _("E-guidance answers given by the county's centres in the last 12 months"),
                _("answers"),
                answers_by_county,
            )
        )
