"""CSV downloads: every export the portal offers goes through `csv_response`.

- UTF-8 with a byte-order mark first: without it Excel reads the file in the computer's
  legacy code page and garbles Chinese names.
- Every cell that a spreadsheet would evaluate as a formula (CSV injection) is made text.
- Streamed row by row, and never cached: exports hold people's names and addresses.
"""

import csv
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.http import StreamingHttpResponse

BOM = "\ufeff"
# Excel and LibreOffice evaluate a cell starting with one of these (OWASP, "CSV Injection";
# line feed and NUL from ASVS 1.2.10), and Excel in Chinese and Japanese locales also the
# full-width signs that a Chinese input method types.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "＝", "＋", "－", "＠")


def csv_cell(value):
    """A cell a spreadsheet shows as written: a leading =, +, -, @ (or their full-width
    forms, a tab, carriage return, line feed or NUL), also behind spaces that an import
    set to trim them would remove, gets a ' before it, so Excel or LibreOffice reads text,
    not a formula. Numbers stay numbers (a negative one is no formula)."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    if text.startswith(FORMULA_PREFIXES) or text.lstrip().startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


class _Echo:
    """csv.writer's file: hands each written line back instead of storing it."""

    def write(self, value):
        return value


def csv_lines(rows: Iterable[Iterable]) -> Iterator[str]:
    """The byte-order mark, then each row as one CSV line of safe cells."""
    writer = csv.writer(_Echo())
    yield BOM
    for row in rows:
        yield writer.writerow([csv_cell(cell) for cell in row])


def csv_response(rows: Iterable[Iterable], *, filename: str) -> StreamingHttpResponse:
    """A CSV download of `rows` (a generator is read as the response is sent)."""
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
