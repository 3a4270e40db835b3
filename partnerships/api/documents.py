"""An agreement's signed document: downloaded, and uploaded (multipart) in place of the one before."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser

from partnerships import services
from partnerships.api.errors import service_errors
from partnerships.api.rows import ROW_FIELDS, current_rows
from partnerships.api.schema import AGREEMENT_ID, NOT_FOUND, TAGS
from partnerships.api.serializers import AgreementSerializer, DocumentUploadSerializer
from partnerships.documents import document_response

DOCUMENT_TYPES = {(200, media): OpenApiTypes.BINARY for media in ("application/pdf", "image/png", "image/jpeg")}


class AgreementDocumentMixin:
    """An agreement's route for its signed document (``AgreementViewSet``)."""

    @extend_schema(
        methods=["GET"],
        summary="Download the signed document",
        description="As an attachment, with the type found in its content. 404 when there is none, or: " + NOT_FOUND,
        tags=TAGS,
        parameters=[AGREEMENT_ID],
        responses=DOCUMENT_TYPES,
    )
    @extend_schema(
        methods=["POST"],
        summary="Upload the signed document (multipart)",
        description="PDF, PNG or JPEG, at most 10 MB, the type read from the content and matching the name's "
        f"extension, as for evidence. Replaces the one before; the history says so. 404: {NOT_FOUND}",
        tags=TAGS,
        parameters=[AGREEMENT_ID],
        request={"multipart/form-data": DocumentUploadSerializer},
        responses=AgreementSerializer,
    )
    @action(detail=True, methods=["get", "post"], filter_backends=[], parser_classes=[MultiPartParser, FormParser])
    def document(self, request, pk=None):
        if request.method == "POST":
            return self._document_upload()
        return document_response(self.get_object())

    def _document_upload(self):
        request = self.request
        agreement = self.get_object()
        incoming = DocumentUploadSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        rows = current_rows(agreement)
        with service_errors(*ROW_FIELDS):
            services.agreement_update(
                agreement=agreement,
                actor=request.user,
                data={},
                document=incoming.validated_data["document"],
                **rows,
            )
        return self._detail(agreement)

    def perform_content_negotiation(self, request, force=False):
        # The download answers any Accept header (a client asking for application/pdf gets the file, and a
        # refusal comes as JSON all the same).
        download = self.action == "document" and request.method == "GET"
        return super().perform_content_negotiation(request, force=force or download)
