"""Documents a counsellor attaches to an application: the competence statement and the certificate of
attendance as PDFs (reportlab).

Each PDF carries what its page shows: the holder, the code, the dates, the link that checks it and the same
link as a QR code; a statement also each verified course with the centre that verified it. What counts is
always the check: the PDF says so, and a revoked or expired statement gets no PDF.
"""

import datetime
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from core.numbers import format_amount
from register.models import AttendanceCertificate, CompetenceArea, CompetenceStatement
from register.selectors.counsellor import audit_text
from register.services.statements import format_code
from register.status import cpd_summary

QR_SIZE = 35 * mm


def _qr(url: str) -> Drawing:
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(QR_SIZE, QR_SIZE, transform=[QR_SIZE / (x1 - x0), 0, 0, QR_SIZE / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def _date(value: str | None) -> str:
    if not value:
        return "–"
    return date_format(datetime.date.fromisoformat(value[:10]))


def _facts(rows: list[tuple[str, str]]) -> Table:
    text = getSampleStyleSheet()["BodyText"]
    return Table([[Paragraph(escape(k), text), Paragraph(escape(v), text)] for k, v in rows], colWidths=[40 * mm, None])


def _check(verify_url: str, lead: str) -> Table:
    text = getSampleStyleSheet()["BodyText"]
    check = Table(
        [[_qr(verify_url), [Paragraph(escape(lead), text), Paragraph(escape(verify_url), text)]]],
        colWidths=[QR_SIZE + 5 * mm, None],
    )
    check.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return check


def _build(title: str, story: list[Any]) -> bytes:
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author="KarriereNorge",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        # Uncompressed and without a timestamp: the same document gives the same bytes, and its text is searchable.
        pageCompression=0,
        invariant=1,
    )
    document.build([Paragraph(escape(title), getSampleStyleSheet()["Title"]), *story])
    return buffer.getvalue()


def certificate_pdf(certificate: AttendanceCertificate, *, verify_url: str, area_names: list[str]) -> bytes:
    """The certificate of attendance as an A4 PDF, in the active language."""
    days = date_format(certificate.starts_on)
    if certificate.ends_on != certificate.starts_on:
        days = f"{days}–{date_format(certificate.ends_on)}"
    rows = [
        (_("Name"), certificate.holder_name),
        (_("Event"), certificate.title),
        (_("Organised by"), certificate.issuer_name),
        (_("Date"), days),
        (_("CPD hours"), format_amount(certificate.hours)),
        (_("Competence areas"), ", ".join(area_names) or "–"),
        (_("Issued"), date_format(timezone.localdate(certificate.created_at))),
        (_("Verification code"), format_code(certificate.code)),
    ]
    lead = _("Check the certificate here, or scan the QR code:")
    note = _("This document is a copy. What counts is the check at the link above.")
    small = getSampleStyleSheet()["Italic"]
    story = [
        _facts(rows),
        Spacer(1, 6 * mm),
        _check(verify_url, lead),
        Spacer(1, 6 * mm),
        Paragraph(escape(note), small),
    ]
    return _build(_("Certificate of attendance"), story)


def _cpd_part(snapshot_status: dict[str, Any], para: Any) -> list[Any]:
    """The professional development hours the statement froze, by evidence level."""
    cpd = cpd_summary(snapshot_status)
    if cpd.hours is None:
        return []
    lines = [
        _("%(have)s of %(need)s hours, counted from %(day)s.")
        % {
            "have": format_amount(cpd.hours),
            "need": format_amount(cpd.required) if cpd.required is not None else "–",
            "day": date_format(cpd.counted_from) if cpd.counted_from else "–",
        }
    ]
    if cpd.levels:
        lines.append(_("By evidence level: %(levels)s") % {"levels": cpd.levels_text})
    if cpd.standing_label:
        lines.append(cpd.standing_label)
    heading = Paragraph(escape(_("Professional development")), getSampleStyleSheet()["Heading2"])
    return [Spacer(1, 6 * mm), heading, *(para(line) for line in lines)]


def statement_pdf(statement: CompetenceStatement, *, verify_url: str, area_names: dict[int, str]) -> bytes:
    """The statement as an A4 PDF, in the active language."""
    styles = getSampleStyleSheet()
    text, small = styles["BodyText"], styles["Italic"]
    snapshot: dict[str, Any] = statement.snapshot or {}
    holder = snapshot.get("holder") or {}

    def para(value: str, style: Any = text) -> Paragraph:
        return Paragraph(escape(value), style)

    facts = _facts(
        [
            (_("Name"), holder.get("name") or statement.holder_name),
            (_("Workplace"), holder.get("workplace_name") or "–"),
            (_("Code"), format_code(statement.code)),
            (_("Issued"), date_format(timezone.localdate(statement.created_at))),
            (_("Valid until"), date_format(statement.expires_on)),
        ]
    )
    check = _check(verify_url, _("Check the statement here, or scan the QR code:"))
    rows = [[para(_("Course")), para(_("Studiepoeng")), para(_("Completed")), para(_("Verified by"))]]
    for entry in snapshot.get("entries") or []:
        areas = ", ".join(area_names.get(number, str(number)) for number in entry.get("areas") or [])
        course = f"{entry.get('title', '')} ({entry.get('institution', '')})"
        verified = ", ".join(v for v in (entry.get("verified_by_centre"), _date(entry.get("verified_at"))) if v)
        if entry.get("audit"):
            verified = f"{verified}. {audit_text(entry['audit'])}"
        rows.append(
            [
                [para(course), para(areas, small)],
                para(format_amount(entry.get("credits"))),
                para(_date(entry.get("completed_on"))),
                para(verified),
            ]
        )
    courses = Table(rows, colWidths=[80 * mm, 25 * mm, 30 * mm, None], repeatRows=1)
    courses.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story = [
        facts,
        Spacer(1, 6 * mm),
        check,
        Spacer(1, 6 * mm),
        Paragraph(escape(_("Courses verified by a career centre when the statement was issued")), styles["Heading2"]),
        courses if len(rows) > 1 else para(_("No verified courses when the statement was issued.")),
        *_cpd_part(snapshot.get("status") or {}, para),
        Spacer(1, 6 * mm),
        para(
            _(
                "This document is a copy. What counts is the check at the link above: it says whether the "
                "statement is still valid or has been revoked."
            ),
            small,
        ),
    ]
    return _build(_("Competence statement"), story)


def statement_pdf_response(statement: CompetenceStatement, *, verify_url: str) -> HttpResponse:
    """The statement's PDF as a download (the page and the API send the same file)."""
    area_names = {area.number: area.name for area in CompetenceArea.objects.all()}
    response = HttpResponse(
        statement_pdf(statement, verify_url=verify_url, area_names=area_names), content_type="application/pdf"
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"kompetanseerklaering-{format_code(statement.code)[:4].lower()}.pdf"
    )
    return response
