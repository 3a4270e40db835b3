"""CSV downloads that Norwegian Excel opens as it should."""

import csv
from collections.abc import Iterable, Iterator
from typing import Any, cast

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.http import content_disposition_header


def csv_safe(text: Any) -> str:
    """Excel runs cells that start with = + - @ as formulas; a leading apostrophe keeps them text."""
    text = str(text or "")
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _attachment(filename: str) -> str:
    # As an attachment the header is always made (None only for inline without a filename).
    return cast(str, content_disposition_header(as_attachment=True, filename=filename))


class _Line:
    """A file the csv writer writes one line to, and hands back."""

    def write(self, line: str) -> str:
        return line


def excel_csv_stream(filename: str, rows: Iterable[list[Any]]) -> StreamingHttpResponse:
    """The same file as ``excel_csv_response``, sent as ``rows`` yields its lines: a long export is never held
    whole in memory. The lines are written in the language active now, whenever the server sends them."""
    writer = csv.writer(_Line(), delimiter=";")
    language = translation.get_language()

    def lines() -> Iterator[str]:
        with translation.override(language):
            yield "\ufeff"
            for row in rows:
                yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _attachment(filename)
    return response


def excel_csv_response(filename: str) -> tuple[HttpResponse, Any]:
    """(response, writer): UTF-8 with a byte-order mark and semicolons, as Norwegian Excel reads them."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _attachment(filename)
    response.write("\ufeff")
    return response, csv.writer(response, delimiter=";")
