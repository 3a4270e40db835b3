"""Writes to the register. Views, the API, commands and tests call these; none rewrites a rule."""

from register.services.account import account_delete
from register.services.affiliation import (
    home_centre_decide,
    home_centre_end,
    home_centre_request,
    home_centre_withdraw,
)
from register.services.certificates import certificate_issue, certificate_revoke_from_source, code_lookup
from register.services.credits import (
    RESUBMITTABLE,
    cpd_create,
    cpd_delete,
    cpd_record_from_source,
    cpd_remove_from_source,
    credit_create,
    credit_delete,
    credit_reject,
    credit_request_information,
    credit_resubmit,
    credit_reverse,
    credit_update,
    credit_verify,
    self_assessment_set,
)
from register.services.organisation import (
    audit_record,
    counsellor_profile_save,
    membership_grant,
    membership_revoke,
    national_role_grant,
    national_role_revoke,
)
from register.services.statements import statement_issue, statement_lookup, statement_revoke

__all__ = [
    "account_delete",
    "audit_record",
    "certificate_issue",
    "certificate_revoke_from_source",
    "code_lookup",
    "counsellor_profile_save",
    "cpd_create",
    "cpd_delete",
    "cpd_record_from_source",
    "cpd_remove_from_source",
    "credit_create",
    "credit_delete",
    "RESUBMITTABLE",
    "credit_reject",
    "credit_request_information",
    "credit_resubmit",
    "credit_reverse",
    "credit_update",
    "credit_verify",
    "home_centre_decide",
    "home_centre_end",
    "home_centre_request",
    "home_centre_withdraw",
    "membership_grant",
    "membership_revoke",
    "national_role_grant",
    "national_role_revoke",
    "self_assessment_set",
    "statement_issue",
    "statement_lookup",
    "statement_revoke",
]
