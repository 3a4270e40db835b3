"""QR codes as inline SVG (segno): a phone's camera opens the link, with no image file to serve or store."""

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str, *, title: str) -> SafeString:
    """An SVG QR code for ``url``, with ``title`` as its accessible name (it is a picture of the link beside it)."""
    svg = segno.make(url, error="m").svg_inline(scale=4, border=2, title=title, svgclass="qr-code", lineclass=None)
    # segno writes the title as an SVG <title> and escapes it; the markup is its own, no user input is in it raw.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308
