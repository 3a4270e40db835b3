"""The register's forms, one module per group of pages (mirroring ``register/views/``).

They only shape input; the services decide. Import them from here.
"""

from register.forms.centre import (
    CreditInfoRequestForm,
    CreditRejectForm,
    CreditReverseForm,
    CreditVerifyForm,
    HomeCentreDecisionForm,
)
from register.forms.counsellor import (
    AccountDeleteForm,
    CPDActivityForm,
    CreditEntryForm,
    CreditResubmitForm,
    HomeCentreRequestForm,
    SelfAssessmentForm,
    StatementIssueForm,
)
from register.forms.organisation import CounsellorProfileForm, MembershipGrantForm
from register.forms.verify import VerifyCodeForm

__all__ = [
    "AccountDeleteForm",
    "CPDActivityForm",
    "CounsellorProfileForm",
    "CreditEntryForm",
    "CreditResubmitForm",
    "CreditInfoRequestForm",
    "CreditRejectForm",
    "CreditReverseForm",
    "CreditVerifyForm",
    "HomeCentreDecisionForm",
    "HomeCentreRequestForm",
    "MembershipGrantForm",
    "SelfAssessmentForm",
    "StatementIssueForm",
    "VerifyCodeForm",
]
