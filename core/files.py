"""Private uploads (evidence, signed agreements) sent to someone the caller has already checked may see them."""

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


def private_file_response(file: FieldFile, *, filename: str, content_type: str, inline: bool = False) -> FileResponse:
    """The file with the type found in its content at upload, as an attachment (or ``inline`` for a preview).

    404 when there is no file or it is gone from storage. FileResponse writes an RFC 6266 Content-Disposition
    (``filename*=UTF-8''`` for non-ASCII names); the answer is never sniffed by a browser nor kept by a cache.
    """
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=not inline, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
