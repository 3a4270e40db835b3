"""A streamed CSV export arrives in pieces of about STREAM_CHUNK characters: never whole, never a line at a time."""

import csv
import io

from django.utils import translation

from core.csv import STREAM_CHUNK, excel_csv_stream


def test_a_long_export_is_sent_in_a_few_pieces_of_many_lines_in_the_language_of_the_request():
    def rows():
        yield ["Navn", "Kommentar"]
        for n in range(5_000):
            yield [f"Person {n}", str(translation.gettext("Yes"))]

    with translation.override("nb"):
        response = excel_csv_stream("eksport.csv", rows())
    with translation.override("en"):  # the server sends it later, in another language's context
        pieces = list(response.streaming_content)

    text = b"".join(pieces).decode("utf-8")
    assert text.startswith("\ufeffNavn;Kommentar\r\n")
    lines = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert len(lines) == 5_001 and lines[-1] == ["Person 4999", "Ja"]
    # Streamed: more than one piece; batched: each piece but the last at least a chunk, far fewer than the lines.
    assert 2 < len(pieces) < 20
    assert all(len(piece) >= STREAM_CHUNK for piece in pieces[:-1])


def test_a_short_export_is_one_piece_with_its_byte_order_mark():
    response = excel_csv_stream("kort.csv", iter([["a", "=1+1"]]))
    assert list(response.streaming_content) == ["\ufeffa;=1+1\r\n".encode()]


def test_no_empty_piece_follows_a_full_one(monkeypatch):
    monkeypatch.setattr("core.csv.STREAM_CHUNK", 4)
    response = excel_csv_stream("kort.csv", iter([["abc"], ["def"]]))
    assert list(response.streaming_content) == ["\ufeffabc\r\n".encode(), b"def\r\n"]
