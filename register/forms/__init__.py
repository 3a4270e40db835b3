"""The register's forms, one module per group of pages (mirroring ``register/views/``).

They only shape input; the services decide. Import them from here.
"""

from register.forms.centre import (
    AuditDecisionForm,
    AuditDrawForm,
    CreditInfoRequestForm,
    CreditRejectForm,
    CreditReverseForm,
    CreditVerifyForm,
    EvidenceDeclineForm,
    HomeCentreDecisionForm,
)
from register.forms.counsellor import (
    AccountDeleteForm,
    AuditEvidenceForm,
    CPDActivityForm,
    CreditEntryForm,
    CreditResubmitForm,
    HomeCentreRequestForm,
    SelfAssessmentForm,
    StatementIssueForm,
)
from register.forms.organisation import CounsellorProfileForm, MembershipGrantForm
from register.forms.overview import CoverageStandardForm, FundingScenarioForm, PopulationUploadForm
from register.forms.verify import VerifyCodeForm

__all__ = [
    "AccountDeleteForm",
    "AuditDecisionForm",
    "AuditDrawForm",
    "AuditEvidenceForm",
    "CPDActivityForm",
    "CounsellorProfileForm",
    "CoverageStandardForm",
    "FundingScenarioForm",
    "PopulationUploadForm",
    "CreditEntryForm",
    "CreditResubmitForm",
    "CreditInfoRequestForm",
    "CreditRejectForm",
    "CreditReverseForm",
    "CreditVerifyForm",
    "EvidenceDeclineForm",
    "HomeCentreDecisionForm",
    "HomeCentreRequestForm",
    "MembershipGrantForm",
    "SelfAssessmentForm",
    "StatementIssueForm",
    "VerifyCodeForm",
]
