"""The signed document of an agreement, sent to someone the caller has checked may manage it (the page and the
API alike)."""

from django.http import FileResponse

from core.files import private_file_response
from partnerships.models import Agreement


def document_response(agreement: Agreement) -> FileResponse:
    """The file as an attachment, with the type found in its content at upload; 404 when there is none."""
    return private_file_response(
        agreement.document,
        filename=agreement.document_name or "agreement",
        content_type=agreement.document_type or "application/octet-stream",
    )
