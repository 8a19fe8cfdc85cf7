"""Real CV documents (PDF and DOCX) built in memory, for the demo data and the tests.

They go through the same upload checks and text extraction as a candidate's own file.
"""

import io

import docx
from fpdf import FPDF


def cv_lines(*, name: str, headline: str = "", skills=(), experience=(), education=()) -> list[str]:
    """The lines of a CV: name, headline, then its Skills, Experience and (if any)
    Education sections, as a candidate lays them out."""
    lines = [name, headline, "", "Skills", ", ".join(skills), "", "Experience", *experience]
    if education:
        lines += ["", "Education", *education]
    return lines


def cv_pdf(**cv) -> bytes:
    """A one-page PDF CV (cv_lines' arguments) with real, extractable text (Latin-1 text
    only: the core fonts)."""
    pdf = FPDF()
    pdf.set_title(f"CV - {cv['name']}")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in cv_lines(**cv):
        pdf.multi_cell(0, 6, line.encode("latin-1", "replace").decode("latin-1"))
        pdf.ln(0)
    return bytes(pdf.output())


def cv_docx(**cv) -> bytes:
    """A DOCX CV with the same text as cv_pdf, any script allowed."""
    document = docx.Document()
    lines = cv_lines(**cv)
    document.add_heading(lines[0], level=1)
    for line in lines[1:]:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
