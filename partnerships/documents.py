"""The signed document of an agreement, sent to someone the caller has checked may manage it (the page and the
API alike)."""

from django.http import FileResponse, Http404

from partnerships.models import Agreement


def document_response(agreement: Agreement) -> FileResponse:
    """The file as an attachment, with the type found in its content at upload; 404 when there is none."""
    if not agreement.document:
        raise Http404
    try:
        handle = agreement.document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=agreement.document_name or "agreement",
        content_type=agreement.document_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
