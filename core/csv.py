"""CSV downloads that Norwegian Excel opens as it should."""

import csv

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def csv_safe(text):
    """Excel runs cells that start with = + - @ as formulas; a leading apostrophe keeps them text."""
    text = str(text or "")
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def excel_csv_response(filename):
    """(response, writer): UTF-8 with a byte-order mark and semicolons, as Norwegian Excel reads them."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")
    return response, csv.writer(response, delimiter=";")
