from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnership agreements")

    def ready(self):
        from accounts.personal_data import register_personal_data
        from core.demo import register_demo_seeder
        from core.navigation import Menu, register_nav
        from core.status import register_tones
        from notifications.kinds import register_kind
        from partnerships import navigation
        from partnerships.links import delivery_channel, home_centre_section
        from partnerships.models import AgreementStatus, DeliveryStatus
        from partnerships.overview import partnership_figures
        from partnerships.permissions import works_with_agreements
        from partnerships.selectors import PERSONAL_DATA_COVERS, personal_data
        from register.deliveries import register_delivery_channel
        from register.home_centre_sections import register_home_centre_section
        from register.overview.sections import register_overview
        from register.staff_sections import register_staff_section

        register_staff_section("partnerships", navigation.staff_section)
        register_nav(Menu.WORKSPACE, "partnerships", navigation.workspace_items)
        register_tones(
            "agreement",
            {
                AgreementStatus.DRAFT: "neutral",
                AgreementStatus.ACTIVE: "success",
                AgreementStatus.EXPIRING: "warning",
                AgreementStatus.EXPIRED: "danger",
                AgreementStatus.ENDED: "neutral",
            },
        )
        register_tones(
            "delivery",
            {DeliveryStatus.MET: "success", DeliveryStatus.PARTLY: "warning", DeliveryStatus.NOT_MET: "danger"},
        )
        register_personal_data("partnerships", personal_data, covers=PERSONAL_DATA_COVERS)

        # After the register's centres and people (10) and the other feature apps; before the overview's
        # snapshots (80), which count the agreements too.
        register_demo_seeder("seed_partnerships_demo", order=50, options=lambda options: {"scale": options["scale"]})

        register_kind(
            "partnerships.deadline",
            _("Agreements about to end or to pass their notice deadline"),
            applies_to=works_with_agreements,
        )
        register_kind(
            "partnerships.obligation",
            _("Obligations under an agreement falling due"),
            applies_to=works_with_agreements,
        )

        register_home_centre_section("partnerships", home_centre_section)
        register_delivery_channel(delivery_channel)

        register_overview("partnerships", partnership_figures)
