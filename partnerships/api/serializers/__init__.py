"""Serializers for the partnership agreements API, one module per topic: they shape data;
``partnerships.services`` keeps the rules. Import them from here.

Input serializers check only the form of a value (a date, a number, a choice); blank names, an organisation
number's check digit, a negative amount, an end before the start are refused by the services, so the API and
the pages give the same messages (``partnerships.api.errors.service_errors`` puts a row's messages under its
list and position).

Context: ``request`` for the links, and ``clauses`` (the active guideline clauses, read once per request) for
``meets_guidelines``.
"""

from partnerships.api.serializers.agreements import (
    AgreementCreateSerializer,
    AgreementSerializer,
    AgreementSummarySerializer,
    AgreementWriteSerializer,
    DocumentUploadSerializer,
)
from partnerships.api.serializers.clauses import (
    ClauseCheckSerializer,
    ClauseFulfilSerializer,
    GuidelineClauseSerializer,
)
from partnerships.api.serializers.reviews import AgreementChangeSerializer, ReviewSerializer, ReviewWriteSerializer

__all__ = [
    "AgreementChangeSerializer",
    "AgreementCreateSerializer",
    "AgreementSerializer",
    "AgreementSummarySerializer",
    "AgreementWriteSerializer",
    "ClauseCheckSerializer",
    "ClauseFulfilSerializer",
    "DocumentUploadSerializer",
    "GuidelineClauseSerializer",
    "ReviewSerializer",
    "ReviewWriteSerializer",
]
