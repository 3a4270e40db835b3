"""CSV downloads that Norwegian Excel opens as it should."""

import csv
from typing import Any, cast

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def csv_safe(text: Any) -> str:
    """Excel runs cells that start with = + - @ as formulas; a leading apostrophe keeps them text."""
    text = str(text or "")
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def excel_csv_response(filename: str) -> tuple[HttpResponse, Any]:
    """(response, writer): UTF-8 with a byte-order mark and semicolons, as Norwegian Excel reads them."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    # As an attachment the header is always made (None only for inline without a filename).
    disposition = cast(str, content_disposition_header(as_attachment=True, filename=filename))
    response["Content-Disposition"] = disposition
    response.write("\ufeff")
    return response, csv.writer(response, delimiter=";")
