from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegisterConfig(AppConfig):
    name = "register"
    verbose_name = _("Competence register")

    def ready(self):
        from accounts.personal_data import register_personal_data
        from core.demo import register_demo_seeder
        from core.navigation import Menu, register_nav
        from core.readiness import register_readiness_check
        from core.status import register_tones
        from notifications.kinds import Delivery, register_kind
        from register import navigation
        from register.attention import register_attention, register_attention_items
        from register.cpd import Standing
        from register.evidence import private_storage_check
        from register.funding import IncentiveMeasure, register_incentive_measure
        from register.management.commands.seed_register_demo import add_demo_arguments, demo_options
        from register.models import AuditOutcome, CreditStatus, EvidenceLevel, EvidenceReview
        from register.overview.figures import attainment_by_county, register_figures
        from register.overview.sections import register_overview
        from register.permissions import has_staff_role, is_counsellor, is_professional, is_verifier
        from register.selectors.personal_data import COVERS, personal_data

        register_demo_seeder("seed_register_demo", order=10, add_arguments=add_demo_arguments, options=demo_options)
        # After the events' and e-guidance demos, whose figures the overview's snapshots hold.
        register_demo_seeder("seed_overview_demo", order=80)
        # Evidence uploads need the private files' storage: /readyz/ checks it can be written.
        register_readiness_check("storage", private_storage_check)

        register_kind("register.membership", _("Changes to your staff roles"), applies_to=has_staff_role)
        register_kind("register.decision", _("Decisions on your credit entries"), applies_to=is_counsellor)
        register_kind(
            "register.to_verify", _("New entries to verify at your centre"), Delivery.DIGEST, applies_to=is_verifier
        )
        register_kind("register.home_centre", _("Home centre requests and changes"), applies_to=is_professional)
        register_kind("register.audit", _("Evidence audits of your entries"), applies_to=is_counsellor)
        register_kind("register.lapse", _("Warnings before you stop meeting the requirement"), applies_to=is_counsellor)

        register_personal_data("register", personal_data, covers=COVERS)
        register_nav(Menu.PUBLIC, "register", navigation.public_items)
        register_nav(Menu.WORKSPACE, "register", navigation.workspace_items)
        # One colour per meaning for the register's states (core.status).
        register_tones(
            "credit",
            {
                CreditStatus.PENDING: "info",
                CreditStatus.NEEDS_INFO: "warning",
                CreditStatus.VERIFIED: "success",
                CreditStatus.REJECTED: "danger",
            },
        )
        register_tones(
            "evidence_level",
            {
                EvidenceLevel.SELF_DECLARED: "neutral",
                EvidenceLevel.EVIDENCED: "success",
                EvidenceLevel.ATTENDED: "success",
            },
        )
        register_tones(
            "evidence_review",
            {EvidenceReview.PENDING: "info", EvidenceReview.VERIFIED: "success", EvidenceReview.DECLINED: "danger"},
        )
        register_tones(
            "standing",
            {
                Standing.MEETS: "success",
                Standing.MEETS_UNTIL: "warning",
                Standing.NOT_YET: "warning",
                Standing.LAPSED: "danger",
                "would_meet": "info",  # not yet, but will once the pending entries are verified
            },
        )
        register_tones(
            "audit",
            {
                AuditOutcome.REQUESTED: "warning",
                AuditOutcome.SUBMITTED: "info",
                AuditOutcome.CONFIRMED: "success",
                AuditOutcome.NOT_CONFIRMED: "danger",
                "unanswered": "danger",
            },
        )
        register_tones("statement", {"valid": "success", "expired": "neutral", "revoked": "danger"})
        register_overview("register", register_figures)
        register_attention("register", register_attention_items)
        register_incentive_measure(
            IncentiveMeasure(
                "attainment", _("Share of the county's counsellors who meet the requirement"), "", attainment_by_county
            )
        )
